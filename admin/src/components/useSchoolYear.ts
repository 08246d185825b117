// The school year a screen works on: the current one by default — as the database decides
// (`is_current`: the latest year started by the app's today, pinned in the demo), never the browser's
// clock — any visible one on request. Years are read through RLS (school_years of the caller's schools).
import { useList } from '@refinedev/core';
import { useState } from 'react';

export interface SchoolYear {
  id: string;
  school_id: string;
  code: string;
  starts_on: string;
  ends_on: string;
  /** The last day of học kỳ I (an absence after it counts in học kỳ II: private.attendance_semester). */
  semester1_ends_on: string;
  /** When the admin board opened it; null while it is being prepared (only the board sees it then). */
  opened_at: string | null;
  is_current: boolean;
}

export function useSchoolYear() {
  const { result, query } = useList<SchoolYear>({
    resource: 'school_years',
    pagination: { mode: 'off' },
    sorters: [{ field: 'starts_on', order: 'desc' }],
    meta: { select: '*, is_current' },
  });
  const [chosen, setYearId] = useState<string | null>(null);
  const years = result.data;
  const current = years.find((y) => y.is_current) ?? years[0] ?? null;
  const year = years.find((y) => y.id === chosen) ?? current;
  return { years, year, setYearId, loading: query.isLoading };
}

/** The calendar year the school year starts in (2026 for 2026-2027); null while none is chosen. */
export function startYear(year: SchoolYear | null): number | null {
  return year ? Number(year.starts_on.slice(0, 4)) : null;
}
