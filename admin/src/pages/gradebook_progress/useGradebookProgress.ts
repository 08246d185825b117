// What the progress dashboard reads: the app's today (rpc/app_today, pinned in the demo) to pick the
// semester, then ONE call of rpc/gradebook_progress for the year and semester — the rpc returns only
// the caller's scope (school, department or own sheets), so the page never asks per row.
import type { SupabaseClient } from '@supabase/supabase-js';
import { useEffect, useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import { progressRowsSchema, type ProgressRow, type Semester } from './progress.ts';

export type ProgressState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; rows: ProgressRow[]; key: string }
  | { kind: 'failed'; message: string };

// One read per client and session: the app's date does not change while the page is open.
const todays = new WeakMap<SupabaseClient, Promise<string | null>>();
function appToday(supabase: SupabaseClient): Promise<string | null> {
  let today = todays.get(supabase);
  if (!today) {
    today = Promise.resolve(supabase.rpc('app_today')).then(({ data, error }) => (error || typeof data !== 'string' ? null : data));
    todays.set(supabase, today);
  }
  return today;
}

/** The app's today ('YYYY-MM-DD'); the browser's date when the rpc fails; null while reading. */
export function useAppToday(): string | null {
  const supabase = useSupabase();
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    void appToday(supabase).then((d) => {
      if (active) setToday(d ?? new Date().toISOString().slice(0, 10));
    });
    return () => {
      active = false;
    };
  }, [supabase]);
  return today;
}

export function useGradebookProgress(yearId: string | undefined, semester: Semester | null): ProgressState {
  const supabase = useSupabase();
  const [state, setState] = useState<ProgressState>({ kind: 'idle' });
  useEffect(() => {
    if (!yearId || semester === null) return setState({ kind: 'idle' });
    let active = true;
    setState({ kind: 'loading' });
    void supabase.rpc('gradebook_progress', { p_school_year_id: yearId, p_semester: semester }).then(({ data, error }) => {
      if (!active) return;
      if (error) return setState({ kind: 'failed', message: error.message });
      const parsed = progressRowsSchema.safeParse(data);
      setState(parsed.success ? { kind: 'loaded', rows: parsed.data, key: `${yearId}:${semester}` } : { kind: 'failed', message: parsed.error.message });
    });
    return () => {
      active = false;
    };
  }, [supabase, yearId, semester]);
  return state;
}
