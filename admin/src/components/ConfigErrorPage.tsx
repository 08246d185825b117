import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown instead of the app when no Supabase URL and key could be found (outside Refine: no router yet). */
export function ConfigErrorPage({ detail }: { detail: string }) {
  const { t } = useTranslation();
  return <Result status="500" title={t('config.error_title')} subTitle={t('config.error_description')} extra={<code>{detail}</code>} />;
}
