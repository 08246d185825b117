import { PlusOutlined } from '@ant-design/icons';
import { useCan, useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, Table, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { LockDecisionModal } from './LockDecisionModal.tsx';
import { useLockDecisions, useProfileNames, type LockDecisionRow } from './useLockDecisions.ts';

/**
 * Quyết định khoá sổ: the principal's decisions to lock (or unlock for a correction) the gradebook of a
 * year. Staff of the year read them; a principal records them (insert only, never edited).
 */
export function LockDecisionList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId } = useSchoolYear();
  const canCreate = useCan({ resource: 'lock_decisions', action: 'create' }).data?.can;
  const { decisions, loading, refetch } = useLockDecisions(year?.id);
  const names = useProfileNames(decisions.map((d) => d.decided_by));
  const [creating, setCreating] = useState(false);

  return (
    <Flex vertical gap={token.margin} data-testid="lock-decisions-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('lock_decisions.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!year} data-testid="lock-decision-create">
              {t('lock_decisions.create')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Alert type="info" showIcon message={t('lock_decisions.intro')} />
      <Table<LockDecisionRow>
        dataSource={decisions}
        loading={loading}
        rowKey="id"
        size="middle"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('lock_decisions.empty') }}
        onRow={(d) => ({ 'data-testid': `lock-decision-row-${d.number}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<LockDecisionRow> dataIndex="number" title={t('lock_decisions.fields.number')} />
        <Table.Column<LockDecisionRow> dataIndex="decided_on" title={t('lock_decisions.fields.decided_on')} render={(v: string) => formatDate(v)} />
        <Table.Column<LockDecisionRow> dataIndex="summary" title={t('lock_decisions.fields.summary')} />
        <Table.Column<LockDecisionRow> key="decided_by" title={t('lock_decisions.fields.decided_by')} render={(_, d) => names.get(d.decided_by) ?? t('common.empty')} />
        <Table.Column<LockDecisionRow> dataIndex="created_at" title={t('lock_decisions.fields.created_at')} render={(v: string) => formatDateTime(v)} />
      </Table>
      {year && (
        <LockDecisionModal
          year={year}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void refetch();
          }}
        />
      )}
    </Flex>
  );
}
