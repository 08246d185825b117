// Loads the conduct sheet of a class and period — the students (`classStudents`: Vietnamese order;
// the year's conduct level as the summer hint) and the saved ratings (`conduct_ratings`) — keeps what the
// GVCN typed, and saves every change at once. Whatever the outcome the sheet is read again, so the screen
// shows what the server holds; a refusal's message (RLS, PT423 lock, the class rules) is shown as it is.
import { useWarnAboutChange } from '@refinedev/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { classStudents } from '../../shared/roster.ts';
import { conductChanges, conductRowSchema, conductSemester, type ConductPeriod, type ConductRow, type Draft, type Drafts } from './conductSheet.ts';
import { changeCount, writeRowChanges, type WriteOutcome } from '../../shared/rowChanges.ts';
import { errorMessage } from '../../providers/errors.ts';

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useConductSheet(cls: ClassRow | undefined, period: ConductPeriod, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const { setWarnWhen } = useWarnAboutChange();
  const [students, setStudents] = useState<SummaryStudent[]>([]);
  const [rows, setRows] = useState<ConductRow[]>([]);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const latest = useRef(0);
  const semester = conductSemester(period);

  // A refused save keeps what was typed (drafts are the wanted state, diffed again against fresh rows).
  const load = useCallback(async (keepDrafts = false) => {
    const call = ++latest.current;
    if (!keepDrafts) setDrafts({});
    if (!cls) return (setStudents([]), setRows([]), setLoadError(null));
    if (readsResults === undefined) return;
    setLoading(true);
    let ratings = supabase.from('conduct_ratings').select('id, student_id, level, comment, version').eq('class_id', cls.id).eq('school_year_id', cls.school_year_id);
    ratings = semester === null ? ratings.is('semester', null) : ratings.eq('semester', semester);
    // The summer re-rating is about the year's result, so its hint is the year's conduct level.
    const [listed, saved] = await Promise.all([classStudents(supabase, cls.id, semester, readsResults), ratings]);
    if (call !== latest.current) return; // another class or period was picked meanwhile
    setLoading(false);
    const error = listed.error ?? (saved.error ? errorMessage(saved.error) : undefined);
    if (error) return (setStudents([]), setRows([]), setLoadError(error));
    const parsedRows = conductRowSchema.array().safeParse(saved.data);
    if (!parsedRows.success) return (setStudents([]), setRows([]), setLoadError(parsedRows.error.message));
    setLoadError(null);
    setStudents(listed.students);
    setRows(parsedRows.data);
    // The class is identified by its id (a refetch of the list gives a new object for the same class).
  }, [supabase, cls?.id, semester, readsResults]);

  useEffect(() => {
    setSaveError(null);
    void load();
  }, [load]);

  const changes = useMemo(() => conductChanges(rows, drafts), [rows, drafts]);
  const count = changeCount(changes);
  const dirty = count > 0 || changes.invalid.length > 0;
  useEffect(() => {
    setWarnWhen(dirty);
    return () => setWarnWhen(false);
  }, [dirty, setWarnWhen]);

  const setDraft = useCallback((studentId: string, draft: Draft) => setDrafts((prev) => ({ ...prev, [studentId]: draft })), []);

  const save = useCallback(async (): Promise<WriteOutcome | null> => {
    if (!cls || count === 0 || changes.invalid.length > 0) return null;
    setSaving(true);
    setSaveError(null);
    const base = { school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, semester };
    const outcome = await writeRowChanges(supabase, 'conduct_ratings', { ...changes, inserts: changes.inserts.map((i) => ({ ...base, ...i })) });
    setSaving(false);
    // Some requests may have gone through before a refusal: read again. A refusal (a lock, a rule,
    // permission) keeps what was typed; a row changed by someone else drops it, to be checked first.
    if (!outcome.ok && outcome.kind === 'error') setSaveError(outcome.message);
    await load(!outcome.ok && outcome.kind === 'error');
    return outcome;
  }, [supabase, cls, semester, changes, count, load]);

  const rated = useMemo(() => new Set(rows.map((r) => r.student_id)), [rows]);
  return { students, rows, rated, drafts, setDraft, changes, count, dirty, loading, loadError, saving, saveError, save, reload: () => (setSaveError(null), load(false)) };
}
