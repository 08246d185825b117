import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, setLanguage, type Language } from '../i18n/index.ts';

/** Tiếng Việt / English. The choice persists (see i18n/index.ts). */
export function LanguageSwitch() {
  // react-i18next re-renders this on every language change; Refine's useGetLocale keeps its first provider.
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      aria-label={t('language.label')}
      size="small"
      value={isLanguage(i18n.language) ? i18n.language : 'vi'}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(language) => void setLanguage(language)}
    />
  );
}
