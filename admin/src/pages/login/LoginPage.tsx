import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useGo, useInvalidateAuthStore, useLogin, useParsed, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { AppTitle } from '../../components/AppTitle.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { LoginError, type LoginErrorMessage } from '../../providers/authErrors.ts';
import type { LoginValues } from '../../providers/authProvider.ts';

function reasonOf(error: unknown): LoginErrorMessage {
  if (error instanceof LoginError) return error.reason;
  return { key: 'login.errors.unknown', params: { message: error instanceof Error ? error.message : String(error) } };
}

/**
 * Sign-in with email and password. A failure is explained inside the form (wrong password, too many
 * attempts, server unreachable) rather than in a toast, so it stays next to the fields.
 */
export function LoginPage() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const go = useGo();
  const invalidateAuthStore = useInvalidateAuthStore();
  const { params } = useParsed<{ to?: string }>();
  const [failure, setFailure] = useState<LoginErrorMessage | null>(null);

  // Refine's default onSuccess would also raise a notification; this one only redirects.
  const { mutate: login, isPending } = useLogin<LoginValues>({
    mutationOptions: {
      onSuccess: (result) => {
        if (!result.success) {
          setFailure(reasonOf(result.error));
          return;
        }
        setFailure(null);
        go({ to: typeof params?.to === 'string' ? params.to : (result.redirectTo ?? '/'), type: 'replace' });
        void invalidateAuthStore();
      },
      onError: (error) => setFailure(reasonOf(error)),
    },
  });

  return (
    <Flex vertical align="center" justify="center" gap={token.marginLG} style={{ minHeight: '100vh', padding: token.padding, background: token.colorBgLayout }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical gap={token.marginXS}>
          <AppTitle />
          <Typography.Title level={3} data-testid="login-title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        </Flex>
        <Form<LoginValues>
          data-testid="login-form"
          layout="vertical"
          requiredMark={false}
          disabled={isPending}
          onFinish={(values) => login(values)}
          onValuesChange={() => setFailure(null)}
        >
          <Form.Item
            name="email"
            label={t('login.fields.email')}
            rules={[
              { required: true, message: t('login.validation.email_required') },
              { type: 'email', message: t('login.validation.email_invalid') },
            ]}
          >
            <Input data-testid="login-email" prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.fields.password')} rules={[{ required: true, message: t('login.validation.password_required') }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {failure && (
            <Form.Item>
              <Alert data-testid="login-error" type="error" showIcon message={t(failure.key, failure.params)} />
            </Form.Item>
          )}
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={isPending}>
            {t('login.submit')}
          </Button>
          <Flex justify="center" style={{ marginTop: token.marginSM }}>
            <Link to="/forgot-password" data-testid="login-forgot">
              {t('login.forgot_password')}
            </Link>
          </Flex>
        </Form>
      </Card>
      <LanguageSwitch />
    </Flex>
  );
}
