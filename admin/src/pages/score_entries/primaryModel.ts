// The TT27 (primary) side of the one gradebook grid, as pure functions: a primary subject's sheet has,
// per period of the semester (giữa kỳ, cuối kỳ — cuối năm in semester II), the level T/H/C, the periodic
// test score where TT27 requires one (`sheet.tests`), and a comment; all three live on one score_entries
// row (kind gk | ck, seq 1). What the user types is kept per cell like the TT22 grid, and a save sends
// one change per student and period (rpc/save_primary_entries sets the whole period at once). The checks
// here only mirror the server's so the grid can say what is wrong before saving; the server decides.
import type { GradebookSheet, SheetEntry, SheetStudent } from '../../shared/gradebookSheet.ts';
import type { CellMode } from './corrections.ts';
import { cellKey, type Edits } from './sheetModel.ts';

export type PrimaryKind = 'gk' | 'ck';
export type PrimaryField = 'level' | 'test' | 'comment';
export const PRIMARY_KINDS: readonly PrimaryKind[] = ['gk', 'ck'];

export interface PrimaryColumn {
  /** gk_level, gk_test, gk_comment, ck_level, ck_test, ck_comment: the key of test ids and edits. */
  key: string;
  kind: PrimaryKind;
  field: PrimaryField;
}

export const isPrimary = (sheet: Pick<GradebookSheet, 'regime'>) => sheet.regime === 'tt27';

/** The period as people name it: gk (giữa kỳ), ck1 (cuối kỳ I) or cn (cuối năm, semester II's ck). */
export const periodOf = (kind: PrimaryKind, semester: 1 | 2 | null): 'gk' | 'ck1' | 'cn' => (kind === 'gk' ? 'gk' : semester === 2 ? 'cn' : 'ck1');

/** The columns of a primary sheet: per period the level, the test (only where required) and the comment. None for the re-test. */
export function primaryColumns(sheet: Pick<GradebookSheet, 'semester' | 'tests'>): PrimaryColumn[] {
  if (sheet.semester === null) return [];
  return PRIMARY_KINDS.flatMap((kind) => {
    const fields: PrimaryField[] = sheet.tests?.[kind] ? ['level', 'test', 'comment'] : ['level', 'comment'];
    return fields.map((field) => ({ key: `${kind}_${field}`, kind, field }));
  });
}

/** The column of a key (for "Lịch sử ô": the period's row is kind gk | ck, seq 1). */
export function primaryColumnOf(key: string): PrimaryColumn | undefined {
  const match = /^(gk|ck)_(level|test|comment)$/.exec(key);
  return match ? { key, kind: match[1] as PrimaryKind, field: match[2] as PrimaryField } : undefined;
}

/** The server's words (private.parse_tt27_value and the table's checks). */
export const PRIMARY_MESSAGES = {
  level: 'Mức đạt được chỉ là T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành)',
  test: 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10',
  comment: 'Nhận xét tối đa 2000 ký tự',
} as const;
export const MAX_PRIMARY_COMMENT = 2000;

export type PrimaryParsed = { ok: true; value: string } | { ok: false; message: string };

/**
 * Reads a typed cell into its normal text ('' = empty): a level T/H/C in any case, a test score as an
 * integer 1–10 ("07" → "7"; "0", "7,5", "7.5", "11" refused), a comment trimmed, at most 2000 characters.
 */
export function parsePrimary(field: PrimaryField, text: string): PrimaryParsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  if (field === 'level') {
    const level = trimmed.toUpperCase();
    return level === 'T' || level === 'H' || level === 'C' ? { ok: true, value: level } : { ok: false, message: PRIMARY_MESSAGES.level };
  }
  if (field === 'test') {
    const score = /^[0-9]{1,2}$/.test(trimmed) ? Number(trimmed) : NaN;
    return score >= 1 && score <= 10 ? { ok: true, value: String(score) } : { ok: false, message: PRIMARY_MESSAGES.test };
  }
  return trimmed.length <= MAX_PRIMARY_COMMENT ? { ok: true, value: trimmed } : { ok: false, message: PRIMARY_MESSAGES.comment };
}

