import { LockOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** At least the auth server's minimum (GoTrue's default, 6); the school's own rule may ask for more. */
export const PASSWORD_MIN_LENGTH = 8;

/** "Mật khẩu mới" and "Nhập lại mật khẩu mới", checked in the form before anything is sent. */
export function NewPasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={t('account.fields.new_password')}
        extra={t('account.hints.new_password', { min: PASSWORD_MIN_LENGTH })}
        rules={[
          { required: true, message: t('account.validation.new_password_required') },
          { min: PASSWORD_MIN_LENGTH, message: t('account.validation.new_password_short', { min: PASSWORD_MIN_LENGTH }) },
        ]}
      >
        <Input.Password data-testid="new-password" prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.fields.confirm_password')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('account.validation.confirm_required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('account.validation.confirm_mismatch'))),
          }),
        ]}
      >
        <Input.Password data-testid="confirm-password" prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
