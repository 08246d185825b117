// Loads and saves a student's profile (students + student_details) as the signed-in user; validation is
// the shared zod schema, with the birth date checked against the grade of the student's current class.
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
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
  /** The database's answer (students.can_edit): the admin board of the school, the current GVCN. */
  canEdit: boolean;
}

/** `refused`: the message shown when RLS silently skips a write. */
export function useStudentForm(id: string, form: FormInstance<StudentFormValues>, refused: string) {
  const supabase = useSupabase();
  const [values, setValues] = useState<Partial<StudentFormValues>>({});
  const [context, setContext] = useState<Context | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    void (async () => {
      const [student, details, enrolment] = await Promise.all([
        supabase.from('students').select('school_id, student_code, family_name, middle_name, given_name, gender, birth_date, can_edit').eq('id', id).single(),
        supabase.from('student_details').select('*').eq('student_id', id).maybeSingle(),
        supabase
          .from('enrolments')
          .select('classes(name, grade), school_years(starts_on)')
          .eq('student_id', id)
          .is('ended_on', null)
          .order('started_on', { ascending: false })
          .limit(1)
          .maybeSingle(),
      ]);
      if (!active) return;
      setLoading(false);
      if (student.error) return setError(errorMessage(student.error));
      const { can_edit: canEdit, ...row } = student.data as typeof student.data & { can_edit: boolean };
      const loaded = { ...row, ...(details.data ?? {}) } as Partial<StudentFormValues>;
      setValues(loaded);
      form.setFieldsValue(loaded);
      const e = enrolment.data as { classes: { name: string; grade: number } | null; school_years: { starts_on: string } | null } | null;
      setContext({
        school_id: student.data.school_id as string,
        grade: e?.classes?.grade ?? 0,
        schoolYearStart: Number(e?.school_years?.starts_on.slice(0, 4) ?? 0),
        className: e?.classes?.name ?? '',
        canEdit: canEdit === true,
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
      if (s.error) return setError(errorMessage(s.error)), false;
      if (!s.data.length) return setError(refused), false;
      // student_details may not exist yet: insert it on the student's school, or update the existing row.
      const d = await supabase.from('student_details').upsert({ student_id: id, school_id: context.school_id, ...details }, { onConflict: 'student_id' }).select('student_id');
      if (d.error) return setError(errorMessage(d.error)), false;
      if (!d.data.length) return setError(refused), false;
      setError(null);
      return true;
    },
    [context, form, id, supabase, refused],
  );

  return { context, values, canWrite: context?.canEdit ?? false, loading, error, save };
}
