// Loads and saves a student's profile (students + student_details) as the signed-in user; validation is
// the shared zod schema, with the birth date checked against the grade of the student's current class.
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
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
}

export function useStudentForm(id: string, form: FormInstance<StudentFormValues>) {
  const supabase = useSupabase();
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
          .select('classes(name, grade), school_years(starts_on)')
          .eq('student_id', id)
          .is('ended_on', null)
          .order('started_on', { ascending: false })
          .limit(1)
          .maybeSingle(),
      ]);
      if (!active) return;
      setLoading(false);
      if (student.error) return setError(student.error.message);
      form.setFieldsValue({ ...student.data, ...(details.data ?? {}) });
      const e = enrolment.data as { classes: { name: string; grade: number } | null; school_years: { starts_on: string } | null } | null;
      setContext({
        school_id: student.data.school_id as string,
        grade: e?.classes?.grade ?? 0,
        schoolYearStart: Number(e?.school_years?.starts_on.slice(0, 4) ?? 0),
        className: e?.classes?.name ?? '',
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
      const s = await supabase.from('students').update({ student_code, family_name, middle_name, given_name, gender, birth_date }).eq('id', id);
      if (s.error) return setError(s.error.message), false;
      const d = await supabase.from('student_details').upsert({ student_id: id, school_id: context?.school_id, ...details });
      if (d.error) return setError(d.error.message), false;
      setError(null);
      return true;
    },
    [context, form, id, supabase],
  );

  return { context, loading, error, save };
}
