// Members of one department in one school year, and the admin board's writes on them. RLS decides; a
// write RLS hides (no error, no row) is reported as a refusal rather than a silent success.
import { useList } from '@refinedev/core';
import { useCallback } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';

export type MemberRow = Pick<Tables<'department_members'>, 'id' | 'profile_id' | 'is_head'> & { profiles: Pick<Tables<'profiles'>, 'full_name'> | null };

/** null on success, else an error code or message for the caller to translate or show. */
type Outcome = null | { code: 'refused' | 'exists' } | { message: string };

export function useDepartmentMembers(department: { id: string; school_id: string } | null, yearId: string | undefined) {
  const supabase = useSupabase();
  const enabled = !!department && !!yearId;
  const { result, query } = useList<MemberRow>({
    resource: 'department_members',
    pagination: { mode: 'off' },
    filters: [
      { field: 'department_id', operator: 'eq', value: department?.id },
      { field: 'school_year_id', operator: 'eq', value: yearId },
    ],
    meta: { select: 'id, profile_id, is_head, profiles(full_name)' },
    queryOptions: { enabled },
  });
  const members = enabled ? result.data : [];
  const refetch = query.refetch;

  const add = useCallback(
    async (profileId: string): Promise<Outcome> => {
      if (!department || !yearId) return { code: 'refused' };
      const { error } = await supabase
        .from('department_members')
        .insert({ school_id: department.school_id, school_year_id: yearId, department_id: department.id, profile_id: profileId });
      void refetch();
      if (error) return error.code === '23505' ? { code: 'exists' } : error.code === '42501' ? { code: 'refused' } : { message: errorMessage(error) };
      return null;
    },
    [department, yearId, supabase, refetch],
  );

  const remove = useCallback(
    async (id: string): Promise<Outcome> => {
      const { data, error } = await supabase.from('department_members').delete().eq('id', id).select('id');
      void refetch();
      if (error) return { message: errorMessage(error) };
      return data.length ? null : { code: 'refused' };
    },
    [supabase, refetch],
  );

  /**
   * One Tổ trưởng per department and year (a partial unique index): the old head is cleared first, then
   * the new one set; if setting fails, the old head is put back.
   */
  const makeHead = useCallback(
    async (id: string): Promise<Outcome> => {
      const previous = members.find((m) => m.is_head && m.id !== id);
      try {
        if (previous) {
          const cleared = await supabase.from('department_members').update({ is_head: false }).eq('id', previous.id).select('id');
          if (cleared.error) return { message: errorMessage(cleared.error) };
          if (!cleared.data.length) return { code: 'refused' };
        }
        const set = await supabase.from('department_members').update({ is_head: true }).eq('id', id).select('id');
        if (!set.error && set.data.length) return null;
        if (previous) await supabase.from('department_members').update({ is_head: true }).eq('id', previous.id);
        return set.error ? { message: errorMessage(set.error) } : { code: 'refused' };
      } finally {
        void refetch();
      }
    },
    [members, supabase, refetch],
  );

  return { members, loading: enabled && query.isLoading, add, remove, makeHead };
}
