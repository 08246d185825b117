import { PlusOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Flex, Table, Tag, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses } from '../../components/useYearData.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { yearSubjects } from '../../shared/locks.ts';
import { useYearSubjectRows } from '../../components/useGradebookLocks.ts';
import { LockDecisionModal } from './LockDecisionModal.tsx';
import { decisionScope, useLockDecisions, useProfileNames, type LockDecisionRow } from '../../components/useLockDecisions.ts';

/**
 * Quyết định khoá sổ: the principal's decisions to lock or to unlock (a scope: period, class, subject)
 * the gradebook of a year. Staff of the year read them; a principal records them (insert only, never
 * edited); the admin board's unlock events cite an unlock decision covering them.
 */
export function LockDecisionList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId } = useSchoolYear();
  const { decisions, loading, refetch } = useLockDecisions(year?.id);
  const names = useProfileNames(decisions.map((d) => d.decided_by));
  const [creating, setCreating] = useState(false);
  const { classes } = useYearClasses(year?.id);
  const subjectRows = useYearSubjectRows(year?.id);
  const subjects = (classId: string | null) => yearSubjects(subjectRows, classId);
  const className = new Map(classes.map((c) => [c.id, c.name]));
  const subjectName = new Map(subjects(null).map((x) => [x.id, x.name]));

  return (
    <Flex vertical gap={token.margin} data-testid="lock-decisions-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('lock_decisions.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="lock_decisions" action="create" row={{ school_id: year?.school_id }} allowed={!!year}
            type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lock-decision-create">
            {t('lock_decisions.create')}
          </ActionButton>
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
        <Table.Column<LockDecisionRow>
          dataIndex="action"
          title={t('lock_decisions.fields.action')}
          render={(a: LockDecisionRow['action']) => <Tag color={a === 'lock' ? 'red' : 'green'}>{t(`lock_decisions.actions.${a}`)}</Tag>}
        />
        <Table.Column<LockDecisionRow> key="scope" title={t('lock_decisions.fields.scope')}
          render={(_, d) => decisionScope(d, t, (id) => className.get(id), (id) => subjectName.get(id))} />
        <Table.Column<LockDecisionRow> dataIndex="summary" title={t('lock_decisions.fields.summary')} />
        <Table.Column<LockDecisionRow> key="decided_by" title={t('lock_decisions.fields.decided_by')} render={(_, d) => names.get(d.decided_by) ?? t('common.empty')} />
        <Table.Column<LockDecisionRow> dataIndex="created_at" title={t('lock_decisions.fields.created_at')} render={(v: string) => formatDateTime(v)} />
      </Table>
      {year && (
        <LockDecisionModal
          year={year}
          open={creating}
          classes={classes}
          subjects={subjects}
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
