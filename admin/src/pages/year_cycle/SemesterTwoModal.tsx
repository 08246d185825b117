import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { DateItem } from '../../components/DateItem.tsx';
import { useYearClasses, useYearTeachers } from '../../components/useYearData.ts';
import { formatDate } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

interface Change {
  assignment?: string;
  teacher_id?: string;
  reason?: string;
}
interface Values {
  semester2_starts_on: string;
  changes?: Change[];
}
interface Assignment {
  id: string;
  class_id: string;
  subject_id: string;
  teacher_name: string | null;
  subjects: { name: string } | null;
}

/**
 * Bắt đầu học kỳ II (issue 20, item 5; migration 20261205060000_semester_two_start.sql): the semester's start
 * date and the teaching assignments that change for it (a class's subject to another teacher from semester II:
 * semester I stays its teacher's), written together by rpc start_semester_two or not at all.
 */
export function SemesterTwoModal({ year, onClose }: { year: { id: string; code: string; semester1_ends_on: string; semester2_starts_on: string }; onClose: (done?: string) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<{ label: string; message: string }[]>([]);
  const { classes } = useYearClasses(year.id);
  const teachers = useYearTeachers(year.id);
  // The assignments that cover semester II: what can change for it.
  const assignments = useQuery({
    queryKey: ['semester_two_assignments', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.from('teaching_assignments')
        .select('id, class_id, subject_id, teacher_name, subjects(name)')
        .eq('school_year_id', year.id).is('ended_at', null).eq('to_semester', 2);
      if (error) throw error;
      return data as unknown as Assignment[];
    },
  });
  const className = (id: string) => classes.find((c) => c.id === id)?.name ?? '';
  const options = (assignments.data ?? [])
    .map((a) => ({ value: a.id, label: `${className(a.class_id)} — ${a.subjects?.name ?? ''} (${a.teacher_name ?? ''})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));

  const submit = async (v: Values) => {
    setBusy(true);
    setFailure(null);
    setRefusals([]);
    const changes = (v.changes ?? []).map((c) => {
      const a = assignments.data?.find((x) => x.id === c.assignment);
      return { class_id: a?.class_id, subject_id: a?.subject_id, teacher_id: c.teacher_id, reason: c.reason ?? '' };
    });
    const { data, error } = await supabase.rpc('start_semester_two', { p_school_year_id: year.id, p_semester2_starts_on: v.semester2_starts_on, p_changes: changes });
    setBusy(false);
    if (error) return setFailure(errorMessage(error));
    const answer = data as unknown as { started: boolean; semester2_starts_on: string; changed: number; errors: { label: string; message: string }[] };
    if (!answer.started) {
      setFailure(t('year_cycle.semester2.refused'));
      return setRefusals(answer.errors);
    }
    onClose(t('year_cycle.semester2.started', { code: year.code, date: formatDate(answer.semester2_starts_on), count: answer.changed }));
  };

  return (
    <Modal
      open
      width={760}
      title={t('year_cycle.semester2.title', { code: year.code })}
      okText={t('year_cycle.semester2.ok')}
      okButtonProps={{ ...({ 'data-testid': 'semester2-ok' } as Record<string, string>) }}
      confirmLoading={busy}
      onCancel={() => onClose()}
      onOk={() => form.validateFields().then(submit)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('year_cycle.semester2.hint', { date: formatDate(year.semester1_ends_on) })}</Typography.Paragraph>
      {failure && <Alert data-testid="semester2-error" type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      {refusals.length > 0 && (
        <List size="small" data-testid="semester2-refusals" style={{ marginBottom: 12 }} dataSource={refusals}
          renderItem={(r) => <List.Item>{`${r.label}: ${r.message}`}</List.Item>} />
      )}
      <Form form={form} layout="vertical" initialValues={{ semester2_starts_on: year.semester2_starts_on, changes: [] }}>
        <DateItem name="semester2_starts_on" label={t('year_cycle.fields.semester2_starts_on')} />
        <Typography.Text strong>{t('year_cycle.semester2.changes')}</Typography.Text>
        <Form.List name="changes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap data-testid="semester2-change">
                  <Form.Item name={[f.name, 'assignment']} rules={[{ required: true, message: t('year_cycle.semester2.pick_assignment') }]}>
                    <Select showSearch optionFilterProp="label" style={{ width: 280 }} placeholder={t('year_cycle.semester2.assignment')} options={options} data-testid="semester2-assignment" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'teacher_id']} rules={[{ required: true, message: t('year_cycle.semester2.pick_teacher') }]}>
                    <Select showSearch optionFilterProp="label" style={{ width: 200 }} placeholder={t('year_cycle.semester2.teacher')} options={teachers} data-testid="semester2-teacher" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']}>
                    <Input style={{ width: 180 }} placeholder={t('year_cycle.semester2.reason')} data-testid="semester2-reason" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="semester2-add">{t('year_cycle.semester2.add')}</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
