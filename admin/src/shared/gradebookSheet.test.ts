import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildGradebookWorkbook, entryColumns, gradebookSheetSchema, GRADEBOOK_LABELS, importRowErrors, parseGradebookWorkbook, type GradebookSheet } from './gradebookSheet.ts';

const SHEET: GradebookSheet = gradebookSheetSchema.parse({
  class: { id: 'c1', name: '10A2', school_year_id: 'y1', school_year_code: '2026-2027' },
  subject: { id: 's1', code: 'TOAN', name: 'Toán', assessment_kind: 'scored' },
  semester: 1,
  periods_per_year: 105,
  required_regular: 4,
  max_regular: 5,
  locked: false,
  can_edit: true,
  students: [
    {
      student_id: 'st1',
      student_code: 'HS0001',
      full_name: 'Nguyễn Thị An',
      exempt: false,
      entries: [
        { id: 'e1', kind: 'tx', seq: 1, score: 8.5, rating: null, is_makeup: false, version: 3 },
        { id: 'e2', kind: 'gk', seq: 1, score: '7', rating: null, is_makeup: true, version: 1 },
      ],
      average: null,
      rating: null,
    },
    { student_id: 'st2', student_code: '=HS0002', full_name: 'Trần Văn Bình', exempt: false, entries: [], average: null, rating: null },
    { student_id: 'st3', student_code: 'HS0003', full_name: 'Lê Minh Châu', exempt: true, entries: [], average: null, rating: null },
  ],
});

async function xlsx(rows: unknown[][], keywords?: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  if (keywords) workbook.keywords = keywords;
  const sheet = workbook.addWorksheet('10A2');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEADER = ['STT', 'Mã học sinh', 'Họ và tên', 'TX1', 'TX2', 'TX3', 'TX4', 'TX5', 'GK', 'CK', 'ĐTBmhk'];

describe('entryColumns', () => {
  it('gives TX1…TXmax, GK, CK for a semester and the re-test alone for the year', () => {
    expect(entryColumns(SHEET).map((c) => c.key)).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'tx5', 'gk', 'ck']);
    expect(entryColumns({ ...SHEET, semester: null })).toEqual([{ key: 'retest', kind: 'retest', seq: 1, label: 'Kiểm tra lại' }]);
  });
});

describe('buildGradebookWorkbook', () => {
  it('writes the template header, Vietnamese scores as numbers, "Miễn" for exempt students, no formula cell', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildGradebookWorkbook(SHEET)) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('SỔ ĐIỂM Toán — Lớp 10A2 — Học kì I — Năm học 2026-2027');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(HEADER);
    expect((ws.getRow(3).values as unknown[]).slice(1, 10)).toEqual([1, 'HS0001', 'Nguyễn Thị An', 8.5, undefined, undefined, undefined, undefined, 7]);
    expect(ws.getRow(4).getCell(2).value).toBe("'=HS0002");
    expect(ws.getRow(5).getCell(4).value).toBe('Miễn');
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('reads back through the import with nothing to change', async () => {
    const result = await parseGradebookWorkbook(await buildGradebookWorkbook(SHEET), SHEET);
    // "=HS0002" was escaped to "'=HS0002": the import reports it instead of matching a formula-like code.
    expect(result.ok && result.rows.map((r) => [r.row, r.messages])).toEqual([
      [3, []],
      [4, ["Mã học sinh '=HS0002 không có trong sổ điểm lớp 10A2"]],
      [5, []],
    ]);
    expect(result.ok && result.changes).toEqual([]);
  });
});

