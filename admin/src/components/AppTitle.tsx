import { BookOutlined } from '@ant-design/icons';
import { Flex, theme } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The app's name and mark; only the mark when the sider is collapsed. (No antd Typography: the login page shows it too.) */
export function AppTitle({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Link to="/" aria-label={t('app.title')}>
      <Flex align="center" gap={token.marginXS}>
        <BookOutlined style={{ fontSize: token.fontSizeHeading4, color: token.colorPrimary }} />
        {!collapsed && (
          <span style={{ color: token.colorText, fontWeight: token.fontWeightStrong, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {t('app.title')}
          </span>
        )}
      </Flex>
    </Link>
  );
}
