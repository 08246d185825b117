// Holes a security review found in the freeze of a locked year (issue 11, findings 4 and 5, second pass),
// over HTTP as the demo users who tried them:
//   * a newcomer's enrolment (a student with no data of that year) into a locked 2025–2026 class added a
//     row to the class's results: any enrolment insert, delete or move into or out of a class of a frozen
//     period is refused; the lawful way (the principal's unlock decision, the board's unlock) still works;
//   * one unlock decision opened a scope any number of times (unlock, lock, unlock…): a decision
//     authorises one unlock event per period it covers; a new opening needs a new decision;
//   * a GVCN writing a row of their own class about a student they cannot read learned from 409 (unique
//     key) against 400 (not in the class) whether that student had an absence or a conduct rating: the
//     "not in the class" check now runs before the unique index, the same sentence either way.
// Works on 2025–2026 10A1 (denials only: other suites use it) and 10A2 (positive controls, undone and
// relocked).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const PAST = '2025-2026';
const HINT = 'Muốn thay đổi, Hiệu trưởng quyết định mở khoá phạm vi này, Ban quản trị mở khoá, sửa rồi khoá lại.';
const frozen = (period: string, scope: string, what: string) =>
  `Sổ điểm ${period} năm học ${PAST} đã khoá (${scope}): không thay đổi được ${what} vì kết quả được tính từ đó. ${HINT}`;
const USED = 'Quyết định mở khoá này đã được dùng; cần quyết định mới của Hiệu trưởng';

const ids = { school: '', past: '', lockDecision: '', p10A1: '', p10A2: '', toan: '' };
let admin: SupabaseClient<Database>, principal: SupabaseClient<Database>, homeroom: SupabaseClient<Database>;
let su: pg.Client;
const made: string[] = [];

const q1 = async (sql: string, params: unknown[]) => Object.values((await su.query(sql, params)).rows[0])[0];
/** A student of the school with no gradebook data of any year (the "newcomer"). */
const newcomer = async () => {
  const id = String(await q1(`insert into public.students (school_id, student_code, family_name, given_name, gender, birth_date)
                              values ($1, $2, 'Lê', 'Mới Đến', 'female', '2010-01-01') returning id`, [ids.school, `MOI${Date.now()}${made.length}`]));
  made.push(id);
  return id;
};
const resultRows = async (classId: string, semester: number) =>
  Number(await q1(`select count(*) from public.student_results where class_id = $1 and semester = $2`, [classId, semester]));
const periodFrozen = async (semester: number | null, classId: string) =>
  (await su.query(`select why from private.period_frozen($1, $2, $3)`, [ids.past, semester, classId])).rows[0].why as string | null;
