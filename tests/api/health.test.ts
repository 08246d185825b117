// The health module over HTTP as the demo people (issue 16): who reads and writes what, each refusal
// with its positive control. The nurse (yte@) reads and writes the school's health tables; the family
// reads its own child's rows; everybody else gets nothing from the REST tables — BGH read a whole book
// only through rpc health_book, which writes the access log; a GVCN reads the class's alerts (no
// measurements, no clinic notes), a subject teacher only that a student has an alert and the severe
// cases' action plans; officers read counts with anything under 5 as "< 5". Writes go to 10A2 and
// 11A1 of this year (the browser test works on 10A1).
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { serviceClient, signedIn, asOwner } from '../helpers/stack.ts';
import { unitOf, yearsOf } from '../helpers/accounts.ts';
import { demoSibling, demoStudent } from '../../supabase/seed/demo.ts';

type Client = SupabaseClient<Database>;
const HEALTH_TABLES = ['health_books', 'health_conditions', 'health_allergies', 'health_vaccinations', 'student_measures',
  'health_screenings', 'clinic_visits', 'health_notices'] as const;
const OTHERS = ['hieutruong@thpt-tandong.edu.vn', 'phohieutruong@thpt-tandong.edu.vn', 'bqt@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn',
  'gv.toan@thpt-tandong.edu.vn', 'totruong.toan@thpt-tandong.edu.vn', 'vanthu@thpt-tandong.edu.vn', 'cntt@thpt-tandong.edu.vn',
  'thanhtra@thpt-tandong.edu.vn', 'congdoan@thpt-tandong.edu.vn', 'so@tayninh.edu.vn', 'phong@tanchau.edu.vn', 'gvcn.3a@th-tandong.edu.vn'];

const fx = { school: '', th: '', year: '', c10a1: '', c10a2: '', c11a1: '', c11a2: '', child: '', severe: '', peanut: '', students10a2: [] as string[] };
const users = new Map<string, Client>();
const as = async (email: string) => {
  if (!users.has(email)) users.set(email, await signedIn(email));
  return users.get(email)!;
};
const svc = serviceClient();
const created: string[] = [];

beforeAll(async () => {
  fx.school = await unitOf('thpt-tandong');
  fx.th = await unitOf('th-tandong');
  fx.year = (await yearsOf(fx.school)).current;
  const cls = (await svc.from('classes').select('id, name').eq('school_year_id', fx.year)).data!;
  fx.c10a1 = cls.find((c) => c.name === '10A1')!.id;
  fx.c10a2 = cls.find((c) => c.name === '10A2')!.id;
  fx.c11a1 = cls.find((c) => c.name === '11A1')!.id;
  fx.c11a2 = cls.find((c) => c.name === '11A2')!.id;
  fx.child = (await svc.from('students').select('id').eq('student_code', demoStudent().student_code).single()).data!.id;
  fx.severe = (await svc.from('health_conditions').select('student_id, enrol:students!inner(enrolments!inner(class_id))')
    .eq('severity', 'severe').eq('name', 'Hen phế quản').eq('enrol.enrolments.class_id', fx.c10a1).single()).data!.student_id;
  fx.peanut = (await svc.from('health_allergies').select('student_id').eq('agent', 'Đậu phộng (lạc)').single()).data!.student_id;
  fx.students10a2 = (await svc.from('enrolments').select('student_id').eq('class_id', fx.c10a2).is('ended_on', null).order('student_id')).data!.map((e) => e.student_id);
});

afterAll(async () => {
  // The students this file made: removed as the database owner (no API deletes a student: retention).
  if (created.length) await asOwner([['delete from public.students where id = any($1::uuid[])', [created]]]);
});

