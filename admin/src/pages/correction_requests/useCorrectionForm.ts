// The draft form's state: which sheet (from the URL for a new request, from the draft when editing),
// the sheet as it is now (rpc/gradebook_sheet, read-only here), the chosen entries with the values
// typed, the reason; saving is one call to rpc/save_correction_request, whose refusal is shown through
// the one error path (errorMessage).
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { gradebookSheetSchema, valueText, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import { itemKey, itemsPayload, type CorrectionRequestRow, type DraftItem } from './correctionModel.ts';

export interface SheetRef {
  classId: string;
  subjectId: string;
  semester: 1 | 2 | null;
}

interface StoredItem {
  student_id: string;
  kind: DraftItem['kind'];
  seq: number;
  proposed_score: number | string | null;
  proposed_rating: boolean | null;
}

/** Loads the draft `id` (its sheet, reason and items); null id = a new request. */
export function useDraft(id: string | undefined) {
  const supabase = useSupabase();
  const [draft, setDraft] = useState<{ request: CorrectionRequestRow; items: DraftItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    void (async () => {
      const [req, items] = await Promise.all([
        supabase.from('correction_requests').select('*').eq('id', id).maybeSingle(),
        supabase.from('correction_items').select('student_id, kind, seq, proposed_score, proposed_rating').eq('request_id', id),
      ]);
      if (req.error || items.error) return setError(errorMessage(req.error ?? items.error));
      if (!req.data) return setError('');
      const stored = (items.data ?? []) as StoredItem[];
      setDraft({
        request: req.data as CorrectionRequestRow,
        items: stored.map((i) => ({
          student_id: i.student_id,
          kind: i.kind,
          seq: i.seq,
          value: valueText(i.proposed_score !== null ? Number(i.proposed_score) : i.proposed_rating),
        })),
      });
    })();
  }, [supabase, id]);
  return { draft, error };
}

/** The sheet `ref` as it is now, and why it is frozen (null: open, no request needed). */
export function useSheet(ref: SheetRef | null) {
  const supabase = useSupabase();
  const [sheet, setSheet] = useState<GradebookSheet | null>(null);
  const [lockedReason, setLockedReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = ref ? `${ref.classId}|${ref.subjectId}|${ref.semester}` : '';
  useEffect(() => {
    if (!ref) return setSheet(null);
    let live = true;
    setLoading(true);
    void supabase.rpc('gradebook_sheet', { p_class_id: ref.classId, p_subject_id: ref.subjectId, p_semester: ref.semester }).then(({ data, error: e }) => {
      if (!live) return;
      setLoading(false);
      if (e) return setError(errorMessage(e)), setSheet(null);
      const parsed = gradebookSheetSchema.safeParse(data);
      if (!parsed.success) return setError(parsed.error.message), setSheet(null);
      setError(null);
      setSheet(parsed.data);
      setLockedReason(parsed.data.locked_reason);
    });
    return () => {
      live = false;
    };
    // The sheet is identified by its key (a new object each render means the same sheet).
  }, [supabase, key]);
  return { sheet, lockedReason, error, loading };
}

/** Chosen entries by item key, in the order they were picked. */
export function useDraftItems(initial: DraftItem[] | undefined) {
  const [items, setItems] = useState<DraftItem[]>([]);
  useEffect(() => {
    if (initial) setItems(initial);
  }, [initial]);
  const toggle = useCallback((item: Omit<DraftItem, 'value'>) => {
    setItems((prev) => {
      const k = itemKey(item.student_id, item.kind, item.seq);
      return prev.some((i) => itemKey(i.student_id, i.kind, i.seq) === k) ? prev : [...prev, { ...item, value: '' }];
    });
  }, []);
  const setValue = useCallback((k: string, value: string) => {
    setItems((prev) => prev.map((i) => (itemKey(i.student_id, i.kind, i.seq) === k ? { ...i, value } : i)));
  }, []);
  const remove = useCallback((k: string) => setItems((prev) => prev.filter((i) => itemKey(i.student_id, i.kind, i.seq) !== k)), []);
  return { items, toggle, setValue, remove };
}

/** Saves the draft; the request id, or the server's message. */
export function useSaveDraft() {
  const supabase = useSupabase();
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async (id: string | null, ref: SheetRef, reason: string, items: DraftItem[]): Promise<{ id: string } | { message: string }> => {
      setSaving(true);
      const { data, error } = await supabase.rpc('save_correction_request', {
        p_id: id,
        p_class_id: ref.classId,
        p_subject_id: ref.subjectId,
        p_semester: ref.semester,
        p_reason: reason,
        p_items: itemsPayload(items),
      });
      setSaving(false);
      if (error) return { message: errorMessage(error) };
      return { id: data as string };
    },
    [supabase],
  );
  return { save, saving };
}
