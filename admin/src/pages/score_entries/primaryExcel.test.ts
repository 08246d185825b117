import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildGradebookWorkbook, gradebookSheetSchema, importRowErrors, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import { PRIMARY_MESSAGES } from './primaryModel.ts';
import { buildPrimaryWorkbook, parsePrimaryWorkbook, primaryExcelColumns } from './primaryExcel.ts';

// Tiếng Việt lớp 3, học kì I: a periodic test at cuối kỳ only (the sheet's `tests`, as the server says).
const SHEET: GradebookSheet = gradebookSheetSchema.parse({
  class: { id: 'c3a', name: '3A', school_year_id: 'y1', school_year_code: '2026-2027' },
  subject: { id: 'tv', code: 'tieng_viet', name: 'Tiếng Việt', assessment_kind: 'comment' },
  semester: 1,
  periods_per_year: 350,
  required_regular: 0,
  max_regular: 0,
  locked: false,
  can_edit: true,
  regime: 'tt27',
  grade: 3,
  tests: { gk: false, ck: true },
  students: [
    {
      student_id: 'an',
      student_code: 'TH001',
      full_name: 'Nguyễn Văn An',
      entries: [
        { id: 'e1', kind: 'gk', seq: 1, score: null, rating: null, level: 'H', comment: 'Đọc còn chậm', version: 3 },
        { id: 'e2', kind: 'ck', seq: 1, score: 8, rating: null, level: 'T', comment: null, version: 1 },
      ],
    },
    { student_id: 'binh', student_code: 'TH002', full_name: 'Lê Thị Bình', exempt: true, entries: [] },
    { student_id: 'chi', student_code: 'TH003', full_name: 'Trần Minh Chi', entries: [{ id: 'e3', kind: 'gk', seq: 1, score: null, rating: null, level: 'T', comment: '=1+1', version: 2 }] },
  ],
});

const HEADER = ['STT', 'Mã học sinh', 'Họ và tên', 'Mức giữa kỳ', 'Nhận xét giữa kỳ', 'Mức cuối kỳ', 'KTĐK cuối kỳ', 'Nhận xét cuối kỳ'];

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The exported file with `edit` applied to its worksheet, as bytes again (what a teacher does in Excel). */
async function edited(edit: (ws: ExcelJS.Worksheet) => void, sheet: GradebookSheet = SHEET): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildPrimaryWorkbook(sheet)) as unknown as ArrayBuffer);
  edit(workbook.worksheets[0]!);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('primaryExcelColumns', () => {
  it('names each period’s level, test (only where TT27 has one) and comment; semester II ends with cuối năm', () => {
    expect(primaryExcelColumns(SHEET).map((c) => c.label)).toEqual(HEADER.slice(3));
    expect(primaryExcelColumns({ semester: 2, tests: { gk: true, ck: true } }).map((c) => c.label)).toEqual([
      'Mức giữa kỳ', 'KTĐK giữa kỳ', 'Nhận xét giữa kỳ', 'Mức cuối năm', 'KTĐK cuối năm', 'Nhận xét cuối năm',
    ]);
    expect(primaryExcelColumns({ semester: null, tests: null })).toEqual([]);
  });
});

