// The Excel class list (danh sách lớp): parse and validate every row of an .xlsx before anything is
// written, and build the export. Pure apart from exceljs (which runs in the browser and in Node).
// Columns, found by their header (any order, diacritics and case ignored): STT, Mã học sinh, Họ và tên,
// Giới tính, Ngày sinh (dd/mm/yyyy), and optionally Nơi sinh, Dân tộc, Quê quán, Chỗ ở.
import type ExcelJS from 'exceljs';
import { birthDateIssue, splitFullName, studentSchema, unaccent } from './studentProfile.ts';
import { checkZipUnpackedSize, MAX_UNPACKED_BYTES } from './zipSize.ts';

export const MAX_ROWS = 200;

/**
 * exceljs (about 1 MB of script in the browser) is loaded when an import or export runs, never with a
 * page: every use goes through this dynamic import. Node (tests, seed) and Vite both resolve it.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  const mod = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  return mod.default ?? mod;
}

export interface ClassListRow {
  /** The Excel row number, as the user sees it. */
  row: number;
  student_code: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  gender: 'male' | 'female';
  birth_date: string;
  birth_place: string;
  ethnicity: string;
  hometown: string;
  residence: string;
}

export interface RowError {
  row: number;
  messages: string[];
  /** What the row said, for the preview (the row itself is not imported). */
  student_code?: string;
  full_name?: string;
}

export type ParseResult =
  | { ok: true; rows: ClassListRow[]; errors: RowError[] }
  | { ok: false; fileError: string };

const HEADERS = {
  student_code: ['ma hoc sinh', 'ma hs', 'ma dinh danh'],
  full_name: ['ho va ten', 'ho ten'],
  gender: ['gioi tinh'],
  birth_date: ['ngay sinh'],
  birth_place: ['noi sinh'],
  ethnicity: ['dan toc'],
  hometown: ['que quan'],
  residence: ['cho o', 'noi o', 'dia chi'],
} as const;
type Column = keyof typeof HEADERS;
const REQUIRED: Column[] = ['student_code', 'full_name', 'gender', 'birth_date'];

/** The text of a cell whatever exceljs made of it (rich text, hyperlink, formula result, date). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return isoOf(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** dd/mm/yyyy (or d/m/yyyy, with - or .), an Excel date, or yyyy-mm-dd → yyyy-mm-dd; '' when unreadable. */
export function parseVietnameseDate(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoOf(value);
  if (typeof value === 'number' && value > 0 && value < 100000) {
    // Excel serial date (1900 system): day 25569 is 1970-01-01.
    return isoOf(new Date(Math.round((value - 25569) * 86400000)));
  }
  const text = cellText(value);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  return text === '' ? '' : 'invalid';
}

function parseGender(text: string): 'male' | 'female' | '' {
  const v = unaccent(text);
  if (v === 'nam') return 'male';
  if (v === 'nu') return 'female';
  return '';
}

/**
 * Parses and validates a class list. `context` gives the class's grade and the year its school year
 * starts, to check the birth date is plausible. Never throws: a file that is not a readable .xlsx gives
 * `fileError`, every bad row an entry in `errors` with Vietnamese messages.
 */
export async function parseClassList(buffer: ArrayBuffer | Uint8Array, context: { grade: number; schoolYearStart: number }): Promise<ParseResult> {
  const size = checkZipUnpackedSize(buffer);
  if (!size.ok) {
    return {
      ok: false,
      fileError:
        size.reason === 'too_large'
          ? `Tệp quá lớn: nội dung giải nén vượt ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`
          : 'Tệp không phải là tệp Excel (.xlsx) hợp lệ',
    };
  }
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(buffer as ArrayBuffer);
  } catch {
    return { ok: false, fileError: 'Tệp Excel bị hỏng hoặc không đọc được' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, fileError: 'Tệp Excel không có trang tính nào' };

  // The header row: the first of the first 10 rows naming "Họ và tên".
  let headerRow = 0;
  const columns: Partial<Record<Column, number>> = {};
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    sheet.getRow(r).eachCell((cell, col) => {
      const label = unaccent(cellText(cell.value)).replace(/[().]/g, '').replace(/\s*dd\/mm\/yyyy$/, '').trim();
      for (const [key, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
        if (columns[key] === undefined && names.includes(label)) columns[key] = col;
      }
    });
    if (columns.full_name !== undefined) headerRow = r;
  }
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (!headerRow || missing.length > 0) {
    return { ok: false, fileError: 'Không tìm thấy đủ các cột: Mã học sinh, Họ và tên, Giới tính, Ngày sinh' };
  }

  const rows: ClassListRow[] = [];
  const errors: RowError[] = [];
  const seenCodes = new Map<string, number>();
  const get = (r: ExcelJS.Row, c: Column) => (columns[c] === undefined ? '' : cellText(r.getCell(columns[c]!).value));
  let dataRows = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const fullName = get(excelRow, 'full_name');
    const code = get(excelRow, 'student_code');
    const genderText = get(excelRow, 'gender');
    const birthCell = excelRow.getCell(columns.birth_date!).value;
    if (!fullName && !code && !genderText && !cellText(birthCell)) continue;
    if (++dataRows > MAX_ROWS) return { ok: false, fileError: `Danh sách quá dài: tối đa ${MAX_ROWS} học sinh một lớp` };

    const messages: string[] = [];
    const name = splitFullName(fullName);
    if (!name) messages.push(fullName ? 'Họ và tên cần có ít nhất họ và tên' : 'Họ và tên là bắt buộc');
    const gender = parseGender(genderText);
    const birth = parseVietnameseDate(birthCell);
    const candidate = {
      student_code: code,
      ...(name ?? { family_name: '', middle_name: '', given_name: '' }),
      gender: gender || undefined,
      birth_date: birth === 'invalid' ? 'không hợp lệ' : birth || undefined,
    };
    const parsed = studentSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (name || (field !== 'family_name' && field !== 'given_name')) messages.push(issue.message);
      }
    } else {
      const issue = birthDateIssue(parsed.data.birth_date, context.grade, context.schoolYearStart);
      if (issue) messages.push(issue);
    }
    if (code) {
      const first = seenCodes.get(code);
      if (first !== undefined) messages.push(`Mã học sinh trùng với dòng ${first}`);
      else seenCodes.set(code, r);
    }
    if (messages.length > 0 || !parsed.success) {
      errors.push({ row: r, messages: [...new Set(messages)], student_code: code, full_name: fullName });
      continue;
    }
    rows.push({
      row: r,
      ...parsed.data,
      birth_place: get(excelRow, 'birth_place'),
      ethnicity: get(excelRow, 'ethnicity') || 'Kinh',
      hometown: get(excelRow, 'hometown'),
      residence: get(excelRow, 'residence'),
    });
  }
  if (rows.length === 0 && errors.length === 0) return { ok: false, fileError: 'Danh sách không có học sinh nào' };
  return { ok: true, rows, errors };
}

