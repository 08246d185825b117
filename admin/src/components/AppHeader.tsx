import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout, useTranslate } from '@refinedev/core';
import { Button, Flex, Layout, theme } from 'antd';
import { Link } from 'react-router';
import type { Identity } from '../providers/userContext.ts';
import { AppTitle } from './AppTitle.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RoleTags } from './RoleTags.tsx';

/** The signed-in person's name and school(s); on a phone cut to one line each. */
function WhoIsSignedIn({ identity, compact }: { identity: Identity; compact: boolean }) {
  const { token } = theme.useToken();
  const line = compact ? ({ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' } as const) : undefined;
  return (
    <Flex vertical align={compact ? 'flex-start' : 'flex-end'} style={{ lineHeight: token.lineHeightSM, ...(compact && { minWidth: 0 }) }}>
      <span data-testid="header-user-name" style={{ fontWeight: token.fontWeightStrong, color: token.colorText, ...line }}>
        {identity.name}
      </span>
      {identity.orgUnits.length > 0 && (
        <span data-testid="header-org-unit" style={{ color: token.colorTextSecondary, ...line, ...(compact && { fontSize: token.fontSizeSM }) }}>
          {identity.orgUnits.join(', ')}
        </span>
      )}
    </Flex>
  );
}

/** Tài khoản and Đăng xuất (block buttons in the phone drawer). */
function AccountButtons({ block = false }: { block?: boolean }) {
  const t = useTranslate();
  const { mutate: logout, isPending } = useLogout();
  return (
    <>
      <Link to="/account" style={block ? { display: 'block' } : undefined}>
        <Button data-testid="header-account" icon={<UserOutlined />} block={block}>
          {t('header.account')}
        </Button>
      </Link>
      <Button data-testid="sign-out" icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()} block={block}>
        {t('header.sign_out')}
      </Button>
    </>
  );
}

/**
 * Who is signed in (name, school, roles), the language switch and sign-out. On a phone (`onMenu` given)
 * one row: the menu button, the app's mark and the name; the rest is in the drawer (`AppHeaderDrawerFooter`).
 */
export function AppHeader({ onMenu }: { onMenu?: () => void }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();

  if (onMenu) {
    return (
      <Layout.Header style={{ height: token.controlHeightLG + token.padding, paddingInline: token.paddingSM, lineHeight: 'normal' }}>
        <Flex align="center" gap={token.marginXS} style={{ height: '100%' }}>
          <Button type="text" icon={<MenuOutlined />} aria-label={t('header.menu')} onClick={onMenu} data-testid="header-menu" />
          <AppTitle collapsed />
          {identity && <WhoIsSignedIn identity={identity} compact />}
        </Flex>
      </Layout.Header>
    );
  }
  return (
    <Layout.Header>
      <Flex align="center" justify="flex-end" gap={token.marginMD} wrap style={{ height: '100%' }}>
        {identity && (
          <>
            <WhoIsSignedIn identity={identity} compact={false} />
            <RoleTags roles={identity.roles} />
          </>
        )}
        <LanguageSwitch />
        <AccountButtons />
      </Flex>
    </Layout.Header>
  );
}

/** The phone drawer's foot: the roles, the language switch, Tài khoản and Đăng xuất. */
export function AppHeaderDrawerFooter() {
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  return (
    <Flex vertical gap={token.marginSM}>
      {identity && <RoleTags roles={identity.roles} />}
      <LanguageSwitch />
      <AccountButtons block />
    </Flex>
  );
}
