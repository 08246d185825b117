import { useTranslate } from '@refinedev/core';
import { Alert, Drawer, Empty, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../i18n/format.ts';
import { useSupabase } from '../../../providers/supabase.tsx';
import { entryColumns, type GradebookSheet } from '../../../shared/gradebookSheet.ts';
import { isPrimary, periodOf, primaryColumnOf } from '../primaryModel.ts';
import { correctionRequestPath, entryHistoryArgs, entryHistoryRowSchema, type EntryHistoryRow } from '../corrections.ts';
import type { CellRef } from './GradebookGrid.tsx';
import { errorMessage } from '../../../providers/errors.ts';

interface Props {
  sheet: GradebookSheet;
  /** The cell to show; the drawer is open while set. */
  cell: CellRef | null;
  onClose: () => void;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'rows'; rows: EntryHistoryRow[] };

/**
 * Lịch sử ô: every audited change of one cell (rpc/entry_history, which shows only changes of a cell the
 * caller reads in score_entries, so an empty list may also mean the caller may not read it), oldest
 * first: when, who, value before → after, and the correction request a change was made under. Test ids: cell-history-drawer, cell-history-row.
 */
export function CellHistory({ sheet, cell, onClose }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const student = cell ? sheet.students.find((s) => s.student_id === cell.studentId) : undefined;
  // A TT27 cell is a field of its period's row (kind gk | ck, seq 1): the history is that row's.
  const primaryColumn = cell && isPrimary(sheet) ? primaryColumnOf(cell.columnKey) : undefined;
  const column = cell ? (primaryColumn ? { kind: primaryColumn.kind, seq: 1 } : entryColumns(sheet).find((c) => c.key === cell.columnKey)) : undefined;

  const studentId = student?.student_id;
  const kind = column?.kind;
  const seq = column?.seq;
  useEffect(() => {
    if (!studentId || !kind || seq === undefined) return;
    let current = true;
    setState({ kind: 'loading' });
    void supabase.rpc('entry_history', entryHistoryArgs(sheet, studentId, { kind, seq })).then(({ data, error }) => {
      if (!current) return;
      if (error) return setState({ kind: 'error', message: errorMessage(error) });
      const parsed = entryHistoryRowSchema.array().safeParse(data ?? []);
      setState(parsed.success ? { kind: 'rows', rows: parsed.data } : { kind: 'error', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    });
    return () => {
      current = false;
    };
    // One read per cell (and per sheet as loaded, e.g. after a save).
  }, [supabase, sheet, studentId, kind, seq]);

  const columnLabel = primaryColumn
    ? t(`score_entries.primary.periods.${periodOf(primaryColumn.kind, sheet.semester)}`)
    : column
      ? column.kind === 'tx'
        ? t('score_entries.columns.tx', { n: column.seq })
        : t(`score_entries.columns.${column.kind}`)
      : '';
  const value = (text: string | null) => text || t('score_entries.history.no_value');
  return (
    <Drawer open={!!cell} onClose={onClose} width={480} title={student ? t('score_entries.history.title', { name: student.full_name, column: columnLabel }) : ''} destroyOnHidden>
      <div data-testid="cell-history-drawer">
        {state.kind === 'loading' && <Spin />}
        {state.kind === 'error' && <Alert type="error" showIcon message={state.message} data-testid="cell-history-error" />}
        {state.kind === 'rows' && state.rows.length === 0 && <Empty data-testid="cell-history-empty" description={t('score_entries.history.empty')} />}
        {state.kind === 'rows' && state.rows.length > 0 && (
          <List
            size="small"
            dataSource={state.rows}
            rowKey="audit_id"
            renderItem={(r) => (
              <List.Item data-testid="cell-history-row">
                <Flex vertical>
                  <Space wrap>
                    <Typography.Text strong>{formatDateTime(r.occurred_at)}</Typography.Text>
                    <Typography.Text>{r.actor_name ?? t('score_entries.history.unknown_actor')}</Typography.Text>
                    <Tag>{t(`score_entries.history.actions.${r.action}`, {}, r.action)}</Tag>
                  </Space>
                  <Typography.Text data-testid="cell-history-change">
                    {value(r.old_value)} → {value(r.new_value)}
                  </Typography.Text>
                  {r.correction_request_id && (
                    <Link to={correctionRequestPath(r.correction_request_id)} data-testid="cell-history-request">
                      {t('score_entries.history.by_request')}
                    </Link>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </div>
    </Drawer>
  );
}