describe('the REST tables', () => {
  it('the nurse reads every health table of the school (the positive control)', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    for (const t of HEALTH_TABLES) {
      const { data, error } = await nurse.from(t).select('school_id').limit(1000);
      expect(error, t).toBeNull();
      expect(data!.length, t).toBeGreaterThan(0);
      expect(new Set(data!.map((r) => r.school_id)), t).toEqual(new Set([fx.school]));
    }
  });

  it.each(OTHERS)('%s reads no row of any health table and writes none', async (email) => {
    const c = await as(email);
    for (const t of HEALTH_TABLES) {
      const { data, error } = await c.from(t).select('id').limit(5);
      expect(error, t).toBeNull();
      // A primary GVCN keeps the measurements of their class where the school has no nurse (3A).
      if (email === 'gvcn.3a@th-tandong.edu.vn' && t === 'student_measures') continue;
      expect(data, `${email} ${t}`).toEqual([]);
    }
    const visit = await c.from('clinic_visits').insert({ school_id: fx.school, school_year_id: fx.year, class_id: fx.c10a2,
      student_id: fx.students10a2[0]!, complaint: 'Đau đầu' }).select('id');
    expect(visit.error?.code).toBe('42501');
    const read = await c.from('health_access_log').select('id').limit(1);
    if (!['hieutruong@thpt-tandong.edu.vn', 'phohieutruong@thpt-tandong.edu.vn'].includes(email)) expect(read.data).toEqual([]);
  });

  it('a primary GVCN of a school without a nurse reads and writes the measurements of their class only', async () => {
    const gvcn = await as('gvcn.3a@th-tandong.edu.vn');
    const { data } = await gvcn.from('student_measures').select('class_id, classes!inner(name)').limit(1000);
    expect(data!.length).toBeGreaterThan(0);
    expect(new Set(data!.map((r) => (r.classes as unknown as { name: string }).name))).toEqual(new Set(['3A']));
    // Nothing else of the book.
    expect((await gvcn.from('health_screenings').select('id').limit(1)).data).toEqual([]);
  });

  it('the family reads exactly its own children\'s rows of every table (the parent two, the student herself)', async () => {
    const older = (await svc.from('students').select('id').eq('student_code', demoSibling().student_code).single()).data!.id;
    for (const [email, own] of [['phuhuynh@thpt-tandong.edu.vn', [fx.child, older]], ['hocsinh@thpt-tandong.edu.vn', [fx.child]]] as const) {
      const c = await as(email);
      for (const t of HEALTH_TABLES) {
        const mine = (await c.from(t).select('student_id').limit(1000)).data!;
        const all = (await svc.from(t).select('student_id').in('student_id', [...own])).data!;
        expect(mine.length, `${email} ${t}`).toBe(all.length);
        expect(mine.every((r) => own.includes(r.student_id)), t).toBe(true);
      }
      expect((await c.from('student_measures').select('id')).data!.length).toBeGreaterThan(0);
    }
  });
});

