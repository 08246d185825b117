import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan, useList, useTranslate } from '@refinedev/core';
import { App, Col, Flex, Form, Input, Modal, Row, Table, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { DepartmentMembers } from './DepartmentMembers.tsx';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';

export type DepartmentRow = Pick<Tables<'departments'>, 'id' | 'school_id' | 'name'>;

/** Tổ chuyên môn of the school: create and rename them; members per school year beside the list. */
export function DepartmentList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const schoolScope = { school_id: year?.school_id };
  const canEdit = useCan({ resource: 'departments', action: 'edit', params: { row: schoolScope } }).data?.can;
  const { result, query } = useList<DepartmentRow>({
    resource: 'departments',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_id', operator: 'eq', value: year?.school_id }],
    sorters: [{ field: 'name', order: 'asc' }],
    queryOptions: { enabled: !!year },
  });
  const departments = year ? result.data : [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = departments.find((d) => d.id === selectedId) ?? null;
  // The department being renamed, or 'new' while creating one.
  const [editing, setEditing] = useState<DepartmentRow | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const open = (row: DepartmentRow | 'new') => {
    form.setFieldsValue({ name: row === 'new' ? '' : row.name });
    setEditing(row);
  };
  const save = async ({ name }: { name: string }) => {
    if (!year || !editing) return;
    const trimmed = name.trim();
    const { data, error } =
      editing === 'new'
        ? await supabase.from('departments').insert({ school_id: year.school_id, name: trimmed }).select('id')
        : await supabase.from('departments').update({ name: trimmed }).eq('id', editing.id).select('id');
    if (error) return message.error(error.code === '23505' ? t('departments.exists') : error.code === '23514' ? t('departments.rules.name') : errorMessage(error));
    // RLS hides the rows a user may not update: no error, no row.
    if (!data?.length) return message.error(t('departments.refused'));
    message.success(t('departments.saved'));
    setEditing(null);
    if (editing === 'new') setSelectedId(data[0]!.id as string);
    void query.refetch();
  };

  return (
    <Flex vertical gap={token.margin} data-testid="departments-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('departments.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="departments" action="create" row={schoolScope} type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="department-create">
            {t('departments.create')}
          </ActionButton>
        </Flex>
      </Flex>
      <Row gutter={token.margin}>
        <Col xs={24} lg={10}>
          <Table<DepartmentRow>
            dataSource={departments}
            loading={query.isLoading}
            rowKey="id"
            size="middle"
            pagination={false}
            rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected.id] : [], onChange: (keys) => setSelectedId(String(keys[0])) }}
            onRow={(row) => ({ onClick: () => setSelectedId(row.id), 'data-testid': `department-row-${row.name}` } as HTMLAttributes<HTMLElement>)}
          >
            <Table.Column dataIndex="name" title={t('departments.fields.name')} />
            {canEdit && (
              <Table.Column<DepartmentRow>
                key="actions"
                title={t('common.actions')}
                render={(_, row) => (
                  <ActionButton resource="departments" action="edit" row={{ school_id: row.school_id, department_id: row.id }} size="small" icon={<EditOutlined />} onClick={(e) => (e.stopPropagation(), open(row))}>
                    {t('common.edit')}
                  </ActionButton>
                )}
              />
            )}
          </Table>
        </Col>
        <Col xs={24} lg={14}>
          <DepartmentMembers department={selected} year={year} />
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'departments.create' : 'departments.rename')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'department-save' }}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="name" label={t('departments.fields.name')} rules={[{ required: true, whitespace: true, min: 2, max: 120, message: t('departments.rules.name') }]}>
            <Input placeholder="Toán – Tin" data-testid="department-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
