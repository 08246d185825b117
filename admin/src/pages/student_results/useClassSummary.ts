// Reads `rpc/class_summary` for a class and period. RLS decides what the caller may read: a subject
// teacher who picks a class they do not teach gets a refusal or an empty class, never other rows. A
// primary class's answer (regime tt27) is read with its own schema (primarySummary.ts).
import { useEffect, useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import { classSummarySchema, periodSemester, type ClassSummary, type Period } from '../../shared/classSummary.ts';
import { errorMessage } from '../../providers/errors.ts';
import { isPrimarySummary, primarySummarySchema, type PrimarySummary } from './primarySummary.ts';

export type SummaryState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; summary: ClassSummary }
  | { kind: 'primary'; summary: PrimarySummary }
  | { kind: 'failed'; message: string }
  | { kind: 'unexpected'; detail: string };

export function useClassSummary(classId: string | undefined, period: Period): SummaryState {
  const supabase = useSupabase();
  const [state, setState] = useState<SummaryState>({ kind: 'idle' });

  useEffect(() => {
    if (!classId) return setState({ kind: 'idle' });
    let active = true;
    setState({ kind: 'loading' });
    void supabase.rpc('class_summary', { p_class_id: classId, p_semester: periodSemester(period) }).then(({ data, error }) => {
      if (!active) return;
      if (error) return setState({ kind: 'failed', message: errorMessage(error) });
      if (isPrimarySummary(data)) {
        const primary = primarySummarySchema.safeParse(data);
        return setState(primary.success ? { kind: 'primary', summary: primary.data } : { kind: 'unexpected', detail: primary.error.message });
      }
      const parsed = classSummarySchema.safeParse(data);
      setState(parsed.success ? { kind: 'loaded', summary: parsed.data } : { kind: 'unexpected', detail: parsed.error.message });
    });
    return () => {
      active = false;
    };
  }, [supabase, classId, period]);

  return state;
}
