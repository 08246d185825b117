import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout, useTranslate } from '@refinedev/core';
import { Button, Flex, Layout, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { Identity } from '../providers/userContext.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RoleTags } from './RoleTags.tsx';

/** Who is signed in (name, school, roles), the language switch and sign-out. */
export function AppHeader() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();

  return (
    <Layout.Header>
      <Flex align="center" justify="flex-end" gap={token.marginMD} wrap style={{ height: '100%' }}>
        {identity && (
          <>
            <Flex vertical align="flex-end" style={{ lineHeight: token.lineHeightSM }}>
              <Typography.Text strong data-testid="header-user-name">
                {identity.name}
              </Typography.Text>
              {identity.orgUnits.length > 0 && (
                <Typography.Text type="secondary" data-testid="header-org-unit">
                  {identity.orgUnits.join(', ')}
                </Typography.Text>
              )}
            </Flex>
            <RoleTags roles={identity.roles} />
          </>
        )}
        <LanguageSwitch />
        <Link to="/account">
          <Button data-testid="header-account" icon={<UserOutlined />}>
            {t('header.account')}
          </Button>
        </Link>
        <Button data-testid="sign-out" icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()}>
          {t('header.sign_out')}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
