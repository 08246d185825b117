// i18next set up for the admin: Vietnamese by default, English on request. The choice persists in
// localStorage; switching also switches dayjs (antd's date pickers) and <html lang>. antd's own locale
// follows in App.tsx (it is React state, via useTranslation).
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../policies/labels.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = 'vi';
const STORAGE_KEY = 'sdt.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage disabled: Vietnamese
  }
}

function applyLanguage(language: Language): void {
  dayjs.locale(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}

export const i18n = i18next.createInstance();
i18n.on('languageChanged', (language) => applyLanguage(isLanguage(language) ? language : DEFAULT_LANGUAGE));

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false, // resources are inline: t() works as soon as this module is loaded
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export function setLanguage(language: Language): Promise<unknown> {
  return i18n.changeLanguage(language);
}
