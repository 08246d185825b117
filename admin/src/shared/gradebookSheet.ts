// The gradebook sheet of one class, subject and semester (rpc/gradebook_sheet, docs/API.md "Gradebook,
// secondary"): its columns, the changes a save sends (rpc/save_score_entries), and the Excel template
// kept as data — export builds rows from it, import reads a workbook back into a per-row preview with
// Vietnamese messages and the changes to send, computed against the versions of the sheet as loaded.
// Pure apart from exceljs (browser and Node); the zip-size cap and formula escaping are classList's.
import { formatNumber } from '../i18n/format.ts';
import { cellText, escapeCell, loadExcelJS } from './classList.ts';
import { unaccent } from './studentProfile.ts';
import { parseRating, parseScore, ratingText, type Parsed } from './tt22.ts';
import { checkZipUnpackedSize, MAX_UNPACKED_BYTES } from './zipSize.ts';
import {
  gradebookSheetSchema,
  sheetCorrectionSchema,
  sheetEntrySchema,
  sheetStudentSchema,
  type EntryKind,
  type GradebookSheet,
  type SheetCorrection,
  type SheetEntry,
  type SheetStudent,
} from '../../../supabase/functions/_shared/contracts/gradebookSheet.ts';

/** Every label of the template, in one place so a school can change them (import matches them too). */
export const GRADEBOOK_LABELS = {
  stt: 'STT',
  student_code: 'Mã học sinh',
  full_name: 'Họ và tên',
  /** ĐĐGtx columns are this prefix and their number: TX1, TX2, … */
  tx: 'TX',
  gk: 'GK',
  ck: 'CK',
  retest: 'Kiểm tra lại',
  average: 'ĐTBmhk',
  rating: 'KQ học kì',
  exempt: 'Miễn',
  title: 'SỔ ĐIỂM',
};
export type GradebookLabels = typeof GRADEBOOK_LABELS;

// The answer's schema is the shared contract; re-exported for the admin's importers.
export { gradebookSheetSchema, sheetCorrectionSchema, sheetEntrySchema, sheetStudentSchema };
export type { EntryKind, GradebookSheet, SheetCorrection, SheetEntry, SheetStudent };
export type CellValue = number | boolean | null;

/** One item of `p_changes`: the value to write (null clears) and the version the client read. */
export interface ScoreChange {
  student_id: string;
  kind: EntryKind;
  seq: number;
  value: CellValue;
  version: number | null;
  is_makeup: boolean;
}

export interface EntryColumn {
  /** tx1…txN, gk, ck, retest: the key of test ids and of the template. */
  key: string;
  kind: EntryKind;
  seq: number;
  label: string;
}

/** The entry columns of a sheet: TX1…TXmax, GK, CK for a semester; the re-test alone after the year. */
export function entryColumns(sheet: Pick<GradebookSheet, 'semester' | 'max_regular'>, labels: GradebookLabels = GRADEBOOK_LABELS): EntryColumn[] {
  if (sheet.semester === null) return [{ key: 'retest', kind: 'retest', seq: 1, label: labels.retest }];
  const regular = Array.from({ length: Math.max(sheet.max_regular, 1) }, (_, i): EntryColumn => ({ key: `tx${i + 1}`, kind: 'tx', seq: i + 1, label: `${labels.tx}${i + 1}` }));
  return [...regular, { key: 'gk', kind: 'gk', seq: 1, label: labels.gk }, { key: 'ck', kind: 'ck', seq: 1, label: labels.ck }];
}

export const isComment = (sheet: Pick<GradebookSheet, 'subject'>) => sheet.subject.assessment_kind === 'comment';

export function findEntry(student: SheetStudent, column: Pick<EntryColumn, 'kind' | 'seq'>): SheetEntry | undefined {
  return student.entries.find((e) => e.kind === column.kind && e.seq === column.seq);
}

export function entryValue(entry: SheetEntry | undefined, comment: boolean): CellValue {
  if (!entry) return null;
  return comment ? entry.rating : entry.score;
}

/** A value as people read it: 8,5 / 8 for a score, Đ / CĐ for a rating, '' for none. */
export function valueText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'boolean' ? ratingText(value) : formatNumber(value);
}

export function parseCell(text: string, comment: boolean): Parsed<number | boolean> {
  return comment ? parseRating(text) : parseScore(text);
}

