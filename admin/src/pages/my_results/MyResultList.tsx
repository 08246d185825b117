import { useTranslate } from '@refinedev/core';
import { Typography } from 'antd';

export function MyResultList() {
  const t = useTranslate();
  return <Typography.Title level={3}>{t('my_results.title')}</Typography.Title>;
}
