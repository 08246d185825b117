import { CrownOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan, useTranslate } from '@refinedev/core';
import { App, Card, Empty, Flex, Popconfirm, Select, Table, Tag, theme } from 'antd';
import { useState } from 'react';
import { STAFF_ROLES } from '../../../../policies/matrix.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import type { SchoolYear } from '../../components/useSchoolYear.ts';
import { useYearStaff, vietnameseNameCompare } from '../../components/useYearData.ts';
import { useDepartmentMembers, type MemberRow } from './useDepartmentMembers.ts';

/** Thành viên of one department in the chosen school year: add, remove, mark the Tổ trưởng. */
export function DepartmentMembers({ department, year }: { department: { id: string; school_id: string; name: string } | null; year: SchoolYear | null }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { members, loading, add, remove, makeHead } = useDepartmentMembers(department, year?.id);
  const row = { school_id: department?.school_id, department_id: department?.id };
  const canAdd = useCan({ resource: 'department_members', action: 'create', params: { row } }).data?.can;
  const canDelete = useCan({ resource: 'department_members', action: 'delete', params: { row } }).data?.can;
  const staff = useYearStaff(canAdd ? year?.id : undefined, STAFF_ROLES);
  const [picked, setPicked] = useState<string | undefined>();

  if (!department || !year) {
    return (
      <Card>
        <Empty description={t('departments.pick')} />
      </Card>
    );
  }

  /** Shows the outcome of a write: the success text, a known refusal, or the API's own message. */
  const report = (outcome: Awaited<ReturnType<typeof add>>, success: string) => {
    if (!outcome) return void message.success(success);
    if ('message' in outcome) return void message.error(outcome.message);
    message.error(t(outcome.code === 'exists' ? 'departments.member_exists' : 'departments.refused'));
  };
  const inDepartment = new Set(members.map((m) => m.profile_id));
  const sorted = [...members].sort((a, b) => Number(b.is_head) - Number(a.is_head) || vietnameseNameCompare(a.profiles?.full_name ?? '', b.profiles?.full_name ?? ''));

  return (
    <Card title={t('departments.members', { name: department.name, year: year.code })} data-testid="department-members">
      <Flex vertical gap={token.margin}>
        {canAdd && (
          <Flex gap={token.marginSM}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ flex: 1 }}
              placeholder={t('departments.rules.member')}
              value={picked}
              onChange={setPicked}
              options={staff.filter((s) => !inDepartment.has(s.value))}
              data-testid="department-member-select"
            />
            <ActionButton
              resource="department_members"
              action="create"
              row={row}
              icon={<PlusOutlined />}
              disabled={!picked}
              data-testid="department-member-add"
              onClick={() => void add(picked!).then((o) => (report(o, t('departments.member_added')), o || setPicked(undefined)))}
            >
              {t('departments.add_member')}
            </ActionButton>
          </Flex>
        )}
        <Table<MemberRow> dataSource={sorted} loading={loading} rowKey="id" size="small" pagination={false} locale={{ emptyText: t('departments.no_members') }}>
          <Table.Column<MemberRow> key="name" title={t('departments.fields.member')} render={(_, m) => m.profiles?.full_name ?? m.profile_id} />
          <Table.Column<MemberRow>
            key="head"
            title={t('departments.fields.head')}
            render={(_, m) =>
              m.is_head ? (
                <Tag color="gold" icon={<CrownOutlined />} data-testid="department-head-tag">{t('departments.fields.head')}</Tag>
              ) : (
                <ActionButton
                  resource="department_members"
                  action="edit"
                  row={row}
                  size="small"
                  data-testid={`department-make-head-${m.profiles?.full_name ?? m.profile_id}`}
                  onClick={() => void makeHead(m.id).then((o) => report(o, t('departments.head_saved')))}
                >
                  {t('departments.make_head')}
                </ActionButton>
              )
            }
          />
          {canDelete && (
            <Table.Column<MemberRow>
              key="actions"
              title={t('common.actions')}
              render={(_, m) => (
                <Popconfirm title={t('departments.remove_confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove(m.id).then((o) => report(o, t('departments.removed')))}>
                  <ActionButton resource="department_members" action="delete" row={row} size="small" danger icon={<DeleteOutlined />}>
                    {t('departments.remove')}
                  </ActionButton>
                </Popconfirm>
              )}
            />
          )}
        </Table>
      </Flex>
    </Card>
  );
}
