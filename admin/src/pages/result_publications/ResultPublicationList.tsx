import { useTranslate } from '@refinedev/core';
import { Typography } from 'antd';

export function ResultPublicationList() {
  const t = useTranslate();
  return <Typography.Title level={3}>{t('result_publications.title')}</Typography.Title>;
}
