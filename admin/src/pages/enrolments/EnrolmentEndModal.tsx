import { useDataProvider, useTranslate } from '@refinedev/core';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAppToday } from '../../components/useAppToday.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

export type EndAction = 'class_change' | 'transfer_out' | 'dropout';

export interface OpenEnrolment {
  id: string;
  class_id: string;
  started_on: string;
  full_name: string;
}

/**
 * Ends an enrolment with a date and a reason (never deletes it): class change (atomic RPC that also
 * opens the new enrolment), transfer out (destination school in the note) or dropout.
 */
export function EnrolmentEndModal({ action, enrolment, classes, onDone }: { action: EndAction | null; enrolment: OpenEnrolment | null; classes: ClassRow[]; onDone: (changed: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const dataProvider = useDataProvider();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: dayjs.Dayjs; class_id?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  // The modal is destroyed when hidden, so each opening starts on the app's today (pinned in the demo).
  const today = useAppToday();

  const submit = async (values: { on: dayjs.Dayjs; class_id?: string; note?: string }) => {
    if (!enrolment || !action) return;
    setBusy(true);
    const on = values.on.format('YYYY-MM-DD');
    // Ending goes through the data provider, which refuses a write RLS filtered to zero rows.
    const error =
      action === 'class_change'
        ? (await supabase.rpc('change_class', { p_enrolment_id: enrolment.id, p_class_id: values.class_id ?? null, p_on: on, p_note: values.note ?? null })).error
        : await dataProvider()
            .update({ resource: 'enrolments', id: enrolment.id, variables: { ended_on: on, end_reason: action, end_note: values.note?.trim() || null } })
            .then(() => null, (e: unknown) => e);
    setBusy(false);
    if (error) return message.error(errorMessage(error));
    message.success(t('enrolments.saved'));
    form.resetFields();
    onDone(true);
  };

  return (
    <Modal
      open={!!action}
      title={action ? `${t(`enrolments.actions.${action}`)} — ${enrolment?.full_name ?? ''}` : ''}
      onCancel={() => onDone(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ on: today ? dayjs(today) : undefined }} onFinish={(v) => void submit(v)}>
        <Form.Item name="on" label={t('enrolments.fields.ended_on')} rules={[{ required: true, message: t('enrolments.rules.date') }]}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => !!enrolment && d.isBefore(dayjs(enrolment.started_on), 'day')} />
        </Form.Item>
        {action === 'class_change' && (
          <Form.Item name="class_id" label={t('enrolments.target_class')} rules={[{ required: true, message: t('enrolments.rules.class') }]}>
            <Select options={classes.filter((c) => c.id !== enrolment?.class_id).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t(action === 'transfer_out' ? 'enrolments.fields.destination' : 'enrolments.fields.end_note')}
          rules={action === 'class_change' ? [] : [{ required: true, message: t('enrolments.rules.note') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
