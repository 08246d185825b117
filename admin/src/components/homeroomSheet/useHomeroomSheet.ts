// The one hook of the homeroom teacher's sheets — Rèn luyện, Chuyên cần, Phẩm chất – năng lực and their
// Chiều cao, cân nặng: load what a sheet shows, keep what was typed over it (drafts), tell the sheet's
// pending changes and invalid rows from the two, warn before leaving with unsaved edits, and save every
// change in one all-or-nothing call (rpc/save_conduct_ratings, save_attendance, save_quality_ratings,
// save_measures) with the version each cell was read at. A saved sheet is read again (fresh versions);
// a refused one keeps what was typed and shows the database's sentence — nothing of it was written, so
// the rows on screen are still what the server holds (a stale version says to reload, which asks first).
import { useWarnAboutChange } from '@refinedev/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, type DbErrorLike } from '../../providers/errors.ts';

/** What a sheet reads: its data, or the sentence of why it could not. */
export type SheetRead<T> = { data: T; error?: undefined } | { data?: undefined; error: string };
/** What a save sends: the changes, and the rows (student ids) whose drafts cannot be saved. */
export interface Pending<C> {
  changes: C[];
  invalid: string[];
}
export type SaveOutcome = { ok: true; saved: number } | { ok: false; message: string };

export interface HomeroomSheetSpec<T, D, C> {
  /**
   * What is shown, as a key: a new key loads again and drops the drafts. null: nothing to show (no class
   * picked); undefined: not known yet (nothing loads meanwhile).
   */
  key: string | null | undefined;
  /** The sheet with nothing loaded, and no drafts. */
  empty: T;
  noDrafts: D;
  read: () => Promise<SheetRead<T>>;
  /** The changes that turn `data` into what the drafts show (pure, tested beside each sheet). */
  pending: (data: T, drafts: D) => Pending<C>;
  /** The sheet's RPC with these changes. */
  write: (changes: C[]) => PromiseLike<{ data: unknown; error: DbErrorLike | null }>;
}

export function useHomeroomSheet<T, D, C>(spec: HomeroomSheetSpec<T, D, C>) {
  const { setWarnWhen } = useWarnAboutChange();
  const [data, setData] = useState<T>(spec.empty);
  const [drafts, setDrafts] = useState<D>(spec.noDrafts);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // The spec's functions are new every render: the latest ones are called, the key decides when.
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const latestCall = useRef(0);
  const { key } = spec;

  const load = useCallback(async () => {
    const call = ++latestCall.current;
    setDrafts(latestSpec.current.noDrafts);
    setSaveError(null);
    if (key === null) return (setData(latestSpec.current.empty), setLoadError(null), setLoading(false));
    if (key === undefined) return;
    setLoading(true);
    const read = await latestSpec.current.read();
    if (call !== latestCall.current) return; // another class or period was picked meanwhile
    setLoading(false);
    if (read.error !== undefined) return (setData(latestSpec.current.empty), setLoadError(read.error));
    setLoadError(null);
    setData(read.data);
  }, [key]);

  useEffect(() => {
    void load();
  }, [load]);

  const { changes, invalid } = useMemo(() => latestSpec.current.pending(data, drafts), [data, drafts]);
  const count = changes.length;
  const dirty = count > 0 || invalid.length > 0;
  useEffect(() => {
    setWarnWhen(dirty);
    return () => setWarnWhen(false);
  }, [dirty, setWarnWhen]);

  const save = useCallback(async (): Promise<SaveOutcome | null> => {
    if (count === 0 || invalid.length > 0 || saving) return null;
    setSaving(true);
    setSaveError(null);
    const { data: answer, error } = await latestSpec.current.write(changes);
    setSaving(false);
    if (error) {
      const message = errorMessage(error);
      setSaveError(message);
      return { ok: false, message };
    }
    await load();
    return { ok: true, saved: Number((answer as { saved?: number } | null)?.saved ?? count) };
  }, [changes, count, invalid.length, saving, load]);

  return { data, drafts, setDrafts, changes, invalid, count, dirty, loading, loadError, saving, saveError, save, reload: load };
}

export type HomeroomSheetState = Pick<
  ReturnType<typeof useHomeroomSheet>,
  'count' | 'dirty' | 'invalid' | 'loading' | 'loadError' | 'saving' | 'saveError' | 'save' | 'reload'
>;
