// The attendance of a class for one month through the shared homeroom sheet hook: it reads the students
// and their year absences (`classStudents`: Vietnamese order; a subject teacher gets the bare roster) and
// the days absent of the month (`attendance`), keeps the clicked marks, and saves them in one call to
// rpc/save_attendance.
import { useCallback, useMemo } from 'react';
import { useHomeroomSheet, type SheetRead } from '../../components/homeroomSheet/useHomeroomSheet.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { classStudents } from '../../shared/roster.ts';
import { absenceRowSchema, attendanceChanges, cellKey, cycleMark, indexRows, monthRange, shownMark, type AbsenceRow, type Marks } from './attendanceGrid.ts';

interface AttendanceData {
  students: SummaryStudent[];
  rows: AbsenceRow[];
}
const EMPTY: AttendanceData = { students: [], rows: [] };
const NO_MARKS: Marks = {};

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useAttendanceSheet(cls: ClassRow | undefined, month: string | undefined, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const sheet = useHomeroomSheet({
    key: !cls || !month ? null : readsResults === undefined ? undefined : `${cls.id}|${month}|${readsResults}`,
    empty: EMPTY,
    noDrafts: NO_MARKS,
    read: async (): Promise<SheetRead<AttendanceData>> => {
      const { first, last } = monthRange(month!);
      const [summary, saved] = await Promise.all([
        classStudents(supabase, cls!.id, null, readsResults!),
        supabase
          .from('attendance')
          .select('id, student_id, on_date, excused, version')
          .eq('class_id', cls!.id)
          .eq('school_year_id', cls!.school_year_id)
          .gte('on_date', first)
          .lte('on_date', last),
      ]);
      const error = summary.error ?? (saved.error ? errorMessage(saved.error) : undefined);
      if (error) return { error };
      const rows = absenceRowSchema.array().safeParse(saved.data);
      return rows.success ? { data: { students: summary.students, rows: rows.data } } : { error: rows.error.message };
    },
    pending: (data, marks) => attendanceChanges(indexRows(data.rows), marks),
    write: (changes) => supabase.rpc('save_attendance', { p_class_id: cls!.id, p_changes: changes }),
  });
  const saved = useMemo(() => indexRows(sheet.data.rows), [sheet.data.rows]);
  const { setDrafts } = sheet;
  const cycle = useCallback(
    (studentId: string, date: string) => {
      const key = cellKey(studentId, date);
      setDrafts((prev) => ({ ...prev, [key]: cycleMark(shownMark(saved, prev, key)) }));
    },
    [saved, setDrafts],
  );
  return { ...sheet, saved, marks: sheet.drafts, cycle };
}
