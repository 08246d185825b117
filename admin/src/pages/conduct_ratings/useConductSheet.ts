// The conduct sheet of a class and period through the shared homeroom sheet hook: it reads the students
// (`classStudents`: Vietnamese order; the year's conduct level as the summer hint) and the saved ratings
// (`conduct_ratings`), and saves every change in one call to rpc/save_conduct_ratings.
import { useCallback, useMemo } from 'react';
import { useHomeroomSheet, type SheetRead } from '../../components/homeroomSheet/useHomeroomSheet.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { classStudents } from '../../shared/roster.ts';
import { conductChanges, conductRowSchema, conductSemester, type ConductPeriod, type ConductRow, type Draft, type Drafts } from './conductSheet.ts';

interface ConductData {
  students: SummaryStudent[];
  rows: ConductRow[];
}
const EMPTY: ConductData = { students: [], rows: [] };
const NO_DRAFTS: Drafts = {};

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useConductSheet(cls: ClassRow | undefined, period: ConductPeriod, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const semester = conductSemester(period);
  const sheet = useHomeroomSheet({
    key: !cls ? null : readsResults === undefined ? undefined : `${cls.id}|${semester}|${readsResults}`,
    empty: EMPTY,
    noDrafts: NO_DRAFTS,
    read: async (): Promise<SheetRead<ConductData>> => {
      let ratings = supabase.from('conduct_ratings').select('id, student_id, level, comment, version').eq('class_id', cls!.id).eq('school_year_id', cls!.school_year_id);
      ratings = semester === null ? ratings.is('semester', null) : ratings.eq('semester', semester);
      // The summer re-rating is about the year's result, so its hint is the year's conduct level.
      const [listed, saved] = await Promise.all([classStudents(supabase, cls!.id, semester, readsResults!), ratings]);
      const error = listed.error ?? (saved.error ? errorMessage(saved.error) : undefined);
      if (error) return { error };
      const rows = conductRowSchema.array().safeParse(saved.data);
      return rows.success ? { data: { students: listed.students, rows: rows.data } } : { error: rows.error.message };
    },
    pending: (data, drafts) => conductChanges(data.rows, drafts),
    write: (changes) => supabase.rpc('save_conduct_ratings', { p_class_id: cls!.id, p_semester: semester, p_changes: changes }),
  });
  const { setDrafts } = sheet;
  const setDraft = useCallback((studentId: string, draft: Draft) => setDrafts((prev) => ({ ...prev, [studentId]: draft })), [setDrafts]);
  const rated = useMemo(() => new Set(sheet.data.rows.map((r) => r.student_id)), [sheet.data.rows]);
  return { ...sheet, setDraft, rated };
}
