// The grid's state as pure functions: what each cell shows (loaded value or what was typed), which cells
// changed and must be sent, live averages, keyboard moves and where a pasted block lands. The page and
// its hooks only wire these to React and the RPCs.
import {
  changeFor,
  entryColumns,
  entryValue,
  findEntry,
  isComment,
  parseCell,
  valueText,
  type CellValue,
  type EntryColumn,
  type GradebookSheet,
  type ScoreChange,
  type SheetStudent,
} from '../../shared/gradebookSheet.ts';
import { semesterAverage, semesterRating } from '../../shared/tt22.ts';
import { cellMode, isEditable } from './corrections.ts';

/** What the user typed, by cell key; a cell without an entry shows its loaded value. */
export type Edits = Readonly<Record<string, string>>;

export const cellKey = (studentId: string, columnKey: string) => `${studentId}|${columnKey}`;

/** tx + seq → "tx3"; gk, ck, retest as they are: the column key of an entry (and of test ids). */
export const columnKeyOf = (kind: string, seq: number) => (kind === 'tx' ? `tx${seq}` : kind);

export interface CellState {
  text: string;
  /** The loaded value. */
  original: CellValue;
  /** The value to show in averages: the parsed text, or the loaded value while nothing was typed. */
  value: CellValue;
  /** The typed text means another value than the loaded one. */
  changed: boolean;
  /** Vietnamese message when the typed text is not a valid score/rating. */
  error: string | null;
}

export function cellState(sheet: GradebookSheet, student: SheetStudent, column: EntryColumn, edits: Edits): CellState {
  const original = entryValue(findEntry(student, column), isComment(sheet));
  const typed = edits[cellKey(student.student_id, column.key)];
  if (typed === undefined) return { text: valueText(original), original, value: original, changed: false, error: null };
  const parsed = parseCell(typed, isComment(sheet));
  if (!parsed.ok) return { text: typed, original, value: null, changed: true, error: parsed.message };
  return { text: typed, original, value: parsed.value, changed: parsed.value !== original, error: null };
}

/** The changes a save sends (only cells whose value differs) and how many typed cells are invalid. */
export function pendingChanges(sheet: GradebookSheet, edits: Edits): { changes: ScoreChange[]; invalid: number } {
  const changes: ScoreChange[] = [];
  let invalid = 0;
  const columns = entryColumns(sheet);
  for (const student of sheet.students) {
    if (student.exempt) continue;
    for (const column of columns) {
      if (edits[cellKey(student.student_id, column.key)] === undefined) continue;
      if (!isEditable(cellMode(sheet, student, column))) continue;
      const state = cellState(sheet, student, column, edits);
      if (state.error) invalid++;
      else if (state.changed) changes.push(changeFor(student, column, state.value));
    }
  }
  return { changes, invalid };
}

/**
 * The semester result of a row: the server's while nothing in the row changed, else computed live with
 * the same rule (an invalid cell counts as missing). Null for the re-test sheet.
 */
export function rowResult(sheet: GradebookSheet, student: SheetStudent, edits: Edits): { value: CellValue; live: boolean } {
  const comment = isComment(sheet);
  if (sheet.semester === null || student.exempt) return { value: null, live: false };
  const states = entryColumns(sheet).map((c) => [c, cellState(sheet, student, c, edits)] as const);
  if (!states.some(([, s]) => s.changed)) return { value: comment ? student.rating : student.average, live: false };
  const pick = (kind: string) => states.filter(([c]) => c.kind === kind).map(([, s]) => s.value);
  const [midterm, final] = [pick('gk')[0] ?? null, pick('ck')[0] ?? null];
  const value = comment
    ? semesterRating(pick('tx') as (boolean | null)[], midterm as boolean | null, final as boolean | null, sheet.required_regular)
    : semesterAverage(pick('tx') as (number | null)[], midterm as number | null, final as number | null, sheet.required_regular);
  return { value, live: true };
}

export interface Position {
  row: number;
  col: number;
}
export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'previous';

/** Whether one cell takes input (on a frozen sheet, only the cells of an open correction do). */
export type CellEditable = (at: Position) => boolean;
const everyCell: CellEditable = () => true;

