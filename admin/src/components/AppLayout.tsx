import { Grid, Layout, theme } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { AppHeader, AppHeaderDrawerFooter } from './AppHeader.tsx';
import { AppDrawer, AppSider } from './AppSider.tsx';

/**
 * The signed-in shell: side menu, header, page. Colours and sizes come from the theme (theme.ts).
 * Below antd's `md` (768 px: a phone) the side menu becomes a drawer opened from a one-row header and
 * the page's padding shrinks, so that a 360 px screen is the page's: nothing may make it scroll sideways
 * (wide tables scroll inside themselves). The page keeps its place in the tree either way, so turning a
 * phone does not remount it (and lose what was typed).
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  // `md` is undefined before the first measure: the desktop shell until the screen is known.
  const phone = Grid.useBreakpoint().md === false;
  const [drawer, setDrawer] = useState(false);
  const openDrawer = useCallback(() => setDrawer(true), []);
  const closeDrawer = useCallback(() => setDrawer(false), []);
  return (
    <Layout hasSider={!phone} style={{ minHeight: '100vh' }} data-layout={phone ? 'phone' : 'desktop'}>
      {!phone && <AppSider />}
      <Layout style={phone ? { minWidth: 0 } : undefined}>
        <AppHeader onMenu={phone ? openDrawer : undefined} />
        <Layout.Content style={phone ? { padding: token.paddingSM, minWidth: 0 } : { padding: token.paddingLG }}>{children}</Layout.Content>
      </Layout>
      {phone && <AppDrawer open={drawer} onClose={closeDrawer} footer={<AppHeaderDrawerFooter />} />}
    </Layout>
  );
}
