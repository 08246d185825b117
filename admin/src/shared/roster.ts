// The students of a class for a reader who may not call `rpc/class_summary` (only BGH, the admin board
// and the GVCN may): a subject teacher reads the class's conduct and attendance (RLS) and the students of
// the classes they teach, but not the class's results. Same students and order as class_summary (every
// enrolment but those ended by a class change; given name, family name, middle name, code), without the
// results (no year conduct hint, no absences).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/functions/_shared/database.ts';
import { classSummarySchema, type SummaryStudent } from './classSummary.ts';
import { errorMessage } from '../providers/errors.ts';

async function classRoster(supabase: SupabaseClient<Database>, classId: string): Promise<{ data: SummaryStudent[] | null; error: { message: string } | null }> {
  const { data, error } = await supabase
    .from('students')
    .select('id, student_code, full_name, enrolments!inner(class_id, end_reason)')
    .eq('enrolments.class_id', classId)
    .or('end_reason.is.null,end_reason.neq.class_change', { referencedTable: 'enrolments' })
    .order('given_name')
    .order('family_name')
    .order('middle_name')
    .order('student_code');
  if (error) return { data: null, error };
  return {
    error: null,
    data: (data as { id: string; student_code: string; full_name: string }[]).map((s) => ({
      student_id: s.id,
      student_code: s.student_code,
      full_name: s.full_name,
      results: {},
      learning_level: null,
      conduct_level: null,
      absences: 0,
      absences_excused: 0,
      absences_unexcused: 0,
      learning_after_retest: null,
      conduct_after_summer: null,
      promotion: null,
      award: null,
    })),
  };
}

/**
 * The students of a class in Vietnamese order with their results of the period (`rpc/class_summary`),
 * or — for a reader who may not read the class's results (`readsResults` false, from the matrix: a
 * subject teacher) — the bare roster, without asking class_summary for a refusal. A 42501 all the same
 * falls back to the roster.
 */
export async function classStudents(supabase: SupabaseClient<Database>, classId: string, semester: number | null, readsResults: boolean): Promise<{ students: SummaryStudent[]; error: string | null }> {
  const roster = async () => {
    const { data, error } = await classRoster(supabase, classId);
    return error ? { students: [], error: errorMessage(error) } : { students: data!, error: null };
  };
  if (!readsResults) return roster();
  const summary = await supabase.rpc('class_summary', { p_class_id: classId, p_semester: semester });
  if (summary.error?.code === '42501') return roster();
  if (summary.error) return { students: [], error: errorMessage(summary.error) };
  const parsed = classSummarySchema.safeParse(summary.data);
  return parsed.success ? { students: parsed.data.students, error: null } : { students: [], error: parsed.error.message };
}
