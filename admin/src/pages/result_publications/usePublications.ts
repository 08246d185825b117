// The publications of a school year and their history, read through Refine's data provider (RLS: staff
// of the year), and the one write: a step through rpc/advance_results. Postgres refuses a wrong person
// or a wrong move with a Vietnamese message, which the screen shows as it is.
import { useList } from '@refinedev/core';
import { useCallback } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import type { PublicationAction, PublicationEventRow, PublicationRow } from './publications.ts';

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
    error: publications.query.error?.message ?? null,
    refetch,
  };
}

/** One step for a class's results of a period; resolves to the server's refusal message, or null when done. */
export function useAdvanceResults() {
  const supabase = useSupabase();
  return useCallback(
    async (classId: string, semester: 1 | 2 | null, action: PublicationAction, note?: string): Promise<string | null> => {
      const { error } = await supabase.rpc('advance_results', { p_class_id: classId, p_semester: semester, p_action: action, p_note: note ?? null });
      return error ? error.message : null;
    },
    [supabase],
  );
}
