// What the lock screen reads for a school year: the lock events (newest first: `id` is the order of
// events), the subjects offered (class_subjects), and the current state per semester.
import { useList } from '@refinedev/core';
import { useEffect, useState } from 'react';
import { useSupabase } from '../providers/supabase.tsx';
import { LOCK_SEMESTERS, toDbSemester, type LockEventRow, type LockSemester, type SubjectOption } from '../shared/locks.ts';
import { errorMessage } from '../providers/errors.ts';

export function useLockEvents(yearId: string | undefined) {
  const { result, query } = useList<LockEventRow>({
    resource: 'gradebook_locks',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    sorters: [{ field: 'id', order: 'desc' }],
    meta: { select: 'id, semester, class_id, subject_id, action, decision_id, note, created_by, created_at' },
    queryOptions: { enabled: !!yearId },
  });
  return { events: yearId ? result.data : [], loading: query.isLoading, refetch: query.refetch };
}

type ClassSubjectRow = { class_id: string; subjects: (SubjectOption & { category: string }) | null };

/** The year's class_subjects rows; `yearSubjects(rows, classId)` narrows them to one class. */
export function useYearSubjectRows(yearId: string | undefined): ClassSubjectRow[] {
  const { result } = useList<ClassSubjectRow>({
    resource: 'class_subjects',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    meta: { select: 'class_id, subjects(id, code, name, sort_order, category)' },
    queryOptions: { enabled: !!yearId },
  });
  return yearId ? result.data : [];
}

export type LockState = { kind: 'loading' } | { kind: 'loaded'; locked: Record<LockSemester, boolean> } | { kind: 'failed'; message: string };

/**
 * Whether the gradebook of the year is locked now, per semester, for one class and subject or (null)
 * for every class / every subject — `rpc/gradebook_locked`, the same answer the write triggers use.
 * `version` re-reads after an event was added.
 */
export function useLockState(yearId: string | undefined, classId: string | null, subjectId: string | null, version: number): LockState {
  const supabase = useSupabase();
  const [state, setState] = useState<LockState>({ kind: 'loading' });
  useEffect(() => {
    if (!yearId) return;
    let active = true;
    setState({ kind: 'loading' });
    void Promise.all(
      LOCK_SEMESTERS.map((s) =>
        supabase.rpc('gradebook_locked', { p_school_year_id: yearId, p_semester: toDbSemester(s), p_class_id: classId, p_subject_id: subjectId }),
      ),
    ).then((answers) => {
      if (!active) return;
      const failed = answers.find((a) => a.error);
      if (failed?.error) return setState({ kind: 'failed', message: errorMessage(failed.error) });
      const [s1, s2, after] = answers.map((a) => a.data === true);
      setState({ kind: 'loaded', locked: { '1': s1!, '2': s2!, after: after! } });
    });
    return () => {
      active = false;
    };
  }, [supabase, yearId, classId, subjectId, version]);
  return state;
}
