import { useTranslate } from '@refinedev/core';
import { Flex, Spin } from 'antd';

/** Shown while the session is being checked. */
export function FullPageSpin() {
  const t = useTranslate();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" tip={t('common.loading')}>
        <span />
      </Spin>
    </Flex>
  );
}
