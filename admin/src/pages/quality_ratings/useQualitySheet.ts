// The qualities and competencies sheet of a class and period through the shared homeroom sheet hook: it
// reads the students (`classStudents`: Vietnamese order), the saved ratings (`quality_ratings`) and, at
// the end of the year, the year result (`primary_results`, which RLS shows to BGH, the admin board, the
// clerk and the GVCN only), keeps what the GVCN picked, and saves it in one call to
// rpc/save_quality_ratings.
import { useCallback } from 'react';
import { useHomeroomSheet, type SheetRead } from '../../components/homeroomSheet/useHomeroomSheet.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { classStudents } from '../../shared/roster.ts';
import {
  EMPTY_DRAFTS,
  isYearEnd,
  levelKey,
  primaryResultSchema,
  qualityChanges,
  qualityRowSchema,
  type PrimaryResult,
  type QualityKind,
  type QualityLevel,
  type QualityRow,
  type Semester,
} from './qualitySheet.ts';

interface QualityData {
  students: SummaryStudent[];
  rows: QualityRow[];
  results: Map<string, PrimaryResult>;
}
const EMPTY: QualityData = { students: [], rows: [], results: new Map() };

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useQualitySheet(cls: ClassRow | undefined, semester: Semester, kind: QualityKind, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const yearEnd = isYearEnd(semester, kind);
  const sheet = useHomeroomSheet({
    key: !cls ? null : readsResults === undefined ? undefined : `${cls.id}|${semester}|${kind}|${readsResults}`,
    empty: EMPTY,
    noDrafts: EMPTY_DRAFTS,
    read: async (): Promise<SheetRead<QualityData>> => {
      const ratings = supabase
        .from('quality_ratings')
        .select('id, student_id, code, level, comment, version')
        .eq('class_id', cls!.id)
        .eq('school_year_id', cls!.school_year_id)
        .eq('semester', semester)
        .eq('kind', kind);
      const yearResults = yearEnd
        ? supabase.from('primary_results').select('student_id, year_result, completion').eq('class_id', cls!.id)
        : Promise.resolve({ data: [], error: null });
      const [listed, saved, result] = await Promise.all([classStudents(supabase, cls!.id, semester, readsResults!), ratings, yearResults]);
      const error = listed.error ?? (saved.error ? errorMessage(saved.error) : undefined) ?? (result.error ? errorMessage(result.error) : undefined);
      if (error) return { error };
      const rows = qualityRowSchema.array().safeParse(saved.data);
      const results = primaryResultSchema.array().safeParse(result.data ?? []);
      if (!rows.success || !results.success) return { error: (rows.error ?? results.error)!.message };
      return { data: { students: listed.students, rows: rows.data, results: new Map(results.data.map((r) => [r.student_id, r])) } };
    },
    pending: (data, drafts) => qualityChanges(data.rows, drafts),
    write: (changes) => supabase.rpc('save_quality_ratings', { p_class_id: cls!.id, p_semester: semester, p_kind: kind, p_changes: changes }),
  });
  const { setDrafts } = sheet;
  const setLevel = useCallback(
    (studentId: string, code: string, level: QualityLevel | null) => setDrafts((prev) => ({ ...prev, levels: { ...prev.levels, [levelKey(studentId, code)]: level } })),
    [setDrafts],
  );
  const setComment = useCallback((studentId: string, comment: string) => setDrafts((prev) => ({ ...prev, comments: { ...prev.comments, [studentId]: comment } })), [setDrafts]);
  return { ...sheet, yearEnd, setLevel, setComment };
}
