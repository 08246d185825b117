// The gradebook's side of the correction procedure (Đề nghị sửa điểm), as pure functions: which cells
// of a frozen sheet the caller may change now (the items of their open unlock, from
// gradebook_sheet.corrections), what such a cell says, why the sheet is frozen, and where a new request
// for the sheet starts. The server decides again on every save (only the approved value, only before
// the end time); these only keep the grid from offering what it would refuse.
import { z } from 'zod';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { parseCell, type CellValue, type EntryColumn, type GradebookSheet, type SheetCorrection, type SheetStudent } from '../../shared/gradebookSheet.ts';

/** edit: an ordinary input; correction: an input of an open correction; locked / read_only: text. */
export type CellMode = 'edit' | 'correction' | 'locked' | 'read_only';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export const isEditable = (mode: CellMode) => mode === 'edit' || mode === 'correction';

/** The open correction item of one cell, if the caller has one. */
export function correctionFor(sheet: Pick<GradebookSheet, 'corrections'>, studentId: string, column: Pick<EntryColumn, 'kind' | 'seq'>): SheetCorrection | undefined {
  return sheet.corrections.find((c) => c.student_id === studentId && c.kind === column.kind && c.seq === column.seq);
}

/**
 * What a cell is: on a frozen sheet only the cells of the caller's open correction are inputs (the
 * others show a lock); on an open sheet every cell is an input for the teacher who enters it and text
 * for everyone else. Exempt students have no cells.
 */
export function cellMode(sheet: Pick<GradebookSheet, 'locked' | 'can_edit' | 'corrections'>, student: Pick<SheetStudent, 'student_id' | 'exempt'>, column: Pick<EntryColumn, 'kind' | 'seq'>): CellMode {
  if (sheet.locked) return !student.exempt && correctionFor(sheet, student.student_id, column) ? 'correction' : 'locked';
  return sheet.can_edit ? 'edit' : 'read_only';
}

/** Whether anything in the sheet can be saved now (an open sheet for its teacher, or open corrections). */
export function sheetWritable(sheet: Pick<GradebookSheet, 'locked' | 'can_edit' | 'corrections'>): boolean {
  return sheet.locked ? sheet.corrections.length > 0 : sheet.can_edit;
}

export type LockReason = 'locked' | 'proposed' | 'approved' | 'published' | 'other';
const REASONS: Record<string, LockReason> = {
  'đã khoá': 'locked',
  'kết quả đã trình duyệt': 'proposed',
  'kết quả đã được duyệt': 'approved',
  'kết quả đã công bố': 'published',
};

/** gradebook_sheet.locked_reason as a key of `score_entries.lock_reasons` (a lock when unknown or absent). */
export function lockReason(reason: string | null): LockReason {
  if (!reason) return 'locked';
  return REASONS[reason.normalize('NFC').trim().toLowerCase()] ?? 'other';
}

/** An instant as "14:05 22/11/2026" (Asia/Ho_Chi_Minh): the deadline of an unlock. */
export function deadlineText(instant: string): string {
  const dateTime = formatDateTime(instant);
  if (!dateTime) return '';
  return `${dateTime.slice(-5)} ${formatDate(instant)}`;
}

/** The tooltip of a correction cell: the approved value and the deadline. */
export function correctionHint(correction: SheetCorrection, t: Translate): string {
  const value = correction.value ?? t('score_entries.correction.empty_value');
  return t(correction.applied ? 'score_entries.correction.cell_hint_applied' : 'score_entries.correction.cell_hint', { value, until: deadlineText(correction.ends_at) });
}

/** The approved value of a correction as a cell value ("8,5" → 8.5, "Đ" → true, null → empty). */
export function approvedValue(correction: SheetCorrection, comment: boolean): CellValue {
  const parsed = parseCell(correction.value ?? '', comment);
  return parsed.ok ? parsed.value : null;
}

