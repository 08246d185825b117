import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard.tsx';
import { EmailField } from '../../components/EmailField.tsx';
import { forgetSignOut, signIn, useAuth, type LoginValues } from '../../providers/auth.tsx';
import type { LoginErrorMessage } from '../../providers/authErrors.ts';

/**
 * Sign-in with email and password. A failure is explained inside the form (wrong password, too many
 * attempts, server unreachable) rather than in a toast, so it stays next to the fields. Signed in, the
 * user goes to the page they had asked for (`?to=`), else home.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginErrorMessage | null>(null);
  // Landed here after signing out: a page opened from now on is asked for anew (and returned to).
  useEffect(forgetSignOut, []);

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setFailure(null);
    const reason = await signIn(auth, values).catch((error: unknown): LoginErrorMessage => ({
      key: 'login.errors.unknown',
      params: { message: error instanceof Error ? error.message : String(error) },
    }));
    setBusy(false);
    if (reason) return setFailure(reason);
    const to = params.get('to');
    navigate(to?.startsWith('/') ? to : '/', { replace: true });
  };

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')} testId="login">
      <Form<LoginValues>
        data-testid="login-form"
        layout="vertical"
        requiredMark={false}
        disabled={busy}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
      >
        <EmailField testId="login-email" />
        <Form.Item
          name="password"
          label={t('login.fields.password')}
          rules={[{ required: true, message: t('login.validation.password_required') }]}
        >
          <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {failure && (
          <Form.Item>
            <Alert data-testid="login-error" type="error" showIcon message={t(failure.key, failure.params)} />
          </Form.Item>
        )}
        <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
        <Flex justify="center" style={{ marginTop: token.marginSM }}>
          <Link to="/forgot-password" data-testid="login-forgot">
            {t('login.forgot_password')}
          </Link>
        </Flex>
      </Form>
    </AuthCard>
  );
}
