import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useHealthWho } from './useHealth.ts';
import { RecordModal, type BookRecord, type BookTable } from './RecordModal.tsx';

type Row = BookRecord & Record<string, unknown>;
export interface Book {
  student: { id: string; full_name: string; student_code: string; gender: string | null; birth_date: string | null; class_name: string | null };
  logged: boolean;
  book: Row | null;
  conditions: Row[]; allergies: Row[]; vaccinations: Row[]; measurements: Row[]; screenings: Row[]; clinic_visits: Row[]; notices: Row[];
}
export type BookMode = 'nurse' | 'bgh' | 'family';

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '');

/** rpc health_book (BGH's read is logged by the database: read once per opening, never refetched behind the reader's back). */
export function useHealthBook(studentId: string | undefined) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['health_book', studentId],
    enabled: !!studentId,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('health_book', { p_student_id: studentId! });
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Book;
    },
  });
}

function Rows({ rows, columns, testId }: { rows: Row[]; columns: { title: string; render: (r: Row) => ReactNode }[]; testId: string }) {
  const t = useTranslate();
  return (
    <Table<Row> data-testid={testId} rowKey={(r) => str(r.id)} size="small" pagination={false} dataSource={rows} scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.book.empty')} /> }}
      columns={columns.map((c, i) => ({ key: i, title: c.title, render: (_: unknown, r: Row) => c.render(r) }))} />
  );
}

