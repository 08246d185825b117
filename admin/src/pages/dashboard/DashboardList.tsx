import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Card, Flex, Table, Tag, Typography, theme, type TableColumnsType } from 'antd';
import type { Identity, Membership } from '../../providers/userContext.ts';

/** Trang chủ: greets the user and lists their memberships (every school year, latest first). */
export function DashboardList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity, isLoading } = useGetIdentity<Identity>();
  const current = new Set(identity?.current ?? []);

  const columns: TableColumnsType<Membership> = [
    { title: t('memberships.fields.org_unit_name'), dataIndex: 'org_unit_name' },
    {
      title: t('memberships.fields.org_unit_kind'),
      dataIndex: 'org_unit_kind',
      render: (kind: Membership['org_unit_kind']) => t(`org_unit_kinds.${kind}`),
    },
    {
      title: t('memberships.fields.school_year'),
      dataIndex: 'school_year',
      render: (year: string | null) => year ?? t('common.empty'),
    },
    {
      title: t('memberships.fields.role'),
      dataIndex: 'role',
      render: (role: string, membership) => (
        <Tag color={current.has(membership) ? 'blue' : undefined}>{t(`roles.${role}`, role)}</Tag>
      ),
    },
  ];

  return (
    <Flex vertical gap={token.marginLG}>
      <div>
        <Typography.Title level={3} data-testid="dashboard-greeting">
          {t('dashboard.greeting', { name: identity?.name ?? '' })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('dashboard.intro')}</Typography.Text>
      </div>
      {identity?.contextError && <Alert type="warning" showIcon message={t('dashboard.context_error')} description={identity.contextError} />}
      <Card title={t('memberships.title')}>
        <Table<Membership>
          data-testid="memberships-table"
          rowKey={(m) => `${m.org_unit_id}/${m.school_year ?? '-'}/${m.role}`}
          columns={columns}
          dataSource={identity?.memberships ?? []}
          loading={isLoading}
          pagination={false}
          size="middle"
          locale={{ emptyText: t('dashboard.no_memberships') }}
        />
      </Card>
    </Flex>
  );
}
