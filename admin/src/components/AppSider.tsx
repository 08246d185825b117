import { useMenu, useTranslate, type TreeMenuItem } from '@refinedev/core';
import { Flex, Layout, Menu, theme, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
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

/** The side menu: Refine's resources, filtered by the access-control provider. */
export function AppSider() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const { menuItems, selectedKey, defaultOpenKeys } = useMenu();
  const allowed = useAllowedMenuItems(menuItems);

  return (
    <Layout.Sider theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg">
      <Flex align="center" justify={collapsed ? 'center' : 'flex-start'} style={{ height: token.controlHeight * 2, paddingInline: token.padding }}>
        <AppTitle collapsed={collapsed} />
      </Flex>
      <Menu
        data-testid="app-menu"
        mode="inline"
        selectedKeys={selectedKey ? [selectedKey] : []}
        defaultOpenKeys={defaultOpenKeys}
        items={allowed ? toMenuItems(allowed, t) : []}
      />
    </Layout.Sider>
  );
}
