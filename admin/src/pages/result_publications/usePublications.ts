// The publications of a school year and their history, read through Refine's data provider (RLS: staff
// of the year), the steps the caller may take per class (rpc/publication_steps), and the one write: a
// step through rpc/advance_results, whose refusal is shown through errorMessage.
import { useList } from '@refinedev/core';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { PublicationAction, PublicationEventRow, PublicationRow, PublicationSteps } from './publications.ts';

export function usePublications(yearId: string | undefined) {
  const publications = useList<PublicationRow>({
    resource: 'result_publications',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    queryOptions: { enabled: !!yearId },
  });
  const events = useList<PublicationEventRow>({
    resource: 'result_publication_events',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    sorters: [{ field: 'id', order: 'asc' }],
    queryOptions: { enabled: !!yearId },
  });
  const refetchPublications = publications.query.refetch;
  const refetchEvents = events.query.refetch;
  const refetch = useCallback(() => Promise.all([refetchPublications(), refetchEvents()]), [refetchPublications, refetchEvents]);
  return {
    publications: yearId ? publications.result.data : [],
    events: yearId ? events.result.data : [],
    loading: publications.query.isLoading,
    error: publications.query.error ? errorMessage(publications.query.error) : null,
    refetch,
  };
}

/**
 * What the database answers for every class of the year and the period: status, the caller's steps,
 * what is missing. `version` re-reads after a step.
 */
export function usePublicationSteps(yearId: string | undefined, semester: 1 | 2 | null, version: number): Map<string, PublicationSteps> {
  const supabase = useSupabase();
  const [steps, setSteps] = useState<Map<string, PublicationSteps>>(new Map());
  useEffect(() => {
    if (!yearId) return setSteps(new Map());
    let active = true;
    void supabase.rpc('publication_steps', { p_school_year_id: yearId, p_semester: semester }).then(({ data }) => {
      if (active) setSteps(new Map(((data ?? []) as PublicationSteps[]).map((s) => [s.class_id, s])));
    });
    return () => {
      active = false;
    };
  }, [supabase, yearId, semester, version]);
  return steps;
}

/** One step for a class's results of a period; resolves to the sentence to show when refused, or null when done. */
export function useAdvanceResults() {
  const supabase = useSupabase();
  return useCallback(
    async (classId: string, semester: 1 | 2 | null, action: PublicationAction, note?: string): Promise<string | null> => {
      const { error } = await supabase.rpc('advance_results', { p_class_id: classId, p_semester: semester, p_action: action, p_note: note ?? null });
      return error ? errorMessage(error) : null;
    },
    [supabase],
  );
}
