import { useTranslate } from '@refinedev/core';
import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { SubjectOption } from '../../shared/locks.ts';
import { DECISION_PERIODS, type DecisionPeriod } from '../../components/useLockDecisions.ts';

interface DecisionValues {
  action: 'lock' | 'unlock';
  period?: DecisionPeriod;
  class_id?: string;
  subject_id?: string;
  number: string;
  decided_on: string;
  summary: string;
}

interface Props {
  year: SchoolYear;
  open: boolean;
  classes: ClassRow[];
  subjects: (classId: string | null) => SubjectOption[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * The principal records a decision of the selected year: to lock or to unlock, and what it covers
 * (period, class, subject; empty = all). `decided_by` is the caller (set in SQL); Postgres refuses
 * anybody but a principal of that year; a refusal is shown through errorMessage. The admin board's unlock
 * events must cite an unlock decision covering them.
 */
export function LockDecisionModal({ year, open, classes, subjects, onClose, onSaved }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const [saving, setSaving] = useState(false);
  const classId = Form.useWatch('class_id', form) ?? null;

  const save = async (values: DecisionValues) => {
    setSaving(true);
    const { error } = await supabase
      .from('lock_decisions')
      .insert({
        school_id: year.school_id, school_year_id: year.id, action: values.action, period: values.period ?? null,
        class_id: values.class_id ?? null, subject_id: values.subject_id ?? null,
        number: values.number.trim(), decided_on: values.decided_on, summary: values.summary.trim(),
      })
      .select('id');
    setSaving(false);
    if (error) return message.error(error.code === '23505' ? t('lock_decisions.exists') : errorMessage(error));
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
      <Form form={form} layout="vertical" initialValues={{ action: 'lock' }} onFinish={(v) => void save(v)}>
        <Form.Item name="action" label={t('lock_decisions.fields.action')} rules={[{ required: true }]}>
          <Radio.Group data-testid="lock-decision-action" optionType="button"
            options={(['lock', 'unlock'] as const).map((a) => ({ value: a, label: t(`lock_decisions.actions.${a}`) }))} />
        </Form.Item>
        <Form.Item name="period" label={t('lock_decisions.fields.period')} extra={t('lock_decisions.scope_help')}>
          <Select data-testid="lock-decision-period" allowClear placeholder={t('lock_decisions.periods.year')}
            options={DECISION_PERIODS.map((p) => ({ value: p, label: t(`lock_decisions.periods.${p}`) }))} />
        </Form.Item>
        <Form.Item name="class_id" label={t('gradebook_locks.fields.class')}>
          <Select data-testid="lock-decision-class" allowClear showSearch optionFilterProp="label" placeholder={t('gradebook_locks.all_classes')}
            onChange={() => form.setFieldValue('subject_id', undefined)} options={classes.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="subject_id" label={t('gradebook_locks.fields.subject')}>
          <Select data-testid="lock-decision-subject" allowClear showSearch optionFilterProp="label" placeholder={t('gradebook_locks.all_subjects')}
            options={subjects(classId).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
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
