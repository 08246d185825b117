import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useList, useTranslate } from '@refinedev/core';
import { Alert, App, Card, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { RELATIONSHIPS, guardianSchema, type GuardianInput } from '../../shared/guardian.ts';

interface GuardianRecord {
  id: string;
  relationship: (typeof RELATIONSHIPS)[number];
  full_name: string;
  occupation: string;
  phone: string | null;
  email: string | null;
}

/**
 * Cha, mẹ, người giám hộ of a student: the list, and for a writer (admin board, current GVCN) adding and
 * editing, validated with the shared zod schema. Guardians are never deleted (no grant).
 */
export function StudentGuardians({ studentId, schoolId, canWrite }: { studentId: string; schoolId: string | undefined; canWrite: boolean }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { result, query } = useList<GuardianRecord>({
    resource: 'guardians',
    pagination: { mode: 'off' },
    filters: [{ field: 'student_id', operator: 'eq', value: studentId }],
    sorters: [{ field: 'relationship', order: 'asc' }],
    meta: { select: 'id, relationship, full_name, occupation, phone, email' },
  });
  // The guardian being edited, or 'new' while adding one.
  const [editing, setEditing] = useState<GuardianRecord | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<GuardianInput>();
  const row = { school_id: schoolId, student_id: studentId };

  const open = (row: GuardianRecord | 'new') => {
    form.resetFields();
    form.setFieldsValue(row === 'new' ? { relationship: undefined, full_name: '', occupation: '', phone: '', email: '' } : { ...row, phone: row.phone ?? '', email: row.email ?? '' });
    setError(null);
    setEditing(row);
  };
  const save = async (raw: GuardianInput) => {
    if (!editing || !schoolId) return;
    const parsed = guardianSchema.safeParse(raw);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof GuardianInput, errors: [i.message] })));
      return;
    }
    const { data, error: apiError } =
      editing === 'new'
        ? await supabase.from('guardians').insert({ ...parsed.data, student_id: studentId, school_id: schoolId }).select('id')
        : await supabase.from('guardians').update(parsed.data).eq('id', editing.id).select('id');
    // The API's refusal as a sentence (errors.ts); an update RLS hid returns no row.
    if (apiError) return setError(errorMessage(apiError));
    if (!data.length) return setError(t('students.refused'));
    message.success(t('guardians.saved'));
    setEditing(null);
    void query.refetch();
  };

  return (
    <Card
      title={t('guardians.title')}
      data-testid="student-guardians"
      extra={
        <ActionButton resource="guardians" action="create" row={row} allowed={canWrite} icon={<PlusOutlined />} onClick={() => open('new')} data-testid="guardian-add">
          {t('guardians.add')}
        </ActionButton>
      }
    >
      <Table<GuardianRecord> dataSource={result.data} loading={query.isLoading} rowKey="id" size="small" pagination={false} locale={{ emptyText: t('guardians.empty') }}>
        <Table.Column<GuardianRecord> key="relationship" title={t('guardians.fields.relationship')} render={(_, g) => t(`guardians.relationships.${g.relationship}`)} />
        <Table.Column dataIndex="full_name" title={t('guardians.fields.full_name')} />
        <Table.Column dataIndex="occupation" title={t('guardians.fields.occupation')} />
        <Table.Column dataIndex="phone" title={t('guardians.fields.phone')} />
        <Table.Column dataIndex="email" title={t('guardians.fields.email')} />
        {canWrite && (
          <Table.Column<GuardianRecord>
            key="actions"
            title={t('common.actions')}
            render={(_, g) => (
              <ActionButton resource="guardians" action="edit" row={row} allowed={canWrite} size="small" icon={<EditOutlined />} onClick={() => open(g)}>
                {t('common.edit')}
              </ActionButton>
            )}
          />
        )}
      </Table>
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'guardians.add' : 'guardians.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        {error && <Alert type="error" showIcon message={error} />}
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="relationship" label={t('guardians.fields.relationship')} required>
            <Select options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`guardians.relationships.${r}`) }))} />
          </Form.Item>
          <Form.Item name="full_name" label={t('guardians.fields.full_name')} required>
            <Input />
          </Form.Item>
          <Form.Item name="occupation" label={t('guardians.fields.occupation')}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('guardians.fields.phone')}>
            <Input placeholder="0912 345 678" inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('guardians.fields.email')}>
            <Input placeholder="ten@example.com" inputMode="email" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