describe('the nurse writes', () => {
  it('a measurement: BMI and the WHO status computed; 250 cm and 0 kg refused in Vietnamese, nothing written', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    const student = fx.students10a2[0]!;
    const row = { school_id: fx.school, school_year_id: fx.year, class_id: fx.c10a2, student_id: student, measured_on: '2026-11-20' };
    const before = (await svc.from('student_measures').select('id').eq('student_id', student)).data!.length;
    const tall = await nurse.from('student_measures').insert({ ...row, height_cm: 250, weight_kg: 50 });
    expect(tall.error?.message).toBe('Chiều cao 250 cm không hợp lệ: nhập từ 50 đến 220 cm.');
    const light = await nurse.from('student_measures').insert({ ...row, height_cm: 160, weight_kg: 0 });
    expect(light.error?.message).toBe('Cân nặng 0 kg không hợp lệ: nhập từ 8 đến 150 kg.');
    expect((await svc.from('student_measures').select('id').eq('student_id', student)).data!.length).toBe(before);
    const { data, error } = await nurse.from('student_measures').insert({ ...row, height_cm: 160, weight_kg: 50.5, systolic: 110, diastolic: 70 })
      .select('bmi, bmi_status, height_status, age_months').single();
    expect(error).toBeNull();
    expect(data!.bmi).toBe(19.7);
    expect(data!.age_months).toBeGreaterThan(170);
    expect(['bình thường', 'gầy còm', 'thừa cân']).toContain(data!.bmi_status);
    const future = await nurse.from('student_measures').insert({ ...row, measured_on: '2027-01-05', height_cm: 160, weight_kg: 50 });
    expect(future.error?.message).toBe('Ngày đo 05/01/2027 chưa đến.');
  });

  it('a clinic visit: a student sent home needs the family informed; a student of another class is refused by name', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    const base = { school_id: fx.school, school_year_id: fx.year, class_id: fx.c10a2, student_id: fx.students10a2[1]!, complaint: 'Sốt', outcome: 'sent_home' };
    expect((await nurse.from('clinic_visits').insert(base)).error?.message).toMatch(/cần báo cho gia đình/);
    expect((await nurse.from('clinic_visits').insert({ ...base, guardian_informed: true })).error).toBeNull();
    expect((await nurse.from('clinic_visits').insert({ ...base, guardian_informed: true, student_id: fx.child })).error?.message)
      .toBe('Học sinh không có trong lớp 10A2');
  });

  it('a severe condition needs an action plan', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    const row = { school_id: fx.school, student_id: fx.students10a2[2]!, name: 'Đái tháo đường type 1', icd10: 'E10', severity: 'severe' };
    expect((await nurse.from('health_conditions').insert(row)).error?.message).toBe('Tình trạng nặng cần có hướng xử trí khẩn cấp để giáo viên làm theo.');
    expect((await nurse.from('health_conditions').insert({ ...row, icd10: 'E10x' , action_plan: 'x' })).error?.message).toMatch(/ICD-10/);
  });
  it('the audit log shows health rows to the nurse only: BGH, the admin board, IT staff and the GVCN read no entry of them', async () => {
    for (const t of ['student_measures', 'clinic_visits']) {
      const nurseSees = (await (await as('yte@thpt-tandong.edu.vn')).rpc('audit_entries', { p_table_name: t, p_limit: 5 })).data!;
      expect(nurseSees.length, t).toBeGreaterThan(0);
      for (const email of ['hieutruong@thpt-tandong.edu.vn', 'bqt@thpt-tandong.edu.vn', 'cntt@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn']) {
        const { data, error } = await (await as(email)).rpc('audit_entries', { p_table_name: t, p_limit: 5 });
        expect(error, email).toBeNull();
        expect(data, `${email} ${t}`).toEqual([]);
      }
    }
  });
});

describe('rpc/health_book and the access log', () => {
  it('BGH read a whole book; the read is logged and BGH and the nurse read the log, nobody else', async () => {
    const principal = await as('hieutruong@thpt-tandong.edu.vn');
    const { data: book, error } = await principal.rpc('health_book', { p_student_id: fx.severe });
    expect(error).toBeNull();
    const b = book as { logged: boolean; conditions: { name: string }[]; measurements: unknown[] };
    expect(b.logged).toBe(true);
    expect(b.conditions.map((c) => c.name)).toContain('Hen phế quản');
    expect(b.measurements.length).toBeGreaterThan(0);
    for (const reader of ['hieutruong@thpt-tandong.edu.vn', 'yte@thpt-tandong.edu.vn']) {
      const { data } = await (await as(reader)).from('health_access_log').select('student_id, reader_roles').eq('student_id', fx.severe);
      expect(data, reader).toEqual(expect.arrayContaining([{ student_id: fx.severe, reader_roles: 'principal' }]));
    }
    expect((await (await as('gvcn.10a1@thpt-tandong.edu.vn')).from('health_access_log').select('id')).data).toEqual([]);
  });

  it('the nurse and the family read it without a log entry; a teacher, the admin board and an officer are refused', async () => {
    const count = async () => (await svc.from('health_access_log').select('id', { count: 'exact', head: true }).eq('student_id', fx.child)).count;
    const before = await count();
    for (const email of ['yte@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn']) {
      const { data, error } = await (await as(email)).rpc('health_book', { p_student_id: fx.child });
      expect(error, email).toBeNull();
      expect((data as { logged: boolean; allergies: { agent: string }[] }).allergies.map((a) => a.agent)).toContain('Phấn hoa');
    }
    expect(await count()).toBe(before);
    for (const email of ['gvcn.10a1@thpt-tandong.edu.vn', 'bqt@thpt-tandong.edu.vn', 'so@tayninh.edu.vn', 'vanthu@thpt-tandong.edu.vn']) {
      const { error } = await (await as(email)).rpc('health_book', { p_student_id: fx.child });
      expect(error?.message, email).toBe('Bạn không được xem sổ theo dõi sức khỏe của học sinh này.');
    }
    // A guardian reads no other child's book (the same sentence).
    expect((await (await as('phuhuynh@thpt-tandong.edu.vn')).rpc('health_book', { p_student_id: fx.severe })).error?.message)
      .toBe('Bạn không được xem sổ theo dõi sức khỏe của học sinh này.');
  });
});

