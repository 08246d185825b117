import { LockOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, App, Card, Descriptions, Flex, Form, Input, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { passwordErrorKey, type PasswordErrorKey } from '../../providers/authErrors.ts';
import { useAuth } from '../../providers/auth.tsx';
import type { Identity } from '../../providers/userContext.ts';

interface ChangePasswordValues {
  current_password: string;
  password: string;
  confirm: string;
}

/**
 * Tài khoản: who is signed in, and Đổi mật khẩu with the current password (the auth server refuses a
 * change without it, and counts wrong ones like failed sign-ins). Other sessions are signed out.
 */
export function AccountEdit() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const auth = useAuth();
  const { message } = App.useApp();
  const { data: identity } = useGetIdentity<Identity>();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PasswordErrorKey | null>(null);

  const submit = async ({ current_password, password }: ChangePasswordValues) => {
    setBusy(true);
    setFailure(null);
    const { error } = await auth.updateUser({ password, current_password });
    setBusy(false);
    if (error) return setFailure(passwordErrorKey(error));
    form.resetFields();
    message.success(t('account.password_changed'));
  };

  return (
    <Flex vertical gap={token.marginLG} style={{ maxWidth: 560 }} data-testid="account-page">
      <Card title={t('account.title')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('account.fields.name')}>{identity?.name}</Descriptions.Item>
          <Descriptions.Item label={t('account.fields.email')}>
            <span data-testid="account-email">{identity?.email}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('account.change_password')}>
        <Form<ChangePasswordValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={busy}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => setFailure(null)}
          data-testid="change-password-form"
        >
          <Form.Item
            name="current_password"
            label={t('account.fields.current_password')}
            rules={[{ required: true, message: t('account.validation.current_password_required') }]}
          >
            <Input.Password data-testid="current-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <NewPasswordFields />
          {failure && (
            <Form.Item>
              <Alert data-testid="change-password-error" type="error" showIcon message={t(failure)} />
            </Form.Item>
          )}
          <ActionButton resource="account" action="edit" type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
            {t('account.change_password')}
          </ActionButton>
        </Form>
      </Card>
    </Flex>
  );
}
