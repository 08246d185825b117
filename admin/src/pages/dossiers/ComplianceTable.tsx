import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { ComplianceRow } from './useDossiers.ts';

/** rpc dossier_compliance of a school year up to today: items × parties, counts only (RLS decides the rows). */
export function useCompliance(yearId: string | undefined) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['dossier_compliance', yearId],
    enabled: !!yearId,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('dossier_compliance', { p_school_year_id: yearId! });
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
}

const count = (n: number, color: string) => (n > 0 ? <Tag color={color}>{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>);

/**
 * The compliance table: for each item and party, how many periods were due by today and how many of
 * them are approved, waiting review, returned, missing (overdue) and were submitted late.
 */
export function ComplianceTable({ yearId, testId = 'dossier-compliance' }: { yearId: string | undefined; testId?: string }) {
  const t = useTranslate();
  const compliance = useCompliance(yearId);
  return (
    <>
      {compliance.error ? <Alert type="error" showIcon message={(compliance.error as Error).message} /> : null}
      <Table<ComplianceRow>
        data-testid={testId}
        rowKey={(r) => `${r.item_id}:${r.party_key}`}
        size="small"
        loading={compliance.isLoading}
        dataSource={compliance.data ?? []}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('dossiers.compliance.empty')} /> }}
        columns={[
          { title: t('dossiers.fields.group'), dataIndex: 'group_name' },
          { title: t('dossiers.fields.item'), dataIndex: 'item_name' },
          { title: t('dossiers.fields.party'), dataIndex: 'party_name' },
          { title: t('dossiers.compliance.due'), dataIndex: 'due', align: 'right' },
          { title: t('dossiers.compliance.approved'), dataIndex: 'approved', align: 'right', render: (n: number) => count(n, 'green') },
          { title: t('dossiers.compliance.submitted'), dataIndex: 'submitted', align: 'right', render: (n: number) => count(n, 'gold') },
          { title: t('dossiers.compliance.returned'), dataIndex: 'returned', align: 'right', render: (n: number) => count(n, 'red') },
          { title: t('dossiers.compliance.missing'), dataIndex: 'missing', align: 'right', render: (n: number) => count(n, 'red') },
          { title: t('dossiers.compliance.late'), dataIndex: 'late', align: 'right', render: (n: number) => count(n, 'orange') },
        ]}
      />
    </>
  );
}