describe('rpc/class_health_alerts', () => {
  it('the GVCN reads the class\'s allergies and conditions with their action plans — nothing from measurements or clinic notes', async () => {
    const { data, error } = await (await as('gvcn.10a1@thpt-tandong.edu.vn')).rpc('class_health_alerts', { p_class_id: fx.c10a1 });
    expect(error).toBeNull();
    const peanut = data!.find((r) => r.student_id === fx.peanut && r.kind === 'allergy')!;
    expect(peanut).toMatchObject({ label: 'Đậu phộng (lạc)', severity: 'moderate' });
    expect(peanut.action_plan).toMatch(/Tránh mọi món có lạc/);
    expect(data!.find((r) => r.student_id === fx.severe && r.kind === 'condition')?.action_plan).toMatch(/salbutamol/);
    expect(data!.every((r) => ['allergy', 'condition', 'finding'].includes(r.kind))).toBe(true);
    expect(data!.some((r) => r.kind === 'alert')).toBe(false);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/Paracetamol|Nhiệt độ|bmi|cân nặng/i);
  });

  it('a subject teacher of the class reads that a student has an alert and the severe case\'s plan, nothing else', async () => {
    const { data, error } = await (await as('gv.toan@thpt-tandong.edu.vn')).rpc('class_health_alerts', { p_class_id: fx.c10a1 });
    expect(error).toBeNull();
    expect(data!.filter((r) => r.student_id === fx.peanut)).toEqual([expect.objectContaining({ kind: 'alert', label: null, action_plan: null, detail: null })]);
    expect(data!.find((r) => r.student_id === fx.severe && r.kind === 'condition')).toMatchObject({ label: 'Hen phế quản', severity: 'severe' });
    expect(data!.every((r) => r.kind === 'alert' || r.severity === 'severe')).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/Đậu phộng|Phấn hoa|Sâu răng|cận thị/);
  });

  it('refuses a class the caller does not teach, and the clerk, in one sentence', async () => {
    for (const [email, cls] of [['gv.toan@thpt-tandong.edu.vn', fx.c10a2], ['vanthu@thpt-tandong.edu.vn', fx.c10a1], ['phuhuynh@thpt-tandong.edu.vn', fx.c10a1]] as const) {
      const { error } = await (await as(email)).rpc('class_health_alerts', { p_class_id: cls });
      expect(error?.message, email).toBe('Bạn không xem được cảnh báo sức khỏe của lớp này.');
    }
  });
});

