// The principal's lock decisions of a school year (newest first) and the names of the people who
// recorded or carried them out. Shared by the decisions screen and the lock screen, which requires one.
import { useList } from '@refinedev/core';
import { formatDate } from '../../i18n/format.ts';

export interface LockDecisionRow {
  id: string;
  school_id: string;
  school_year_id: string;
  decided_by: string;
  number: string;
  decided_on: string;
  summary: string;
  created_at: string;
}

export function useLockDecisions(yearId: string | undefined) {
  const { result, query } = useList<LockDecisionRow>({
    resource: 'lock_decisions',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    sorters: [
      { field: 'decided_on', order: 'desc' },
      { field: 'created_at', order: 'desc' },
    ],
    queryOptions: { enabled: !!yearId },
  });
  return { decisions: yearId ? result.data : [], loading: query.isLoading, refetch: query.refetch };
}

/** "Số 25/QĐ-THPT ngày 20/12/2026" through the caller's translate function. */
export function decisionLabel(d: Pick<LockDecisionRow, 'number' | 'decided_on'>, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t('gradebook_locks.decision_label', { number: d.number, date: formatDate(d.decided_on) });
}

/** Full names of the given profiles (as far as RLS lets the caller read them), by id. */
export function useProfileNames(ids: readonly (string | null | undefined)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort();
  const { result } = useList<{ id: string; full_name: string }>({
    resource: 'profiles',
    pagination: { mode: 'off' },
    filters: [{ field: 'id', operator: 'in', value: wanted }],
    meta: { select: 'id, full_name' },
    queryOptions: { enabled: wanted.length > 0 },
  });
  return new Map(wanted.length ? result.data.map((p) => [p.id, p.full_name]) : []);
}