describe('buildPrimaryWorkbook', () => {
  it('writes the gradebook title, the TT27 header, levels as text and test scores as numbers, "Miễn" for an exempt pupil, no formula', async () => {
    const ws = await load(await buildPrimaryWorkbook(SHEET));
    expect(ws.getRow(1).getCell(1).value).toBe('SỔ ĐIỂM Tiếng Việt — Lớp 3A — Học kì I — Năm học 2026-2027');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(HEADER);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, 'TH001', 'Nguyễn Văn An', 'H', 'Đọc còn chậm', 'T', 8]);
    expect((ws.getRow(4).values as unknown[]).slice(4)).toEqual(['Miễn', 'Miễn', 'Miễn', 'Miễn', 'Miễn']);
    expect(ws.getRow(5).getCell(5).value).toBe("'=1+1");
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('parsePrimaryWorkbook', () => {
  it('reads its own export back unchanged: every cell the same, nothing to send', async () => {
    const result = await parsePrimaryWorkbook(await buildPrimaryWorkbook(SHEET), SHEET);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.errorRows).toBe(0);
    expect(result.changes).toEqual([]);
    // Chi's comment "=1+1" was written with an apostrophe (never a formula) and reads back as she typed it.
    expect(result.rows.flatMap((r) => r.cells).every((c) => c.status === 'same')).toBe(true);
    expect(result.rows[2]!.cells.find((c) => c.key === 'gk_comment')?.after).toBe('=1+1');
  });

  it('turns an edited file into whole periods with the versions read: level t → T, a test of 9, a cleared comment', async () => {
    const bytes = await edited((ws) => {
      ws.getRow(3).getCell(5).value = null; // An: comment giữa kỳ cleared
      ws.getRow(3).getCell(7).value = 9; // An: KTĐK cuối kỳ 8 → 9
      ws.getRow(5).getCell(5).value = 'Viết chữ đẹp';
      ws.getRow(5).getCell(6).value = 't'; // Chi: level cuối kỳ, typed in lower case
      ws.getRow(5).getCell(7).value = '10';
    });
    const result = await parsePrimaryWorkbook(bytes, SHEET);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.errorRows).toBe(0);
    expect(result.changes).toEqual([
      { student_id: 'an', kind: 'gk', level: 'H', test: '', comment: '', version: 3 },
      { student_id: 'an', kind: 'ck', level: 'T', test: '9', comment: '', version: 1 },
      { student_id: 'chi', kind: 'gk', level: 'T', test: '', comment: 'Viết chữ đẹp', version: 2 },
      { student_id: 'chi', kind: 'ck', level: 'T', test: '10', comment: '', version: null },
    ]);
    expect({ changed: result.changed, cleared: result.cleared }).toEqual({ changed: 4, cleared: 1 });
    const an = result.rows.find((r) => r.student_code === 'TH001')!;
    expect(an.cells.find((c) => c.key === 'gk_comment')).toMatchObject({ status: 'cleared', before: 'Đọc còn chậm', after: '' });
    expect(an.cells.find((c) => c.key === 'ck_test')).toMatchObject({ status: 'changed', before: '8', after: '9' });
  });

  it('refuses the whole file when one row is wrong: the Lỗi column gives the rule in Vietnamese, nothing is sent', async () => {
    const bytes = await edited((ws) => {
      ws.getRow(3).getCell(7).value = 11; // An: KTĐK 11
      ws.getRow(5).getCell(6).value = 'X'; // Chi: level X
      ws.getRow(5).getCell(7).value = 7; // Chi: a valid test, but her row is refused with the rest
    });
    const result = await parsePrimaryWorkbook(bytes, SHEET);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.errorRows).toBe(2);
    expect(result.changes).toEqual([]);
    expect(importRowErrors(result.rows.find((r) => r.student_code === 'TH001')!)).toEqual([`KTĐK cuối kỳ: ${PRIMARY_MESSAGES.test}`]);
    expect(importRowErrors(result.rows.find((r) => r.student_code === 'TH003')!)).toEqual([`Mức cuối kỳ: ${PRIMARY_MESSAGES.level}`]);
  });

  it('refuses a value for an exempt pupil, an unknown code and a name that does not match, row by row', async () => {
    const bytes = await edited((ws) => {
      ws.getRow(4).getCell(6).value = 'T';
      ws.getRow(3).getCell(3).value = 'Nguyễn Văn Anh';
      ws.addRow([4, 'TH999', 'Người Lạ', 'T']);
    });
    const result = await parsePrimaryWorkbook(bytes, SHEET);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.rows.map((r) => importRowErrors(r))).toEqual([
      ['Họ và tên không khớp với mã học sinh (trong sổ: Nguyễn Văn An)'],
      ['Học sinh Lê Thị Bình được miễn môn học này'],
      [],
      ['Mã học sinh TH999 không có trong sổ điểm lớp 3A'],
    ]);
    expect(result.changes).toEqual([]);
  });

  it('refuses a test column where TT27 has no test, and a TT22 file or another sheet’s file, with a sentence', async () => {
    const withTest = await edited((ws) => {
      ws.getRow(2).getCell(9).value = 'KTĐK giữa kỳ';
    });
    expect(await parsePrimaryWorkbook(withTest, SHEET)).toEqual({
      ok: false,
      fileError: 'Môn Tiếng Việt lớp 3A không có bài kiểm tra định kì giữa kỳ: hãy bỏ cột KTĐK giữa kỳ',
    });
    const other = await buildPrimaryWorkbook({ ...SHEET, semester: 2 });
    expect(await parsePrimaryWorkbook(other, SHEET)).toEqual({ ok: false, fileError: 'Tệp này là sổ điểm của lớp, môn học hoặc học kì khác' });
    const tt22 = await buildGradebookWorkbook({ ...SHEET, regime: 'tt22', semester: 1, max_regular: 2 });
    const read = await parsePrimaryWorkbook(tt22, SHEET);
    expect(read.ok).toBe(false);
  });
});