/** The principal's unlock decision of a scope of 2025–2026. */
async function decide(scope: { period?: string; class_id?: string; subject_id?: string }, summary: string) {
  const { data, error } = await principal.from('lock_decisions').insert({ school_id: ids.school, school_year_id: ids.past, action: 'unlock',
    number: `QĐ-MK-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, summary, ...scope }).select('id');
  expect(error).toBeNull();
  return data![0]!.id as string;
}
const event = (decisionId: string, semester: number | null, classId: string, subjectId: string | null, action: 'lock' | 'unlock') =>
  admin.from('gradebook_locks').insert({ school_id: ids.school, school_year_id: ids.past, semester, class_id: classId, subject_id: subjectId,
    action, decision_id: decisionId, note: 'Kiểm thử rà soát' }).select('id');
/** Locks a period of a class again (citing the year's lock decision) if a test left it open. */
async function relock(semesters: (number | null)[], classId: string, subjectId: string | null) {
  for (const semester of semesters) {
    const locked = (await su.query(`select private.gradebook_locked($1, $2, $3, $4) as l`, [ids.past, semester, classId, subjectId])).rows[0].l as boolean;
    if (locked) continue;
    const { error } = await event(ids.lockDecision, semester, classId, subjectId, 'lock');
    if (error) throw new Error(`could not relock: ${error.message}`);
  }
}

beforeAll(async () => {
  const svc = serviceClient();
  [admin, principal, homeroom] = await Promise.all([signedIn(at('bqt')), signedIn(at('hieutruong')), signedIn(at('gvcn.10a1'))]);
  su = await superuser();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.past = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', PAST))).id as string;
  const cls = async (name: string) => (await one(svc.from('classes').select('id').eq('school_year_id', ids.past).eq('name', name))).id as string;
  [ids.p10A1, ids.p10A2] = await Promise.all([cls('10A1'), cls('10A2')]);
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  ids.lockDecision = (await one(svc.from('lock_decisions').select('id').eq('school_year_id', ids.past).eq('action', 'lock').is('class_id', null))).id as string;
});

afterAll(async () => {
  // A newcomer's enrolment the unfixed code let through is removed without its triggers (cleanup only).
  if (su && made.length) {
    await su.query('begin');
    await su.query(`set local session_replication_role = replica`);
    await su.query(`delete from public.enrolments where student_id = any($1::uuid[])`, [made]);
    await su.query(`delete from public.students where id = any($1::uuid[])`, [made]);
    await su.query('commit');
  }
  await su?.end();
});

describe('a locked class takes no newcomer (review of finding 4)', () => {
  it('bqt enrolling a student with no 2025–2026 data into 2025–2026 10A1 gets 423/PT423, and 10A1\'s results keep their rows', async () => {
    const before = await resultRows(ids.p10A1, 2);
    const student = await newcomer();
    const res = await admin.from('enrolments').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
      class_id: ids.p10A1, started_on: '2025-09-05' }).select('id');
    expect(res.status).toBe(423);
    expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 10A1', 'xếp lớp') });
    expect(await resultRows(ids.p10A1, 2)).toBe(before);
    const { data: summary, error } = await principal.rpc('class_summary', { p_class_id: ids.p10A1, p_semester: 2 });
    expect(error).toBeNull();
    expect(JSON.stringify(summary)).not.toContain(student);
  });

  it('the service role is refused the same way (every writer)', async () => {
    const student = await newcomer();
    const res = await serviceClient().from('enrolments').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
      class_id: ids.p10A1, started_on: '2025-09-05' }).select('id');
    expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 10A1', 'xếp lớp') });
  });

  it('the lawful way: the principal decides to unlock 2025–2026 10A2, bqt opens it, enrols the newcomer (removed while open), relocks; then the same enrolment is refused again', async () => {
    const student = await newcomer();
    const periods = [1, 2, null];
    const wasFrozen = await Promise.all(periods.map((s) => periodFrozen(s, ids.p10A2)));
    expect(wasFrozen.every((w) => w !== null)).toBe(true);
    const decision = await decide({ class_id: ids.p10A2 }, 'Mở khoá sổ điểm lớp 10A2 để xếp lớp học sinh chuyển đến');
    const enrol = () => admin.from('enrolments').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
      class_id: ids.p10A2, started_on: '2025-09-05' }).select('id');
    try {
      for (const semester of periods) {
        const { error } = await event(decision, semester, ids.p10A2, null, 'unlock');
        expect(error, `unlock ${semester}`).toBeNull();
      }
      const ok = await enrol();
      expect(ok.error).toBeNull();
      // Undone while the scope is open (the board ends enrolments, it does not delete them).
      await su.query(`delete from public.enrolments where id = $1`, [ok.data![0]!.id]);
    } finally {
      await relock(periods, ids.p10A2, null);
    }
    const again = await enrol();
    expect(again.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 10A2', 'xếp lớp') });
  });
});

describe('one unlock decision opens its scope once (review of finding 5)', () => {
  it('bqt unlocking 2025–2026 10A2 Toán semester I a second time with the same decision is refused; a new decision opens it again', async () => {
    const decision = await decide({ period: 'hk1', class_id: ids.p10A2, subject_id: ids.toan }, 'Mở khoá sổ điểm học kỳ I lớp 10A2 môn Toán');
    try {
      expect((await event(decision, 1, ids.p10A2, ids.toan, 'unlock')).error).toBeNull();
      expect((await event(decision, 1, ids.p10A2, ids.toan, 'lock')).error).toBeNull();
      const twice = await event(decision, 1, ids.p10A2, ids.toan, 'unlock');
      expect(twice.status).toBe(403);
      expect(twice.error).toMatchObject({ code: '42501', message: USED });
      expect((await su.query(`select private.gradebook_locked($1, 1, $2, $3) as l`, [ids.past, ids.p10A2, ids.toan])).rows[0].l).toBe(true);
      // Control: a new decision of the principal opens it once more.
      const fresh = await decide({ period: 'hk1', class_id: ids.p10A2, subject_id: ids.toan }, 'Mở khoá lần hai');
      expect((await event(fresh, 1, ids.p10A2, ids.toan, 'unlock')).error).toBeNull();
    } finally {
      await relock([1], ids.p10A2, ids.toan);
    }
  });
});

describe('a GVCN learns nothing about a student outside their class from the unique keys (review of finding 7)', () => {
  const NOT_IN = 'Học sinh không có trong lớp 10A1';
  /** A 2025–2026 student of 12A1 (not the GVCN's, not taught by them) with an absence, and a date they were not absent. */
  async function stranger() {
    const { rows } = await su.query(`select a.student_id::text as id, a.on_date::text as absent,
        (select d::date::text from generate_series(y.starts_on, y.semester1_ends_on, interval '1 day') d
         where not exists (select 1 from public.attendance x where x.student_id = a.student_id and x.on_date = d::date) limit 1) as present
      from public.attendance a join public.classes c on c.id = a.class_id join public.school_years y on y.id = a.school_year_id
      where a.school_year_id = $1 and c.name = '12A1' and a.semester = 1 order by a.id limit 1`, [ids.past]);
    const r = rows[0] as { id: string; absent: string; present: string };
    const { data } = await homeroom.from('students').select('id').eq('id', r.id);
    expect(data, 'gvcn.10a1 cannot read the student').toEqual([]);
    return r;
  }
  const absence = (studentId: string, onDate: string, yearId = ids.past, classId = ids.p10A1) => homeroom.from('attendance')
    .insert({ school_id: ids.school, school_year_id: yearId, class_id: classId, student_id: studentId, on_date: onDate, excused: true, reason: 'Ốm' }).select('id');

  it('attendance: on a date the student was absent and on one they were not, the same 400 "not in the class"', async () => {
    const s = await stranger();
    for (const onDate of [s.absent, s.present]) {
      const res = await absence(s.id, onDate);
      expect(res.status, onDate).toBe(400);
      expect(res.error, onDate).toMatchObject({ code: '22023', message: NOT_IN });
    }
  });

  it('conduct_ratings: a period the student was rated and one they were not, the same 400', async () => {
    const s = await stranger();
    for (const semester of [1, null]) {
      const { rows } = await su.query(`select count(*)::int as n from public.conduct_ratings where student_id = $1 and school_year_id = $2 and semester is not distinct from $3`,
        [s.id, ids.past, semester]);
      expect(rows[0].n, `rated in ${semester}`).toBe(semester === 1 ? 1 : 0);
      const res = await homeroom.from('conduct_ratings').insert({ school_id: ids.school, school_year_id: ids.past, class_id: ids.p10A1,
        student_id: s.id, semester, level: 'tot' }).select('id');
      expect(res.status, `semester ${semester}`).toBe(400);
      expect(res.error, `semester ${semester}`).toMatchObject({ code: '22023', message: NOT_IN });
    }
  });

  it('control: gvcn.10a1 records an absence of their own current 10A1 student (then removes it)', async () => {
    const { rows } = await su.query(`select c.id::text as class, c.school_year_id::text as year, e.student_id::text as student,
        (select d::date::text from generate_series(public.app_today() - 20, public.app_today(), interval '1 day') d
         where extract(isodow from d) < 6 and not exists (select 1 from public.attendance x where x.student_id = e.student_id and x.on_date = d::date)
         order by d desc limit 1) as day
      from public.classes c join public.school_years y on y.id = c.school_year_id join public.enrolments e on e.class_id = c.id
      where c.school_id = $1 and y.code = '2026-2027' and c.name = '10A1' and e.ended_on is null order by e.student_id limit 1`, [ids.school]);
    const r = rows[0] as { class: string; year: string; student: string; day: string };
    const res = await absence(r.student, r.day, r.year, r.class);
    expect(res.error).toBeNull();
    const gone = await homeroom.from('attendance').delete().eq('id', res.data![0]!.id).select('id');
    expect(gone.error).toBeNull();
    expect(gone.data).toHaveLength(1);
  });
});

describe('the lock records\' trigger answers nothing before the caller may write there (review, part of hole 4)', () => {
  const RLS = (table: string) => ({ code: '42501', message: `new row violates row-level security policy for table "${table}"` });

  it('phuhuynh posting a 2025–2026 decision "decided by" the principal or by bqt gets the same RLS refusal (no principal oracle)', async () => {
    const parent = await signedIn(at('phuhuynh'));
    const [p, b] = await Promise.all([principal.auth.getUser(), admin.auth.getUser()]);
    const answers = [];
    for (const person of [p.data.user!.id, b.data.user!.id]) {
      const res = await parent.from('lock_decisions').insert({ school_id: ids.school, school_year_id: ids.past, decided_by: person,
        action: 'unlock', number: `QĐ-PH-${Date.now()}`, summary: 'Thử' }).select('id');
      answers.push({ status: res.status, code: res.error?.code, message: res.error?.message });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ status: 403, ...RLS('lock_decisions') });
    // Control: staff of the year still learn why (bqt is no principal).
    const own = await admin.from('lock_decisions').insert({ school_id: ids.school, school_year_id: ids.past, action: 'unlock',
      number: `QĐ-BQT-${Date.now()}`, summary: 'Thử' }).select('id');
    expect(own.error).toMatchObject({ code: '42501', message: 'Quyết định khoá/mở khoá sổ phải do Hiệu trưởng của năm học này ghi nhận' });
  });

  it('bqt citing a 10A2 decision for an event on another school\'s class does not learn that class\'s name', async () => {
    const { rows } = await su.query(`select c.id::text as id, c.name from public.classes c where c.school_id <> $1 order by c.name limit 1`, [ids.school]);
    const foreign = rows[0] as { id: string; name: string };
    const decision = await decide({ period: 'hk1', class_id: ids.p10A2, subject_id: ids.toan }, 'Mở khoá 10A2 Toán (kiểm thử)');
    const res = await event(decision, 1, foreign.id, ids.toan, 'unlock');
    expect(res.error).toBeTruthy();
    expect(res.error!.message).not.toContain(foreign.name);
    expect(res.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    // Control: a class of the year is named.
    const mine = await event(decision, 1, ids.p10A1, ids.toan, 'unlock');
    expect(mine.error).toMatchObject({ code: '42501', message: expect.stringContaining('lớp 10A1, môn Toán') });
  });
});

describe('the staff-of-the-year triggers answer nothing before the caller may write there (review, part of hole 4)', () => {
  const RLS = (table: string) => ({ code: '42501', message: `new row violates row-level security policy for table "${table}"` });

  it('phuhuynh posting a class of the primary school\'s 2026–2027 with a teacher of that school or a non-teacher as GVCN gets the same RLS refusal; inspections too', async () => {
    const parent = await signedIn(at('phuhuynh'));
    const { rows } = await su.query(`select y.school_id::text as school, y.id::text as year,
        (select m.profile_id::text from public.memberships m where m.school_year_id = y.id and m.role = 'homeroom_teacher' order by m.profile_id limit 1) as teacher
      from public.school_years y join public.org_units o on o.id = y.school_id where o.code = 'th-tandong' and y.code = '2026-2027'`);
    const th = rows[0] as { school: string; year: string; teacher: string };
    const outsider = (await parent.auth.getUser()).data.user!.id;
    const answers = [];
    for (const person of [th.teacher, outsider]) {
      const cls = await parent.from('classes').insert({ school_id: th.school, school_year_id: th.year, grade: 1, name: `1Z${Date.now() % 1000}`,
        homeroom_teacher_id: person }).select('id');
      const insp = await parent.from('inspections').insert({ school_id: th.school, school_year_id: th.year, kind: 'ad_hoc', teacher_id: person,
        findings: 'Kiểm tra hồ sơ' }).select('id');
      answers.push([{ status: cls.status, code: cls.error?.code, message: cls.error?.message }, { status: insp.status, code: insp.error?.code, message: insp.error?.message }]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![0]).toMatchObject({ status: 403, ...RLS('classes') });
    expect(answers[0]![1]).toMatchObject({ status: 403, ...RLS('inspections') });
    // Control: the board of the year still learns why a non-teacher cannot be a GVCN (nothing is created).
    const { rows: cur } = await su.query(`select id::text from public.school_years where school_id = $1 and code = '2026-2027'`, [ids.school]);
    const own = await admin.from('classes').insert({ school_id: ids.school, school_year_id: cur[0].id, grade: 10, name: `10Z${Date.now() % 1000}`,
      homeroom_teacher_id: outsider }).select('id');
    expect(own.error).toMatchObject({ code: '23514', message: 'Giáo viên này không thuộc danh sách giáo viên của trường trong năm học này' });
  });
});

describe('rpc/gradebook_progress answers the same for an unknown and a foreign year id (review, part of hole 4)', () => {
  it('phuhuynh asking for the primary school\'s 2026–2027 or a made-up id gets the same 42501; control: bqt gets its own year', async () => {
    const parent = await signedIn(at('phuhuynh'));
    const { rows } = await su.query(`select y.id::text as id from public.school_years y join public.org_units o on o.id = y.school_id
      where o.code = 'th-tandong' and y.code = '2026-2027'`);
    const answers = [];
    for (const year of [rows[0].id as string, crypto.randomUUID()]) {
      const { error, status } = await parent.rpc('gradebook_progress', { p_school_year_id: year, p_semester: 1 });
      answers.push({ status, code: error?.code, message: error?.message });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ code: '42501', message: 'Bạn không thuộc trường của năm học này' });
    const { rows: cur } = await su.query(`select id::text from public.school_years where school_id = $1 and code = '2026-2027'`, [ids.school]);
    const own = await admin.rpc('gradebook_progress', { p_school_year_id: cur[0].id, p_semester: 1 });
    expect(own.error).toBeNull();
  });
});
