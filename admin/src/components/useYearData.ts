// Year-scoped lists several screens share: the classes of a year and the teachers (staff holding a
// teaching role that year), read through Refine's data provider (RLS decides what comes back).
import { useList } from '@refinedev/core';
import type { Tables } from '../../../supabase/functions/_shared/database.ts';

export const TEACHING_ROLES = ['homeroom_teacher', 'subject_teacher', 'dept_head', 'principal', 'vice_principal'];

export type ClassRow = Pick<Tables<'classes'>, 'id' | 'name' | 'grade' | 'school_id' | 'school_year_id' | 'homeroom_teacher_id'> & {
  /** The GVCN's name (computed field homeroom_teacher_name: whoever reads the class reads it). */
  homeroom_teacher_name: string | null;
};

export function useYearClasses(yearId: string | undefined) {
  const { result, query } = useList<ClassRow>({
    resource: 'classes',
    pagination: { mode: 'off' },
    filters: [{ field: 'school_year_id', operator: 'eq', value: yearId }],
    sorters: [{ field: 'grade', order: 'asc' }, { field: 'name', order: 'asc' }],
    meta: { select: '*, homeroom_teacher_name' },
    queryOptions: { enabled: !!yearId },
  });
  return { classes: yearId ? result.data : [], loading: query.isLoading, refetch: query.refetch };
}

export interface PersonOption {
  value: string;
  label: string;
}

/** Teachers of a school year as select options, sorted the Vietnamese way (given name last word). */
export function useYearTeachers(yearId: string | undefined): PersonOption[] {
  return useYearStaff(yearId, TEACHING_ROLES);
}

/** People holding one of `roles` in a school year, as select options sorted the Vietnamese way. */
export function useYearStaff(yearId: string | undefined, roles: readonly string[]): PersonOption[] {
  const { result } = useList<{ profile_id: string; profiles: { full_name: string } | null }>({
    resource: 'memberships',
    pagination: { mode: 'off' },
    filters: [
      { field: 'school_year_id', operator: 'eq', value: yearId },
      { field: 'role', operator: 'in', value: roles },
    ],
    meta: { select: 'profile_id, profiles(full_name)' },
    queryOptions: { enabled: !!yearId },
  });
  const seen = new Map<string, string>();
  for (const m of yearId ? result.data : []) seen.set(m.profile_id, m.profiles?.full_name ?? m.profile_id);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => vietnameseNameCompare(a.label, b.label));
}

/** Vietnamese order: by given name (last word), then the rest. */
export function vietnameseNameCompare(a: string, b: string): number {
  const key = (s: string) => {
    const parts = s.trim().split(/\s+/);
    return `${parts[parts.length - 1] ?? ''} ${parts.slice(0, -1).join(' ')}`;
  };
  return key(a).localeCompare(key(b), 'vi');
}
