import { useTranslate } from '@refinedev/core';
import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** A full-page answer when a page is refused (403) or does not exist (404). */
export function PageResult({ status }: { status: 403 | 404 }) {
  const t = useTranslate();
  return (
    <Result
      status={status}
      title={status}
      subTitle={t(status === 403 ? 'access.denied' : 'access.not_found')}
      extra={
        <Link to="/">
          <Button type="primary">{t('access.back_home')}</Button>
        </Link>
      }
    />
  );
}
