import { Flex, theme } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppTitle } from './AppTitle.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * The centred card of the signed-out pages (đăng nhập, quên mật khẩu, đặt lại mật khẩu), with the
 * language switch under it; the tab's title names the page. Drawn with the theme's tokens rather than
 * antd's Card and Typography, which bring tabs, menus, tooltips and text areas the login form never uses.
 */
export function AuthCard({ title, subtitle, testId, children }: { title: string; subtitle?: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const documentTitle = `${title} | ${t('app.title')}`;
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={token.marginLG}
      style={{ minHeight: '100vh', padding: token.padding, background: token.colorBgLayout }}
    >
      <main
        data-testid={testId}
        style={{
          width: '100%',
          maxWidth: 420,
          padding: token.paddingLG,
          background: token.colorBgContainer,
          border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
        }}
      >
        <Flex vertical gap={token.marginXS} style={{ marginBottom: token.marginLG }}>
          <AppTitle />
          <h1
            data-testid={`${testId}-title`}
            style={{
              margin: 0,
              color: token.colorTextHeading,
              fontSize: token.fontSizeHeading3,
              fontWeight: token.fontWeightStrong,
              lineHeight: token.lineHeightHeading3,
            }}
          >
            {title}
          </h1>
          {subtitle && <p style={{ margin: 0, color: token.colorTextSecondary }}>{subtitle}</p>}
        </Flex>
        {children}
      </main>
      <LanguageSwitch />
    </Flex>
  );
}
