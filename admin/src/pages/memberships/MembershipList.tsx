import { DeleteOutlined } from '@ant-design/icons';
import { useCan, useDataProvider, useGetIdentity, useInvalidate, useList, useTranslate } from '@refinedev/core';
import { App, Flex, Form, Popconfirm, Select, Table, Typography, theme } from 'antd';
import { ROLES, type Role } from '../../../../policies/types.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { PermissionTable } from '../../components/PermissionTable.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { vietnameseNameCompare } from '../../components/useYearData.ts';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';
import { errorMessage } from '../../providers/errors.ts';
import type { Identity } from '../../providers/userContext.ts';

type MembershipRow = Pick<Tables<'memberships'>, 'id' | 'profile_id' | 'role'> & {
  /** Computed field holder_name: whoever reads the membership reads its holder's name. */
  holder_name: string | null;
  profiles: Pick<Tables<'profiles'>, 'full_name' | 'email'> | null;
};

// What the admin board may grant, change and remove (memberships policies): not officer roles, not BGH.
const BOARD_OFF_LIMITS = ['district_officer', 'province_officer', 'principal', 'vice_principal'];
const GRANTABLE = ROLES.filter((r) => !BOARD_OFF_LIMITS.includes(r));

/** Vai trò theo năm học: the admin board grants and removes roles of its school (RLS: not its own). */
export function MembershipList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const dataProvider = useDataProvider();
  const { data: me } = useGetIdentity<Identity>();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const [form] = Form.useForm<{ profile_id: string; role: Role }>();
  const { result, query } = useList<MembershipRow>({
    resource: 'memberships',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: year?.id }],
    meta: { select: 'id, profile_id, role, holder_name, profiles(full_name, email)' },
    queryOptions: { enabled: !!year },
  });
  const schoolScope = { school_id: year?.school_id };
  const canGrant = useCan({ resource: 'memberships', action: 'create', params: { row: schoolScope } }).data?.can === true;
  // Everybody of the school the admin board can read (any year), to grant a role of this year.
  const people = useList<{ id: string; full_name: string; email: string | null }>({
    resource: 'profiles',
    pagination: { mode: 'off' },
    meta: { select: 'id, full_name, email' },
    queryOptions: { enabled: canGrant },
  });
  const rows = [...result.data].sort((a, b) => vietnameseNameCompare(a.profiles?.full_name ?? '', b.profiles?.full_name ?? ''));

  const refresh = () => void invalidate({ resource: 'memberships', invalidates: ['list'] });
  const grant = async (values: { profile_id: string; role: Role }) => {
    if (!year) return;
    const variables = { ...values, org_unit_id: year.school_id, school_year_id: year.id };
    const error = await dataProvider().create({ resource: 'memberships', variables }).then(() => null, (e: { code?: string }) => e);
    if (error) return message.error(error.code === '23505' ? t('memberships.exists') : errorMessage(error));
    message.success(t('memberships.granted'));
    form.resetFields();
    refresh();
  };
  const remove = async (id: string) => {
    const error = await dataProvider().deleteOne({ resource: 'memberships', id }).then(() => null, (e: unknown) => e);
    if (error) return message.error(errorMessage(error));
    refresh();
  };

  return (
    <Flex vertical gap={token.margin} data-testid="memberships-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('memberships.list_title')}</Typography.Title>
        <YearSelect years={years} value={year?.id} onChange={setYearId} />
      </Flex>
      <Typography.Text type="secondary">{t('memberships.bgh_note')}</Typography.Text>
      {canGrant && (
        <Form form={form} layout="inline" onFinish={(v) => void grant(v)}>
          <Form.Item name="profile_id" rules={[{ required: true, message: t('memberships.rules.profile') }]}>
            <Select
              data-testid="membership-profile"
              showSearch
              optionFilterProp="label"
              placeholder={t('memberships.fields.profile')}
              style={{ minWidth: 280 }}
              options={people.result.data.map((p) => ({ value: p.id, label: `${p.full_name}${p.email ? ` (${p.email})` : ''}` }))}
            />
          </Form.Item>
          <Form.Item name="role" rules={[{ required: true, message: t('memberships.rules.role') }]}>
            <Select data-testid="membership-role" placeholder={t('memberships.fields.role')} style={{ minWidth: 220 }} options={GRANTABLE.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <ActionButton resource="memberships" action="create" row={schoolScope} type="primary" htmlType="submit" data-testid="membership-grant">
            {t('memberships.grant')}
          </ActionButton>
        </Form>
      )}
      <Table<MembershipRow> dataSource={rows} loading={query.isLoading} rowKey="id" size="middle" pagination={{ pageSize: 50 }}>
        <Table.Column<MembershipRow> key="name" title={t('memberships.fields.profile')} render={(_, r) => r.holder_name ?? t('common.empty')} />
        <Table.Column<MembershipRow> key="email" title={t('profiles.fields.email')} render={(_, r) => r.profiles?.email ?? t('common.empty')} />
        <Table.Column<MembershipRow> dataIndex="role" title={t('memberships.fields.role')} render={(role: string) => t(`roles.${role}`)} />
        <Table.Column<MembershipRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) => (
            <Popconfirm title={t('memberships.remove_confirm')} onConfirm={() => void remove(r.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              {/* Never BGH or officer roles, never one's own (the memberships policies). */}
              <ActionButton
                resource="memberships"
                action="delete"
                row={{ ...schoolScope, user_id: r.profile_id }}
                allowed={!BOARD_OFF_LIMITS.includes(r.role) && r.profile_id !== me?.id}
                size="small"
                danger
                icon={<DeleteOutlined />}
              >
                {t('memberships.remove')}
              </ActionButton>
            </Popconfirm>
          )}
        />
      </Table>
      <PermissionTable />
    </Flex>
  );
}
