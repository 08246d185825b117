import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout, useTranslate } from '@refinedev/core';
import { Button, Flex, Layout, theme } from 'antd';
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
              <span data-testid="header-user-name" style={{ fontWeight: token.fontWeightStrong, color: token.colorText }}>
                {identity.name}
              </span>
              {identity.orgUnits.length > 0 && (
                <span data-testid="header-org-unit" style={{ color: token.colorTextSecondary }}>
                  {identity.orgUnits.join(', ')}
                </span>
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