describe('rpc/health_report', () => {
  it('the nurse reads exact counts; the Sở reads the same report with counts under 5 as "< 5"; the Phòng is not above the THPT', async () => {
    const exact = (await (await as('yte@thpt-tandong.edu.vn')).rpc('health_report', { p_school_id: fx.school })).data as {
      masked: boolean; rows: Record<string, number | string | boolean | null>[] };
    expect(exact.masked).toBe(false);
    const total = exact.rows.find((r) => r.total)!;
    const enrolled = (await svc.from('enrolments').select('student_id', { count: 'exact', head: true }).eq('school_year_id', fx.year)).count!;
    expect(total.enrolled).toBeGreaterThan(0);
    expect(total.enrolled).toBeLessThanOrEqual(enrolled);
    expect(typeof total.thin).toBe('number');
    const masked = (await (await as('so@tayninh.edu.vn')).rpc('health_report', { p_school_id: fx.school })).data as typeof exact;
    expect(masked.masked).toBe(true);
    const cells = masked.rows.flatMap((r) => Object.entries(r).filter(([k]) => !['total', 'grade', 'sex'].includes(k)));
    expect(cells.some(([, v]) => v === '< 5')).toBe(true);
    expect(cells.every(([, v]) => v === '< 5' || (typeof v === 'number' && v >= 5))).toBe(true);
    // The same rows, exact counts ≥ 5 unchanged.
    exact.rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && v >= 5) expect(masked.rows[i]![k], k).toBe(v);
    });
    expect(JSON.stringify(masked)).not.toMatch(/student_id|full_name/);
    const phong = await (await as('phong@tanchau.edu.vn')).rpc('health_report', { p_school_id: fx.school });
    expect(phong.error?.message).toBe('Bạn không xem được báo cáo sức khỏe của trường này.');
    expect((await (await as('phong@tanchau.edu.vn')).rpc('health_report', { p_school_id: fx.th })).error).toBeNull();
    expect((await (await as('gvcn.10a1@thpt-tandong.edu.vn')).rpc('health_report', { p_school_id: fx.school })).error?.code).toBe('42501');
  });
});

describe('rpc/short_of_bmi', () => {
  it('lists the students of a class with fewer than two BMI measurements this year, with their count; the nurse only', async () => {
    const { data, error } = await (await as('yte@thpt-tandong.edu.vn')).rpc('short_of_bmi', { p_class_id: fx.c11a2 });
    expect(error).toBeNull();
    const enrolled = (await svc.from('enrolments').select('student_id', { count: 'exact', head: true }).eq('class_id', fx.c11a2).is('ended_on', null)).count!;
    // This year's second round is not due yet: every student has one measurement.
    expect(data!.length).toBe(enrolled);
    expect(data!.every((r) => r.measurements === 1)).toBe(true);
    expect((await (await as('hieutruong@thpt-tandong.edu.vn')).rpc('short_of_bmi', { p_class_id: fx.c11a2 })).error?.code).toBe('42501');
  });
});

describe('notices to families', () => {
  it('the nurse sends 11A1\'s yearly notice once; a family acknowledges its own, never another\'s', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    const { data: sent, error } = await nurse.rpc('send_health_notices', { p_class_id: fx.c11a1 });
    expect(error).toBeNull();
    expect(sent).toBeGreaterThan(20);
    expect((await nurse.rpc('send_health_notices', { p_class_id: fx.c11a1 })).data).toBe(0);
    const notice = (await svc.from('health_notices').select('id, body, student_id').eq('school_year_id', fx.year).eq('kind', 'yearly').limit(1).single()).data!;
    expect(notice.body).toMatch(/Kính gửi gia đình em/);
    const parent = await as('phuhuynh@thpt-tandong.edu.vn');
    const refused = await parent.rpc('acknowledge_health_notice', { p_notice_id: notice.id });
    expect(refused.error?.message).toBe('Không có thông báo này trong hồ sơ của gia đình.');
    expect((await svc.from('health_notices').select('acknowledged_at').eq('id', notice.id).single()).data!.acknowledged_at).toBeNull();
    // Others may not send: the principal, the GVCN.
    for (const email of ['hieutruong@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn']) {
      expect((await (await as(email)).rpc('send_health_notices', { p_class_id: fx.c10a1 })).error?.code, email).toBe('42501');
    }
  });
});

