import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Flex, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses } from '../../components/useYearData.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { decisionLabel, useLockDecisions, useProfileNames } from '../../components/useLockDecisions.ts';
import { LockFormModal } from './LockFormModal.tsx';
import { LockStatePanel } from './LockStatePanel.tsx';
import { fromDbSemester, yearSubjects, type LockEventRow } from '../../shared/locks.ts';
import { useLockEvents, useYearSubjectRows } from '../../components/useGradebookLocks.ts';

/**
 * Khoá sổ điểm: the admin board locks (after each semester) or unlocks (for an approved correction) the
 * gradebook, on a principal's decision. Events are only added; the latest covering a cell decides.
 */
export function GradebookLockList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const subjectRows = useYearSubjectRows(year?.id);
  const subjects = (classId: string | null) => yearSubjects(subjectRows, classId);
  const { decisions } = useLockDecisions(year?.id);
  const { events, loading, refetch } = useLockEvents(year?.id);
  const names = useProfileNames(events.map((e) => e.created_by));
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const className = new Map(classes.map((c) => [c.id, c.name]));
  const subjectName = new Map(subjects(null).map((s) => [s.id, s.name]));
  const decision = new Map(decisions.map((d) => [d.id, d]));

  return (
    <Flex vertical gap={token.margin} data-testid="gradebook-locks-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('gradebook_locks.title')}</Typography.Title>
        <Flex gap={token.margin}>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="gradebook_locks" action="create" row={{ school_id: year?.school_id }} allowed={!!year}
            type="primary" icon={<LockOutlined />} onClick={() => setCreating(true)} data-testid="lock-create">
            {t('gradebook_locks.create')}
          </ActionButton>
        </Flex>
      </Flex>
      <LockStatePanel key={year?.id} yearId={year?.id} classes={classes} subjects={subjects} version={version} />
      <Typography.Title level={5}>{t('gradebook_locks.events')}</Typography.Title>
      <Table<LockEventRow>
        dataSource={events}
        loading={loading}
        rowKey="id"
        size="middle"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('gradebook_locks.no_events') }}
        onRow={(e) => ({ 'data-testid': `lock-event-${e.id}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<LockEventRow> dataIndex="created_at" title={t('gradebook_locks.fields.created_at')} render={(v: string) => formatDateTime(v)} />
        <Table.Column<LockEventRow>
          dataIndex="action"
          title={t('gradebook_locks.fields.action')}
          render={(a: LockEventRow['action']) => (
            <Tag color={a === 'lock' ? 'red' : 'green'} icon={a === 'lock' ? <LockOutlined /> : <UnlockOutlined />}>
              {t(`gradebook_locks.actions.${a}`)}
            </Tag>
          )}
        />
        <Table.Column<LockEventRow> key="semester" title={t('gradebook_locks.fields.semester')} render={(_, e) => t(`gradebook_locks.semesters.${fromDbSemester(e.semester)}`)} />
        <Table.Column<LockEventRow> key="class" title={t('gradebook_locks.fields.class')} render={(_, e) => (e.class_id ? (className.get(e.class_id) ?? t('common.empty')) : t('gradebook_locks.all_classes'))} />
        <Table.Column<LockEventRow> key="subject" title={t('gradebook_locks.fields.subject')} render={(_, e) => (e.subject_id ? (subjectName.get(e.subject_id) ?? t('common.empty')) : t('gradebook_locks.all_subjects'))} />
        <Table.Column<LockEventRow>
          key="decision"
          title={t('gradebook_locks.fields.decision')}
          render={(_, e) => {
            const d = decision.get(e.decision_id);
            return d ? <Tooltip title={d.summary}>{decisionLabel(d, t)}</Tooltip> : t('common.empty');
          }}
        />
        <Table.Column<LockEventRow> dataIndex="note" title={t('gradebook_locks.fields.note')} render={(v: string | null) => v ?? t('common.empty')} />
        <Table.Column<LockEventRow> key="created_by" title={t('gradebook_locks.fields.created_by')} render={(_, e) => (e.created_by ? (names.get(e.created_by) ?? t('common.empty')) : t('common.empty'))} />
      </Table>
      {year && (
        <LockFormModal
          year={year}
          open={creating}
          classes={classes}
          subjects={subjects}
          decisions={decisions}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            setVersion((v) => v + 1);
            void refetch();
          }}
        />
      )}
    </Flex>
  );
}
