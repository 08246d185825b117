// Loads and saves a student's profile (students + student_details) as the signed-in user; validation is
// the shared zod schema, with the birth date checked against the grade of the student's current class.
import { useGetIdentity } from '@refinedev/core';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { matrix } from '../../../../policies/matrix.ts';
import { scopeOf } from '../../../../policies/types.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { studentProfileSchema } from '../../shared/studentProfile.ts';

export interface StudentFormValues {
  student_code: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  gender: 'male' | 'female';
  birth_date: string;
  birth_place: string;
  ethnicity: string;
  nationality: string;
  religion: string;
  hometown: string;
  residence: string;
  priority_group: string;
}

interface Context {
  school_id: string;
  grade: number;
  schoolYearStart: number;
  className: string;
  /** GVCN of the student's current class: with the admin board, the only one who may edit. */
  homeroomTeacherId: string | null;
}

/**
 * Whether the signed-in user may write this student's profile, as the matrix says (admin board of the
 * school; homeroom teacher of the student's current class). Only hides the forms: RLS decides.
 */
export function canWriteProfile(identity: Pick<Identity, 'id' | 'roles'> | undefined, context: Pick<Context, 'homeroomTeacherId'> | null): boolean {
  if (!identity || !context) return false;
  const scope = scopeOf(matrix, identity.roles, 'student_details', 'edit');
  if (scope === 'homeroom') return context.homeroomTeacherId === identity.id;
  return scope === 'school' || scope === 'district' || scope === 'province';
}

/** `refused`: the message shown when RLS silently skips a write. */
export function useStudentForm(id: string, form: FormInstance<StudentFormValues>, refused: string) {
  const supabase = useSupabase();
  const { data: identity, isLoading: identityLoading } = useGetIdentity<Identity>();
  const [values, setValues] = useState<Partial<StudentFormValues>>({});
  const [context, setContext] = useState<Context | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    void (async () => {
      const [student, details, enrolment] = await Promise.all([
        supabase.from('students').select('school_id, student_code, family_name, middle_name, given_name, gender, birth_date').eq('id', id).single(),
        supabase.from('student_details').select('*').eq('student_id', id).maybeSingle(),
        supabase
          .from('enrolments')
          .select('classes(name, grade, homeroom_teacher_id), school_years(starts_on)')
          .eq('student_id', id)
          .is('ended_on', null)
          .order('started_on', { ascending: false })
          .limit(1)
          .maybeSingle(),
      ]);
      if (!active) return;
      setLoading(false);
      if (student.error) return setError(student.error.message);
      const loaded = { ...student.data, ...(details.data ?? {}) } as Partial<StudentFormValues>;
      setValues(loaded);
      form.setFieldsValue(loaded);
      const e = enrolment.data as { classes: { name: string; grade: number; homeroom_teacher_id: string | null } | null; school_years: { starts_on: string } | null } | null;
      setContext({
        school_id: student.data.school_id as string,
        grade: e?.classes?.grade ?? 0,
        schoolYearStart: Number(e?.school_years?.starts_on.slice(0, 4) ?? 0),
        className: e?.classes?.name ?? '',
        homeroomTeacherId: e?.classes?.homeroom_teacher_id ?? null,
      });
    })();
    return () => {
      active = false;
    };
  }, [id, supabase, form]);

  const save = useCallback(
    async (raw: StudentFormValues): Promise<boolean> => {
      const parsed = studentProfileSchema(context && context.grade ? context : null).safeParse(raw);
      if (!parsed.success) {
        form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof StudentFormValues, errors: [i.message] })));
        return false;
      }
      const { student_code, family_name, middle_name, given_name, gender, birth_date, ...details } = parsed.data;
      if (!context) return false;
      // An update RLS hides matches no row and reports no error: ask for the row back to tell them apart.
      const s = await supabase.from('students').update({ student_code, family_name, middle_name, given_name, gender, birth_date }).eq('id', id).select('id');
      if (s.error) return setError(s.error.message), false;
      if (!s.data.length) return setError(refused), false;
      // student_details may not exist yet: insert it on the student's school, or update the existing row.
      const d = await supabase.from('student_details').upsert({ student_id: id, school_id: context.school_id, ...details }, { onConflict: 'student_id' }).select('student_id');
      if (d.error) return setError(d.error.message), false;
      if (!d.data.length) return setError(refused), false;
      setError(null);
      return true;
    },
    [context, form, id, supabase, refused],
  );

  const canWrite = canWriteProfile(identity, context);
  return { context, values, canWrite, loading: loading || identityLoading, error, save };
}