/** Sổ theo dõi sức khỏe of one student, in tabs; the nurse adds and edits the general part, the family acknowledges notices. */
export function HealthBook({ studentId, mode }: { studentId: string; mode: BookMode }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const book = useHealthBook(studentId);
  const { schoolOf } = useHealthWho();
  const [editing, setEditing] = useState<{ table: BookTable; record: BookRecord | null }>();
  if (book.isLoading) return <Spin />;
  if (book.error) return <Alert type="error" showIcon message={(book.error as Error).message} data-testid="health-book-error" />;
  const b = book.data!;
  const school = schoolOf('nurse') ?? str(b.book?.school_id ?? '');
  const sev = (r: Row) => <Tag color={r.severity === 'severe' ? 'red' : r.severity === 'mild' ? 'default' : 'orange'}>{t(`health.severities.${str(r.severity)}`)}</Tag>;
  const editBtn = (table: BookTable, record: BookRecord | null, testId: string) => mode === 'nurse' ? (
    <ActionButton resource="health" action={record ? 'edit' : 'create'} row={school ? { school_id: school } : undefined} size="small"
      onClick={() => setEditing({ table, record })} data-testid={testId}>
      {t(record ? 'health.book.edit' : 'health.book.add')}
    </ActionButton>
  ) : null;
  const acknowledge = async (id: string) => {
    const { error } = await supabase.rpc('acknowledge_health_notice', { p_notice_id: id });
    if (error) return message.error(errorMessage(error));
    message.success(t('health.notices.thanks'));
    void book.refetch();
  };
  const section = (title: string, extra: ReactNode, body: ReactNode) => <Card size="small" title={title} extra={extra}>{body}</Card>;
  const general = (
    <Flex vertical gap={12}>
      {section(t('health.book.general'), editBtn('health_books', b.book, 'book-edit-general'), (
        <Descriptions size="small" column={1} items={[
          { key: 'd', label: t('health.fields.disabilities'), children: str(b.book?.disabilities) || '—' },
          { key: 's', label: t('health.fields.special_needs'), children: str(b.book?.special_needs) || '—' },
        ]} />
      ))}
      {section(t('health.book.conditions'), editBtn('health_conditions', null, 'book-add-condition'), (
        <Rows testId="book-conditions" rows={b.conditions} columns={[
          { title: t('health.fields.name'), render: (r) => <>{str(r.name)} {r.icd10 ? <Typography.Text type="secondary">({str(r.icd10)})</Typography.Text> : null}</> },
          { title: t('health.fields.severity'), render: sev },
          { title: t('health.fields.triggers'), render: (r) => str(r.triggers) },
          { title: t('health.fields.action_plan'), render: (r) => str(r.action_plan) },
          { title: t('health.fields.active'), render: (r) => (r.active ? t('health.yes') : t('health.no')) },
          ...(mode === 'nurse' ? [{ title: '', render: (r: Row) => editBtn('health_conditions', r, `book-edit-condition-${str(r.id)}`) }] : []),
        ]} />
      ))}
      {section(t('health.book.allergies'), editBtn('health_allergies', null, 'book-add-allergy'), (
        <Rows testId="book-allergies" rows={b.allergies} columns={[
          { title: t('health.fields.agent'), render: (r) => str(r.agent) },
          { title: t('health.fields.reaction'), render: (r) => str(r.reaction) },
          { title: t('health.fields.severity'), render: sev },
          { title: t('health.fields.action_plan'), render: (r) => str(r.action_plan) },
          ...(mode === 'nurse' ? [{ title: '', render: (r: Row) => editBtn('health_allergies', r, `book-edit-allergy-${str(r.id)}`) }] : []),
        ]} />
      ))}
      {section(t('health.book.vaccinations'), editBtn('health_vaccinations', null, 'book-add-vaccination'), (
        <Rows testId="book-vaccinations" rows={b.vaccinations} columns={[
          { title: t('health.fields.vaccine'), render: (r) => str(r.vaccine) },
          { title: t('health.fields.dose'), render: (r) => str(r.dose) },
          { title: t('health.fields.given_on'), render: (r) => formatDate(r.given_on as string | null) },
          ...(mode === 'nurse' ? [{ title: '', render: (r: Row) => editBtn('health_vaccinations', r, `book-edit-vaccination-${str(r.id)}`) }] : []),
        ]} />
      ))}
    </Flex>
  );
  const pair = (a: unknown, b2: unknown) => (a === null && b2 === null ? '' : `${str(a)}/${str(b2)}`);
  const sections = [
        { key: 'general', label: t('health.book.tab_general'), children: general },
        { key: 'measures', label: t('health.book.tab_measures'), children: (
          <Rows testId="book-measures" rows={[...b.measurements].reverse()} columns={[
            { title: t('health.date'), render: (r) => formatDate(r.measured_on as string) },
            { title: t('health.fields.height'), render: (r) => num(r.height_cm) },
            { title: t('health.fields.weight'), render: (r) => num(r.weight_kg) },
            { title: t('health.fields.bmi'), render: (r) => num(r.bmi) },
            { title: t('health.fields.bmi_status'), render: (r) => str(r.bmi_status) },
            { title: t('health.fields.height_status'), render: (r) => str(r.height_status) },
            { title: t('health.fields.bp'), render: (r) => pair(r.systolic, r.diastolic) },
            { title: t('health.fields.heart_rate'), render: (r) => str(r.heart_rate) },
            { title: t('health.fields.vision'), render: (r) => pair(r.vision_left, r.vision_right) },
          ]} />
        ) },
        { key: 'screenings', label: t('health.book.tab_screenings'), children: (
          <Rows testId="book-screenings" rows={[...b.screenings].reverse()} columns={[
            { title: t('health.date'), render: (r) => formatDate(r.screened_on as string) },
            { title: t('health.fields.kind'), render: (r) => str(r.kind_label) },
            { title: t('health.fields.result'), render: (r) => str(r.result_label) },
            { title: t('health.fields.note'), render: (r) => str(r.note) },
            { title: t('health.fields.examiner'), render: (r) => str(r.examiner) },
          ]} />
        ) },
        { key: 'clinic', label: t('health.book.tab_clinic'), children: (
          <Rows testId="book-clinic" rows={b.clinic_visits} columns={[
            { title: t('health.fields.arrived_at'), render: (r) => formatDateTime(r.arrived_at as string) },
            { title: t('health.fields.complaint'), render: (r) => str(r.complaint) },
            { title: t('health.fields.findings'), render: (r) => str(r.findings) },
            { title: t('health.fields.treatment'), render: (r) => str(r.treatment) },
            { title: t('health.fields.medicine'), render: (r) => str(r.medicine) },
            { title: t('health.fields.outcome'), render: (r) => str(r.outcome_label) },
          ]} />
        ) },
        { key: 'notices', label: t('health.book.tab_notices'), children: (
          <Flex vertical gap={8} data-testid="book-notices">
            {b.notices.length ? b.notices.map((n) => (
              <Card key={str(n.id)} size="small" title={<Typography.Text style={{ whiteSpace: 'normal' }}>{str(n.title)}</Typography.Text>} data-testid="book-notice">
                <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{str(n.body)}</Typography.Paragraph>
                <Typography.Text type="secondary">{t('health.fields.sent_at')}: {formatDateTime(n.sent_at as string)}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  {n.acknowledged_at ? <Typography.Text type="success" data-testid="notice-acknowledged">{t('health.notices.acknowledged', { at: formatDateTime(n.acknowledged_at as string) })}</Typography.Text>
                    : mode === 'family' ? <Button type="primary" onClick={() => void acknowledge(str(n.id))} data-testid="notice-acknowledge">{t('health.notices.acknowledge')}</Button>
                    : null}
                </div>
              </Card>
            )) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.notices.none')} />}
          </Flex>
        ) },
  ];
  return (
    <Flex vertical gap={12} data-testid="health-book">
      <Typography.Text strong data-testid="health-book-student">
        {t('health.book.student_line', { name: b.student.full_name, code: b.student.student_code, class: b.student.class_name ?? '—', birth: formatDate(b.student.birth_date) })}
      </Typography.Text>
      {b.logged ? <Alert type="warning" showIcon message={t('health.book.logged')} data-testid="health-book-logged" /> : null}
      {/* The family reads on a phone: one column, the notices first; the staff switch tabs. */}
      {mode === 'family' ? (
        <Flex vertical gap={16}>
          {[sections[sections.length - 1]!, ...sections.slice(0, -1)].map((x) => (
            <Flex key={x.key} vertical gap={8} data-testid={`book-section-${x.key}`}>
              <Typography.Title level={5} style={{ margin: 0 }}>{x.label}</Typography.Title>
              {x.children}
            </Flex>
          ))}
        </Flex>
      ) : <Tabs size="small" items={sections} />}
      {editing ? (
        <RecordModal table={editing.table} record={editing.record} school={school} student={studentId}
          onClose={(saved) => { setEditing(undefined); if (saved) void book.refetch(); }} />
      ) : null}
    </Flex>
  );
}
