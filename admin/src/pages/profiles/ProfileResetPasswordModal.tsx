import { useTranslate } from '@refinedev/core';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import { callStaffAccounts } from './staffAccountsApi.ts';

/** Đặt lại mật khẩu of a person of the school (the function refuses anybody else). */
export function ProfileResetPasswordModal({ person, onClose }: { person: { id: string; full_name: string } | null; onClose: () => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const submit = async ({ password }: { password: string }) => {
    if (!person) return;
    setBusy(true);
    const result = await callStaffAccounts(supabase, { action: 'reset_password', user_id: person.id, password });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    message.success(t('profiles.reset_done'));
    close();
  };

  return (
    <Modal open={!!person} title={t('profiles.reset_password_of', { name: person?.full_name ?? '' })} onCancel={close} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('profiles.fields.password')} rules={[{ required: true, min: 8, message: t('profiles.rules.password') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