/** The change that writes `value` into a cell, carrying the version read (null when the cell was empty). */
export function changeFor(student: SheetStudent, column: EntryColumn, value: CellValue): ScoreChange {
  const entry = findEntry(student, column);
  return { student_id: student.student_id, kind: column.kind, seq: column.seq, value, version: entry?.version ?? null, is_makeup: entry?.is_makeup ?? false };
}

export function sheetTitle(sheet: GradebookSheet, labels: GradebookLabels = GRADEBOOK_LABELS): string {
  const period = sheet.semester === null ? labels.retest : `Học kì ${sheet.semester === 1 ? 'I' : 'II'}`;
  return `${labels.title} ${sheet.subject.name} — Lớp ${sheet.class.name} — ${period}${sheet.class.school_year_code ? ` — Năm học ${sheet.class.school_year_code}` : ''}`;
}

/** Written into the workbook's keywords so an import of another class's sheet is refused. */
export function sheetKey(sheet: GradebookSheet): string {
  return `sodientu:${sheet.class.id}:${sheet.subject.id}:${sheet.semester ?? 'retest'}`;
}

/**
 * What a sheet's workbook holds after STT, student code and name: the header of its columns and, per
 * student, their cells. TT22's is below (gradebookLayout); TT27's (levels, tests, comments) is the score
 * entries page's primaryExcel.ts. One writer and one reader serve both.
 */
export interface WorkbookLayout {
  header: string[];
  cells(student: SheetStudent): (string | number | null)[];
  /** Widths of the layout's columns (8 when not given). */
  widths?: number[];
}

/** TT22's columns: TX1…, GK, CK (or the re-test) and ĐTBmhk / KQ học kì; Đ/CĐ as text, "Miễn" for an exempt student. */
function gradebookLayout(sheet: GradebookSheet, labels: GradebookLabels): WorkbookLayout {
  const comment = isComment(sheet);
  const columns = entryColumns(sheet, labels);
  const withResult = sheet.semester !== null;
  const resultLabel = comment ? labels.rating : labels.average;
  return {
    header: [...columns.map((c) => c.label), ...(withResult ? [resultLabel] : [])],
    cells: (s) => {
      const cells = columns.map((c) => {
        if (s.exempt) return labels.exempt;
        const value = entryValue(findEntry(s, c), comment);
        return typeof value === 'boolean' ? ratingText(value) : value;
      });
      const result = s.exempt ? labels.exempt : comment ? ratingText(s.rating) : s.average;
      return [...cells, ...(withResult ? [result] : [])];
    },
  };
}

/** A sheet as .xlsx: a title row, the header (STT, code, name, the layout's), one row per student; text escaped, never a formula. */
export async function writeSheetWorkbook(sheet: GradebookSheet, layout: WorkbookLayout, labels: GradebookLabels = GRADEBOOK_LABELS): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.title = sheetTitle(sheet, labels);
  workbook.keywords = sheetKey(sheet);
  const ws = workbook.addWorksheet(escapeCell(`${sheet.class.name} ${sheet.subject.code}`).slice(0, 31) || 'So diem');
  ws.addRow([escapeCell(sheetTitle(sheet, labels))]).font = { bold: true };
  ws.addRow([labels.stt, labels.student_code, labels.full_name, ...layout.header]).font = { bold: true };
  sheet.students.forEach((s, i) => {
    const cells = layout.cells(s).map((c) => (typeof c === 'string' ? escapeCell(c) : c));
    ws.addRow([i + 1, escapeCell(s.student_code), escapeCell(s.full_name), ...cells]);
  });
  ws.columns.forEach((column, i) => {
    column.width = [6, 14, 28, ...(layout.widths ?? [])][i] ?? 8;
  });
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The sheet as .xlsx: a title row, the header of GRADEBOOK_LABELS, one row per student. */
export async function buildGradebookWorkbook(sheet: GradebookSheet, labels: GradebookLabels = GRADEBOOK_LABELS): Promise<Uint8Array> {
  return writeSheetWorkbook(sheet, gradebookLayout(sheet, labels), labels);
}

