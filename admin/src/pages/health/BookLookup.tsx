import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { HealthBook, type BookMode } from './HealthBook.tsx';
import { useClassPupils, useCurrentClasses } from './useHealth.ts';

/**
 * Sổ sức khỏe of a student chosen by class: the nurse's book opens as she picks; BGH open it with a
 * button, because each of their reads is written to the access log.
 */
export function BookLookup({ mode }: { mode: BookMode }) {
  const t = useTranslate();
  const { classes } = useCurrentClasses();
  const [classId, setClassId] = useState<string>();
  const [studentId, setStudentId] = useState<string>();
  const [opened, setOpened] = useState<string>();
  const pupils = useClassPupils(classId);
  const pick = (id: string) => { setStudentId(id); if (mode === 'nurse') setOpened(id); else setOpened(undefined); };
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <ClassSelect classes={classes} value={classId} onChange={(id) => { setClassId(id); setStudentId(undefined); setOpened(undefined); }} testId="book-class" />
        <Select showSearch optionFilterProp="label" placeholder={t('health.student')} style={{ minWidth: 240 }} value={studentId} onChange={pick}
          loading={pupils.isLoading} disabled={!classId} data-testid="book-student"
          options={(pupils.data ?? []).map((p) => ({ value: p.student_id, label: `${p.full_name} (${p.student_code})` }))} />
        {mode === 'bgh' ? (
          <Button type="primary" disabled={!studentId || opened === studentId} onClick={() => setOpened(studentId)} data-testid="book-open">{t('health.book.open')}</Button>
        ) : null}
      </Space>
      {!opened ? <Typography.Text type="secondary">{t('health.book.pick')}</Typography.Text> : <HealthBook key={opened} studentId={opened} mode={mode} />}
    </Flex>
  );
}

interface LogRow { id: number; read_at: string; reader_roles: string; student_id: string; reader_id: string; students: { full_name: string } | null; profiles: { full_name: string | null } | null }

/** Nhật ký truy cập sổ sức khỏe: who of BGH read whose book, newest first (BGH and the nurse read it). */
export function AccessLog() {
  const t = useTranslate();
  const supabase = useSupabase();
  const log = useQuery({
    queryKey: ['health_access_log'],
    queryFn: async () => {
      const { data, error } = await supabase.from('health_access_log').select('id, read_at, reader_roles, student_id, reader_id, students(full_name), profiles(full_name)')
        .order('read_at', { ascending: false }).limit(500);
      if (error) throw new Error(errorMessage(error));
      return data as unknown as LogRow[];
    },
  });
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('health.access_log.hint')}</Typography.Text>
      {log.error ? <Alert type="error" showIcon message={(log.error as Error).message} /> : null}
      <Table<LogRow> data-testid="health-access-log" rowKey="id" size="small" loading={log.isLoading} dataSource={log.data ?? []} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('health.fields.read_at'), dataIndex: 'read_at', render: (v: string) => formatDateTime(v) },
          { title: t('health.fields.reader'), key: 'reader', render: (_, r) => r.profiles?.full_name ?? r.reader_id },
          { title: t('health.fields.reader_roles'), dataIndex: 'reader_roles', render: (v: string) => v.split(',').map((role) => t(`roles.${role}`)).join(', ') },
          { title: t('health.student'), key: 'student', render: (_, r) => r.students?.full_name ?? r.student_id },
        ]} />
    </Flex>
  );
}
