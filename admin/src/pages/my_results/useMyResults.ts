// Reads `rpc/my_results`: the caller's children (or the caller, a student) and their published periods.
// Postgres returns only published results and only the caller's own; nothing is filtered here.
import { useEffect, useState } from 'react';
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
  const [state, setState] = useState<MyResultsState>({ kind: 'loading' });
  useEffect(() => {
    let active = true;
    void supabase.rpc('my_results').then(({ data, error }) => {
      if (!active) return;
      if (error) return setState({ kind: 'failed', message: errorMessage(error) });
      const parsed = myResultsSchema.safeParse(data);
      setState(parsed.success ? { kind: 'loaded', children: groupByChild(parsed.data) } : { kind: 'unexpected', detail: parsed.error.message });
    });
    return () => {
      active = false;
    };
  }, [supabase]);
  return state;
}
