import { useTranslate } from '@refinedev/core';
import { Alert, App, Card, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { NothingChangedError, errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { PERIODS, testDateChanges, testDatesForm, type Period, type TestDateRow } from './deadlines.ts';

interface Props {
  year: SchoolYear;
  rows: TestDateRow[];
  loading: boolean;
  canEdit: boolean;
  onSaved: () => void;
}

type Values = Partial<Record<Period, string>>;

/**
 * Lịch kiểm tra định kì of the year: the date of each periodic test; periodic entries fall due the
 * school's periodic_days after it. The admin board and BGH set, change or clear them.
 */
export function TestDatesCard({ year, rows, loading, canEdit, onSaved }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Reset to the saved dates when they (not merely the array holding them) change.
  const saved = JSON.stringify(testDatesForm(rows));
  useEffect(() => {
    if (loading) return;
    form.resetFields();
    form.setFieldsValue(JSON.parse(saved) as Values);
  }, [form, saved, loading]);

  const save = async (values: Values) => {
    const { upserts, deletes } = testDateChanges(rows, values, year);
    setSaving(true);
    setError(null);
    const written = upserts.length ? await supabase.from('assessment_periods').upsert(upserts, { onConflict: 'school_year_id,period' }).select('id') : null;
    const removed = !written?.error && deletes.length ? await supabase.from('assessment_periods').delete().in('id', deletes).select('id') : null;
    setSaving(false);
    const refused = written?.error ?? removed?.error;
    if (refused) return setError(errorMessage(refused));
    // RLS filters a refused update or delete silently: fewer rows came back than were sent.
    if ((written && (written.data?.length ?? 0) < upserts.length) || (removed && (removed.data?.length ?? 0) < deletes.length)) {
      return setError(new NothingChangedError().message);
    }
    message.success(t('school_deadlines.test_dates_saved'));
    onSaved();
  };

  const outsideYear = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') < year.starts_on || d.format('YYYY-MM-DD') > year.ends_on;
  return (
    <Card title={t('school_deadlines.test_dates')} loading={loading}>
      <Alert type="info" showIcon message={canEdit ? t('school_deadlines.test_dates_help') : t('school_deadlines.test_dates_read_only')} />
      {error && <Alert type="error" showIcon message={error} data-testid="test-dates-error" />}
      <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(values) => void save(values)}>
        {PERIODS.map((p) => (
          <Form.Item
            key={p}
            name={p}
            label={t(`school_deadlines.periods.${p}`)}
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
            normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
            rules={[{ validator: async (_, v: string | undefined) => (v && (v < year.starts_on || v > year.ends_on) ? Promise.reject(new Error(t('school_deadlines.test_date_outside'))) : undefined) }]}
          >
            <DatePicker format="DD/MM/YYYY" placeholder={t('school_deadlines.not_set')} disabledDate={outsideYear} data-testid={`test-date-${p}`} />
          </Form.Item>
        ))}
        <ActionButton resource="school_deadlines" action="edit" row={{ school_id: year.school_id }} allowed={canEdit}
          type="primary" htmlType="submit" loading={saving} data-testid="test-dates-save">
          {t('common.save')}
        </ActionButton>
      </Form>
    </Card>
  );
}
