// The principal's lock decisions of a school year (newest first) and the names of the people who
// recorded or carried them out. Shared by the decisions screen and the lock screen, which requires one.
import { useList } from '@refinedev/core';
import { formatDate } from '../i18n/format.ts';
import type { Narrowed, Tables } from '../../../supabase/functions/_shared/database.ts';

/** The period a decision covers: học kỳ I, II, after the year (re-tests, summer); null = the whole year. */
export const DECISION_PERIODS = ['hk1', 'hk2', 'after'] as const;
export type DecisionPeriod = (typeof DECISION_PERIODS)[number];

/** A lock event may cite any decision covering its scope; an unlock event only an unlock decision. */
export type LockDecisionRow = Narrowed<Omit<Tables<'lock_decisions'>, 'updated_at'>, { action: 'lock' | 'unlock'; period: DecisionPeriod | null }>;

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

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "Số 25/QĐ-THPT ngày 20/12/2026" through the caller's translate function. */
export function decisionLabel(d: Pick<LockDecisionRow, 'number' | 'decided_on'>, t: Translate): string {
  return t('gradebook_locks.decision_label', { number: d.number, date: formatDate(d.decided_on) });
}

/** "Học kỳ I, lớp 10A1, môn Toán" / "Cả năm học, mọi lớp, mọi môn": what a decision covers. */
export function decisionScope(d: Pick<LockDecisionRow, 'period' | 'class_id' | 'subject_id'>, t: Translate,
                              className: (id: string) => string | undefined, subjectName: (id: string) => string | undefined): string {
  return [
    t(`lock_decisions.periods.${d.period ?? 'year'}`),
    d.class_id ? t('lock_decisions.scope_class', { name: className(d.class_id) ?? '…' }) : t('gradebook_locks.all_classes'),
    d.subject_id ? t('lock_decisions.scope_subject', { name: subjectName(d.subject_id) ?? '…' }) : t('gradebook_locks.all_subjects'),
  ].join(', ');
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
