// Reads the health screens share: who the caller is for the module (the roles and their schools), the
// current year's classes, a class's enrolled students. RLS and the RPCs decide what comes back.
import { useGetIdentity } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../../policies/types.ts';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses, vietnameseNameCompare } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';

export interface HealthWho {
  identity: Identity | undefined;
  has: (...roles: Role[]) => boolean;
  /** The first school where the caller holds one of `roles` this year. */
  schoolOf: (...roles: Role[]) => string | undefined;
  today: string | null;
}

export function useHealthWho(): HealthWho {
  const { data: identity } = useGetIdentity<Identity>();
  const has = (...roles: Role[]) => roles.some((r) => identity?.roles.includes(r));
  const schoolOf = (...roles: Role[]) => roles.map((r) => identity?.schoolsByRole[r]?.[0]).find(Boolean);
  return { identity, has, schoolOf, today: identity?.today ?? null };
}

/** The current school year (as the database decides) and its classes. */
export function useCurrentClasses() {
  const { year } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  return { year, classes };
}

export interface Pupil {
  student_id: string;
  full_name: string;
  student_code: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
}

/** The students enrolled now in a class, in Vietnamese order. */
export function useClassPupils(classId: string | undefined) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['health-pupils', classId],
    enabled: !!classId,
    queryFn: async (): Promise<Pupil[]> => {
      const { data, error } = await supabase.from('enrolments').select('student_id, students!inner(full_name, student_code, gender, birth_date)')
        .eq('class_id', classId!).is('ended_on', null);
      if (error) throw new Error(errorMessage(error));
      return (data as unknown as { student_id: string; students: Omit<Pupil, 'student_id'> }[])
        .map((e) => ({ student_id: e.student_id, ...e.students }))
        .sort((a, b) => vietnameseNameCompare(a.full_name, b.full_name));
    },
  });
}

/** "12,3" / "12.3" → 12.3; "" → null; anything not a number → undefined (ranges are the database's). */
export function parseNumber(text: string): number | null | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}