export type ImportCellStatus = 'same' | 'changed' | 'cleared' | 'error';
export interface ImportCell {
  key: string;
  label: string;
  /** The value in the sheet now, as text. */
  before: string;
  /** The value in the file, as text (normalised when valid). */
  after: string;
  status: ImportCellStatus;
  message?: string;
}
export interface ImportRow {
  /** The Excel row number, as the user sees it. */
  row: number;
  student_code: string;
  full_name: string;
  cells: ImportCell[];
  /** Row-level errors (unknown student, duplicate, name mismatch, exempt). */
  messages: string[];
}
/** Everything wrong with an imported row, for its "Lỗi" column: the row's own errors, then each bad cell's ("TX2: …"). */
export function importRowErrors(row: Pick<ImportRow, 'messages' | 'cells'>): string[] {
  return [...row.messages, ...row.cells.filter((c) => c.status === 'error' && c.message).map((c) => `${c.label}: ${c.message}`)];
}
export type ImportResult<C = ScoreChange> =
  | { ok: false; fileError: string }
  | { ok: true; rows: ImportRow[]; changes: C[]; errorRows: number; changed: number; cleared: number };

/** A column the import reads: its key and its label in the file. */
export interface ImportColumn {
  key: string;
  label: string;
}

/**
 * How an import reads a sheet's columns into cells and changes: TT22's scores or ratings (below), TT27's
 * levels, tests and comments (the score entries page's primaryExcel.ts). The rest — the file checks, the
 * header, the students, duplicates, names, exemptions, the all-or-nothing rule — is readSheetWorkbook's.
 */
export interface ImportTemplate<C> {
  columns: readonly ImportColumn[];
  /** A header (without diacritics, case or spaces) this sheet does not have but the file does: why the file is refused, or null to ignore it. */
  refuseHeader?(header: string): string | null;
  /** One student's cells (every column found in the file, in order) and the changes they make. */
  readRow(student: SheetStudent, texts: readonly (readonly [ImportColumn, string])[]): { cells: ImportCell[]; changes: C[] };
}

/** Headers are compared without diacritics, case or spaces: "ĐĐGtx 3" is "ddggtx3". */
export const normHeader = (text: string) => unaccent(text).replace(/\s+/g, '');

/** TT22: each cell a score or Đ/CĐ, each changed cell one change (the version read, null when it was empty). */
function gradebookTemplate(sheet: GradebookSheet, labels: GradebookLabels): ImportTemplate<ScoreChange> {
  const columns = entryColumns(sheet, labels);
  const comment = isComment(sheet);
  const txPattern = new RegExp(`^${normHeader(labels.tx).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+$`);
  return {
    columns,
    refuseHeader: (header) => (txPattern.test(header) && sheet.semester !== null ? `Cột ${header.toUpperCase()} vượt quá số ĐĐGtx cho phép (${sheet.max_regular})` : null),
    readRow: (student, texts) => {
      const cells: ImportCell[] = [];
      const changes: ScoreChange[] = [];
      for (const [found, text] of texts) {
        const column = columns.find((c) => c.key === found.key)!;
        const beforeValue = entryValue(findEntry(student, column), comment);
        const parsed = parseCell(text, comment);
        const cell: ImportCell = { key: column.key, label: column.label, before: valueText(beforeValue), after: text, status: 'same' };
        if (!parsed.ok) Object.assign(cell, { status: 'error', message: parsed.message });
        else {
          cell.after = valueText(parsed.value);
          if (parsed.value !== beforeValue) {
            cell.status = parsed.value === null ? 'cleared' : 'changed';
            changes.push(changeFor(student, column, parsed.value));
          }
        }
        cells.push(cell);
      }
      return { cells, changes };
    },
  };
}

export const MAX_SHEET_ROWS = 200;

/**
 * Reads an uploaded sheet against the sheet as loaded. Never throws and writes nothing: a file that is
 * not a readable gradebook gives `fileError`; otherwise every student row with its cells marked same /
 * changed / cleared (a blank cell where a value exists) / error, and the changes to send when no row has
 * an error. Students missing from the file are left unchanged.
 */
export async function parseGradebookWorkbook(buffer: ArrayBuffer | Uint8Array, sheet: GradebookSheet, labels: GradebookLabels = GRADEBOOK_LABELS): Promise<ImportResult> {
  return readSheetWorkbook(buffer, sheet, gradebookTemplate(sheet, labels), labels);
}