/**
 * A correction cell typed with another value than the approved one: the server would refuse the whole
 * save (PT423), so the cell says so before (a valid value only; an invalid one has its own message).
 */
export function differsFromApproved(correction: SheetCorrection, typed: { changed: boolean; error: string | null; value: CellValue }, comment: boolean): boolean {
  return typed.changed && !typed.error && typed.value !== approvedValue(correction, comment);
}

export interface CorrectionGroup {
  request_id: string;
  ends_at: string;
  cells: number;
  applied: number;
}

/** The open unlocks of the sheet, one per request, soonest deadline first: what the alert lists. */
export function correctionGroups(sheet: Pick<GradebookSheet, 'corrections'>): CorrectionGroup[] {
  const groups = new Map<string, CorrectionGroup>();
  for (const c of sheet.corrections) {
    const g = groups.get(c.request_id) ?? { request_id: c.request_id, ends_at: c.ends_at, cells: 0, applied: 0 };
    g.cells++;
    if (c.applied) g.applied++;
    if (Date.parse(c.ends_at) < Date.parse(g.ends_at)) g.ends_at = c.ends_at;
    groups.set(c.request_id, g);
  }
  return [...groups.values()].sort((a, b) => Date.parse(a.ends_at) - Date.parse(b.ends_at));
}

/** Milliseconds until the first open unlock ends, null when none. */
export function msUntilFirstExpiry(sheet: Pick<GradebookSheet, 'corrections'>, now: number): number | null {
  const ends = sheet.corrections.map((c) => Date.parse(c.ends_at)).filter((t) => Number.isFinite(t));
  if (ends.length === 0) return null;
  return Math.max(0, Math.min(...ends) - now);
}

/**
 * When to read the sheet again because an unlock ends (its cells turn back into locked text): a second
 * after the end, at least 30 s away (a client clock ahead of the server must not make a reload loop), and
 * never while something is typed — a reload would drop the typed values, or move them silently onto
 * versions someone else saved; a save of a cell whose unlock ended is refused by the server with its
 * reason instead. Null: no reload.
 */
export function expiryReloadDelay(sheet: Pick<GradebookSheet, 'corrections'>, now: number, typed: boolean): number | null {
  const wait = typed ? null : msUntilFirstExpiry(sheet, now);
  return wait === null ? null : Math.max(wait + 1000, 30_000);
}

/** Route of a new correction request for this sheet (the request form reads the same parameters). */
export function newCorrectionRequestPath(sheet: Pick<GradebookSheet, 'class' | 'subject' | 'semester'>): string {
  const params = new URLSearchParams({ class: sheet.class.id, subject: sheet.subject.id, semester: sheet.semester === null ? 'retest' : String(sheet.semester) });
  return `/correction_requests/new?${params.toString()}`;
}

export const correctionRequestPath = (id: string) => `/correction_requests/${id}`;

/** One row of rpc/entry_history (the audit log of one cell), checked before it is shown. */
export const entryHistoryRowSchema = z.object({
  occurred_at: z.string(),
  action: z.string(),
  actor_name: z.string().nullish().transform((v) => v ?? null),
  old_value: z.string().nullish().transform((v) => v ?? null),
  new_value: z.string().nullish().transform((v) => v ?? null),
  correction_request_id: z.string().nullish().transform((v) => v ?? null),
  audit_id: z.union([z.number(), z.string()]).transform(String),
});
export type EntryHistoryRow = z.infer<typeof entryHistoryRowSchema>;

/** The arguments of rpc/entry_history for one cell of the sheet (p_semester null on the re-test sheet). */
export function entryHistoryArgs(sheet: Pick<GradebookSheet, 'class' | 'subject' | 'semester'>, studentId: string, column: Pick<EntryColumn, 'kind' | 'seq'>) {
  return {
    p_student_id: studentId,
    p_subject_id: sheet.subject.id,
    p_school_year_id: sheet.class.school_year_id,
    p_semester: sheet.semester,
    p_kind: column.kind,
    p_seq: column.seq,
  };
}
