// The homeroom sheets' saves through the real API as the demo users (issue 18, item 5): rpc/
// save_conduct_ratings, save_attendance, save_quality_ratings and save_measures each take a batch of
// cells with the version each was read at and write all of it or nothing. For each: a batch saved (the
// rows read back with the service role), a batch with one bad cell refused with the Vietnamese listing
// and nothing changed, a stale version refused (PT409), a teacher who is not the class's GVCN, a
// family and a caller of another school refused, the seed's locked past year refused (PT423). And the
// friction finding: an absence after the pinned today is refused — through the RPC and a direct
// PostgREST insert — while today is accepted.
// Shared stack: this file writes the summer re-rating (semester null) of the current 10A1, absences of
// four 10A1 students on 9–13/11/2026 and today, cuối kỳ I qualities of 3A and the latest measurements of
// two 3A students (restored), and removes what it wrote in afterAll.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const HOMEROOM = 'gvcn.10a1@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const PARENT = 'phuhuynh@thpt-tandong.edu.vn';
const PRIMARY_HOMEROOM = 'gvcn.3a@th-tandong.edu.vn';
const PRIMARY_ADMIN = 'bqt@th-tandong.edu.vn';

type Client = SupabaseClient<Database>;
interface Student { id: string; name: string }
const fx = {
  today: '', tomorrow: '',
  thptYear: '', thptPastYear: '', c10A1: '', past10A1: '',
  thYear: '', thPastYear: '', c3A: '', past3A: '',
  s10: [] as Student[], past10: [] as Student[], s3: [] as Student[], past3: [] as Student[],
};
let gvcn: Client;
let teacher: Client;
let parent: Client;
let gvcn3a: Client;
let thAdmin: Client;
const svc = () => serviceClient();

const rpc = (client: Client, fn: string, args: Record<string, unknown>) =>
  (client.rpc as unknown as (f: string, a: Record<string, unknown>) => Promise<{ data: unknown; error: { code: string; message: string; details?: string } | null; status: number }>)(fn, args);

async function enrolled(classId: string, open = true): Promise<Student[]> {
  let query = svc().from('enrolments').select('student_id, students!inner(full_name, student_code)').eq('class_id', classId);
  if (open) query = query.is('ended_on', null);
  const { data, error } = await query;
  if (error) throw new Error(error.message);
  return (data as unknown as { student_id: string; students: { full_name: string; student_code: string } }[])
    .sort((a, b) => a.students.student_code.localeCompare(b.students.student_code))
    .map((e) => ({ id: e.student_id, name: e.students.full_name }));
}

async function classOf(school: string, year: string, name: string): Promise<string> {
  return (await one(svc().from('classes').select('id').eq('school_year_id', year).eq('name', name).eq('school_id', school))).id as string;
}

