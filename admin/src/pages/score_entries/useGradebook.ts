// Loads one gradebook sheet (rpc/gradebook_sheet), keeps what the user typed, and saves every changed
// cell in one all-or-nothing call (rpc/save_score_entries) with the version each cell was read at. A
// conflict (409 / PT409: someone saved first) keeps the typed values and names the cells; reload then
// either drops them or keeps them on top of the fresh versions. When an open correction unlock ends and
// nothing is typed, the sheet is read again, so its cells turn back into locked text without waiting for a
// refused save.
// A primary (TT27) sheet is the same grid with other cells: its changes are one per student and period,
// saved through rpc/save_primary_entries under the same contract (versions, all or nothing, PT409).
import { useWarnAboutChange } from '@refinedev/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { gradebookSheetSchema, type GradebookSheet, type ScoreChange } from '../../shared/gradebookSheet.ts';
import { expiryReloadDelay } from './corrections.ts';
import { isPrimary, primaryPending, type PrimaryChange } from './primaryModel.ts';
import { cellKey, conflictCells, pendingChanges, type Edits } from './sheetModel.ts';
import type { SheetRequest } from '../../components/useSheetSelection.ts';

export type SaveProblem = { kind: 'conflict'; message: string; cells: Set<string> } | { kind: 'error'; message: string };
export type SaveOutcome = { ok: true; saved: number } | { ok: false; problem: SaveProblem | null };
/** What a save would send: score changes (TT22) or whole periods (TT27), and the invalid typed cells. */
export type Pending = { changes: ScoreChange[]; invalid: number } | { changes: PrimaryChange[]; invalid: number };

interface RpcError {
  message: string;
  code?: string;
  details?: string | null;
}

export function useGradebook(request: SheetRequest | null) {
  const supabase = useSupabase();
  const { setWarnWhen } = useWarnAboutChange();
  const [sheet, setSheet] = useState<GradebookSheet | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const latest = useRef(0);
  const requestKey = request ? `${request.classId}|${request.subjectId}|${request.semester}` : '';

  const load = useCallback(
    async (keepEdits = false) => {
      const call = ++latest.current;
      if (!request) return (setSheet(null), setLoadError(null));
      setLoading(true);
      const { data, error } = await supabase.rpc('gradebook_sheet', { p_class_id: request.classId, p_subject_id: request.subjectId, p_semester: request.semester });
      if (call !== latest.current) return; // another sheet was asked for meanwhile
      setLoading(false);
      setProblem(null);
      if (!keepEdits) setEdits({});
      if (error) return (setSheet(null), setLoadError(errorMessage(error)));
      const parsed = gradebookSheetSchema.safeParse(data);
      if (!parsed.success) return (setSheet(null), setLoadError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
      setLoadError(null);
      setSheet(parsed.data);
    },
    // The request is identified by its key (a new object each render means the same sheet).
    [supabase, requestKey],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const pending = useMemo<Pending>(() => (!sheet ? { changes: [], invalid: 0 } : isPrimary(sheet) ? primaryPending(sheet, edits) : pendingChanges(sheet, edits)), [sheet, edits]);
  const dirty = pending.changes.length > 0 || pending.invalid > 0;

  useEffect(() => {
    const delay = sheet ? expiryReloadDelay(sheet, Date.now(), dirty) : null;
    if (delay === null) return;
    const timer = setTimeout(() => void load(false), delay);
    return () => clearTimeout(timer);
  }, [sheet, load, dirty]);

  useEffect(() => {
    setWarnWhen(dirty);
    return () => setWarnWhen(false);
  }, [dirty, setWarnWhen]);

  /** Types `text` into cells (one or many, e.g. a paste), by student id and column key. */
  const type = useCallback((cells: { studentId: string; columnKey: string; text: string }[]) => {
    setEdits((prev) => {
      const next = { ...prev };
      for (const c of cells) next[cellKey(c.studentId, c.columnKey)] = c.text;
      return next;
    });
  }, []);

  /** Sends `changes` (the grid's, or an import's) in one call; reloads the sheet when it was saved. */
  const saveChanges = useCallback(
    async (changes: ScoreChange[] | PrimaryChange[], rpc: 'save_score_entries' | 'save_primary_entries' = 'save_score_entries'): Promise<SaveOutcome> => {
      if (!request || changes.length === 0) return { ok: false, problem: null };
      setSaving(true);
      const { data, error, status } = await supabase.rpc(rpc, {
        p_class_id: request.classId,
        p_subject_id: request.subjectId,
        p_semester: request.semester,
        p_changes: changes,
      });
      setSaving(false);
      if (error) {
        const e = error as RpcError;
        const conflict = status === 409 || e.code === 'PT409';
        const found: SaveProblem = conflict ? { kind: 'conflict', message: errorMessage(e), cells: conflictCells(e.details) } : { kind: 'error', message: errorMessage(e) };
        setProblem(found);
        return { ok: false, problem: found };
      }
      await load(false);
      return { ok: true, saved: Number((data as { saved?: number } | null)?.saved ?? changes.length) };
    },
    // The request is identified by its key (a new object each render means the same sheet).
    [supabase, requestKey, load],
  );

  const primary = !!sheet && isPrimary(sheet);
  const save = useCallback(
    () => (pending.invalid > 0 ? Promise.resolve<SaveOutcome>({ ok: false, problem: null }) : saveChanges(pending.changes, primary ? 'save_primary_entries' : 'save_score_entries')),
    [pending, primary, saveChanges],
  );

  return { sheet, loading, loadError, edits, type, pending, dirty, save, saveChanges, saving, problem, reload: load };
}
