import { Alert, Button, Flex, Form, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { passwordErrorKey, type PasswordErrorKey } from '../../providers/authErrors.ts';
import { useAuth } from '../../providers/auth.tsx';

/**
 * Đặt mật khẩu mới, where a recovery link lands (main.tsx has taken the session out of the URL). The
 * session the link opened may set a new password without the forgotten one; then the user is in.
 * A used or expired link (?error=otp_expired), or no session, offers to ask for a new link.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PasswordErrorKey | null>(null);

  useEffect(() => {
    void auth.getSession().then(({ data }) => setEmail(data.session?.user.email ?? null));
  }, [auth]);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setFailure(null);
    const { error } = await auth.updateUser({ password });
    setBusy(false);
    if (error) return setFailure(passwordErrorKey(error));
    // Said by the signed-in admin once it is loaded (see RouteNotice).
    navigate('/', { replace: true, state: { notice: 'account.password_changed' } });
  };

  const linkBroken = params.has('error') || email === null;
  return (
    <AuthCard
      title={t('reset_password.title')}
      subtitle={email ? t('reset_password.subtitle', { email }) : undefined}
      testId="reset-password"
    >
      {email === undefined && !linkBroken ? (
        <Spin />
      ) : linkBroken ? (
        <Flex vertical gap="middle">
          <Alert data-testid="reset-password-link-error" type="error" showIcon message={t('reset_password.link_invalid')} />
          <Link to="/forgot-password">{t('reset_password.ask_again')}</Link>
        </Flex>
      ) : (
        <Form<{ password: string; confirm: string }>
          layout="vertical"
          requiredMark={false}
          disabled={busy}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setFailure(null)}
        >
          <NewPasswordFields />
          {failure && (
            <Form.Item>
              <Alert data-testid="reset-password-error" type="error" showIcon message={t(failure)} />
            </Form.Item>
          )}
          <Button data-testid="reset-password-submit" type="primary" htmlType="submit" block loading={busy}>
            {t('reset_password.submit')}
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
