import { useCan, useList, useTranslate } from '@refinedev/core';
import { App, Flex, Form, Input, Modal, Select, Table, Typography, theme } from 'antd';
import { useState } from 'react';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses, useYearTeachers, type ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { buildGrid, type GridAssignment, type GridClassSubject } from './assignmentGrid.ts';

interface Pending {
  classRow: ClassRow;
  subjectId: string;
  teacherId: string;
  replaces: GridAssignment | null;
}

/**
 * Phân công giảng dạy as a grid (rows = classes, columns = subjects). Choosing another teacher ends the
 * active assignment with a reason and creates the new one, in one transaction (reassign_teacher RPC).
 */
export function TeachingAssignmentList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const { classes, loading } = useYearClasses(year?.id);
  // Only the admin board assigns: the others read the grid with the teachers' names.
  const canEdit = useCan({ resource: 'teaching_assignments', action: 'edit', params: { row: { school_id: year?.school_id } } }).data?.can === true;
  const teachers = useYearTeachers(canEdit ? year?.id : undefined);
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const enabled = { enabled: !!year };
  const yearFilter = [{ field: 'school_year_id', operator: 'eq' as const, value: year?.id }];
  const classSubjects = useList<GridClassSubject>({ resource: 'class_subjects', pagination: { mode: 'off' }, filters: yearFilter, meta: { select: 'class_id, subject_id, subjects(name, code, sort_order)' }, queryOptions: enabled });
  const assignments = useList<GridAssignment>({
    resource: 'teaching_assignments',
    pagination: { mode: 'off' },
    filters: [...yearFilter, { field: 'ended_at', operator: 'null', value: true }],
    meta: { select: 'id, class_id, subject_id, teacher_id, teacher_name' },
    queryOptions: enabled,
  });
  const grid = buildGrid(classSubjects.result.data, assignments.result.data);

  const save = async ({ reason }: { reason: string }) => {
    if (!pending) return;
    setSaving(true);
    const { error } = await supabase.rpc('reassign_teacher', {
      p_class_id: pending.classRow.id,
      p_subject_id: pending.subjectId,
      p_teacher_id: pending.teacherId,
      p_reason: pending.replaces ? reason : t('teaching_assignments.first_assignment'),
    });
    setSaving(false);
    if (error) return message.error(errorMessage(error));
    message.success(t('teaching_assignments.saved'));
    setPending(null);
    void assignments.query.refetch();
  };

  const columns = [
    { key: 'class', title: t('teaching_assignments.fields.class'), fixed: 'left' as const, render: (_: unknown, c: ClassRow) => <Typography.Text strong>{c.name}</Typography.Text> },
    ...grid.columns.map((col) => ({
      key: col.subject_id,
      title: col.name,
      render: (_: unknown, c: ClassRow) => {
        if (!grid.offered(c.id, col.subject_id)) return t('common.empty');
        const current = grid.assignment(c.id, col.subject_id);
        if (!canEdit) return current?.teacher_name ?? t('teaching_assignments.unassigned');
        return (
          <Select
            data-testid={`assignment-${c.name}-${col.code}`}
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            placeholder={t('teaching_assignments.unassigned')}
            value={current?.teacher_id}
            options={teachers}
            onChange={(teacherId: string) => {
              form.setFieldsValue({ reason: t('teaching_assignments.reason_default') });
              setPending({ classRow: c, subjectId: col.subject_id, teacherId, replaces: current });
            }}
          />
        );
      },
    })),
  ];

  return (
    <Flex vertical gap={token.margin} data-testid="assignments-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('teaching_assignments.title')}</Typography.Title>
        <YearSelect years={years} value={year?.id} onChange={setYearId} />
      </Flex>
      <Table<ClassRow> dataSource={classes} columns={columns} loading={loading || classSubjects.query.isLoading} rowKey="id" size="small" pagination={false} scroll={{ x: 'max-content' }} />
      <Modal
        open={!!pending}
        title={t('teaching_assignments.confirm_title')}
        onCancel={() => setPending(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'assignment-confirm' }}
      >
        <Typography.Paragraph>
          {t('teaching_assignments.confirm_text', {
            className: pending?.classRow.name ?? '',
            teacher: teachers.find((p) => p.value === pending?.teacherId)?.label ?? '',
          })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {pending?.replaces && (
            <Form.Item name="reason" label={t('teaching_assignments.fields.end_reason')} rules={[{ required: true, min: 3, message: t('teaching_assignments.rules.reason') }]}>
              <Input data-testid="assignment-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
