// The school year cycle, first part (issue 20; migration 20261205040000_school_year_cycle.sql), on a
// database of the test's own: the admin board of THPT Tân Đông prepares 2027–2028 from 2026–2027 (dates
// a year on, the staff's roles carried, the classes a grade up with their subjects and teachers, 12A1's
// teachers handed to the new 10A1); nobody but the board sees any of it until the board opens it; every
// other role and another school's board are refused with a sentence; bad dates are refused and nothing is
// made; once opened and its first day come, the teachers find their classes of the new year.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();
const ids = new Map<string, string>();

async function idOf(email: string): Promise<string> {
  if (!ids.has(email)) ids.set(email, (await db().query<{ id: string }>(`select id from auth.users where email = $1`, [email])).rows[0]!.id);
  return ids.get(email)!;
}
const THPT = `(select id from public.org_units where code = 'thpt-tandong')`;

/** Runs `fn` as the demo user, committed (asUser rolls back: the preparation must stay). */
async function as<T>(email: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = db();
  await c.query('begin');
  try {
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'authenticated', aud: 'authenticated', sub: await idOf(email) })]);
    await c.query(`set local role authenticated`);
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
}
const refusal = async (email: string, sql: string, params: unknown[] = []) => {
  try {
    await as(email, (c) => c.query(sql, params));
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
  return null;
};
const count = async (sql: string, params: unknown[] = []) => Number((await db().query(sql, params)).rows[0].n);

describe('preparing and opening the next school year', () => {
  it('refused for every role but the board of the school, and for bad dates; nothing is made', async () => {
    const NOT_BOARD = 'Chỉ Ban quản trị của trường chuẩn bị năm học mới.';
    for (const email of ['hieutruong@thpt-tandong.edu.vn', 'gv.toan@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn',
      'cntt@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn', 'bqt@th-tandong.edu.vn', 'so@tayninh.edu.vn'])
      expect(await refusal(email, `select public.prepare_school_year(${THPT})`), email).toEqual({ code: '42501', message: NOT_BOARD });
    expect(await refusal('bqt@thpt-tandong.edu.vn', `select public.prepare_school_year(${THPT}, '2027-05-20')`)).toEqual({
      code: '22023', message: 'Năm học 2027-2028 phải bắt đầu sau ngày kết thúc năm học 2026-2027 (31/05/2027).' });
    expect(await refusal('bqt@thpt-tandong.edu.vn', `select public.prepare_school_year(${THPT}, '2027-09-05', '2028-01-16', '2028-01-10')`)).toEqual({
      code: '22023', message: 'Các ngày của năm học phải theo thứ tự: ngày bắt đầu, ngày kết thúc học kỳ I, ngày bắt đầu học kỳ II, ngày kết thúc năm học.' });
    expect(await count(`select count(*) as n from public.school_years where code = '2027-2028'`)).toBe(0);
  });

  it('the board prepares 2027–2028: dates a year on, roles carried, classes a grade up with their subjects and teachers', async () => {
    const made = await as('bqt@thpt-tandong.edu.vn', async (c) => (await c.query(`select public.prepare_school_year(${THPT}) as r`)).rows[0].r);
    expect(made).toMatchObject({ code: '2027-2028', starts_on: '2027-09-05', ends_on: '2028-05-31', classes: 6 });
    const year = made.school_year_id as string;
    const { rows: [y] } = await db().query(`select semester1_ends_on::text, semester2_starts_on::text, opened_at from public.school_years where id = $1`, [year]);
    expect(y).toEqual({ semester1_ends_on: '2028-01-16', semester2_starts_on: '2028-01-18', opened_at: null });
    // Every staff role of 2026–2027 carried (BGH's and the board's own included), no family's.
    const roles = (sql: string) => db().query(sql, [year]).then((r) => r.rows.map((x) => `${x.email} ${x.role}`).sort());
    const carried = await roles(`select u.email, m.role from public.memberships m join auth.users u on u.id = m.profile_id
                                 where m.school_year_id = $1`);
    const before = await roles(`select u.email, m.role from public.memberships m join auth.users u on u.id = m.profile_id
                                join public.school_years y on y.id = m.school_year_id
                                where y.code = '2026-2027' and y.school_id = (select school_id from public.school_years where id = $1)
                                  and m.role not in ('guardian', 'student')`);
    expect(carried).toEqual(before);
    expect(carried).toEqual(expect.arrayContaining(['bqt@thpt-tandong.edu.vn admin_board', 'hieutruong@thpt-tandong.edu.vn principal', 'gv.toan@thpt-tandong.edu.vn subject_teacher']));
    expect(made.roles).toBe(before.length);
    // The classes: 11A1 from 10A1 (its GVCN and gv.toan follow it), the new 10A1 with 12A1's teachers.
    const classes = (await db().query(`select c.name, c.grade, u.email as gvcn from public.classes c left join auth.users u on u.id = c.homeroom_teacher_id
                                       where c.school_year_id = $1 order by c.name`, [year])).rows;
    expect(classes.map((c) => c.name)).toEqual(['10A1', '10A2', '11A1', '11A2', '12A1', '12A2']);
    expect(classes.find((c) => c.name === '11A1')!.gvcn).toBe('gvcn.10a1@thpt-tandong.edu.vn');
    const teachersOf = (yearCode: string, name: string) => db().query(
      `select s.code, t.teacher_id from public.teaching_assignments t join public.classes c on c.id = t.class_id join public.subjects s on s.id = t.subject_id
       join public.school_years y on y.id = c.school_year_id
       where y.code = $1 and c.name = $2 and y.school_id = ${THPT} and t.ended_at is null order by s.code`, [yearCode, name]).then((r) => r.rows);
    expect(await teachersOf('2027-2028', '11A1')).toEqual(await teachersOf('2026-2027', '10A1'));
    expect((await teachersOf('2027-2028', '11A1')).find((a) => a.code === 'toan')!.teacher_id).toBe(await idOf('gv.toan@thpt-tandong.edu.vn'));
    const subjectsOf = (yearCode: string, name: string) => db().query(
      `select s.code, cs.periods_per_year from public.class_subjects cs join public.classes c on c.id = cs.class_id join public.subjects s on s.id = cs.subject_id
       join public.school_years y on y.id = c.school_year_id where y.code = $1 and c.name = $2 and y.school_id = ${THPT} order by s.code`, [yearCode, name]).then((r) => r.rows);
    expect(await subjectsOf('2027-2028', '11A1')).toEqual(await subjectsOf('2026-2027', '10A1'));
    expect(await subjectsOf('2027-2028', '10A1')).toEqual(await subjectsOf('2026-2027', '10A1'));
    // The new 10A1's teachers: 12A1's, for the subjects 10A1 has.
    const grad = new Map((await teachersOf('2026-2027', '12A1')).map((a) => [a.code, a.teacher_id]));
    const intake = await teachersOf('2027-2028', '10A1');
    expect(intake.length).toBeGreaterThan(5);
    for (const a of intake) expect(grad.get(a.code), a.code).toBe(a.teacher_id);
    // The test days a year on; the preparation is in the audit log of the new year.
    expect(await count(`select count(*) as n from public.assessment_periods where school_year_id = $1`, [year])).toBe(4);
    expect(await count(`select count(*) as n from public.audit_log where school_year_id = $1 and table_name = 'classes'`, [year])).toBeGreaterThan(0);
    // Twice: refused.
    expect(await refusal('bqt@thpt-tandong.edu.vn', `select public.prepare_school_year(${THPT})`))
      .toEqual({ code: '23505', message: 'Năm học 2027-2028 đã được tạo; hãy tiếp tục chuẩn bị năm học đó.' });
  });

  it('until it is opened, nobody but the board sees the year, its classes, its teachers\' assignments or a child placed in it', async () => {
    const year = (await db().query(`select id from public.school_years where code = '2027-2028' and school_id = ${THPT}`)).rows[0].id as string;
    const child = (await db().query(`select id from public.students where student_code = '7200100001'`)).rows[0].id as string;
    const c11 = (await db().query(`select id from public.classes where school_year_id = $1 and name = '11A1'`, [year])).rows[0].id as string;
    // The child placed in next year's 11A1 (as the owner: placement is the next part of the cycle).
    await db().query(`insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on, start_reason)
                      values (${THPT}, $1, $2, $3, '2027-09-05', 'promoted')`, [year, child, c11]);
    const sees = (email: string) => as(email, async (c) => ({
      years: (await c.query(`select count(*) as n from public.school_years where id = $1`, [year])).rows[0].n,
      classes: (await c.query(`select count(*) as n from public.classes where school_year_id = $1`, [year])).rows[0].n,
      assignments: (await c.query(`select count(*) as n from public.teaching_assignments where school_year_id = $1`, [year])).rows[0].n,
      enrolments: (await c.query(`select count(*) as n from public.enrolments where school_year_id = $1`, [year])).rows[0].n,
      roles: (await c.query(`select count(*) as n from public.memberships where school_year_id = $1 and profile_id = auth.uid()`, [year])).rows[0].n,
    }));
    // Positive control: the board.
    expect(await sees('bqt@thpt-tandong.edu.vn')).toEqual({ years: '1', classes: '6', assignments: expect.not.stringMatching(/^0$/), enrolments: '1', roles: '1' });
    for (const email of ['gv.toan@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn', 'hocsinh@thpt-tandong.edu.vn', 'bqt@th-tandong.edu.vn'])
      expect(await sees(email), email).toEqual({ years: '0', classes: '0', assignments: '0', enrolments: '0', roles: '0' });
    // BGH and the nurse read the school's students, but not next year's enrolment.
    expect((await sees('hieutruong@thpt-tandong.edu.vn')).enrolments).toBe('0');
    // The family still sees this year's class, and not next year's.
    const familyClasses = await as('phuhuynh@thpt-tandong.edu.vn', async (c) =>
      (await c.query(`select c.name, y.code from public.classes c join public.school_years y on y.id = c.school_year_id order by y.code, c.name`)).rows.map((r) => `${r.code} ${r.name}`));
    expect(familyClasses).toContain('2026-2027 10A1');
    expect(familyClasses.filter((x) => x.startsWith('2027-2028'))).toEqual([]);
    // Its first day comes: still not the current year while unopened.
    await db().query(`update private.settings set value = '2027-09-06' where key = 'pinned_today'`);
    const current = await db().query(`select y.code from public.school_years y where y.id = private.current_school_year_id(${THPT})`);
    expect(current.rows[0].code).toBe('2026-2027');
    await db().query(`update private.settings set value = '2026-11-23' where key = 'pinned_today'`);
  });

  it('only the board opens it; then its teachers and families see it, and from its first day it is the current year', async () => {
    const year = (await db().query(`select id from public.school_years where code = '2027-2028' and school_id = ${THPT}`)).rows[0].id as string;
    const NOT_BOARD = 'Chỉ Ban quản trị của trường mở năm học mới.';
    for (const email of ['hieutruong@thpt-tandong.edu.vn', 'gv.toan@thpt-tandong.edu.vn', 'bqt@th-tandong.edu.vn'])
      expect(await refusal(email, `select public.open_school_year($1)`, [year]), email).toEqual({ code: '42501', message: NOT_BOARD });
    await as('bqt@thpt-tandong.edu.vn', (c) => c.query(`select public.open_school_year($1)`, [year]));
    expect(await refusal('bqt@thpt-tandong.edu.vn', `select public.open_school_year($1)`, [year])).toEqual({ code: '55000', message: 'Năm học 2027-2028 đã được mở.' });
    const { rows: [y] } = await db().query(`select opened_at is not null as opened, opened_by from public.school_years where id = $1`, [year]);
    expect(y).toEqual({ opened: true, opened_by: await idOf('bqt@thpt-tandong.edu.vn') });

    await db().query(`update private.settings set value = '2027-09-06' where key = 'pinned_today'`);
    try {
      const toan = await as('gv.toan@thpt-tandong.edu.vn', async (c) =>
        (await c.query(`select c.name from public.teaching_assignments t join public.classes c on c.id = t.class_id
                        where t.school_year_id = $1 and t.teacher_id = auth.uid() order by c.name`, [year])).rows.map((r) => r.name));
      expect(toan).toContain('11A1');
      const family = await as('phuhuynh@thpt-tandong.edu.vn', async (c) =>
        (await c.query(`select count(*) as n from public.enrolments where school_year_id = $1`, [year])).rows[0].n);
      expect(family).toBe('1');
      const current = await db().query(`select y.code from public.school_years y where y.id = private.current_school_year_id(${THPT})`);
      expect(current.rows[0].code).toBe('2027-2028');
    } finally {
      await db().query(`update private.settings set value = '2026-11-23' where key = 'pinned_today'`);
    }
  });
});