/**
 * Where the focus goes from `from` (row = index of the student, col = index of the entry column):
 * arrows stay inside the grid, up/down skip rows that cannot be edited (exempt students), Tab (next)
 * and Shift+Tab (previous) wrap to the following / preceding editable row; cells for which `cell` is
 * false are passed over in the same direction. Null when there is nowhere.
 */
export function move(from: Position, direction: Move, editable: readonly boolean[], columns: number, cell: CellEditable = everyCell): Position | null {
  // Every step goes strictly forward in its direction, so this ends at the grid's edge.
  let at = stepOnce(from, direction, editable, columns);
  while (at && !cell(at)) at = stepOnce(at, direction, editable, columns);
  return at;
}

function stepOnce(from: Position, direction: Move, editable: readonly boolean[], columns: number): Position | null {
  const rowStep = (start: number, step: number) => {
    for (let r = start + step; r >= 0 && r < editable.length; r += step) if (editable[r]) return r;
    return null;
  };
  switch (direction) {
    case 'left':
      return from.col > 0 ? { row: from.row, col: from.col - 1 } : null;
    case 'right':
      return from.col < columns - 1 ? { row: from.row, col: from.col + 1 } : null;
    case 'up':
    case 'down': {
      const row = rowStep(from.row, direction === 'up' ? -1 : 1);
      return row === null ? null : { row, col: from.col };
    }
    case 'next': {
      if (from.col < columns - 1) return { row: from.row, col: from.col + 1 };
      const row = rowStep(from.row, 1);
      return row === null ? null : { row, col: 0 };
    }
    case 'previous': {
      if (from.col > 0) return { row: from.row, col: from.col - 1 };
      const row = rowStep(from.row, -1);
      return row === null ? null : { row, col: columns - 1 };
    }
  }
}

/**
 * A pasted value as the grid shows a typed one once it is read: "7.5" → "7,5", "d" → "Đ"; text that is
 * not a valid value stays as it was (the cell then says why). `parse` reads the cell's column.
 */
export function normalisedPaste(text: string, parse: (text: string) => { ok: true; value: string } | { ok: false }): string {
  const parsed = parse(text);
  return parsed.ok ? parsed.value : text;
}

/** The reader `normalisedPaste` needs for a TT22 cell: the value as the grid prints it. */
export const tt22Paste = (comment: boolean) => (text: string) => {
  const parsed = parseCell(text, comment);
  return parsed.ok ? { ok: true as const, value: valueText(parsed.value) } : { ok: false as const };
};

/** Clipboard text from Excel as lines of tab-separated cells (the trailing newline Excel adds dropped). */
export function clipboardCells(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/**
 * Where a pasted block lands: line i into the i-th row below the focused cell (the rows as shown), cell j
 * into the j-th column to its right. Values that would land on a row or cell that cannot be edited, or
 * outside the grid, are counted as `skipped` (when not blank) and dropped.
 */
export function pasteTargets(
  block: string[][],
  from: Position,
  editable: readonly boolean[],
  columns: number,
  cell: CellEditable = everyCell,
): { cells: (Position & { text: string })[]; skipped: number } {
  const cells: (Position & { text: string })[] = [];
  let skipped = 0;
  block.forEach((line, i) =>
    line.forEach((text, j) => {
      const row = from.row + i;
      const col = from.col + j;
      if (row < editable.length && col < columns && editable[row] && cell({ row, col })) cells.push({ row, col, text: text.trim() });
      else if (text.trim() !== '') skipped++;
    }),
  );
  return { cells, skipped };
}

/** Cell keys named by a 409's `details` (a JSON array of {student_id, kind, seq}); empty when unreadable. */
export function conflictCells(details: string | null | undefined): Set<string> {
  try {
    const parsed: unknown = JSON.parse(details ?? '[]');
    if (!Array.isArray(parsed)) return new Set();
    return new Set(
      parsed.flatMap((d: { student_id?: unknown; kind?: unknown; seq?: unknown }) =>
        typeof d?.student_id === 'string' && typeof d.kind === 'string' ? [cellKey(d.student_id, columnKeyOf(d.kind, Number(d.seq ?? 1)))] : [],
      ),
    );
  } catch {
    return new Set();
  }
}