/** Reads an uploaded sheet against the sheet as loaded through `template` (see parseGradebookWorkbook). */
export async function readSheetWorkbook<C>(buffer: ArrayBuffer | Uint8Array, sheet: GradebookSheet, template: ImportTemplate<C>, labels: GradebookLabels = GRADEBOOK_LABELS): Promise<ImportResult<C>> {
  const size = checkZipUnpackedSize(buffer);
  if (!size.ok) {
    return { ok: false, fileError: size.reason === 'too_large' ? `Tệp quá lớn: nội dung giải nén vượt ${MAX_UNPACKED_BYTES / 1024 / 1024} MB` : 'Tệp không phải là tệp Excel (.xlsx) hợp lệ' };
  }
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(buffer as ArrayBuffer);
  } catch {
    return { ok: false, fileError: 'Tệp Excel bị hỏng hoặc không đọc được' };
  }
  if (workbook.keywords?.startsWith('sodientu:') && workbook.keywords !== sheetKey(sheet)) {
    return { ok: false, fileError: 'Tệp này là sổ điểm của lớp, môn học hoặc học kì khác' };
  }
  const ws = workbook.worksheets[0];
  if (!ws) return { ok: false, fileError: 'Tệp Excel không có trang tính nào' };

  const columns = template.columns;
  const norm = normHeader;
  const byLabel = new Map<string, ImportColumn>(columns.flatMap((c) => [[norm(c.label), c], [c.key, c]]));
  let headerRow = 0;
  let codeCol = 0;
  let nameCol = 0;
  const found = new Map<number, ImportColumn>();
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const labelsHere: [number, string][] = [];
    ws.getRow(r).eachCell((cell, col) => labelsHere.push([col, norm(cellText(cell.value))]));
    const code = labelsHere.find(([, l]) => l === norm(labels.student_code));
    if (!code) continue;
    headerRow = r;
    codeCol = code[0];
    nameCol = labelsHere.find(([, l]) => l === norm(labels.full_name))?.[0] ?? 0;
    for (const [col, label] of labelsHere) {
      const column = byLabel.get(label);
      const refusal = column ? null : (template.refuseHeader?.(label) ?? null);
      if (column) found.set(col, column);
      else if (refusal) return { ok: false, fileError: refusal };
    }
  }
  if (!headerRow || found.size === 0) {
    return { ok: false, fileError: `Không tìm thấy cột ${labels.student_code} và các cột điểm (${columns.map((c) => c.label).join(', ')})` };
  }

  const students = new Map(sheet.students.map((s) => [s.student_code.trim().toLowerCase(), s]));
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const changes: C[] = [];
  let errorRows = 0;
  let changed = 0;
  let cleared = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const excelRow = ws.getRow(r);
    const code = cellText(excelRow.getCell(codeCol).value);
    const name = nameCol ? cellText(excelRow.getCell(nameCol).value) : '';
    const texts = [...found].map(([col, column]) => [column, cellText(excelRow.getCell(col).value)] as const);
    if (!code && !name && texts.every(([, t]) => t === '')) continue;
    if (rows.length >= MAX_SHEET_ROWS) return { ok: false, fileError: `Tệp quá dài: tối đa ${MAX_SHEET_ROWS} học sinh` };

    const row: ImportRow = { row: r, student_code: code, full_name: name, cells: [], messages: [] };
    rows.push(row);
    const student = students.get(code.toLowerCase());
    const first = seen.get(code.toLowerCase());
    if (!code) row.messages.push(`Thiếu ${labels.student_code.toLowerCase()}`);
    else if (!student) row.messages.push(`Mã học sinh ${code} không có trong sổ điểm lớp ${sheet.class.name}`);
    else if (first !== undefined) row.messages.push(`Mã học sinh trùng với dòng ${first}`);
    else {
      seen.set(code.toLowerCase(), r);
      if (name && unaccent(name) !== unaccent(student.full_name)) row.messages.push(`Họ và tên không khớp với mã học sinh (trong sổ: ${student.full_name})`);
      if (student.exempt && texts.some(([, t]) => t !== '' && unaccent(t) !== unaccent(labels.exempt))) {
        row.messages.push(`Học sinh ${student.full_name} được miễn môn học này`);
      }
    }
    if (student && !student.exempt) {
      const read = template.readRow(student, texts);
      row.cells.push(...read.cells);
      if (row.messages.length === 0 && row.cells.every((c) => c.status !== 'error')) {
        changes.push(...read.changes);
        changed += row.cells.filter((c) => c.status === 'changed').length;
        cleared += row.cells.filter((c) => c.status === 'cleared').length;
      }
    }
    if (row.messages.length > 0 || row.cells.some((c) => c.status === 'error')) errorRows++;
  }
  if (rows.length === 0) return { ok: false, fileError: 'Tệp không có dòng học sinh nào' };
  return { ok: true, rows, changes: errorRows > 0 ? [] : changes, errorRows, changed, cleared };
}
