// What the progress dashboard reads: the app's today (useAppToday, pinned in the demo) picks the
// semester, then ONE call of rpc/gradebook_progress for the year and semester — the rpc returns only
// the caller's scope (school, department or own sheets), so the page never asks per row.
import { useEffect, useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import { progressRowsSchema, type ProgressRow, type Semester } from './progress.ts';
import { errorMessage } from '../../providers/errors.ts';

export type ProgressState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; rows: ProgressRow[]; key: string }
  | { kind: 'failed'; message: string };

export function useGradebookProgress(yearId: string | undefined, semester: Semester | null): ProgressState {
  const supabase = useSupabase();
  const [state, setState] = useState<ProgressState>({ kind: 'idle' });
  useEffect(() => {
    if (!yearId || semester === null) return setState({ kind: 'idle' });
    let active = true;
    setState({ kind: 'loading' });
    void supabase.rpc('gradebook_progress', { p_school_year_id: yearId, p_semester: semester }).then(({ data, error }) => {
      if (!active) return;
      if (error) return setState({ kind: 'failed', message: errorMessage(error) });
      const parsed = progressRowsSchema.safeParse(data);
      setState(parsed.success ? { kind: 'loaded', rows: parsed.data, key: `${yearId}:${semester}` } : { kind: 'failed', message: parsed.error.message });
    });
    return () => {
      active = false;
    };
  }, [supabase, yearId, semester]);
  return state;
}
