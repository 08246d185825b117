// The school's deadlines (rpc/deadlines_of: its row or the defaults), the year's test dates
// (assessment_periods), as far as RLS lets the caller read them, and what the caller may change of them
// (rpc/deadline_rights).
import { useList } from '@refinedev/core';
import { useCallback, useEffect, useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import type { DeadlinesRow, TestDateRow } from './deadlines.ts';
import { errorMessage } from '../../providers/errors.ts';

export type DeadlinesState = { kind: 'loading' } | { kind: 'loaded'; row: DeadlinesRow | null } | { kind: 'failed'; message: string };

export function useDeadlines(schoolId: string | undefined) {
  const supabase = useSupabase();
  const [state, setState] = useState<DeadlinesState>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!schoolId) return;
    let active = true;
    setState({ kind: 'loading' });
    void supabase.rpc('deadlines_of', { p_school_id: schoolId }).then(({ data, error }) => {
      if (!active) return;
      if (error) return setState({ kind: 'failed', message: errorMessage(error) });
      // A school outside the caller's: the function returns no row (null).
      setState({ kind: 'loaded', row: (data as DeadlinesRow | null) ?? null });
    });
    return () => {
      active = false;
    };
  }, [supabase, schoolId, version]);
  return { state, refetch: useCallback(() => setVersion((v) => v + 1), []) };
}

export function useTestDates(yearId: string | undefined) {
  const { result, query } = useList<TestDateRow>({
    resource: 'assessment_periods',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    meta: { select: 'id, period, test_date' },
    queryOptions: { enabled: !!yearId },
  });
  return { rows: yearId ? result.data : [], loading: query.isLoading, refetch: query.refetch };
}

/** Whether the caller may set the deadlines and the test dates of the year (false while loading). */
export function useDeadlineRights(yearId: string | undefined): { deadlines: boolean; test_dates: boolean } {
  const supabase = useSupabase();
  const [rights, setRights] = useState({ deadlines: false, test_dates: false });
  useEffect(() => {
    setRights({ deadlines: false, test_dates: false });
    if (!yearId) return;
    let active = true;
    void supabase.rpc('deadline_rights', { p_school_year_id: yearId }).then(({ data }) => {
      const row = (data as { deadlines: boolean; test_dates: boolean }[] | null)?.[0];
      if (active && row) setRights(row);
    });
    return () => {
      active = false;
    };
  }, [supabase, yearId]);
  return rights;
}
