// Excel for a primary (TT27) sheet: the same template, writer and reader as TT22's (shared/gradebookSheet.ts:
// title, STT, Mã học sinh, Họ và tên, the file checks, the per-row preview with its Lỗi column, all or
// nothing), with TT27's columns — per period the level T/H/C, the periodic test where TT27 requires one,
// and the comment. A file is read the way the grid reads typing: its cells become the edits of the
// student's row and primaryModel decides each cell (parsePrimary) and the changes (primaryPending, one
// whole period per change, rpc/save_primary_entries), so the grid, the import and the server agree.
import {
  GRADEBOOK_LABELS,
  normHeader,
  readSheetWorkbook,
  writeSheetWorkbook,
  type GradebookLabels,
  type GradebookSheet,
  type ImportCell,
  type ImportResult,
  type ImportTemplate,
  type WorkbookLayout,
} from '../../shared/gradebookSheet.ts';
import {
  PRIMARY_KINDS,
  loadedText,
  periodEntry,
  periodOf,
  primaryCellState,
  primaryColumnOf,
  primaryColumns,
  primaryPending,
  type PrimaryChange,
  type PrimaryColumn,
  type PrimaryField,
} from './primaryModel.ts';
import { cellKey } from './sheetModel.ts';

/** The TT27 column labels of the template ("Mức cuối kỳ", "KTĐK cuối năm"), in one place so a school can change them. */
export const PRIMARY_LABELS = {
  fields: { level: 'Mức', test: 'KTĐK', comment: 'Nhận xét' },
  periods: { gk: 'giữa kỳ', ck1: 'cuối kỳ', cn: 'cuối năm' },
} as const;
export type PrimaryLabels = typeof PRIMARY_LABELS;

export interface PrimaryExcelColumn extends PrimaryColumn {
  label: string;
}

type Semester = GradebookSheet['semester'];

function labelOf(kind: PrimaryColumn['kind'], field: PrimaryField, semester: Semester, labels: PrimaryLabels): string {
  return `${labels.fields[field]} ${labels.periods[periodOf(kind, semester)]}`;
}

/** The sheet's TT27 columns with their labels, in the grid's order. */
export function primaryExcelColumns(sheet: Pick<GradebookSheet, 'semester' | 'tests'>, labels: PrimaryLabels = PRIMARY_LABELS): PrimaryExcelColumn[] {
  return primaryColumns(sheet).map((c) => ({ ...c, label: labelOf(c.kind, c.field, sheet.semester, labels) }));
}

/** A field as the file holds it: the test score as a number, the level and comment as text, null when empty. */
function fileValue(field: PrimaryField, text: string): string | number | null {
  if (text === '') return null;
  return field === 'test' ? Number(text) : text;
}

function primaryLayout(sheet: GradebookSheet, labels: PrimaryLabels, gradebookLabels: GradebookLabels): WorkbookLayout {
  const columns = primaryExcelColumns(sheet, labels);
  return {
    header: columns.map((c) => c.label),
    cells: (s) => columns.map((c) => (s.exempt ? gradebookLabels.exempt : fileValue(c.field, loadedText(periodEntry(s, c.kind), c.field)))),
    widths: columns.map((c) => (c.field === 'comment' ? 40 : 10)),
  };
}

/** The primary sheet as .xlsx, in the gradebook template (title, STT, code, name, then the TT27 columns). */
export function buildPrimaryWorkbook(sheet: GradebookSheet, labels: PrimaryLabels = PRIMARY_LABELS, gradebookLabels: GradebookLabels = GRADEBOOK_LABELS): Promise<Uint8Array> {
  return writeSheetWorkbook(sheet, primaryLayout(sheet, labels, gradebookLabels), gradebookLabels);
}

/** The text a teacher wrote, without the apostrophe escapeCell put before a leading = + - @ (a comment "- Đọc tốt" reads back as itself). */
export const unescapeCell = (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, '');

function statusOf(state: ReturnType<typeof primaryCellState>): ImportCell['status'] {
  if (state.error) return 'error';
  if (!state.changed) return 'same';
  return state.value === '' ? 'cleared' : 'changed';
}

export function primaryTemplate(sheet: GradebookSheet, labels: PrimaryLabels = PRIMARY_LABELS): ImportTemplate<PrimaryChange> {
  const columns = primaryExcelColumns(sheet, labels);
  const known = new Set(columns.map((c) => normHeader(c.label)));
  // A test column of a period without a periodic test (grade 1–3 at mid-semester, Đạo đức…) is refused
  // rather than ignored: its scores would silently go nowhere.
  const untested = PRIMARY_KINDS.filter((kind) => sheet.semester !== null && !sheet.tests?.[kind]).map((kind) => ({
    label: labelOf(kind, 'test', sheet.semester, labels),
    period: labels.periods[periodOf(kind, sheet.semester)],
  }));
  return {
    columns,
    refuseHeader: (header) => {
      const test = known.has(header) ? undefined : untested.find((u) => normHeader(u.label) === header);
      return test ? `Môn ${sheet.subject.name} lớp ${sheet.class.name} không có bài kiểm tra định kì ${test.period}: hãy bỏ cột ${test.label}` : null;
    },
    readRow: (student, texts) => {
      const edits = Object.fromEntries(texts.map(([c, text]) => [cellKey(student.student_id, c.key), unescapeCell(text)]));
      const cells = texts.map(([c]): ImportCell => {
        const state = primaryCellState(student, primaryColumnOf(c.key)!, edits);
        const status = statusOf(state);
        return { key: c.key, label: c.label, before: state.original, after: state.error ? state.text : state.value, status, ...(state.error && { message: state.error }) };
      });
      return { cells, changes: primaryPending({ ...sheet, students: [student] }, edits).changes };
    },
  };
}

/**
 * Reads an uploaded primary sheet against the sheet as loaded (never throws, writes nothing): every row
 * with its cells same / changed / cleared / error and the Vietnamese reason, and — only when no row has
 * an error — the whole periods to send through rpc/save_primary_entries, with the versions read.
 */
export function parsePrimaryWorkbook(buffer: ArrayBuffer | Uint8Array, sheet: GradebookSheet, labels: PrimaryLabels = PRIMARY_LABELS): Promise<ImportResult<PrimaryChange>> {
  return readSheetWorkbook(buffer, sheet, primaryTemplate(sheet, labels));
}
