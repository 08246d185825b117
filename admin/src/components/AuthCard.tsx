import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { AppTitle } from './AppTitle.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The centred card of the signed-out pages (quên mật khẩu, đặt lại mật khẩu), like the login page's. */
export function AuthCard({ title, subtitle, testId, children }: { title: string; subtitle?: string; testId: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" justify="center" gap={token.marginLG} style={{ minHeight: '100vh', padding: token.padding, background: token.colorBgLayout }}>
      <Card style={{ width: '100%', maxWidth: 420 }} data-testid={testId}>
        <Flex vertical gap={token.marginXS}>
          <AppTitle />
          <Typography.Title level={3} data-testid={`${testId}-title`}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        </Flex>
        {children}
      </Card>
      <LanguageSwitch />
    </Flex>
  );
}
