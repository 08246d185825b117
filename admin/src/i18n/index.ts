// i18next set up for the admin: Vietnamese by default, English on request. The choice persists in
// localStorage; switching also switches dayjs (antd's date pickers) and <html lang>. antd's own locale
// follows in Shell.tsx (it is React state, via useTranslation). Vietnamese is inline; English is a chunk
// of its own, fetched before the switch (and before the first render when it was the stored choice),
// so the login form does not carry a language most users never read.
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../policies/labels.ts';
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
}

function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}

export const i18n = i18next.createInstance();
i18n.on('languageChanged', (language) => applyLanguage(isLanguage(language) ? language : DEFAULT_LANGUAGE));

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  partialBundledLanguages: true,
  lng: DEFAULT_LANGUAGE, // the stored choice is applied by loadStoredLanguage() once its messages are here
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false, // resources are inline: t() works as soon as this module is loaded
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Makes `language`'s messages available (English is fetched once). */
async function loadMessages(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  if (language === 'en') {
    const { en } = await import('./en.ts');
    i18n.addResourceBundle('en', 'translation', en);
  }
}

/** Switches to `language`, fetching its messages first: no screen ever shows keys or half a language. */
export async function setLanguage(language: Language): Promise<void> {
  await loadMessages(language);
  await i18n.changeLanguage(language);
  storeLanguage(language);
}

/** At start-up: the user's stored language, ready before the first render (Vietnamese if English fails to load). */
export async function loadStoredLanguage(): Promise<void> {
  const language = storedLanguage();
  if (language === DEFAULT_LANGUAGE) return;
  try {
    await setLanguage(language);
  } catch (error) {
    console.warn('English messages could not be loaded; showing Vietnamese', error);
  }
}
