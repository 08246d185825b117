import { useTranslate } from '@refinedev/core';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { studentProfileSchema } from '../../shared/studentProfile.ts';
import { DateItem } from '../../components/DateItem.tsx';

type Values = { student_code: string; family_name: string; middle_name: string; given_name: string; gender: 'male' | 'female'; birth_date: string };

/**
 * Thêm học sinh vào lớp: one new student, validated with the shared schema (birth date plausible for the
 * class's grade), written by the same all-or-nothing RPC as the Excel import (student + details +
 * enrolment together).
 */
export function StudentCreateModal({ open, classRow, schoolYearStart, onClose }: { open: boolean; classRow: ClassRow | undefined; schoolYearStart: number | null; onClose: (created: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = (created: boolean) => {
    form.resetFields();
    setError(null);
    onClose(created);
  };
  const submit = async (raw: Values) => {
    if (!classRow || schoolYearStart === null) return;
    const parsed = studentProfileSchema({ grade: classRow.grade, schoolYearStart }).safeParse(raw);
    if (!parsed.success) {
      return form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof Values, errors: [i.message] })));
    }
    setBusy(true);
    const { data, error: rpcError } = await supabase.rpc('import_class_list', { p_class_id: classRow.id, p_rows: [{ row: 1, ...parsed.data }] });
    setBusy(false);
    const answer = data as { imported: number; errors: { message: string }[] } | null;
    if (rpcError || !answer || answer.errors.length > 0) return setError(rpcError ? errorMessage(rpcError) : (answer?.errors[0]?.message ?? t('errors.unknown')));
    message.success(t('enrolments.student_created'));
    close(true);
  };

  return (
    <Modal open={open} title={t('enrolments.add_student', { name: classRow?.name ?? '' })} onCancel={() => close(false)} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="student_code" label={t('students.fields.student_code')} required>
          <Input />
        </Form.Item>
        <Form.Item name="family_name" label={t('students.fields.family_name')} required>
          <Input />
        </Form.Item>
        <Form.Item name="middle_name" label={t('students.fields.middle_name')}>
          <Input />
        </Form.Item>
        <Form.Item name="given_name" label={t('students.fields.given_name')} required>
          <Input />
        </Form.Item>
        <Form.Item name="gender" label={t('students.fields.gender')} required>
          <Select options={[{ value: 'male', label: t('students.genders.male') }, { value: 'female', label: t('students.genders.female') }]} />
        </Form.Item>
        <DateItem name="birth_date" label={t('students.fields.birth_date')} />
      </Form>
    </Modal>
  );
}
