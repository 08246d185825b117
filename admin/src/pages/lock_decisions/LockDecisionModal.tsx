import { useTranslate } from '@refinedev/core';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { refusalMessage } from '../gradebook_locks/locks.ts';

interface DecisionValues {
  number: string;
  decided_on: string;
  summary: string;
}

/**
 * The principal records a lock decision of the selected year. `decided_by` is the caller (set in SQL);
 * Postgres refuses anybody but a principal of that year, and its message is shown as it is.
 */
export function LockDecisionModal({ year, open, onClose, onSaved }: { year: SchoolYear; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const [saving, setSaving] = useState(false);

  const save = async (values: DecisionValues) => {
    setSaving(true);
    const { error } = await supabase
      .from('lock_decisions')
      .insert({ school_id: year.school_id, school_year_id: year.id, number: values.number.trim(), decided_on: values.decided_on, summary: values.summary.trim() })
      .select('id');
    setSaving(false);
    if (error) return message.error(error.code === '23505' ? t('lock_decisions.exists') : refusalMessage(error, t('lock_decisions.refused')));
    message.success(t('lock_decisions.saved'));
    form.resetFields();
    onSaved();
  };

  return (
    <Modal
      open={open}
      title={t('lock_decisions.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'lock-decision-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="number" label={t('lock_decisions.fields.number')} rules={[{ required: true, whitespace: true, max: 60, message: t('lock_decisions.rules.number') }]}>
          <Input placeholder="25/QĐ-THPT" data-testid="lock-decision-number" />
        </Form.Item>
        <Form.Item
          name="decided_on"
          label={t('lock_decisions.fields.decided_on')}
          rules={[{ required: true, message: t('lock_decisions.rules.decided_on') }]}
          getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
          normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker format="DD/MM/YYYY" data-testid="lock-decision-date" />
        </Form.Item>
        <Form.Item name="summary" label={t('lock_decisions.fields.summary')} rules={[{ required: true, whitespace: true, min: 3, max: 2000, message: t('lock_decisions.rules.summary') }]}>
          <Input.TextArea rows={4} data-testid="lock-decision-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
