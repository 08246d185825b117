import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildClassListWorkbook, escapeCell, parseClassList, planClassListImport, type EnrolledStudent } from './classList.ts';
import { checkZipUnpackedSize } from './zipSize.ts';

const CONTEXT = { grade: 10, schoolYearStart: 2026 };

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('10A2');
  for (const row of rows) sheet.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const HEADER = ['STT', 'Mã học sinh', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Nơi sinh'];

describe('parseClassList', () => {
  it('reads a correct class list: names split the Vietnamese way, dd/mm/yyyy dates, genders', async () => {
    const file = await xlsx([HEADER, [1, '0790123456', 'Nguyễn Thị Minh Anh', 'Nữ', '05/03/2011', 'Tây Ninh'], [2, '0790123457', 'Trần Văn Bình', 'Nam', new Date(Date.UTC(2011, 6, 1)), '']]);
    const result = await parseClassList(file, CONTEXT);
    expect(result).toEqual({
      ok: true,
      errors: [],
      rows: [
        { row: 2, student_code: '0790123456', family_name: 'Nguyễn', middle_name: 'Thị Minh', given_name: 'Anh', gender: 'female', birth_date: '2011-03-05', birth_place: 'Tây Ninh', ethnicity: 'Kinh', hometown: '', residence: '' },
        { row: 3, student_code: '0790123457', family_name: 'Trần', middle_name: 'Văn', given_name: 'Bình', gender: 'male', birth_date: '2011-07-01', birth_place: '', ethnicity: 'Kinh', hometown: '', residence: '' },
      ],
    });
  });

  it('names every bad row with its Excel row number and Vietnamese messages, and keeps the good ones', async () => {
    const file = await xlsx([
      HEADER,
      [1, '0790123456', 'Nguyễn Thị Anh', 'Nữ', '05/03/2011'],
      [2, '12', 'Bình', 'Khác', '31/02/2011'],
      [3, '0790123458', 'Lê Văn Cường', 'Nam', '01/01/2018'],
      [4, '0790123456', 'Phạm Thị Dung', 'nữ', '1/9/2010'],
    ]);
    const result = await parseClassList(file, CONTEXT);
    if (!result.ok) throw new Error(result.fileError);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors.map(({ row, messages }) => ({ row, messages }))).toEqual([
      { row: 3, messages: ['Họ và tên cần có ít nhất họ và tên', 'Mã học sinh gồm 6–20 chữ cái hoặc chữ số', 'Giới tính phải là Nam hoặc Nữ', 'Ngày sinh không tồn tại'] },
      { row: 4, messages: ['Ngày sinh không phù hợp với lớp 10 (học sinh sinh năm 2008–2012)'] },
      { row: 5, messages: ['Mã học sinh trùng với dòng 2'] },
    ]);
  });

  it('skips empty rows and finds the header below a title', async () => {
    const file = await xlsx([['DANH SÁCH LỚP 10A2'], [], ['STT', 'Họ và tên', 'Mã HS', 'Ngày sinh', 'Giới tính'], [1, 'Võ Thành Đạt', 'HS000001', '12/12/2011', 'Nam'], []]);
    const result = await parseClassList(file, CONTEXT);
    expect(result.ok && result.rows.map((r) => [r.row, r.given_name, r.student_code])).toEqual([[4, 'Đạt', 'HS000001']]);
  });

  it('refuses a file that is not a zip, a broken zip and a file without the required columns', async () => {
    expect(await parseClassList(new TextEncoder().encode('STT,Họ và tên\n1,A').buffer as ArrayBuffer, CONTEXT)).toEqual({ ok: false, fileError: 'Tệp không phải là tệp Excel (.xlsx) hợp lệ' });
    const good = new Uint8Array(await xlsx([HEADER]));
    const broken = good.slice();
    broken.fill(0x41, 30, 400);
    const brokenResult = await parseClassList(broken.buffer, CONTEXT);
    expect(brokenResult.ok).toBe(false);
    expect(await parseClassList(await xlsx([['STT', 'Tên']]), CONTEXT)).toEqual({ ok: false, fileError: 'Không tìm thấy đủ các cột: Mã học sinh, Họ và tên, Giới tính, Ngày sinh' });
  });

  it('refuses a zip that declares more than 20 MB unpacked, before parsing it', async () => {
    const bomb = zipWithDeclaredSize(25 * 1024 * 1024);
    expect(checkZipUnpackedSize(bomb)).toMatchObject({ ok: false, reason: 'too_large' });
    expect(await parseClassList(bomb, CONTEXT)).toEqual({ ok: false, fileError: 'Tệp quá lớn: nội dung giải nén vượt 20 MB' });
  });
});

