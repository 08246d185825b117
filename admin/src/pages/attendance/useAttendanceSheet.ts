// Loads the attendance of a class for one month — the students and their year absences
// (`classStudents`: Vietnamese order, absences of the year; a subject teacher gets the bare roster) and the days absent of
// the month (`attendance`) — keeps the clicked marks and saves them at once. Whatever the outcome the
// month is read again; a refusal's message (RLS, PT423 lock, a date outside the year) is shown as it is.
import { useWarnAboutChange } from '@refinedev/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { changeCount, writeRowChanges, type WriteOutcome } from '../../shared/rowChanges.ts';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { classStudents } from '../../shared/roster.ts';
import { absenceRowSchema, attendanceChanges, cellKey, cycleMark, indexRows, monthRange, shownMark, type AbsenceRow, type Marks } from './attendanceGrid.ts';
import { errorMessage } from '../../providers/errors.ts';

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useAttendanceSheet(cls: ClassRow | undefined, month: string | undefined, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const { setWarnWhen } = useWarnAboutChange();
  const [students, setStudents] = useState<SummaryStudent[]>([]);
  const [rows, setRows] = useState<AbsenceRow[]>([]);
  const [marks, setMarks] = useState<Marks>({});
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const latest = useRef(0);

  // A refused save keeps the clicks (they are the wanted marks, diffed again against fresh rows).
  const load = useCallback(async (keepMarks = false) => {
    const call = ++latest.current;
    if (!keepMarks) setMarks({});
    if (!cls || !month) return (setStudents([]), setRows([]), setLoadError(null));
    if (readsResults === undefined) return;
    setLoading(true);
    const { first, last } = monthRange(month);
    const [summary, saved] = await Promise.all([
      classStudents(supabase, cls.id, null, readsResults),
      supabase
        .from('attendance')
        .select('id, student_id, on_date, excused, version')
        .eq('class_id', cls.id)
        .eq('school_year_id', cls.school_year_id)
        .gte('on_date', first)
        .lte('on_date', last),
    ]);
    if (call !== latest.current) return; // another class or month was picked meanwhile
    setLoading(false);
    const error = summary.error ?? (saved.error ? errorMessage(saved.error) : undefined);
    if (error) return (setStudents([]), setRows([]), setLoadError(error));
    const parsedRows = absenceRowSchema.array().safeParse(saved.data);
    if (!parsedRows.success) return (setStudents([]), setRows([]), setLoadError(parsedRows.error.message));
    setLoadError(null);
    setStudents(summary.students);
    setRows(parsedRows.data);
    // The class is identified by its id (a refetch of the list gives a new object for the same class).
  }, [supabase, cls?.id, month, readsResults]);

  useEffect(() => {
    setSaveError(null);
    void load();
  }, [load]);

  const saved = useMemo(() => indexRows(rows), [rows]);
  const changes = useMemo(() => attendanceChanges(saved, marks), [saved, marks]);
  const count = changeCount(changes);
  useEffect(() => {
    setWarnWhen(count > 0);
    return () => setWarnWhen(false);
  }, [count, setWarnWhen]);

  const cycle = useCallback(
    (studentId: string, date: string) => {
      const key = cellKey(studentId, date);
      setMarks((prev) => ({ ...prev, [key]: cycleMark(shownMark(saved, prev, key)) }));
    },
    [saved],
  );

  const save = useCallback(async (): Promise<WriteOutcome | null> => {
    if (!cls || count === 0) return null;
    setSaving(true);
    setSaveError(null);
    const base = { school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id };
    const outcome = await writeRowChanges(supabase, 'attendance', { ...changes, inserts: changes.inserts.map((i) => ({ ...base, ...i })) });
    setSaving(false);
    // Some requests may have gone through before a refusal: read again. A refusal keeps the clicks; a
    // row changed by someone else drops them, to be checked first.
    if (!outcome.ok && outcome.kind === 'error') setSaveError(outcome.message);
    await load(!outcome.ok && outcome.kind === 'error');
    return outcome;
  }, [supabase, cls, changes, count, load]);

  return { students, saved, marks, cycle, count, loading, loadError, saving, saveError, save, reload: () => (setSaveError(null), load(false)) };
}
