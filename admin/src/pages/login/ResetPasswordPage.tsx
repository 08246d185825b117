import { useGo, useInvalidateAuthStore, useParsed, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Form, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { passwordErrorKey, type PasswordErrorKey } from '../../providers/authErrors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

/**
 * Đặt mật khẩu mới, where a recovery link lands (main.tsx has taken the session out of the URL). The
 * session the link opened may set a new password without the forgotten one; then the user is in.
 * A used or expired link (?error=otp_expired), or no session, offers to ask for a new link.
 */
export function ResetPasswordPage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const go = useGo();
  const invalidateAuthStore = useInvalidateAuthStore();
  const { message } = App.useApp();
  const { params } = useParsed<{ error?: string }>();
  const [email, setEmail] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PasswordErrorKey | null>(null);

  useEffect(() => {
    void supabase.auth.getSession().then(({ data }) => setEmail(data.session?.user.email ?? null));
  }, [supabase]);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setFailure(null);
    const { error } = await supabase.auth.updateUser({ password });
    setBusy(false);
    if (error) return setFailure(passwordErrorKey(error));
    message.success(t('account.password_changed'));
    await invalidateAuthStore();
    go({ to: '/', type: 'replace' });
  };

  const linkBroken = typeof params?.error === 'string' || email === null;
  return (
    <AuthCard title={t('reset_password.title')} subtitle={email ? t('reset_password.subtitle', { email }) : undefined} testId="reset-password">
      {email === undefined && !linkBroken ? (
        <Spin />
      ) : linkBroken ? (
        <Flex vertical gap="middle">
          <Alert data-testid="reset-password-link-error" type="error" showIcon message={t('reset_password.link_invalid')} />
          <Link to="/forgot-password">{t('reset_password.ask_again')}</Link>
        </Flex>
      ) : (
        <Form<{ password: string; confirm: string }> layout="vertical" requiredMark={false} disabled={busy} onFinish={(v) => void submit(v)} onValuesChange={() => setFailure(null)}>
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
