import { useTranslate } from '@refinedev/core';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { decisionLabel, type LockDecisionRow } from '../../components/useLockDecisions.ts';
import { LOCK_SEMESTERS, lockInsert, type LockFormValues, type SubjectOption } from '../../shared/locks.ts';

interface Props {
  year: SchoolYear;
  open: boolean;
  classes: ClassRow[];
  subjects: (classId: string | null) => SubjectOption[];
  decisions: LockDecisionRow[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * The admin board adds a lock or unlock event, citing the principal's decision (an unlock: an unlock
 * decision, the only ones offered). Postgres checks the rights, the decision's kind and scope; a refusal
 * is shown through errorMessage.
 */
export function LockFormModal({ year, open, classes, subjects, decisions, onClose, onSaved }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<LockFormValues>();
  const [saving, setSaving] = useState(false);
  const classId = Form.useWatch('class_id', form) ?? null;
  const action = (Form.useWatch('action', form) ?? 'lock') as LockFormValues['action'];
  // An unlock cites only an unlock decision (Postgres refuses a lock decision); a lock (or the relock
  // that closes an unlock) any decision covering its scope.
  const citable = action === 'unlock' ? decisions.filter((d) => d.action === 'unlock') : decisions;

  const save = async (values: LockFormValues) => {
    setSaving(true);
    const { error } = await supabase.from('gradebook_locks').insert(lockInsert(values, year)).select('id');
    setSaving(false);
    if (error) return message.error(errorMessage(error));
    message.success(t(values.action === 'lock' ? 'gradebook_locks.locked_done' : 'gradebook_locks.unlocked_done'));
    form.resetFields();
    onSaved();
  };

  return (
    <Modal
      open={open}
      title={t('gradebook_locks.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: decisions.length === 0, 'data-testid': 'lock-save' }}
      destroyOnHidden
    >
      <Alert
        type={decisions.length ? 'info' : 'warning'}
        showIcon
        data-testid="lock-decision-help"
        message={t('gradebook_locks.decision_help')}
        description={decisions.length ? undefined : <>{t('gradebook_locks.no_decisions')} <Link to="/lock_decisions">{t('gradebook_locks.go_to_decisions')}</Link></>}
      />
      <Form form={form} layout="vertical" initialValues={{ action: 'lock' }} onFinish={(v) => void save(v)}>
        <Form.Item name="semester" label={t('gradebook_locks.fields.semester')} rules={[{ required: true, message: t('gradebook_locks.rules.semester') }]}>
          <Select data-testid="lock-semester" options={LOCK_SEMESTERS.map((s) => ({ value: s, label: t(`gradebook_locks.semesters.${s}`) }))} />
        </Form.Item>
        <Form.Item name="class_id" label={t('gradebook_locks.fields.class')} extra={t('gradebook_locks.scope_help')}>
          <Select
            data-testid="lock-class"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('gradebook_locks.all_classes')}
            onChange={() => form.setFieldValue('subject_id', undefined)}
            options={classes.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="subject_id" label={t('gradebook_locks.fields.subject')}>
          <Select
            data-testid="lock-subject"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('gradebook_locks.all_subjects')}
            options={subjects(classId).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="action" label={t('gradebook_locks.fields.action')} rules={[{ required: true, message: t('gradebook_locks.rules.action') }]}>
          <Radio.Group data-testid="lock-action" optionType="button" onChange={() => form.setFieldValue('decision_id', undefined)} options={[{ value: 'lock', label: t('gradebook_locks.actions.lock') }, { value: 'unlock', label: t('gradebook_locks.actions.unlock') }]} />
        </Form.Item>
        <Form.Item name="decision_id" label={t('gradebook_locks.fields.decision')} rules={[{ required: true, message: t('gradebook_locks.rules.decision') }]}
          extra={action === 'unlock' && citable.length === 0 ? t('gradebook_locks.no_unlock_decisions') : undefined}>
          <Select
            data-testid="lock-decision"
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={false}
            options={citable.map((d) => ({ value: d.id, label: `${t(`lock_decisions.actions.${d.action}`)}: ${decisionLabel(d, t)} — ${d.summary}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('gradebook_locks.fields.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="lock-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
