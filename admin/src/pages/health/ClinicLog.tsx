import { PlusOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { vietnameseNameCompare } from '../../components/useYearData.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useCurrentClasses, useHealthWho } from './useHealth.ts';

const OUTCOMES = ['back_to_class', 'sent_home', 'hospital'] as const;
type Outcome = (typeof OUTCOMES)[number];
interface Visit {
  id: string; arrived_at: string; left_at: string | null; complaint: string; findings: string | null; treatment: string | null; medicine: string | null;
  outcome: Outcome; guardian_informed: boolean; students: { full_name: string } | null; classes: { name: string } | null;
}
interface Enrolled { student_id: string; class_id: string; school_year_id: string; students: { full_name: string; student_code: string }; classes: { name: string } }
interface VisitForm {
  student_id: string; arrived_at: Dayjs; left_at?: Dayjs; complaint: string; findings?: string; treatment?: string; medicine?: string;
  outcome: Outcome; guardian_informed?: boolean;
}

/** Sổ khám bệnh tại phòng y tế: the school's visits, newest first, and the form of a new one. */
export function ClinicLog() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { today, schoolOf } = useHealthWho();
  const school = schoolOf('nurse');
  const { year } = useCurrentClasses();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<VisitForm>();
  const visits = useQuery({
    queryKey: ['clinic_visits', school],
    enabled: !!school,
    queryFn: async () => {
      const { data, error } = await supabase.from('clinic_visits')
        .select('id, arrived_at, left_at, complaint, findings, treatment, medicine, outcome, guardian_informed, students(full_name), classes(name)')
        .eq('school_id', school!).order('arrived_at', { ascending: false }).limit(200);
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Visit[];
    },
  });
  // The students of the school this year (the form's search; names ignore diacritics through the label).
  const pupils = useQuery({
    queryKey: ['clinic-pupils', year?.id],
    enabled: open && !!year,
    queryFn: async () => {
      const { data, error } = await supabase.from('enrolments')
        .select('student_id, class_id, school_year_id, students!inner(full_name, student_code), classes!inner(name)')
        .eq('school_year_id', year!.id).is('ended_on', null);
      if (error) throw new Error(errorMessage(error));
      return (data as unknown as Enrolled[]).sort((a, b) => vietnameseNameCompare(a.students.full_name, b.students.full_name));
    },
  });
  const start = () => {
    const now = dayjs();
    form.resetFields();
    form.setFieldsValue({ arrived_at: dayjs(`${today ?? now.format('YYYY-MM-DD')}T${now.format('HH:mm')}`), outcome: 'back_to_class', guardian_informed: false });
    setProblem(undefined);
    setOpen(true);
  };
  const save = async (v: VisitForm) => {
    const e = pupils.data?.find((p) => p.student_id === v.student_id);
    if (!e || !school) return;
    const { error } = await supabase.from('clinic_visits').insert({
      school_id: school, school_year_id: e.school_year_id, class_id: e.class_id, student_id: e.student_id,
      arrived_at: v.arrived_at.toISOString(), left_at: v.left_at?.toISOString() ?? null, complaint: v.complaint,
      findings: v.findings || null, treatment: v.treatment || null, medicine: v.medicine || null, outcome: v.outcome, guardian_informed: !!v.guardian_informed,
    }).select('id').single();
    if (error) return setProblem(errorMessage(error));
    message.success(t('health.clinic.saved'));
    setOpen(false);
    void visits.refetch();
  };
  const isToday = (v: Visit) => today && formatDateTime(v.arrived_at).startsWith(dayjs(today).format('DD/MM/YYYY'));
  return (
    <Flex vertical gap={12}>
      <div>
        <ActionButton resource="health" action="create" row={school ? { school_id: school } : undefined} type="primary" icon={<PlusOutlined />} onClick={start} data-testid="clinic-add">
          {t('health.clinic.add')}
        </ActionButton>
      </div>
      {visits.error ? <Alert type="error" showIcon message={(visits.error as Error).message} /> : null}
      <Table<Visit> data-testid="clinic-visits" rowKey="id" size="small" loading={visits.isLoading} dataSource={visits.data ?? []} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('health.fields.arrived_at'), dataIndex: 'arrived_at', render: (v: string, r) => <>{formatDateTime(v)} {isToday(r) ? <Tag color="blue">{t('health.clinic.today')}</Tag> : null}</> },
          { title: t('health.student'), key: 'student', render: (_, r) => `${r.students?.full_name ?? ''} (${r.classes?.name ?? ''})` },
          { title: t('health.fields.complaint'), dataIndex: 'complaint' },
          { title: t('health.fields.findings'), dataIndex: 'findings' },
          { title: t('health.fields.treatment'), dataIndex: 'treatment' },
          { title: t('health.fields.medicine'), dataIndex: 'medicine' },
          { title: t('health.fields.outcome'), dataIndex: 'outcome', render: (o: Outcome) => t(`health.outcomes.${o}`) },
          { title: t('health.fields.left_at'), dataIndex: 'left_at', render: (v: string | null) => formatDateTime(v) },
          { title: t('health.fields.guardian_informed'), dataIndex: 'guardian_informed', render: (b: boolean) => (b ? t('health.yes') : t('health.no')) },
        ]} />
      <Modal open={open} title={t('health.clinic.add')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'clinic-ok' } as ButtonProps} destroyOnHidden>
        {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="clinic-problem" /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="student_id" label={t('health.student')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('health.clinic.search')} loading={pupils.isLoading} data-testid="clinic-student"
              options={(pupils.data ?? []).map((p) => ({ value: p.student_id, label: `${p.students.full_name} — ${p.classes.name} (${p.students.student_code})` }))} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="arrived_at" label={t('health.fields.arrived_at')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" data-testid="clinic-arrived" />
            </Form.Item>
            <Form.Item name="left_at" label={t('health.fields.left_at')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" data-testid="clinic-left" />
            </Form.Item>
          </Flex>
          <Form.Item name="complaint" label={t('health.fields.complaint')} rules={[{ required: true, whitespace: true }]}><Input data-testid="clinic-complaint" /></Form.Item>
          <Form.Item name="findings" label={t('health.fields.findings')}><Input.TextArea rows={2} data-testid="clinic-findings" /></Form.Item>
          <Form.Item name="treatment" label={t('health.fields.treatment')}><Input.TextArea rows={2} data-testid="clinic-treatment" /></Form.Item>
          <Form.Item name="medicine" label={t('health.fields.medicine')}><Input data-testid="clinic-medicine" /></Form.Item>
          <Form.Item name="outcome" label={t('health.fields.outcome')} rules={[{ required: true }]}>
            <Select data-testid="clinic-outcome" options={OUTCOMES.map((o) => ({ value: o, label: t(`health.outcomes.${o}`) }))} />
          </Form.Item>
          <Form.Item name="guardian_informed" valuePropName="checked"><Checkbox data-testid="clinic-informed">{t('health.fields.guardian_informed')}</Checkbox></Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
