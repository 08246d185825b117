import { Alert, Button, Flex, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard.tsx';
import { EmailField } from '../../components/EmailField.tsx';
import { passwordErrorKey, type PasswordErrorKey } from '../../providers/authErrors.ts';
import { useAuth } from '../../providers/auth.tsx';

/** Where the mailed link brings the user back: this admin, whatever path it is served under. */
export function adminBaseUrl(location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return `${location.origin}${location.pathname}`;
}

/**
 * Quên mật khẩu: asks the auth server to mail a recovery link (auth-js resetPasswordForEmail).
 * The answer is the same whether or not the address has an account, so the page says "if".
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<PasswordErrorKey | null>(null);

  const submit = async ({ email }: { email: string }) => {
    setBusy(true);
    setFailure(null);
    const { error } = await auth.resetPasswordForEmail(email.trim(), { redirectTo: adminBaseUrl() });
    setBusy(false);
    if (error) return setFailure(passwordErrorKey(error));
    setSent(true);
  };

  return (
    <AuthCard title={t('forgot_password.title')} subtitle={t('forgot_password.subtitle')} testId="forgot-password">
      {sent ? (
        <Alert data-testid="forgot-password-sent" type="success" showIcon message={t('forgot_password.sent')} />
      ) : (
        <Form<{ email: string }>
          layout="vertical"
          requiredMark={false}
          disabled={busy}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setFailure(null)}
        >
          <EmailField testId="forgot-password-email" />
          {failure && (
            <Form.Item>
              <Alert data-testid="forgot-password-error" type="error" showIcon message={t(failure)} />
            </Form.Item>
          )}
          <Button data-testid="forgot-password-submit" type="primary" htmlType="submit" block loading={busy}>
            {t('forgot_password.submit')}
          </Button>
        </Form>
      )}
      <Flex justify="center">
        <Link to="/login" data-testid="back-to-login">
          {t('forgot_password.back_to_login')}
        </Link>
      </Flex>
    </AuthCard>
  );
}
