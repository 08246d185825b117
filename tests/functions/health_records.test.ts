// The health-records function over HTTP as the demo people (issue 16): the nurse imports a screening and
// the start-of-level examination from Excel files made here with exceljs — a preview with bad and
// ambiguous rows lists every row's errors and writes nothing, a clean file is written all at once —
// and downloads the school's yearly report and a class's summary as JSON, Excel and PDF (read back
// with exceljs and poppler); the Sở's report is masked; anyone else is refused. Writes go to 12A1 and
// 12A2 of this year (other suites write 10A1, 10A2, 11A1).
import ExcelJS from 'exceljs';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { serviceClient, signedIn, stackInfo, asOwner } from '../helpers/stack.ts';
import { unitOf, yearsOf } from '../helpers/accounts.ts';
import { pages } from '../helpers/print.ts';

type Client = SupabaseClient<Database>;
interface Answer { status: number; type: string | null; bytes: Buffer; json: Record<string, unknown> | null }

async function call(client: Client, body: unknown): Promise<Answer> {
  const token = (await client.auth.getSession()).data.session!.access_token;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/health-records`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, type, bytes, json: type?.includes('json') ? JSON.parse(bytes.toString()) as Record<string, unknown> : null };
}

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH KẾT QUẢ KHÁM']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const svc = serviceClient();
const fx = { school: '', th: '', year: '', c12a1: '', c12a2: '' };
let nurse: Client;
interface Pupil { id: string; student_code: string; full_name: string; birth_date: string; family_name: string; middle_name: string; given_name: string; gender: 'male' | 'female' }
let pupils12a1: Pupil[] = [];
let pupils12a2: Pupil[] = [];
const created: string[] = [];

const pupilsOf = async (cls: string) => (await svc.from('enrolments').select('students!inner(id, student_code, full_name, birth_date, family_name, middle_name, given_name, gender)')
  .eq('class_id', cls).is('ended_on', null).order('student_id').limit(40)).data!.map((e) => e.students as unknown as Pupil);

beforeAll(async () => {
  fx.school = await unitOf('thpt-tandong');
  fx.th = await unitOf('th-tandong');
  fx.year = (await yearsOf(fx.school)).current;
  const cls = (await svc.from('classes').select('id, name').eq('school_year_id', fx.year)).data!;
  fx.c12a1 = cls.find((c) => c.name === '12A1')!.id;
  fx.c12a2 = cls.find((c) => c.name === '12A2')!.id;
  pupils12a1 = await pupilsOf(fx.c12a1);
  pupils12a2 = await pupilsOf(fx.c12a2);
  nurse = await signedIn('yte@thpt-tandong.edu.vn');
});

afterAll(async () => {
  // The students this file made: removed as the database owner (no API deletes a student: retention).
  if (created.length) await asOwner([['delete from public.students where id = any($1::uuid[])', [created]]]);
});

const HEAD_SCREEN = ['STT', 'Mã học sinh', 'Họ và tên', 'Ngày sinh', 'Ngày khám', 'Kết quả', 'Ghi chú', 'Người khám'];

describe('import', () => {
  it('gives out the template of a kind with its Vietnamese headers', async () => {
    const a = await call(nurse, { action: 'template', kind: 'exam' });
    expect(a.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.bytes as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['Mã học sinh', 'Họ và tên', 'Ngày sinh', 'Ngày khám', 'Chiều cao (cm)']);
  });

  it('a spine screening with an unreadable date, an unknown code, a bad result and an ambiguous name: every row\'s errors, nothing written', async () => {
    const [a, b, c, d] = pupils12a1;
    const twin = (await svc.from('students').insert({ school_id: fx.school, student_code: 'TWINHEALTH02', family_name: d!.family_name,
      middle_name: d!.middle_name, given_name: d!.given_name, gender: d!.gender, birth_date: d!.birth_date }).select('id').single()).data!;
    created.push(twin.id);
    const [y, m, dd] = d!.birth_date.split('-');
    const file = await xlsx([
      HEAD_SCREEN,
      [1, a!.student_code, a!.full_name, null, new Date('2026-10-20'), 'Bình thường', null, 'BS. Trần Văn An'],
      [2, b!.student_code, null, null, '31/02/2026', 'Có vấn đề', 'Vẹo nhẹ', null],
      [3, 'KHONGCO99', null, null, '20/10/2026', 'bình thường', null, null],
      [4, c!.student_code, null, null, '20/10/2026', 'Tốt', null, null],
      [5, null, d!.full_name.toUpperCase(), `${dd}/${m}/${y}`, '20/10/2026', 'Bình thường', null, null],
    ]);
    const before = (await svc.from('health_screenings').select('id', { count: 'exact', head: true }).eq('kind', 'spine').eq('class_id', fx.c12a1)).count;
    const r = await call(nurse, { action: 'import', kind: 'spine', school_id: fx.school, file, commit: true });
    expect(r.status).toBe(200);
    const body = r.json as { error_count: number; committed: boolean; written: number; rows: { row: number; errors: string[]; full_name: string | null; class_name: string | null }[] };
    expect(body).toMatchObject({ error_count: 4, committed: false, written: 0 });
    expect(body.rows.map((x) => x.row)).toEqual([3, 4, 5, 6, 7]);
    expect(body.rows[0]).toMatchObject({ errors: [], full_name: a!.full_name, class_name: '12A1' });
    expect(body.rows[1]!.errors[0]).toBe('Ngày khám: "31/02/2026" không phải ngày (DD/MM/YYYY).');
    expect(body.rows[2]!.errors).toEqual(['Không có học sinh mã KHONGCO99 ở trường.']);
    expect(body.rows[3]!.errors).toEqual(['Kết quả phải là: bình thường, có vấn đề hoặc chuyển khám.']);
    expect(body.rows[4]!.errors[0]).toMatch(/^Có 2 học sinh tên .* ghi mã học sinh để phân biệt\.$/);
    expect((await svc.from('health_screenings').select('id', { count: 'exact', head: true }).eq('kind', 'spine').eq('class_id', fx.c12a1)).count).toBe(before);
  });

  it('the start-of-level examination of 12A2: a preview writes nothing, then the clean file is written whole with statuses computed', async () => {
    const head = ['Mã học sinh', 'Ngày khám', 'Chiều cao (cm)', 'Cân nặng (kg)', 'Huyết áp tâm thu', 'Huyết áp tâm trương', 'Mạch (lần/phút)',
      'Thị lực mắt trái không kính (/10)', 'Thị lực mắt phải không kính (/10)'];
    const rows = pupils12a2.slice(0, 10).map((p, i) => [p.student_code, '02/11/2026', `${160 + i},5`, 50 + i, 110, 70, 80, 10, 9]);
    const measured = async () => (await svc.from('student_measures').select('id', { count: 'exact', head: true }).eq('class_id', fx.c12a2).eq('measured_on', '2026-11-02')).count;
    const file = await xlsx([head, ...rows]);
    const preview = await call(nurse, { action: 'import', kind: 'exam', school_id: fx.school, file });
    expect(preview.json).toMatchObject({ error_count: 0, committed: false, written: 0 });
    expect(await measured()).toBe(0);
    // One impossible height makes the whole commit write nothing.
    const bad = await call(nurse, { action: 'import', kind: 'exam', school_id: fx.school, commit: true,
      file: await xlsx([head, ...rows.slice(0, 9), [pupils12a2[9]!.student_code, '02/11/2026', 250, 50]]) });
    expect(bad.json).toMatchObject({ error_count: 1, committed: false, written: 0 });
    expect((bad.json!.rows as { errors: string[] }[])[9]!.errors).toEqual(['Chiều cao 250 cm không hợp lệ: nhập từ 50 đến 220 cm.']);
    expect(await measured()).toBe(0);
    const ok = await call(nurse, { action: 'import', kind: 'exam', school_id: fx.school, file, commit: true });
    expect(ok.json).toMatchObject({ error_count: 0, committed: true, written: 10 });
    expect(await measured()).toBe(10);
    const first = (await svc.from('student_measures').select('height_cm, weight_kg, bmi, bmi_status').eq('student_id', pupils12a2[0]!.id).eq('measured_on', '2026-11-02').single()).data!;
    expect(first).toMatchObject({ height_cm: 160.5, weight_kg: 50, bmi: 19.4 });
    expect(first.bmi_status).toBeTruthy();
  });

  it('refuses a file that is not Excel, one without the header, and anyone but the nurse', async () => {
    expect((await call(nurse, { action: 'import', kind: 'dental', school_id: fx.school, file: Buffer.from('not a workbook').toString('base64') })).json)
      .toMatchObject({ message: 'Tệp không phải tệp Excel (.xlsx) đọc được.' });
    expect((await call(nurse, { action: 'import', kind: 'dental', school_id: fx.school, file: await xlsx([['A', 'B'], [1, 2]]) })).json)
      .toMatchObject({ message: 'Không tìm thấy dòng tiêu đề (cần có cột "Ngày khám"): hãy dùng tệp mẫu.' });
    const file = await xlsx([HEAD_SCREEN, [1, pupils12a1[0]!.student_code, null, null, '20/10/2026', 'Bình thường']]);
    for (const email of ['hieutruong@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn', 'so@tayninh.edu.vn']) {
      const r = await call(await signedIn(email), { action: 'import', kind: 'dental', school_id: fx.school, file, commit: true });
      expect(r.status, email).toBe(403);
      expect(r.json!.message).toBe('Chỉ nhân viên y tế của trường nhập được kết quả khám sức khỏe.');
    }
  });
});

describe('report', () => {
  it('the school\'s yearly report as JSON, Excel and PDF for the nurse; the numbers agree', async () => {
    const j = await call(nurse, { action: 'report', format: 'json', school_id: fx.school });
    expect(j.status).toBe(200);
    const report = j.json as { masked: boolean; rows: Record<string, unknown>[]; school_year: { code: string } };
    expect(report.masked).toBe(false);
    const total = report.rows.find((r) => r.total)!;
    expect(total.examined).toBeGreaterThan(100);

    const x = await call(nurse, { action: 'report', format: 'xlsx', school_id: fx.school });
    expect(x.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    let totalRow: unknown[] = [];
    sheet.eachRow((row) => { if ((row.values as unknown[])[1] === 'Toàn trường') totalRow = row.values as unknown[]; });
    expect(totalRow[2]).toBe(total.enrolled);
    expect(totalRow[3]).toBe(total.examined);

    const p = await call(nurse, { action: 'report', format: 'pdf', school_id: fx.school });
    expect(p.type).toBe('application/pdf');
    const text = pages(p.bytes).join('\n');
    expect(text).toContain(`BÁO CÁO CÔNG TÁC Y TẾ TRƯỜNG HỌC – NĂM HỌC ${report.school_year.code}`);
    expect(text).toMatch(/Toàn trường/);
    expect(text).toContain(String(total.examined));
  });

  it('a class\'s summary for the nurse and BGH; the Sở gets the counts with "< 5", no names; a teacher is refused', async () => {
    const cls = await call(await signedIn('hieutruong@thpt-tandong.edu.vn'), { action: 'report', format: 'pdf', school_id: fx.school, class_id: fx.c12a2 });
    expect(cls.status).toBe(200);
    expect(pages(cls.bytes).join('\n')).toContain('TỔNG HỢP SỨC KHỎE HỌC SINH LỚP 12A2');
    const so = await call(await signedIn('so@tayninh.edu.vn'), { action: 'report', format: 'json', school_id: fx.school, class_id: fx.c12a2 });
    expect(so.status).toBe(200);
    expect(so.json!.masked).toBe(true);
    expect(JSON.stringify(so.json)).toContain('< 5');
    const soPdf = await call(await signedIn('so@tayninh.edu.vn'), { action: 'report', format: 'pdf', school_id: fx.school });
    expect(pages(soPdf.bytes).join('\n')).toContain('Số liệu dưới 5 học sinh được ghi "< 5".');
    for (const p of pupils12a2.slice(0, 3)) expect(pages(soPdf.bytes).join('\n')).not.toContain(p.full_name);
    const teacher = await call(await signedIn('gv.toan@thpt-tandong.edu.vn'), { action: 'report', format: 'xlsx', school_id: fx.school });
    expect(teacher.status).toBe(403);
    expect(teacher.json!.message).toBe('Bạn không xem được báo cáo sức khỏe của trường này.');
    // The Phòng is above the primary school only.
    expect((await call(await signedIn('phong@tanchau.edu.vn'), { action: 'report', format: 'json', school_id: fx.th })).status).toBe(200);
    expect((await call(await signedIn('phong@tanchau.edu.vn'), { action: 'report', format: 'json', school_id: fx.school })).status).toBe(403);
  });
});
