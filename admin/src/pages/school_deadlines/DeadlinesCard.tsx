import { useTranslate } from '@refinedev/core';
import { Alert, App, Card, Form, InputNumber, Select, Space, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { DEFAULT_DEADLINES, WEEKDAYS, deadlinesForm, deadlinesUpsert, type DeadlinesForm } from './deadlines.ts';
import type { DeadlinesState } from './useDeadlines.ts';

interface Props {
  schoolId: string;
  state: DeadlinesState;
  canEdit: boolean;
  onSaved: () => void;
}

/**
 * Thời hạn cập nhật of the school, each explained in one line with its current value. The admin board
 * edits (upsert on the school) when rpc/deadline_rights says so; everybody else reads. Postgres checks
 * the ranges and the rights; a refusal is shown through errorMessage.
 */
export function DeadlinesCard({ schoolId, state, canEdit, onSaved }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeadlinesForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const v = { ...DEFAULT_DEADLINES, ...Form.useWatch([], form) };
  const loadedRow = state.kind === 'loaded' ? state.row : null;

  useEffect(() => {
    if (state.kind === 'loaded') form.setFieldsValue(deadlinesForm(loadedRow));
  }, [form, state.kind, loadedRow]);

  const save = async (values: DeadlinesForm) => {
    setSaving(true);
    setError(null);
    const { error: refused } = await supabase.from('school_deadlines').upsert(deadlinesUpsert(values, schoolId)).select('school_id');
    setSaving(false);
    if (refused) return setError(errorMessage(refused));
    message.success(t('school_deadlines.saved'));
    onSaved();
  };

  const weeks = { min: 1, max: 12, precision: 0 };
  return (
    <Card title={t('school_deadlines.deadlines')} loading={state.kind === 'loading'}>
      {state.kind === 'failed' && <Alert type="error" showIcon message={t('school_deadlines.load_error')} description={state.message} />}
      {!canEdit && <Alert type="info" showIcon message={t('school_deadlines.read_only')} />}
      {error && <Alert type="error" showIcon message={error} data-testid="deadline-error" />}
      <Form form={form} layout="vertical" disabled={!canEdit} initialValues={DEFAULT_DEADLINES} onFinish={(values) => void save(values)}>
        <Form.Item name="profiles_weeks" label={t('school_deadlines.fields.profiles_weeks')} extra={t('school_deadlines.explain.profiles', { n: v.profiles_weeks })} rules={[{ required: true }]}>
          <InputNumber {...weeks} data-testid="deadline-profiles-weeks" />
        </Form.Item>
        <Form.Item name="crosscheck_weeks" label={t('school_deadlines.fields.crosscheck_weeks')} extra={t('school_deadlines.explain.crosscheck', { n: v.crosscheck_weeks })} rules={[{ required: true }]}>
          <InputNumber {...weeks} data-testid="deadline-crosscheck-weeks" />
        </Form.Item>
        <Form.Item
          label={t('school_deadlines.fields.regular_weekday')}
          extra={t('school_deadlines.explain.regular', { time: v.regular_time, weekday: t(`school_deadlines.weekdays.${v.regular_weekday}`) })}
        >
          <Space>
          <Form.Item name="regular_weekday" noStyle rules={[{ required: true }]}>
            <Select data-testid="deadline-regular-weekday" style={{ minWidth: 140 }} popupMatchSelectWidth={false} options={WEEKDAYS.map((d) => ({ value: d, label: t(`school_deadlines.weekdays.${d}`) }))} />
          </Form.Item>
          <Form.Item
            name="regular_time"
            noStyle
            rules={[{ required: true }]}
            getValueProps={(s: string | undefined) => ({ value: s ? dayjs(`2000-01-01T${s}`) : undefined })}
            normalize={(d: dayjs.Dayjs | null) => (d ? d.format('HH:mm') : undefined)}
          >
            <TimePicker format="HH:mm" allowClear={false} aria-label={t('school_deadlines.fields.regular_time')} data-testid="deadline-regular-time" />
          </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="periodic_days" label={t('school_deadlines.fields.periodic_days')} extra={t('school_deadlines.explain.periodic', { n: v.periodic_days })} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} data-testid="deadline-periodic-days" />
        </Form.Item>
        <ActionButton resource="school_deadlines" action="edit" row={{ school_id: schoolId }} allowed={canEdit}
          type="primary" htmlType="submit" loading={saving} data-testid="deadline-save">
          {t('common.save')}
        </ActionButton>
      </Form>
    </Card>
  );
}