describe('parseGradebookWorkbook', () => {
  it('previews changed, cleared and unchanged cells and sends only the changes with the versions read', async () => {
    const file = await xlsx([['SỔ ĐIỂM'], HEADER, [1, 'HS0001', 'Nguyễn Thị An', '8,5', 9, null, null, null, null, 6.5], [2, '=HS0002', 'Trần Văn Bình', 7]], 'sodientu:c1:s1:1');
    const sheet = { ...SHEET, students: SHEET.students.map((s) => (s.student_id === 'st2' ? { ...s, student_code: '=HS0002' } : s)) };
    const result = await parseGradebookWorkbook(file, sheet);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.errorRows).toBe(0);
    expect(result.rows[0]!.cells.map((c) => [c.key, c.status, c.before, c.after])).toEqual([
      ['tx1', 'same', '8,5', '8,5'],
      ['tx2', 'changed', '', '9'],
      ['tx3', 'same', '', ''],
      ['tx4', 'same', '', ''],
      ['tx5', 'same', '', ''],
      ['gk', 'cleared', '7', ''],
      ['ck', 'changed', '', '6,5'],
    ]);
    expect(result.changes).toEqual([
      { student_id: 'st1', kind: 'tx', seq: 2, value: 9, version: null, is_makeup: false },
      { student_id: 'st1', kind: 'gk', seq: 1, value: null, version: 1, is_makeup: true },
      { student_id: 'st1', kind: 'ck', seq: 1, value: 6.5, version: null, is_makeup: false },
      { student_id: 'st2', kind: 'tx', seq: 1, value: 7, version: null, is_makeup: false },
    ]);
    expect([result.changed, result.cleared]).toEqual([3, 1]);
  });

  it('names every bad row and cell in Vietnamese and sends nothing while one exists', async () => {
    // Names are compared without diacritics ("Binh" would match "Bình"); another name does not.
    const file = await xlsx([
      HEADER,
      [1, 'HS0001', 'Nguyễn Thị An', 10.5, '8,25'],
      [2, 'HS9999', 'Ai Đó', 5],
      [3, 'HS0001', 'Nguyễn Thị An'],
      [4, 'HS0003', 'Lê Minh Châu', 8],
      [5, '=HS0002', 'Trần Văn Bảo'],
    ]);
    const result = await parseGradebookWorkbook(file, SHEET);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.changes).toEqual([]);
    expect(result.errorRows).toBe(5);
    expect(result.rows[0]!.cells.filter((c) => c.status === 'error').map((c) => [c.key, c.after, c.message])).toEqual([
      ['tx1', '10.5', 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân'],
      ['tx2', '8,25', 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân'],
    ]);
    expect(result.rows.slice(1).map((r) => r.messages)).toEqual([
      ['Mã học sinh HS9999 không có trong sổ điểm lớp 10A2'],
      ['Mã học sinh trùng với dòng 2'],
      ['Học sinh Lê Minh Châu được miễn môn học này'],
      ['Họ và tên không khớp với mã học sinh (trong sổ: Trần Văn Bình)'],
    ]);
  });

  it('reads Đ / CĐ for a comment-only subject and refuses a score there', async () => {
    const sheet: GradebookSheet = { ...SHEET, subject: { ...SHEET.subject, assessment_kind: 'comment' }, students: [{ ...SHEET.students[1]!, student_code: 'HS0002' }] };
    const result = await parseGradebookWorkbook(await xlsx([HEADER, [1, 'HS0002', 'Trần Văn Bình', 'Đ', 'cd', 8]]), sheet);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.rows[0]!.cells.slice(0, 3).map((c) => [c.status, c.after, c.message])).toEqual([
      ['changed', 'Đ', undefined],
      ['changed', 'CĐ', undefined],
      ['error', '8', 'Đánh giá phải là Đ (Đạt) hoặc CĐ (Chưa đạt)'],
    ]);
  });

  it('refuses another sheet’s file, too many TX columns, a file without the columns, and a non-xlsx', async () => {
    expect(await parseGradebookWorkbook(await xlsx([HEADER], 'sodientu:c1:s2:1'), SHEET)).toEqual({ ok: false, fileError: 'Tệp này là sổ điểm của lớp, môn học hoặc học kì khác' });
    expect(await parseGradebookWorkbook(await xlsx([[...HEADER, 'TX6']]), SHEET)).toEqual({ ok: false, fileError: 'Cột TX6 vượt quá số ĐĐGtx cho phép (5)' });
    expect(await parseGradebookWorkbook(await xlsx([['STT', 'Tên']]), SHEET)).toMatchObject({ ok: false, fileError: expect.stringContaining('Không tìm thấy cột Mã học sinh') });
    expect(await parseGradebookWorkbook(new TextEncoder().encode('a,b'), SHEET)).toEqual({ ok: false, fileError: 'Tệp không phải là tệp Excel (.xlsx) hợp lệ' });
  });

  it('matches the labels of GRADEBOOK_LABELS, so a school that renames a column imports its own files', async () => {
    const labels = { ...GRADEBOOK_LABELS, tx: 'ĐĐGtx', gk: 'ĐĐGgk' };
    const result = await parseGradebookWorkbook(await xlsx([['Mã học sinh', 'ĐĐGtx 3', 'ddggk'], ['HS0001', 8, 9]]), SHEET, labels);
    expect(result.ok && result.changes.map((c) => [c.kind, c.seq, c.value])).toEqual([
      ['tx', 3, 8],
      ['gk', 1, 9],
    ]);
  });
});

describe('importRowErrors', () => {
  it('lists the row’s own errors and then each bad cell’s, named by its column (the preview’s Lỗi column)', () => {
    const row = {
      messages: ['Không có học sinh này trong lớp'],
      cells: [
        { key: 'tx1', label: 'TX1', before: '', after: '8', status: 'changed' as const },
        { key: 'gk', label: 'GK', before: '', after: '11', status: 'error' as const, message: 'Điểm phải từ 0 đến 10' },
      ],
    };
    expect(importRowErrors(row)).toEqual(['Không có học sinh này trong lớp', 'GK: Điểm phải từ 0 đến 10']);
    expect(importRowErrors({ messages: [], cells: [row.cells[0]!] })).toEqual([]);
  });
});
