import { useTranslate } from '@refinedev/core';
import { Typography } from 'antd';

export function CorrectionRequestList() {
  const t = useTranslate();
  return <Typography.Title level={3}>{t('correction_requests.title')}</Typography.Title>;
}