export function periodEntry(student: SheetStudent, kind: PrimaryKind): SheetEntry | undefined {
  return student.entries.find((e) => e.kind === kind && e.seq === 1);
}

/** A field of the period as loaded, as text ('' when none). */
export function loadedText(entry: SheetEntry | undefined, field: PrimaryField): string {
  if (!entry) return '';
  if (field === 'level') return entry.level ?? '';
  if (field === 'test') return entry.score === null ? '' : String(entry.score);
  return entry.comment ?? '';
}

/** What a cell shows; `original` and `value` are normal texts ('' = empty), compared to tell a change. */
export interface PrimaryCellState {
  text: string;
  original: string;
  value: string;
  changed: boolean;
  error: string | null;
}

export function primaryCellState(student: SheetStudent, column: PrimaryColumn, edits: Edits): PrimaryCellState {
  const original = loadedText(periodEntry(student, column.kind), column.field);
  const typed = edits[cellKey(student.student_id, column.key)];
  if (typed === undefined) return { text: original, original, value: original, changed: false, error: null };
  const parsed = parsePrimary(column.field, typed);
  if (!parsed.ok) return { text: typed, original, value: '', changed: true, error: parsed.message };
  return { text: typed, original, value: parsed.value, changed: parsed.value !== original, error: null };
}

/** On a primary sheet every cell is alike: an input for its teacher while open, text otherwise. */
export function primaryCellMode(sheet: Pick<GradebookSheet, 'locked' | 'can_edit'>): CellMode {
  if (sheet.locked) return 'locked';
  return sheet.can_edit ? 'edit' : 'read_only';
}

/** One item of rpc/save_primary_entries' `p_changes`: the whole period of one student. */
export interface PrimaryChange {
  student_id: string;
  kind: PrimaryKind;
  level: string;
  test: string;
  comment: string;
  version: number | null;
}

/**
 * The changes a save sends: one per student and period where a typed cell differs from what was loaded,
 * carrying the period's other fields as they stand (typed or loaded) and the version read (null when the
 * period had no row); and how many typed cells are invalid (their period is not sent).
 */
export function primaryPending(sheet: GradebookSheet, edits: Edits): { changes: PrimaryChange[]; invalid: number } {
  const changes: PrimaryChange[] = [];
  let invalid = 0;
  if (primaryCellMode(sheet) !== 'edit') return { changes, invalid };
  const columns = primaryColumns(sheet);
  for (const student of sheet.students) {
    if (student.exempt) continue;
    for (const kind of PRIMARY_KINDS) {
      const own = columns.filter((c) => c.kind === kind);
      if (!own.some((c) => edits[cellKey(student.student_id, c.key)] !== undefined)) continue;
      const states = new Map(own.map((c) => [c.field, primaryCellState(student, c, edits)]));
      const errors = [...states.values()].filter((s) => s.error).length;
      invalid += errors;
      if (errors > 0 || ![...states.values()].some((s) => s.changed)) continue;
      const entry = periodEntry(student, kind);
      // A field without a column (no test this period) keeps what was loaded: the change sets the whole period.
      const value = (field: PrimaryField) => states.get(field)?.value ?? loadedText(entry, field);
      changes.push({ student_id: student.student_id, kind, level: value('level'), test: value('test'), comment: value('comment'), version: entry?.version ?? null });
    }
  }
  return { changes, invalid };
}

/** Every typed cell that is invalid, in the order of the grid (for the sheet's alert). */
export function primaryInvalidCells(sheet: GradebookSheet, edits: Edits): { student: SheetStudent; column: PrimaryColumn; state: PrimaryCellState }[] {
  const columns = primaryColumns(sheet);
  return sheet.students.flatMap((student) =>
    student.exempt
      ? []
      : columns.flatMap((column) => {
          const state = primaryCellState(student, column, edits);
          return state.error ? [{ student, column, state }] : [];
        }),
  );
}
