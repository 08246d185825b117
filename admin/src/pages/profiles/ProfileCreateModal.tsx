import { useInvalidate, useTranslate } from '@refinedev/core';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../policies/types.ts';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { callStaffAccounts } from './staffAccountsApi.ts';

// What the admin board may grant (memberships_insert): not officer roles, not BGH (the Phòng/Sở appoints them).
const GRANTABLE = ROLES.filter((r) => !['district_officer', 'province_officer', 'principal', 'vice_principal', 'guardian', 'student'].includes(r));

interface Values {
  email: string;
  full_name: string;
  password?: string;
  roles: Role[];
}

/**
 * Tạo tài khoản cán bộ: the function creates the account, then the admin board grants the chosen roles
 * of the year AS ITSELF (memberships insert, RLS), which also makes the person visible in its lists.
 */
export function ProfileCreateModal({ open, year, onClose }: { open: boolean; year: SchoolYear | null; onClose: () => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generated, setGenerated] = useState<string | null>(null);

  const submit = async (values: Values) => {
    if (!year) return;
    setBusy(true);
    setError(null);
    const created = await callStaffAccounts(supabase, { action: 'create', email: values.email, full_name: values.full_name, password: values.password || undefined, school_id: year.school_id });
    if (!created.ok) {
      setBusy(false);
      return setError(created.message);
    }
    const userId = created.data.user_id;
    if (values.roles.length > 0) {
      const { error: grantError } = await supabase
        .from('memberships')
        .insert(values.roles.map((role) => ({ profile_id: userId, org_unit_id: year.school_id, school_year_id: year.id, role })));
      if (grantError) setError(t('profiles.grant_failed', { message: errorMessage(grantError) }));
    }
    setBusy(false);
    void invalidate({ resource: 'profiles', invalidates: ['list'] });
    void invalidate({ resource: 'memberships', invalidates: ['list'] });
    message.success(t('profiles.created'));
    if (created.data.password) setGenerated(created.data.password);
    else close();
  };

  const close = () => {
    form.resetFields();
    setError(null);
    setGenerated(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('profiles.create')}
      onCancel={close}
      onOk={() => (generated ? close() : form.submit())}
      confirmLoading={busy}
      okText={generated ? t('common.close') : t('common.save')}
      okButtonProps={{ 'data-testid': 'profile-create-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error && <Alert data-testid="profile-create-error" type="error" showIcon message={error} />}
      {generated ? (
        <Alert
          type="success"
          showIcon
          message={t('profiles.created_with_password')}
          description={<Typography.Text copyable code data-testid="profile-generated-password">{generated}</Typography.Text>}
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ roles: ['subject_teacher'] }}>
          <Form.Item name="full_name" label={t('profiles.fields.full_name')} rules={[{ required: true, min: 2, message: t('profiles.rules.full_name') }]}>
            <Input data-testid="profile-full-name" />
          </Form.Item>
          <Form.Item name="email" label={t('profiles.fields.email')} rules={[{ required: true, type: 'email', message: t('profiles.rules.email') }]}>
            <Input data-testid="profile-email" />
          </Form.Item>
          <Form.Item name="password" label={t('profiles.fields.password')} extra={t('profiles.password_hint')} rules={[{ min: 8, message: t('profiles.rules.password') }]}>
            <Input.Password data-testid="profile-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label={t('profiles.fields.roles', { year: year?.code ?? '' })}>
            <Select data-testid="profile-roles" mode="multiple" options={GRANTABLE.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
