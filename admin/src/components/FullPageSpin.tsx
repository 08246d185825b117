import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown while the session is being checked. */
export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" tip={t('common.loading')}>
        <span />
      </Spin>
    </Flex>
  );
}
