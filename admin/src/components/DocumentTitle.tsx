import { useParsed, useTranslate } from '@refinedev/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Trang chủ | Sổ điện tử": follows the route and the language. */
export function DocumentTitle() {
  const t = useTranslate();
  const { i18n } = useTranslation();
  const { resource } = useParsed();
  const app = t('app.title');
  const page = resource?.name ? t(`menu.${resource.name}`) : null;
  const title = page ? `${page} | ${app}` : app;

  useEffect(() => {
    document.title = title;
  }, [title, i18n.language]);
  return null;
}
