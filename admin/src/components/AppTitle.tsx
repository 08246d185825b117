import { BookOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Flex, Typography, theme } from 'antd';
import { Link } from 'react-router';

/** The app's name and mark; only the mark when the sider is collapsed. */
export function AppTitle({ collapsed = false }: { collapsed?: boolean }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  return (
    <Link to="/" aria-label={t('app.title')}>
      <Flex align="center" gap={token.marginXS}>
        <BookOutlined style={{ fontSize: token.fontSizeHeading4, color: token.colorPrimary }} />
        {!collapsed && (
          <Typography.Text strong ellipsis>
            {t('app.title')}
          </Typography.Text>
        )}
      </Flex>
    </Link>
  );
}