beforeAll(async () => {
  const { data: today } = await svc().rpc('app_today');
  fx.today = today as string;
  const t = new Date(`${fx.today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  fx.tomorrow = t.toISOString().slice(0, 10);
  for (const [code, key] of [['thpt-tandong', 'thpt'], ['th-tandong', 'th']] as const) {
    const school = (await one(svc().from('org_units').select('id').eq('code', code))).id as string;
    const years = (await svc().from('school_years').select('id, code').eq('school_id', school).lte('starts_on', fx.today).order('starts_on', { ascending: false })).data!;
    const [current, past] = [years[0]!.id as string, years[1]!.id as string];
    if (key === 'thpt') {
      Object.assign(fx, { thptYear: current, thptPastYear: past, c10A1: await classOf(school, current, '10A1'), past10A1: await classOf(school, past, '10A1') });
    } else {
      Object.assign(fx, { thYear: current, thPastYear: past, c3A: await classOf(school, current, '3A'), past3A: await classOf(school, past, '3A') });
    }
  }
  [fx.s10, fx.past10, fx.s3, fx.past3] = await Promise.all([enrolled(fx.c10A1), enrolled(fx.past10A1, false), enrolled(fx.c3A), enrolled(fx.past3A, false)]);
  [gvcn, teacher, parent, gvcn3a, thAdmin] = (await Promise.all([HOMEROOM, TEACHER, PARENT, PRIMARY_HOMEROOM, PRIMARY_ADMIN].map((e) => signedIn(e)))) as
    [Client, Client, Client, Client, Client];
  // The seed's past years are locked, and their classes had the same GVCNs.
  expect((await gvcn.rpc('class_sheet_rights', { p_class_id: fx.past10A1, p_semester: 1 })).data).toMatchObject({ locked: true });
  expect((await gvcn3a.rpc('class_sheet_rights', { p_class_id: fx.past3A, p_semester: 2 })).data).toMatchObject({ locked: true });
});

// ---------------------------------------------------------------------------------------------------
// Rèn luyện: the summer re-rating (semester null) of the current 10A1
// ---------------------------------------------------------------------------------------------------
describe('rpc/save_conduct_ratings', () => {
  const students = () => fx.s10.slice(20, 24);
  const conduct = (classId: string, semester: number | null) => (client: Client, changes: unknown[]) =>
    rpc(client, 'save_conduct_ratings', { p_class_id: classId, p_semester: semester, p_changes: changes });
  const saveSummer = (client: Client, changes: unknown[]) => conduct(fx.c10A1, null)(client, changes);
  async function rows() {
    const { data, error } = await svc().from('conduct_ratings').select('student_id, level, comment, version, entered_by')
      .eq('school_year_id', fx.thptYear).is('semester', null).in('student_id', students().map((s) => s.id)).order('student_id');
    if (error) throw new Error(error.message);
    return data;
  }
  afterAll(async () => {
    await svc().from('conduct_ratings').delete().eq('school_year_id', fx.thptYear).is('semester', null).in('student_id', students().map((s) => s.id));
  });

  it('the GVCN of 10A1 saves three re-ratings in one call, stamped as theirs, and clears one with the version read', async () => {
    const [a, b, c] = students() as [Student, Student, Student];
    expect(await rows()).toEqual([]);
    const { data, error } = await saveSummer(gvcn, [
      { student_id: a.id, level: 'dat', comment: ' Tiến bộ sau rèn luyện hè ', version: null },
      { student_id: b.id, level: 'kha', version: null },
      { student_id: c.id, level: 'chua_dat', version: null },
    ]);
    expect(error).toBeNull();
    expect(data).toMatchObject({ saved: 3 });
    const { data: me } = await gvcn.auth.getUser();
    const saved = await rows();
    expect(saved.map((r) => [r.student_id, r.level, r.comment, r.version, r.entered_by]).sort()).toEqual(
      [[a.id, 'dat', 'Tiến bộ sau rèn luyện hè', 1, me.user!.id], [b.id, 'kha', null, 1, me.user!.id], [c.id, 'chua_dat', null, 1, me.user!.id]].sort());
    // An update and a clear, each with the version read.
    const second = await saveSummer(gvcn, [{ student_id: a.id, level: 'kha', comment: 'Tiến bộ', version: 1 }, { student_id: c.id, level: null, version: 1 }]);
    expect(second.error).toBeNull();
    expect((await rows()).map((r) => [r.student_id, r.level, r.version]).sort()).toEqual([[a.id, 'kha', 2], [b.id, 'kha', 1]].sort());
  });

  it('a batch with one bad level is refused with the listing, and nothing of it is written', async () => {
    const [a, b, , d] = students() as [Student, Student, Student, Student];
    const before = await rows();
    const { error, status } = await saveSummer(gvcn, [
      { student_id: a.id, level: 'tot', version: 2 },
      { student_id: d.id, level: 'gioi', version: null },
      { student_id: b.id, level: null, comment: 'Chỉ có nhận xét', version: 1 },
    ]);
    expect(status).toBe(400);
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`Mức rèn luyện chỉ là Tốt, Khá, Đạt hoặc Chưa đạt: ${d.name} ("gioi"). Nhận xét cần đi kèm mức rèn luyện: ${b.name} ("Chỉ có nhận xét")`);
    expect(await rows()).toEqual(before);
  });

  it('a stale version is refused (409) naming the student, and the other cells of the batch are not written', async () => {
    const [a, b, , d] = students() as [Student, Student, Student, Student];
    const before = await rows();
    const { error, status } = await saveSummer(gvcn, [{ student_id: d.id, level: 'tot', version: null }, { student_id: b.id, level: 'tot', version: 7 }]);
    expect(status).toBe(409);
    expect(error?.code).toBe('PT409');
    expect(error?.message).toBe(`Dữ liệu đã được người khác lưu trước khi bạn lưu: ${b.name}. Hãy tải lại sổ rèn luyện rồi nhập lại.`);
    // A row someone created after the sheet was read (version null sent) is stale too.
    expect((await saveSummer(gvcn, [{ student_id: a.id, level: 'tot', version: null }])).error?.code).toBe('PT409');
    expect(await rows()).toEqual(before);
  });

  it('gv.toan (teaches 10A1, not its GVCN) and the parent are refused 403; the GVCN of 3A does not find the class; an id outside the class is unnamed', async () => {
    const [, , , d] = students() as [Student, Student, Student, Student];
    const before = await rows();
    const change = [{ student_id: d.id, level: 'tot', version: null }];
    for (const client of [teacher, parent]) {
      const { error, status } = await saveSummer(client, change);
      expect(status).toBe(403);
      expect(error).toMatchObject({ code: '42501', message: 'Chỉ giáo viên chủ nhiệm lớp 10A1 ghi kết quả rèn luyện của lớp' });
    }
    expect((await saveSummer(gvcn3a, change)).error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    const outsider = await saveSummer(gvcn, [{ student_id: fx.s3[0]!.id, level: 'tot', version: null }]);
    expect(outsider.error).toMatchObject({ code: '22023', message: 'Học sinh không có trong sổ này' });
    expect(await rows()).toEqual(before);
  });

  it('the locked 2025–2026 sheet of 10A1 is refused (423) and keeps its rows', async () => {
    const s = fx.past10[0]!;
    const read = async () => (await svc().from('conduct_ratings').select('level, version').eq('student_id', s.id).eq('school_year_id', fx.thptPastYear).eq('semester', 1)).data;
    const before = await read();
    const { error, status } = await conduct(fx.past10A1, 1)(gvcn, [{ student_id: s.id, level: 'chua_dat', version: before?.[0]?.version ?? null }]);
    expect(status).toBe(423);
    expect(error?.code).toBe('PT423');
    expect(error?.message).toContain('đã khoá');
    expect(await read()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// Chuyên cần: four students of 10A1, 9–13/11/2026 and today
// ---------------------------------------------------------------------------------------------------
describe('rpc/save_attendance and absences after today', () => {
  const students = () => fx.s10.slice(24, 28);
  const DAYS = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
  const save = (client: Client, changes: unknown[], classId = fx.c10A1) => rpc(client, 'save_attendance', { p_class_id: classId, p_changes: changes });
  async function rows() {
    const { data, error } = await svc().from('attendance').select('student_id, on_date, excused, semester, version')
      .in('student_id', students().map((s) => s.id)).in('on_date', [...DAYS, fx.today, fx.tomorrow]).order('student_id').order('on_date');
    if (error) throw new Error(error.message);
    return data;
  }
  const cleanup = () => svc().from('attendance').delete().in('student_id', students().map((s) => s.id)).in('on_date', [...DAYS, fx.today, fx.tomorrow]);
  beforeAll(async () => {
    expect(DAYS.every((d) => d <= fx.today)).toBe(true);
    await cleanup();
  });
  afterAll(async () => void (await cleanup()));

  it('the GVCN of 10A1 records P and K on several days in one call, and clears and flips them with the versions read', async () => {
    const [a, b] = students() as [Student, Student];
    const { data, error } = await save(gvcn, [
      { student_id: a.id, on_date: DAYS[0], mark: 'P', version: null },
      { student_id: a.id, on_date: DAYS[1], mark: 'K', version: null },
      { student_id: b.id, on_date: DAYS[0], mark: 'k', version: null },
    ]);
    expect(error).toBeNull();
    expect(data).toMatchObject({ saved: 3 });
    expect((await rows()).map((r) => [r.student_id, r.on_date, r.excused, r.semester, r.version]).sort()).toEqual(
      [[a.id, DAYS[0], true, 1, 1], [a.id, DAYS[1], false, 1, 1], [b.id, DAYS[0], false, 1, 1]].sort());
    const second = await save(gvcn, [
      { student_id: a.id, on_date: DAYS[0], mark: null, version: 1 },
      { student_id: b.id, on_date: DAYS[0], mark: 'P', version: 1 },
    ]);
    expect(second.error).toBeNull();
    expect((await rows()).map((r) => [r.student_id, r.on_date, r.excused, r.version]).sort()).toEqual([[a.id, DAYS[1], false, 1], [b.id, DAYS[0], true, 2]].sort());
  });

  it('a batch with a bad mark and a day after today is refused with both listed, and nothing of it is written', async () => {
    const [a, , c] = students() as [Student, Student, Student];
    const before = await rows();
    const { error, status } = await save(gvcn, [
      { student_id: c.id, on_date: DAYS[2], mark: 'P', version: null },
      { student_id: c.id, on_date: DAYS[3], mark: 'X', version: null },
      { student_id: a.id, on_date: fx.tomorrow, mark: 'K', version: null },
    ]);
    expect(status).toBe(400);
    expect(error?.code).toBe('22023');
    const vn = (d: string) => d.split('-').reverse().join('/');
    expect(error?.message).toBe(`Chỉ ghi P (nghỉ có phép) hoặc K (nghỉ không phép): ${c.name} – ${vn(DAYS[3]!)} ("X"). `
      + `Chưa đến ngày: chỉ ghi ngày nghỉ học đến hôm nay (${vn(fx.today)}): ${a.name} – ${vn(fx.tomorrow)} ("K")`);
    expect(await rows()).toEqual(before);
  });

  it('an absence after today is refused through the RPC and a direct insert (23514, the day named); today is accepted both ways', async () => {
    const [, , c, d] = students() as [Student, Student, Student, Student];
    const ahead = await save(gvcn, [{ student_id: d.id, on_date: fx.tomorrow, mark: 'P', version: null }]);
    expect(ahead.error?.code).toBe('22023');
    const { data: cls } = await svc().from('classes').select('school_id').eq('id', fx.c10A1).single();
    const insert = (student: string, day: string) => gvcn.from('attendance')
      .insert({ school_id: cls!.school_id, school_year_id: fx.thptYear, class_id: fx.c10A1, student_id: student, on_date: day, excused: true }).select('on_date');
    const direct = await insert(d.id, fx.tomorrow);
    expect(direct.status).toBe(400);
    expect(direct.error?.code).toBe('23514');
    const vn = (x: string) => x.split('-').reverse().join('/');
    expect(direct.error?.message).toBe(`Ngày ${vn(fx.tomorrow)} chưa đến: chỉ ghi ngày nghỉ học đến hôm nay (${vn(fx.today)}).`);
    expect((await rows()).filter((r) => r.on_date === fx.tomorrow)).toEqual([]);
    // Positive controls: today, through the RPC and directly.
    expect((await save(gvcn, [{ student_id: d.id, on_date: fx.today, mark: 'K', version: null }])).error).toBeNull();
    expect((await insert(c.id, fx.today)).error).toBeNull();
    expect((await rows()).filter((r) => r.on_date === fx.today).map((r) => [r.student_id, r.excused]).sort()).toEqual([[c.id, true], [d.id, false]].sort());
  });

  it('a stale version is refused (409) and the rest of the batch is not written', async () => {
    const [a, b, c] = students() as [Student, Student, Student];
    const before = await rows();
    const { error, status } = await save(gvcn, [
      { student_id: c.id, on_date: DAYS[4], mark: 'P', version: null },
      { student_id: b.id, on_date: DAYS[0], mark: 'K', version: 1 }, // it is at 2 now
      { student_id: a.id, on_date: DAYS[1], mark: null, version: 1 },
    ]);
    expect(status).toBe(409);
    expect(error?.message).toBe(`Dữ liệu đã được người khác lưu trước khi bạn lưu: ${b.name} – 09/11/2026. Hãy tải lại bảng chuyên cần rồi nhập lại.`);
    expect(await rows()).toEqual(before);
  });

  it('gv.toan and the parent are refused 403, the GVCN of 3A does not find 10A1, and nothing is written', async () => {
    const [, , c] = students() as [Student, Student, Student];
    const before = await rows();
    const change = [{ student_id: c.id, on_date: DAYS[4], mark: 'P', version: null }];
    for (const client of [teacher, parent]) {
      const { error, status } = await save(client, change);
      expect(status).toBe(403);
      expect(error).toMatchObject({ code: '42501', message: 'Chỉ giáo viên chủ nhiệm lớp 10A1 ghi chuyên cần của lớp' });
    }
    expect((await save(gvcn3a, change)).error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    expect(await rows()).toEqual(before);
  });

  it('a day of the locked 2025–2026 is refused (423) and not written', async () => {
    const s = fx.past10[1]!;
    const day = '2025-10-15';
    const read = async () => (await svc().from('attendance').select('excused, version').eq('student_id', s.id).eq('on_date', day)).data;
    const before = await read();
    const { error, status } = await save(gvcn, [{ student_id: s.id, on_date: day, mark: before?.[0] ? null : 'P', version: before?.[0]?.version ?? null }], fx.past10A1);
    expect(status).toBe(423);
    expect(error?.code).toBe('PT423');
    expect(await read()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// Phẩm chất, năng lực: cuối kỳ I of 3A
// ---------------------------------------------------------------------------------------------------
describe('rpc/save_quality_ratings', () => {
  const students = () => fx.s3.slice(10, 13);
  const save = (client: Client, changes: unknown[], classId = fx.c3A, semester = 1, kind = 'ck') =>
    rpc(client, 'save_quality_ratings', { p_class_id: classId, p_semester: semester, p_kind: kind, p_changes: changes });
  async function rows() {
    const { data, error } = await svc().from('quality_ratings').select('student_id, code, level, comment, version')
      .eq('school_year_id', fx.thYear).eq('semester', 1).eq('kind', 'ck').in('student_id', students().map((s) => s.id)).order('student_id').order('code');
    if (error) throw new Error(error.message);
    return data;
  }
  const cleanup = () => svc().from('quality_ratings').delete().eq('school_year_id', fx.thYear).eq('semester', 1).eq('kind', 'ck').in('student_id', students().map((s) => s.id));
  beforeAll(async () => void (await cleanup()));
  afterAll(async () => void (await cleanup()));

  it('the GVCN of 3A saves a student’s ratings with one comment on each, then changes one with its version', async () => {
    const [a] = students() as [Student];
    const comment = 'Em chăm chỉ, biết giúp đỡ bạn.';
    const { data, error } = await save(gvcn3a, [
      { student_id: a.id, code: 'yeu_nuoc', level: 'tot', comment, version: null },
      { student_id: a.id, code: 'cham_chi', level: 'dat', comment, version: null },
      { student_id: a.id, code: 'tinh_toan', level: 'ccg', comment, version: null },
    ]);
    expect(error).toBeNull();
    expect(data).toMatchObject({ saved: 3 });
    expect((await rows()).map((r) => [r.code, r.level, r.comment, r.version])).toEqual([
      ['cham_chi', 'dat', comment, 1], ['tinh_toan', 'ccg', comment, 1], ['yeu_nuoc', 'tot', comment, 1]]);
    expect((await save(gvcn3a, [{ student_id: a.id, code: 'tinh_toan', level: 'dat', comment, version: 1 }])).error).toBeNull();
    expect((await rows()).find((r) => r.code === 'tinh_toan')).toMatchObject({ level: 'dat', version: 2 });
  });

  it('a batch with one bad level is refused naming the student and the quality, and nothing of it is written', async () => {
    const [a, b] = students() as [Student, Student];
    const before = await rows();
    const { error, status } = await save(gvcn3a, [
      { student_id: b.id, code: 'nhan_ai', level: 'tot', version: null },
      { student_id: b.id, code: 'trung_thuc', level: 'H', version: null },
      { student_id: a.id, code: 'yeu_nuoc', level: 'dat', version: 1 },
    ]);
    expect(status).toBe(400);
    expect(error?.message).toBe(`Mức đánh giá chỉ là Tốt, Đạt hoặc Cần cố gắng: ${b.name} – Trung thực ("H")`);
    expect(await rows()).toEqual(before);
  });

  it('a stale version is refused (409) naming the student and the quality', async () => {
    const [a, b] = students() as [Student, Student];
    const before = await rows();
    const { error, status } = await save(gvcn3a, [{ student_id: b.id, code: 'nhan_ai', level: 'tot', version: null }, { student_id: a.id, code: 'tinh_toan', level: 'tot', version: 1 }]);
    expect(status).toBe(409);
    expect(error?.message).toBe(`Dữ liệu đã được người khác lưu trước khi bạn lưu: ${a.name} – Tính toán. Hãy tải lại sổ phẩm chất, năng lực rồi nhập lại.`);
    expect(await rows()).toEqual(before);
  });

  it('the primary admin board (not the GVCN) is refused 403; the THPT GVCN and parent do not find 3A; 10A1 is not a TT27 class', async () => {
    const [, , c] = students() as [Student, Student, Student];
    const before = await rows();
    const change = [{ student_id: c.id, code: 'nhan_ai', level: 'tot', version: null }];
    const admin = await save(thAdmin, change);
    expect(admin.status).toBe(403);
    expect(admin.error).toMatchObject({ code: '42501', message: 'Chỉ giáo viên chủ nhiệm lớp 3A ghi phẩm chất, năng lực của lớp' });
    for (const client of [gvcn, parent]) expect((await save(client, change)).error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    const secondary = await save(gvcn, [{ student_id: fx.s10[0]!.id, code: 'nhan_ai', level: 'tot', version: null }], fx.c10A1);
    expect(secondary.error?.message).toBe('Phẩm chất, năng lực theo Thông tư 27 chỉ đánh giá học sinh tiểu học; lớp 10A1 không phải lớp tiểu học.');
    expect(await rows()).toEqual(before);
  });

  it('the locked 2025–2026 sheet of 3A is refused (423) and keeps its rows', async () => {
    const s = fx.past3[0]!;
    const read = async () => (await svc().from('quality_ratings').select('level, version').eq('student_id', s.id).eq('school_year_id', fx.thPastYear)
      .eq('semester', 1).eq('kind', 'gk').eq('code', 'yeu_nuoc')).data;
    const before = await read();
    const { error, status } = await save(gvcn3a, [{ student_id: s.id, code: 'yeu_nuoc', level: before?.[0]?.level === 'ccg' ? 'tot' : 'ccg', version: before?.[0]?.version ?? null }],
      fx.past3A, 1, 'gk');
    expect(status).toBe(423);
    expect(error?.code).toBe('PT423');
    expect(await read()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// Chiều cao, cân nặng: two students of 3A (their latest measurement of the year, restored afterwards)
// ---------------------------------------------------------------------------------------------------
describe('rpc/save_measures', () => {
  const students = () => fx.s3.slice(13, 15);
  const save = (client: Client, changes: unknown[], classId = fx.c3A) => rpc(client, 'save_measures', { p_class_id: classId, p_changes: changes });
  /** Each student's latest row of the year in 3A (or none). */
  async function latest() {
    const { data, error } = await svc().from('student_measures').select('id, student_id, height_cm, weight_kg, version, measured_on')
      .eq('class_id', fx.c3A).in('student_id', students().map((s) => s.id)).order('measured_on', { ascending: false });
    if (error) throw new Error(error.message);
    const seen = new Set<string>();
    return data.filter((r) => !seen.has(r.student_id) && !!seen.add(r.student_id)).sort((x, y) => x.student_id.localeCompare(y.student_id));
  }
  let original: Awaited<ReturnType<typeof latest>> = [];
  const cell = (rows: Awaited<ReturnType<typeof latest>>, s: Student) => {
    const r = rows.find((x) => x.student_id === s.id);
    return { id: r?.id ?? null, version: r?.version ?? null };
  };
  beforeAll(async () => {
    original = await latest();
  });
  afterAll(async () => {
    // Back to what the seed had: rows this file added go, rows it changed get their values back.
    const now = await latest();
    for (const r of now) {
      const o = original.find((x) => x.id === r.id);
      if (o) await svc().from('student_measures').update({ height_cm: o.height_cm, weight_kg: o.weight_kg }).eq('id', r.id);
      else await svc().from('student_measures').delete().eq('id', r.id);
    }
  });

  it('the GVCN of 3A (a school without a nurse) saves two students’ height and weight in one call, "128,5" read as 128.5', async () => {
    const [a, b] = students() as [Student, Student];
    const { data, error } = await save(gvcn3a, [
      { student_id: a.id, height_cm: '128,5', weight_kg: '26', ...cell(original, a) },
      { student_id: b.id, height_cm: 131, weight_kg: '27,4', ...cell(original, b) },
    ]);
    expect(error).toBeNull();
    expect(data).toMatchObject({ saved: 2 });
    const now = await latest();
    expect(now.map((r) => [r.student_id, r.height_cm, r.weight_kg]).sort()).toEqual([[a.id, 128.5, 26], [b.id, 131, 27.4]].sort());
  });

  it('a batch with one impossible height is refused with the listing, and nothing of it is written', async () => {
    const [a, b] = students() as [Student, Student];
    const before = await latest();
    const { error, status } = await save(gvcn3a, [
      { student_id: a.id, height_cm: '130', weight_kg: '26', ...cell(before, a) },
      { student_id: b.id, height_cm: '1285', weight_kg: '27', ...cell(before, b) },
    ]);
    expect(status).toBe(400);
    expect(error?.message).toBe(`Chiều cao ghi từ 50 đến 220 cm, tối đa một chữ số thập phân: ${b.name} – chiều cao ("1285")`);
    expect(await latest()).toEqual(before);
  });

  it('a stale version is refused (409), and the other student is not written', async () => {
    const [a, b] = students() as [Student, Student];
    const before = await latest();
    const { error, status } = await save(gvcn3a, [
      { student_id: a.id, height_cm: '130', weight_kg: '26', ...cell(before, a) },
      { student_id: b.id, height_cm: '132', weight_kg: '27', id: cell(before, b).id, version: (cell(before, b).version ?? 0) + 5 },
    ]);
    expect(status).toBe(409);
    expect(error?.message).toBe(`Dữ liệu đã được người khác lưu trước khi bạn lưu: ${b.name}. Hãy tải lại bảng chiều cao, cân nặng rồi nhập lại.`);
    expect(await latest()).toEqual(before);
  });

  it('the primary admin board is refused 403; the THPT GVCN and parent do not find 3A', async () => {
    const [a] = students() as [Student];
    const before = await latest();
    const change = [{ student_id: a.id, height_cm: '140', weight_kg: '30', ...cell(before, a) }];
    const admin = await save(thAdmin, change);
    expect(admin.status).toBe(403);
    expect(admin.error?.code).toBe('42501');
    expect(admin.error?.message).toContain('ghi chiều cao, cân nặng của lớp');
    for (const client of [gvcn, parent]) expect((await save(client, change)).error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    expect(await latest()).toEqual(before);
  });

  it('3A of the locked 2025–2026 is refused (423): its measurements feed the frozen year', async () => {
    const s = fx.past3[0]!;
    const read = async () => (await svc().from('student_measures').select('id, height_cm, weight_kg, version, measured_on').eq('student_id', s.id)
      .eq('class_id', fx.past3A).order('measured_on', { ascending: false })).data ?? [];
    const before = await read();
    const { error, status } = await save(gvcn3a, [{ student_id: s.id, height_cm: '120', weight_kg: '25', id: before[0]?.id ?? null, version: before[0]?.version ?? null }], fx.past3A);
    expect(status).toBe(423);
    expect(error?.code).toBe('PT423');
    expect(await read()).toEqual(before);
  });
});
