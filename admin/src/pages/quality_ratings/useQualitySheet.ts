// Loads the qualities and competencies sheet of a class and period — the students (`classStudents`:
// Vietnamese order), the saved ratings (`quality_ratings`) and, at the end of the year, the year result
// (`primary_results`, which RLS shows to BGH, the admin board, the clerk and the GVCN only) — keeps what
// the GVCN picked, and saves every change at once like the conduct sheet. Whatever the outcome the sheet
// is read again; a refusal's message (RLS, PT423 lock, the class rules) is shown as it is.
import { useWarnAboutChange } from '@refinedev/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { changeCount, writeRowChanges, type WriteOutcome } from '../../shared/rowChanges.ts';
import { classStudents } from '../../shared/roster.ts';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import {
  EMPTY_DRAFTS,
  isYearEnd,
  levelKey,
  primaryResultSchema,
  qualityChanges,
  qualityRowSchema,
  type Drafts,
  type PrimaryResult,
  type QualityKind,
  type QualityLevel,
  type QualityRow,
  type Semester,
} from './qualitySheet.ts';
import { errorMessage } from '../../providers/errors.ts';

/** `readsResults`: whether the user reads the class's results (useReadsClassResults); nothing loads while unknown. */
export function useQualitySheet(cls: ClassRow | undefined, semester: Semester, kind: QualityKind, readsResults: boolean | undefined) {
  const supabase = useSupabase();
  const { setWarnWhen } = useWarnAboutChange();
  const [students, setStudents] = useState<SummaryStudent[]>([]);
  const [rows, setRows] = useState<QualityRow[]>([]);
  const [results, setResults] = useState<Map<string, PrimaryResult>>(new Map());
  const [drafts, setDrafts] = useState<Drafts>(EMPTY_DRAFTS);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const latest = useRef(0);
  const yearEnd = isYearEnd(semester, kind);

  // A refused save keeps what was picked (drafts are the wanted state, diffed again against fresh rows).
  const load = useCallback(
    async (keepDrafts = false) => {
      const call = ++latest.current;
      if (!keepDrafts) setDrafts(EMPTY_DRAFTS);
      if (!cls) return (setStudents([]), setRows([]), setResults(new Map()), setLoadError(null));
      if (readsResults === undefined) return;
      setLoading(true);
      const ratings = supabase
        .from('quality_ratings')
        .select('id, student_id, code, level, comment, version')
        .eq('class_id', cls.id)
        .eq('school_year_id', cls.school_year_id)
        .eq('semester', semester)
        .eq('kind', kind);
      const yearResults = yearEnd
        ? supabase.from('primary_results').select('student_id, year_result, completion').eq('class_id', cls.id)
        : Promise.resolve({ data: [], error: null });
      const [listed, saved, result] = await Promise.all([classStudents(supabase, cls.id, semester, readsResults), ratings, yearResults]);
      if (call !== latest.current) return; // another class or period was picked meanwhile
      setLoading(false);
      const error = listed.error ?? (saved.error ? errorMessage(saved.error) : undefined) ?? (result.error ? errorMessage(result.error) : undefined);
      if (error) return (setStudents([]), setRows([]), setResults(new Map()), setLoadError(error));
      const parsedRows = qualityRowSchema.array().safeParse(saved.data);
      const parsedResults = primaryResultSchema.array().safeParse(result.data ?? []);
      if (!parsedRows.success || !parsedResults.success) {
        return (setStudents([]), setRows([]), setResults(new Map()), setLoadError((parsedRows.error ?? parsedResults.error)!.message));
      }
      setLoadError(null);
      setStudents(listed.students);
      setRows(parsedRows.data);
      setResults(new Map(parsedResults.data.map((r) => [r.student_id, r])));
    },
    // The class is identified by its id (a refetch of the list gives a new object for the same class).
    [supabase, cls?.id, semester, kind, yearEnd, readsResults],
  );

  useEffect(() => {
    setSaveError(null);
    void load();
  }, [load]);

  const changes = useMemo(() => qualityChanges(rows, drafts), [rows, drafts]);
  const count = changeCount(changes);
  const dirty = count > 0 || changes.invalid.length > 0;
  useEffect(() => {
    setWarnWhen(dirty);
    return () => setWarnWhen(false);
  }, [dirty, setWarnWhen]);

  const setLevel = useCallback(
    (studentId: string, code: string, level: QualityLevel | null) => setDrafts((prev) => ({ ...prev, levels: { ...prev.levels, [levelKey(studentId, code)]: level } })),
    [],
  );
  const setComment = useCallback((studentId: string, comment: string) => setDrafts((prev) => ({ ...prev, comments: { ...prev.comments, [studentId]: comment } })), []);

  const save = useCallback(async (): Promise<WriteOutcome | null> => {
    if (!cls || count === 0 || changes.invalid.length > 0) return null;
    setSaving(true);
    setSaveError(null);
    const base = { school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, semester, kind };
    const outcome = await writeRowChanges(supabase, 'quality_ratings', { ...changes, inserts: changes.inserts.map((i) => ({ ...base, ...i })) });
    setSaving(false);
    // Some requests may have gone through before a refusal: read again. A refusal (a lock, a rule,
    // permission) keeps what was picked; a row changed by someone else drops it, to be checked first.
    if (!outcome.ok && outcome.kind === 'error') setSaveError(outcome.message);
    await load(!outcome.ok && outcome.kind === 'error');
    return outcome;
  }, [supabase, cls, semester, kind, changes, count, load]);

  return {
    students,
    rows,
    results,
    yearEnd,
    drafts,
    setLevel,
    setComment,
    changes,
    count,
    dirty,
    loading,
    loadError,
    saving,
    saveError,
    save,
    reload: () => (setSaveError(null), load(false)),
  };
}
