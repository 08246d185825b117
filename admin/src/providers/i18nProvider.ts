// Refine's i18nProvider over the app's i18next instance (so Refine's own strings follow the language).
import type { I18nProvider } from '@refinedev/core';
import type { i18n as I18n } from 'i18next';
import { isLanguage, setLanguage } from '../i18n/index.ts';

export function createI18nProvider(i18n: I18n): I18nProvider {
  return {
    // Refine calls both translate(key, defaultMessage) and translate(key, options, defaultMessage).
    translate: (key: string, options?: unknown, defaultMessage?: string) => {
      if (typeof options === 'string') return i18n.t(key, { defaultValue: options });
      const params = options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {};
      return i18n.t(key, { ...params, defaultValue: defaultMessage ?? key });
    },
    changeLocale: (locale: string) => (isLanguage(locale) ? setLanguage(locale) : Promise.resolve()),
    getLocale: () => i18n.language,
  };
}