describe('export', () => {
  it('escapes formula-like text with a leading apostrophe', () => {
    expect(['=1+1', '+84', '-3', '@SUM(A1)', '\tx', '\rx', 'Nguyễn An', '0790'].map(escapeCell)).toEqual(["'=1+1", "'+84", "'-3", "'@SUM(A1)", "'\tx", "'\rx", 'Nguyễn An', '0790']);
  });

  it('writes a class list that reads back through the import, with no formula cell', async () => {
    const buffer = await buildClassListWorkbook('10A2', [
      { student_code: '0790123456', full_name: 'Nguyễn Thị Anh', gender: 'female', birth_date: '2011-03-05', birth_place: '=HYPERLINK("http://x")' },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.values).toEqual([undefined, 1, '0790123456', 'Nguyễn Thị Anh', 'Nữ', '05/03/2011', `'=HYPERLINK("http://x")`, '']);
    const parsed = await parseClassList(buffer, CONTEXT);
    expect(parsed.ok && parsed.rows[0]).toMatchObject({ student_code: '0790123456', given_name: 'Anh', birth_date: '2011-03-05' });
  });
});

/** A minimal stored zip with one entry whose central directory declares `declared` bytes. */
function zipWithDeclaredSize(declared: number): ArrayBuffer {
  const name = new TextEncoder().encode('a.xml');
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  local.set(name, 30);
  lv.setUint16(26, name.length, true);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint32(20, 1000, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, name.length, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + central.length + end.length);
  out.set(local, 0);
  out.set(central, local.length);
  out.set(end, local.length + central.length);
  return out.buffer;
}

describe('planClassListImport (an exported list, a row added, imported back)', () => {
  const enrolled: EnrolledStudent[] = [
    { student_code: 'HS2026001', full_name: 'Nguyễn Văn An', gender: 'male', birth_date: '2011-03-04', birth_place: 'Hà Nội', ethnicity: 'Kinh' },
    { student_code: 'HS2026002', full_name: 'Trần Thị Bích Ngọc', gender: 'female', birth_date: '2011-12-30', birth_place: '', ethnicity: 'Tày' },
  ];
  const context = { grade: 10, schoolYearStart: 2026 };

  async function exportedWith(extra: (string | null)[][]): Promise<Uint8Array> {
    const bytes = await buildClassListWorkbook('10A1', enrolled);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const row of extra) workbook.worksheets[0]!.addRow(row);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('keeps the students already in the class and sends only the new row', async () => {
    const file = await exportedWith([[null, 'HS2026099', 'Lê Minh Châu', 'Nữ', '01/02/2011', 'Huế', 'Kinh']]);
    const parsed = await parseClassList(file, context);
    if (!parsed.ok) throw new Error(parsed.fileError);
    expect(parsed.errors).toEqual([]);
    const plan = planClassListImport(parsed.rows, enrolled);
    expect(plan.errors).toEqual([]);
    expect(plan.kept.map((r) => r.student_code)).toEqual(['HS2026001', 'HS2026002']);
    expect(plan.newRows.map((r) => r.student_code)).toEqual(['HS2026099']);
  });

  it('refuses (never hides) a student of the class whose data in the file differ from the record', async () => {
    const bytes = await exportedWith([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(2).getCell(5).value = '05/03/2011';
    const parsed = await parseClassList(new Uint8Array(await workbook.xlsx.writeBuffer()), context);
    if (!parsed.ok) throw new Error(parsed.fileError);
    const plan = planClassListImport(parsed.rows, enrolled);
    expect(plan.newRows).toEqual([]);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]!.row).toBe(2);
    expect(plan.errors[0]!.messages[0]).toContain('ngày sinh (trong hồ sơ: 04/03/2011)');
  });
});
