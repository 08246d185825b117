import { PlusOutlined } from '@ant-design/icons';
import { useCan, useDataProvider, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses, useYearTeachers, type ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

/**
 * Lớp học of a year: create a class, set its homeroom teacher (GVCN); readers see the GVCN's name. In a year
 * being prepared (issue 20) the board also renames a class and removes one left without students
 * (rpc/remove_proposed_class): with the moves on Xếp lớp, that is how classes are merged or split.
 */
export function ClassList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const dataProvider = useDataProvider();
  const { message, modal } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const { classes, loading, refetch } = useYearClasses(year?.id);
  const schoolScope = { school_id: year?.school_id };
  const canEdit = useCan({ resource: 'classes', action: 'edit', params: { row: schoolScope } }).data?.can === true;
  const teachers = useYearTeachers(canEdit ? year?.id : undefined);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; grade: number }>();
  const supabase = useSupabase();
  const preparing = canEdit && year?.opened_at === null;
  const [renaming, setRenaming] = useState<ClassRow | null>(null);
  const [renameForm] = Form.useForm<{ name: string }>();

  // Each change reads the list again before it says it is done, so the message and the table agree.
  const create = async (values: { name: string; grade: number }) => {
    if (!year) return;
    const variables = { ...values, name: values.name.trim(), school_id: year.school_id, school_year_id: year.id };
    const error = await dataProvider().create({ resource: 'classes', variables }).then(() => null, (e: { code?: string }) => e);
    if (error) return message.error(error.code === '23505' ? t('classes.exists') : errorMessage(error));
    setCreating(false);
    form.resetFields();
    await refetch();
  };
  const setHomeroom = async (row: ClassRow, teacherId: string | null) => {
    const error = await dataProvider()
      .update({ resource: 'classes', id: row.id, variables: { homeroom_teacher_id: teacherId } })
      .then(() => null, (e: unknown) => e);
    if (error) return message.error(errorMessage(error));
    await refetch();
    message.success(t('classes.homeroom_saved'));
  };

  const rename = async (row: ClassRow, name: string) => {
    const error = await dataProvider().update({ resource: 'classes', id: row.id, variables: { name: name.trim() } }).then(() => null, (e: { code?: string }) => e);
    if (error) return message.error(error.code === '23505' ? t('classes.exists') : errorMessage(error));
    setRenaming(null);
    await refetch();
    message.success(t('classes.renamed'));
  };
  const [removing, setRemoving] = useState<ClassRow | null>(null);
  const [mergeInto, setMergeInto] = useState<string | undefined>();
  const remove = async (row: ClassRow) => {
    const { error } = await supabase.rpc('remove_proposed_class', { p_class_id: row.id, ...(mergeInto ? { p_merge_into: mergeInto } : {}) });
    if (error) return message.error(errorMessage(error));
    setRemoving(null);
    await refetch();
    message.success(t('classes.removed', { className: row.name }));
  };

  // A class's GVCN decides who rates its conduct and proposes its results: the change is confirmed
  // first. (The database keeps no reason for it — classes has no column for one — so none is asked.)
  const confirmHomeroom = (row: ClassRow, teacherId: string | null) => {
    const name = teacherId ? (teachers.find((o) => o.value === teacherId)?.label ?? '') : '';
    modal.confirm({
      title: t('classes.homeroom_confirm.title', { className: row.name }),
      content: teacherId
        ? t('classes.homeroom_confirm.to', { from: row.homeroom_teacher_name ?? t('classes.no_homeroom'), to: name })
        : t('classes.homeroom_confirm.clear', { from: row.homeroom_teacher_name ?? t('classes.no_homeroom') }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...({ 'data-testid': 'homeroom-confirm' } as Record<string, string>) },
      onOk: () => setHomeroom(row, teacherId),
    });
  };

  return (
    <Flex vertical gap={token.margin} data-testid="classes-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('classes.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="classes" action="create" row={schoolScope} type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="class-create">
            {t('classes.create')}
          </ActionButton>
        </Flex>
      </Flex>
      {preparing && <Alert type="info" showIcon message={t('classes.preparing', { code: year.code })} data-testid="classes-preparing" />}
      <Table<ClassRow> dataSource={classes} loading={loading} rowKey="id" size="middle" pagination={false}>
        <Table.Column dataIndex="name" title={t('classes.fields.name')} />
        <Table.Column dataIndex="grade" title={t('classes.fields.grade')} />
        <Table.Column<ClassRow>
          key="homeroom"
          title={t('classes.fields.homeroom_teacher')}
          render={(_, row) =>
            canEdit ? (
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 240 }}
                placeholder={t('classes.no_homeroom')}
                value={row.homeroom_teacher_id ?? undefined}
                options={teachers}
                onChange={(v) => confirmHomeroom(row, v ?? null)}
                data-testid={`homeroom-select-${row.name}`}
              />
            ) : (
              (row.homeroom_teacher_name ?? t('classes.no_homeroom'))
            )
          }
        />
        {preparing && (
          <Table.Column<ClassRow>
            key="actions"
            render={(_, row) => (
              <Space>
                <Button size="small" data-testid={`class-rename-${row.name}`} onClick={() => { renameForm.setFieldsValue({ name: row.name }); setRenaming(row); }}>
                  {t('classes.rename')}
                </Button>
                <Button size="small" danger data-testid={`class-remove-${row.name}`} onClick={() => { setMergeInto(undefined); setRemoving(row); }}>{t('classes.remove')}</Button>
              </Space>
            )}
          />
        )}
      </Table>
      <Modal open={removing !== null} title={t('classes.remove_title', { className: removing?.name ?? '' })} onCancel={() => setRemoving(null)}
        onOk={() => removing && remove(removing)} okText={t('classes.remove')} okButtonProps={{ danger: true, ...({ 'data-testid': 'class-remove-ok' } as Record<string, string>) }}
        cancelText={t('common.cancel')} destroyOnHidden>
        <Typography.Paragraph>{t('classes.remove_confirm', { className: removing?.name ?? '' })}</Typography.Paragraph>
        <Typography.Text>{t('classes.merge_into')}</Typography.Text>
        <Select allowClear style={{ width: '100%' }} value={mergeInto} onChange={setMergeInto} placeholder={t('classes.merge_none')} data-testid="class-merge-into"
          options={classes.filter((c) => removing && c.grade === removing.grade && c.id !== removing.id).map((c) => ({ value: c.id, label: c.name }))} />
      </Modal>
      <Modal open={renaming !== null} title={t('classes.rename_title', { className: renaming?.name ?? '' })} onCancel={() => setRenaming(null)} onOk={() => renameForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={renameForm} layout="vertical" onFinish={(v) => renaming && void rename(renaming, v.name)}>
          <Form.Item name="name" label={t('classes.fields.name')} rules={[{ required: true, pattern: /^[0-9]{1,2}[A-Za-zĐđ0-9]{1,6}$/, message: t('classes.rules.name') }]}>
            <Input data-testid="class-rename-input" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={creating} title={t('classes.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="name" label={t('classes.fields.name')} rules={[{ required: true, pattern: /^[0-9]{1,2}[A-Za-zĐđ0-9]{1,6}$/, message: t('classes.rules.name') }]}>
            <Input placeholder="10A1" />
          </Form.Item>
          <Form.Item name="grade" label={t('classes.fields.grade')} rules={[{ required: true, message: t('classes.rules.grade') }]}>
            <InputNumber min={1} max={12} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