describe('rpc/import_health_rows', () => {
  it('a preview with a bad, an unknown and an ambiguous row lists each row\'s errors and writes nothing; commit writes all or nothing', async () => {
    const nurse = await as('yte@thpt-tandong.edu.vn');
    const pupils = (await svc.from('enrolments').select('students!inner(id, student_code, full_name, birth_date, family_name, middle_name, given_name, gender)')
      .eq('class_id', fx.c10a2).is('ended_on', null).limit(4)).data!.map((e) => e.students as unknown as {
        id: string; student_code: string; full_name: string; birth_date: string; family_name: string; middle_name: string; given_name: string; gender: 'male' | 'female' });
    // A second student with the same name and date of birth as pupils[3] (not enrolled): matching by name is ambiguous.
    const twin = (await svc.from('students').insert({ school_id: fx.school, student_code: 'TWINHEALTH01', family_name: pupils[3]!.family_name,
      middle_name: pupils[3]!.middle_name, given_name: pupils[3]!.given_name, gender: pupils[3]!.gender, birth_date: pupils[3]!.birth_date }).select('id').single()).data!;
    created.push(twin.id);
    const rows = [
      { row: 2, student_code: pupils[0]!.student_code, date: '2026-10-15', result: 'finding', note: 'Cận thị' },
      { row: 3, student_code: 'KHONG-CO', date: '2026-10-15', result: 'normal' },
      { row: 4, full_name: pupils[2]!.full_name, birth_date: pupils[2]!.birth_date, date: '2026-10-15', result: 'kém' },
      { row: 5, full_name: pupils[3]!.full_name, birth_date: pupils[3]!.birth_date, date: '2026-10-15', result: 'normal' },
    ];
    const count = async () => (await svc.from('health_screenings').select('id', { count: 'exact', head: true }).eq('kind', 'ent')).count;
    const before = await count();
    const { data, error } = await nurse.rpc('import_health_rows', { p_school_id: fx.school, p_kind: 'ent', p_rows: rows, p_commit: true });
    expect(error).toBeNull();
    const r = data as { error_count: number; committed: boolean; rows: { row: number; errors: string[] }[] };
    expect(r.committed).toBe(false);
    expect(r.error_count).toBe(3);
    expect(r.rows[0]!.errors).toEqual([]);
    expect(r.rows[1]!.errors).toEqual(['Không có học sinh mã KHONG-CO ở trường.']);
    expect(r.rows[2]!.errors).toEqual(['Kết quả phải là: bình thường, có vấn đề hoặc chuyển khám.']);
    expect(r.rows[3]!.errors[0]).toMatch(/^Có 2 học sinh tên .* ghi mã học sinh để phân biệt\.$/);
    expect(await count()).toBe(before);
    // The good row alone (and pupils[3] by code): written, both.
    const good = [rows[0], { row: 3, student_code: pupils[3]!.student_code, date: '2026-10-15', result: 'normal' }];
    const ok = (await nurse.rpc('import_health_rows', { p_school_id: fx.school, p_kind: 'ent', p_rows: good, p_commit: true })).data as { written: number; committed: boolean };
    expect(ok).toMatchObject({ written: 2, committed: true });
    expect(await count()).toBe(before! + 2);
    // The same file again: every row a duplicate, nothing written.
    const again = (await nurse.rpc('import_health_rows', { p_school_id: fx.school, p_kind: 'ent', p_rows: good, p_commit: true })).data as { error_count: number; rows: { errors: string[] }[] };
    expect(again.error_count).toBe(2);
    expect(again.rows[0]!.errors[0]).toMatch(/đã có kết quả ngày 15\/10\/2026/);
    expect(await count()).toBe(before! + 2);
    // Only the nurse imports.
    expect((await (await as('hieutruong@thpt-tandong.edu.vn')).rpc('import_health_rows', { p_school_id: fx.school, p_kind: 'ent', p_rows: good })).error?.code).toBe('42501');
  });
});
