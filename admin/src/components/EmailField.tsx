import { MailOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Email", required and checked as an address before anything is sent (đăng nhập, quên mật khẩu). */
export function EmailField({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="email"
      label={t('login.fields.email')}
      rules={[
        { required: true, message: t('login.validation.email_required') },
        { type: 'email', message: t('login.validation.email_invalid') },
      ]}
    >
      <Input data-testid={testId} prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus />
    </Form.Item>
  );
}
