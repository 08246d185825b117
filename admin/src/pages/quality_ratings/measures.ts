// Chiều cao, cân nặng of a class's students for the year (table student_measures): what the form holds
// and what a save sends to rpc/save_measures (one change per student: the values, and the id and version
// of the row they change). Pure, tested.
import type { Pending } from '../../components/homeroomSheet/useHomeroomSheet.ts';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';

export type MeasureRow = Pick<Tables<'student_measures'>, 'id' | 'student_id' | 'height_cm' | 'weight_kg' | 'version'>;

/**
 * The year's latest row of each student (student_measures holds several a year since the health module:
 * the nurse's rounds, each dated): `rows` ordered by measured_on, newest first; the first of each wins.
 */
export function latestPerStudent<R extends Pick<MeasureRow, 'student_id'>>(rows: readonly R[]): R[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.student_id) && !!seen.add(r.student_id));
}
export interface MeasureDraft { height: string; weight: string }

/** "128,5" / "128.5" → 128.5; "" → null; anything else (or out of range, or two decimals) → undefined. */
export function parseMeasure(text: string, min: number, max: number): number | null | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^\d{1,3}(\.\d)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}
export const parseHeight = (t: string) => parseMeasure(t, 50, 220);
export const parseWeight = (t: string) => parseMeasure(t, 8, 150);

/** One item of rpc/save_measures' `p_changes`: both values null clear them; id and version null: no row yet. */
export type MeasureChange = { student_id: string; height_cm: number | null; weight_kg: number | null; id: string | null; version: number | null };

/** The changes turning `rows` into `drafts` (students whose drafts are invalid are listed apart). */
export function measureChanges(rows: readonly MeasureRow[], drafts: ReadonlyMap<string, MeasureDraft>): Pending<MeasureChange> {
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  const pending: Pending<MeasureChange> = { changes: [], invalid: [] };
  for (const [studentId, d] of drafts) {
    const h = parseHeight(d.height);
    const w = parseWeight(d.weight);
    if (h === undefined || w === undefined) {
      pending.invalid.push(studentId);
      continue;
    }
    const row = byStudent.get(studentId);
    if (row ? h === row.height_cm && w === row.weight_kg : h === null && w === null) continue;
    pending.changes.push({ student_id: studentId, height_cm: h, weight_kg: w, id: row?.id ?? null, version: row?.version ?? null });
  }
  return pending;
}
