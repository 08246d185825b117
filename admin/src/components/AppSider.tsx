import { useMenu, useTranslate, type TreeMenuItem } from '@refinedev/core';
import { Drawer, Flex, Layout, Menu, theme, type MenuProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { AppTitle } from './AppTitle.tsx';
import { useAllowedMenuItems } from './useAllowedMenuItems.ts';

type Translate = ReturnType<typeof useTranslate>;

function toMenuItems(items: readonly TreeMenuItem[], t: Translate): NonNullable<MenuProps['items']> {
  return items.map((item) => {
    const label = t(`menu.${item.name}`);
    return item.children.length > 0
      ? { key: item.key, icon: item.icon, label, children: toMenuItems(item.children, t) }
      : {
          key: item.key,
          icon: item.icon,
          label: (
            <Link to={item.route ?? '/'} data-testid={`menu-${item.name}`}>
              {label}
            </Link>
          ),
        };
  });
}

/** Refine's resources as a menu, filtered by the access-control provider: the sider's and the phone drawer's. */
function AppMenu({ onNavigate, style }: { onNavigate?: () => void; style?: MenuProps['style'] }) {
  const t = useTranslate();
  const { menuItems, selectedKey, defaultOpenKeys } = useMenu();
  const allowed = useAllowedMenuItems(menuItems);
  return (
    <Menu
      data-testid="app-menu"
      mode="inline"
      selectedKeys={selectedKey ? [selectedKey] : []}
      defaultOpenKeys={defaultOpenKeys}
      items={allowed ? toMenuItems(allowed, t) : []}
      onClick={onNavigate}
      style={style}
    />
  );
}

/** The side menu (tablet and desktop); it collapses to its icons below antd's `lg`. */
export function AppSider() {
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout.Sider theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg">
      <Flex align="center" justify={collapsed ? 'center' : 'flex-start'} style={{ height: token.controlHeight * 2, paddingInline: token.padding }}>
        <AppTitle collapsed={collapsed} />
      </Flex>
      <AppMenu />
    </Layout.Sider>
  );
}

/**
 * On a phone the menu is a drawer from the left, opened from the header: a sider, even collapsed to its
 * icons, would take a quarter of a 360 px screen. It closes when a page is picked (or the route changes
 * otherwise). `footer`: what the phone header has no room for (roles, language, account, sign-out).
 */
export function AppDrawer({ open, onClose, footer }: { open: boolean; onClose: () => void; footer: ReactNode }) {
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  useEffect(onClose, [pathname, onClose]);
  return (
    <Drawer
      data-testid="app-drawer"
      placement="left"
      open={open}
      onClose={onClose}
      width={token.controlHeight * 9}
      title={<AppTitle />}
      styles={{ body: { padding: 0 } }}
      footer={footer}
    >
      <AppMenu onNavigate={onClose} style={{ borderInlineEnd: 'none' }} />
    </Drawer>
  );
}
