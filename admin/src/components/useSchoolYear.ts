// The school year a screen works on: the current one (latest started) by default, any visible one on
// request. Years are read through RLS (school_years of the caller's own schools).
import { useList } from '@refinedev/core';
import dayjs from 'dayjs';
import { useState } from 'react';

export interface SchoolYear {
  id: string;
  school_id: string;
  code: string;
  starts_on: string;
  ends_on: string;
}

export function useSchoolYear() {
  const { result, query } = useList<SchoolYear>({
    resource: 'school_years',
    pagination: { mode: 'off' },
    sorters: [{ field: 'starts_on', order: 'desc' }],
  });
  const [chosen, setYearId] = useState<string | null>(null);
  const years = result.data;
  const today = dayjs().format('YYYY-MM-DD');
  const current = years.find((y) => y.starts_on <= today) ?? years[0] ?? null;
  const year = years.find((y) => y.id === chosen) ?? current;
  return { years, year, setYearId, loading: query.isLoading };
}

/** The calendar year the school year starts in (2026 for 2026-2027). */
export function startYear(year: SchoolYear | null): number {
  return year ? Number(year.starts_on.slice(0, 4)) : new Date().getFullYear();
}