/**
 * A cell value safe to open in Excel: text that a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe, so it stays text (CSV/formula injection).
 */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface ExportStudent {
  student_code: string;
  full_name: string;
  gender: 'male' | 'female';
  birth_date: string;
  birth_place?: string;
  ethnicity?: string;
}

/** dd/mm/yyyy for people. */
export function formatVietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The class list as an .xlsx in the import's own layout (so an export can be re-imported). */
export async function buildClassListWorkbook(className: string, students: ExportStudent[]): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet(escapeCell(className).slice(0, 31) || 'Lop');
  sheet.addRow(['STT', 'Mã học sinh', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Nơi sinh', 'Dân tộc']).font = { bold: true };
  students.forEach((s, i) => {
    sheet.addRow([
      i + 1,
      escapeCell(s.student_code),
      escapeCell(s.full_name),
      s.gender === 'male' ? 'Nam' : 'Nữ',
      formatVietnameseDate(s.birth_date),
      escapeCell(s.birth_place ?? ''),
      escapeCell(s.ethnicity ?? ''),
    ]);
  });
  sheet.columns.forEach((column, i) => {
    column.width = [6, 14, 28, 10, 12, 24, 10][i] ?? 12;
  });
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A student already in the class (an open enrolment), as the list's export writes them. */
export interface EnrolledStudent extends ExportStudent {
  student_code: string;
}

export interface ClassListPlan {
  /** Rows of students not in the class yet: what import_class_list is sent. */
  newRows: ClassListRow[];
  /** Rows of students already in the class whose file data match the record: kept as they are. */
  kept: ClassListRow[];
  /** Rows of students already in the class whose file data differ from the record: refused, with why. */
  errors: RowError[];
}

const sameText = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').normalize('NFC').replace(/\s+/g, ' ').trim() === (b ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * A class list read back into its own class (exported, a row added, imported): the students already
 * in the class, matched by their student code, are recognised and kept — never enrolled a second time
 * (import_class_list would refuse each: "Học sinh đã được xếp lớp trong năm học này") — when the file
 * says of them what the record says (name, gender, birth date, and birth place and ethnicity when the
 * record has them). A difference is not hidden: the row is refused, naming each field, because the
 * import never changes a student's record (that is the student's page). Only the other rows are sent.
 */
export function planClassListImport(rows: readonly ClassListRow[], enrolled: readonly EnrolledStudent[]): ClassListPlan {
  const byCode = new Map(enrolled.map((s) => [s.student_code, s]));
  const plan: ClassListPlan = { newRows: [], kept: [], errors: [] };
  for (const row of rows) {
    const known = byCode.get(row.student_code);
    if (!known) {
      plan.newRows.push(row);
      continue;
    }
    const fullName = [row.family_name, row.middle_name, row.given_name].filter(Boolean).join(' ');
    const differs: string[] = [];
    if (!sameText(fullName, known.full_name)) differs.push(`họ và tên (trong hồ sơ: ${known.full_name})`);
    if (row.gender !== known.gender) differs.push(`giới tính (trong hồ sơ: ${known.gender === 'male' ? 'Nam' : 'Nữ'})`);
    if (row.birth_date !== known.birth_date) differs.push(`ngày sinh (trong hồ sơ: ${formatVietnameseDate(known.birth_date)})`);
    if (known.birth_place !== undefined && !sameText(row.birth_place, known.birth_place)) differs.push(`nơi sinh (trong hồ sơ: ${known.birth_place || 'trống'})`);
    if (known.ethnicity !== undefined && !sameText(row.ethnicity, known.ethnicity || 'Kinh')) differs.push(`dân tộc (trong hồ sơ: ${known.ethnicity || 'Kinh'})`);
    if (row.hometown.trim() || row.residence.trim()) differs.push('quê quán, chỗ ở (không cập nhật qua tệp)');
    if (differs.length === 0) plan.kept.push(row);
    else
      plan.errors.push({
        row: row.row,
        student_code: row.student_code,
        full_name: fullName,
        messages: [`Học sinh ${row.student_code} đã có trong lớp nhưng khác hồ sơ ở ${differs.join(', ')}: sửa trong hồ sơ học sinh hoặc sửa lại tệp`],
      });
  }
  return plan;
}
