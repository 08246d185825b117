import { Layout, theme } from 'antd';
import type { ReactNode } from 'react';
import { AppHeader } from './AppHeader.tsx';
import { AppSider } from './AppSider.tsx';

/** The signed-in shell: side menu, header, page. Colours and sizes come from the theme (theme.ts). */
export function AppLayout({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout hasSider style={{ minHeight: '100vh' }}>
      <AppSider />
      <Layout>
        <AppHeader />
        <Layout.Content style={{ padding: token.paddingLG }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
