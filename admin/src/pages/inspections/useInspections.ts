// The checks of a school year the caller may read (RLS: BGH and the admin board the school's, the
// checker and the checked teacher theirs, a Tổ trưởng the department's), newest first, with the names
// embedded in the same request.
import { useList } from '@refinedev/core';
import { INSPECTION_SELECT, type InspectionRow } from '../../shared/inspections.ts';
import { errorMessage } from '../../providers/errors.ts';

export function useInspections(yearId: string | undefined) {
  const { result, query } = useList<InspectionRow>({
    resource: 'inspections',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    sorters: [
      { field: 'checked_on', order: 'desc' },
      { field: 'created_at', order: 'desc' },
    ],
    meta: { select: INSPECTION_SELECT },
    queryOptions: { enabled: !!yearId },
  });
  return {
    inspections: yearId ? result.data : [],
    loading: query.isLoading,
    error: query.error ? errorMessage(query.error) : null,
    refetch: query.refetch,
  };
}
