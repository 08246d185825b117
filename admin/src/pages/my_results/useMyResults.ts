// Reads `rpc/my_results`: the caller's children (or the caller, a student) and their published periods,
// and the family's children by name (one with nothing published yet is named, with nothing under it).
// Postgres returns only published results and only the caller's own; nothing is filtered here.
import { useGetIdentity } from '@refinedev/core';
import { useEffect, useState } from 'react';
import type { Identity } from '../../providers/userContext.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { groupByChild, myResultsSchema, type MyChild } from './results.ts';
import { errorMessage } from '../../providers/errors.ts';

export type MyResultsState =
  | { kind: 'loading' }
  | { kind: 'loaded'; children: MyChild[] }
  | { kind: 'failed'; message: string }
  | { kind: 'unexpected'; detail: string };

export function useMyResults(): MyResultsState {
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const [state, setState] = useState<MyResultsState>({ kind: 'loading' });
  // The family's children (or the student), so a child with nothing published yet is named too: read from
  // `students` by the ids of the caller's own scope (RLS answers the same rows).
  const family = identity ? [...identity.scope.guardian_student_ids, ...(identity.scope.student_id ? [identity.scope.student_id] : [])] : null;
  const familyKey = family?.join(',') ?? null;
  useEffect(() => {
    if (familyKey === null) return;
    let active = true;
    const ids = familyKey ? familyKey.split(',') : [];
    void Promise.all([
      supabase.rpc('my_results'),
      ids.length ? supabase.from('students').select('id, full_name, student_code').in('id', ids) : Promise.resolve({ data: [], error: null }),
    ]).then(([results, students]) => {
      if (!active) return;
      const error = results.error ?? students.error;
      if (error) return setState({ kind: 'failed', message: errorMessage(error) });
      const parsed = myResultsSchema.safeParse(results.data);
      const known = (students.data ?? []).map((s) => ({ student_id: s.id, full_name: s.full_name ?? '', student_code: s.student_code }));
      setState(parsed.success ? { kind: 'loaded', children: groupByChild(parsed.data, known) } : { kind: 'unexpected', detail: parsed.error.message });
    });
    return () => {
      active = false;
    };
  }, [supabase, familyKey]);
  return state;
}
