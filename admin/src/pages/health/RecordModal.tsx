import { useTranslate } from '@refinedev/core';
import { Alert, type ButtonProps, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

export type BookTable = 'health_books' | 'health_conditions' | 'health_allergies' | 'health_vaccinations';
type FieldKind = 'text' | 'textarea' | 'severity' | 'date' | 'number' | 'bool';
export const BOOK_FIELDS: Record<BookTable, [string, FieldKind][]> = {
  health_books: [['disabilities', 'textarea'], ['special_needs', 'textarea']],
  health_conditions: [['name', 'text'], ['icd10', 'text'], ['severity', 'severity'], ['triggers', 'textarea'], ['action_plan', 'textarea'], ['active', 'bool'], ['noted_on', 'date']],
  health_allergies: [['agent', 'text'], ['reaction', 'text'], ['severity', 'severity'], ['action_plan', 'textarea']],
  health_vaccinations: [['vaccine', 'text'], ['dose', 'number'], ['given_on', 'date']],
};
const LABEL_KEY: Record<string, string> = { noted_on: 'date' };

export interface BookRecord { id?: string; version?: number; [field: string]: unknown }

/**
 * Adds or edits one row of the book's general part (the nurse): insert, or update by id and the version
 * read. The database's refusal (a severe case without its action plan, an ICD-10 code) stays in the form.
 */
export function RecordModal({ table, record, school, student, onClose }: {
  table: BookTable; record: BookRecord | null; school: string; student: string; onClose: (saved: boolean) => void;
}) {
  const t = useTranslate();
  const supabase = useSupabase();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [problem, setProblem] = useState<string>();
  const fields = BOOK_FIELDS[table];
  useEffect(() => {
    const init: Record<string, unknown> = {};
    for (const [f, kind] of fields) {
      const v = record?.[f];
      init[f] = kind === 'date' ? (v ? dayjs(v as string) : undefined) : kind === 'bool' ? (v ?? true) : kind === 'severity' ? (v ?? 'moderate') : v;
    }
    form.setFieldsValue(init as never);
  }, [form, fields, record]);
  const save = async (values: Record<string, unknown>) => {
    const row: Record<string, unknown> = {};
    for (const [f, kind] of fields) {
      const v = values[f];
      row[f] = kind === 'date' ? (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null) : kind === 'bool' ? !!v : v === '' || v === undefined ? null : v;
    }
    // Each table's own typed write; the shape is the fields listed above.
    const q = supabase.from(table) as unknown as {
      insert: (r: object) => { select: (c: string) => { single: () => Promise<{ error: unknown }> } };
      update: (r: object) => { eq: (c: string, v: unknown) => { eq: (c: string, v: unknown) => { select: (c: string) => { single: () => Promise<{ error: unknown }> } } } };
    };
    const { error } = record?.id
      ? await q.update(row).eq('id', record.id).eq('version', record.version).select('id').single()
      : await q.insert({ ...row, school_id: school, student_id: student }).select('id').single();
    if (error) return setProblem(errorMessage(error));
    onClose(true);
  };
  return (
    <Modal open title={t(record?.id ? 'health.book.edit' : 'health.book.add')} onCancel={() => onClose(false)} onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'record-ok' } as ButtonProps} destroyOnHidden>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="record-problem" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        {fields.map(([f, kind]) => (
          <Form.Item key={f} name={f} label={kind === 'bool' ? undefined : t(`health.fields.${LABEL_KEY[f] ?? f}`)} valuePropName={kind === 'bool' ? 'checked' : 'value'}
            rules={['name', 'agent', 'vaccine'].includes(f) ? [{ required: true, whitespace: true }] : undefined}>
            {kind === 'textarea' ? <Input.TextArea rows={3} data-testid={`record-${f}`} />
              : kind === 'severity' ? <Select data-testid={`record-${f}`} options={(['mild', 'moderate', 'severe'] as const).map((s) => ({ value: s, label: t(`health.severities.${s}`) }))} />
              : kind === 'date' ? <DatePicker format="DD/MM/YYYY" />
              : kind === 'number' ? <InputNumber min={1} max={10} />
              : kind === 'bool' ? <Checkbox>{t(`health.fields.${f}`)}</Checkbox>
              : <Input data-testid={`record-${f}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
