import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan, useDataProvider, useList, useTranslate } from '@refinedev/core';
import { App, Flex, Form, InputNumber, Popconfirm, Select, Table, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses } from '../../components/useYearData.ts';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';
import { errorMessage } from '../../providers/errors.ts';

type ClassSubjectRow = Pick<Tables<'class_subjects'>, 'id' | 'subject_id' | 'periods_per_year'> & { subjects: Pick<Tables<'subjects'>, 'name' | 'code'> | null };

interface Subject {
  id: string;
  name: string;
  default_periods_per_year: number;
}

/** Môn học của lớp: what a class takes and its periods per year. */
export function ClassSubjectList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const dataProvider = useDataProvider();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const [classId, setClassId] = useState<string>();
  const current = classes.find((c) => c.id === classId);
  const scope = { school_id: current?.school_id, class_id: current?.id };
  const canAdd = useCan({ resource: 'class_subjects', action: 'create', params: { row: scope } }).data?.can === true;
  const [form] = Form.useForm<{ subject_id: string; periods_per_year: number }>();
  const { result, query } = useList<ClassSubjectRow>({
    resource: 'class_subjects',
    pagination: { mode: 'off' },
    filters: [{ field: 'class_id', operator: 'eq', value: classId }],
    meta: { select: 'id, subject_id, periods_per_year, subjects(name, code)' },
    queryOptions: { enabled: !!classId },
  });
  const subjects = useList<Subject>({ resource: 'subjects', pagination: { mode: 'off' }, sorters: [{ field: 'sort_order', order: 'asc' }] });
  const taken = new Set(result.data.map((r) => r.subject_id));

  const add = async (values: { subject_id: string; periods_per_year?: number }) => {
    if (!current) return;
    const subject = subjects.result.data.find((s) => s.id === values.subject_id);
    const variables = {
      school_id: current.school_id,
      school_year_id: current.school_year_id,
      class_id: current.id,
      subject_id: values.subject_id,
      periods_per_year: values.periods_per_year ?? subject?.default_periods_per_year ?? 35,
    };
    const error = await dataProvider().create({ resource: 'class_subjects', variables }).then(() => null, (e: unknown) => e);
    if (error) return message.error(errorMessage(error));
    form.resetFields();
    void query.refetch();
  };
  const remove = async (id: string) => {
    const error = await dataProvider().deleteOne({ resource: 'class_subjects', id }).then(() => null, (e: { code?: string }) => e);
    if (error) return message.error(error.code === '23503' ? t('class_subjects.in_use') : errorMessage(error));
    void query.refetch();
  };

  return (
    <Flex vertical gap={token.margin} data-testid="class-subjects-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('class_subjects.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={classId} onChange={setClassId} />
        </Flex>
      </Flex>
      {current && canAdd && (
        <Form form={form} layout="inline" onFinish={(v) => void add(v)}>
          <Form.Item name="subject_id" rules={[{ required: true, message: t('class_subjects.rules.subject') }]}>
            <Select
              style={{ minWidth: 260 }}
              placeholder={t('class_subjects.fields.subject')}
              options={subjects.result.data.filter((s) => !taken.has(s.id)).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="periods_per_year">
            <InputNumber min={1} max={400} placeholder={t('class_subjects.fields.periods_per_year')} />
          </Form.Item>
          <ActionButton resource="class_subjects" action="create" row={scope} type="primary" htmlType="submit" icon={<PlusOutlined />}>
            {t('class_subjects.add')}
          </ActionButton>
        </Form>
      )}
      <Table<ClassSubjectRow> dataSource={classId ? result.data : []} loading={query.isLoading && !!classId} rowKey="id" size="middle" pagination={false}>
        <Table.Column<ClassSubjectRow> key="subject" title={t('class_subjects.fields.subject')} render={(_, r) => r.subjects?.name} />
        <Table.Column dataIndex="periods_per_year" title={t('class_subjects.fields.periods_per_year')} />
        <Table.Column<ClassSubjectRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) => (
            <Popconfirm title={t('class_subjects.remove_confirm')} onConfirm={() => void remove(r.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <ActionButton resource="class_subjects" action="delete" row={scope} size="small" danger icon={<DeleteOutlined />} aria-label={t('class_subjects.remove_confirm')} />
            </Popconfirm>
          )}
        />
      </Table>
    </Flex>
  );
}
