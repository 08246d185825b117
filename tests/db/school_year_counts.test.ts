// private.school_year_counts (20261206101000_school_year_counts.sql): per school year its classes, students
// (open enrolments) and teachers, kept by statement triggers on classes, enrolments and memberships, read by
// rpc/school_summaries instead of counting them at every read. They must always equal their definition
// (private.school_year_counts_computed: the RPC's former counts) — after the seed and after each kind of
// write — and the RPC must answer them for the officer's schools. In a database of this file's own.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptDifferences } from '../helpers/kept.ts';
import { cloneTemplateDb } from '../helpers/stack.ts';

let db: Awaited<ReturnType<typeof cloneTemplateDb>>;
let c: pg.Client;
beforeAll(async () => {
  db = await cloneTemplateDb();
  c = await db.connect();
});
afterAll(async () => {
  await c?.end();
  await db?.drop();
});

const mismatches = () => keptDifferences(c, ['private.school_year_counts', 'private.school_year_counts_computed']);

/** The THPT's current year, its 10A1 and a pupil of it, and a teacher of the school without a membership that year. */
async function context() {
  const { rows: [r] } = await c.query<{ year: string; school: string; cls: string; pupil: string }>(
    `select y.id as year, o.id as school, k.id as cls,
            (select e.student_id from public.enrolments e where e.class_id = k.id and e.ended_on is null order by e.student_id limit 1) as pupil
     from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     join public.classes k on k.school_year_id = y.id and k.name = '10A1'
     where y.code = '2026-2027'`,
  );
  if (!r?.pupil) throw new Error('the demo lacks 10A1 of 2026–2027');
  return r;
}

async function counts(year: string) {
  return (await c.query<{ classes: number; students: number; teachers: number }>(
    'select classes, students, teachers from private.school_year_counts where school_year_id = $1', [year])).rows[0];
}

describe('the kept school-year counts (private.school_year_counts)', () => {
  it('equal their definition after the demo seed', async () => {
    const { rows: [n] } = await c.query<{ n: number; students: number }>(
      'select count(*)::int as n, coalesce(sum(students), 0)::int as students from private.school_year_counts');
    expect(n!.n, 'every year has its row').toBeGreaterThan(3);
    expect(n!.students, 'with students').toBeGreaterThan(300);
    expect(await mismatches()).toBe(0);
  });

  it('follow classes, enrolments and memberships written and removed', async () => {
    const k = await context();
    await c.query('begin');
    try {
      const before = (await counts(k.year))!;
      await c.query(`insert into public.classes (school_id, school_year_id, name, grade)
                     select school_id, school_year_id, '10A9', 10 from public.classes where id = $1`, [k.cls]);
      expect((await counts(k.year))!.classes).toBe(before.classes + 1);
      await c.query(`update public.enrolments set end_reason = 'transfer_out', ended_on = (select starts_on + 30 from public.school_years where id = $3)
                     where class_id = $1 and student_id = $2`, [k.cls, k.pupil, k.year]);
      expect((await counts(k.year))!.students, 'a pupil who left is no longer counted').toBe(before.students - 1);
      const { rows: [t] } = await c.query<{ id: string }>(
        `select m.profile_id as id from public.memberships m where m.school_year_id = $1 and m.role = 'subject_teacher'
           and not exists (select 1 from public.memberships h where h.profile_id = m.profile_id and h.school_year_id = $1 and h.role = 'homeroom_teacher')
         order by m.profile_id limit 1`, [k.year]);
      await c.query(`delete from public.memberships where profile_id = $1 and school_year_id = $2 and role = 'subject_teacher'`, [t!.id, k.year]);
      expect((await counts(k.year))!.teachers).toBe(before.teachers - 1);
      expect(await mismatches()).toBe(0);
      await c.query(`delete from public.classes where school_year_id = $1 and name = '10A9'`, [k.year]);
      expect((await counts(k.year))!.classes).toBe(before.classes);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('are what rpc/school_summaries answers the Sở officer, school by school (and the school staff their own)', async () => {
    const ask = async (email: string) => {
      await c.query('begin');
      try {
        await c.query(`select set_config('request.jwt.claims', json_build_object('sub', (select id from auth.users where email = $1)::text, 'role', 'authenticated')::text, true)`, [email]);
        await c.query('set local role authenticated');
        return (await c.query<{ school_year: string; classes: string; students: string; teachers: string; school_id: string }>(
          'select * from public.school_summaries()')).rows;
      } finally {
        await c.query('rollback');
      }
    };
    const expected = async (schools: string[]) => (await c.query<{ classes: string; students: string; teachers: string; school_id: string }>(
      `select y.school_id, x.classes::bigint::text as classes, x.students::bigint::text as students, x.teachers::bigint::text as teachers
       from public.school_years y join private.school_year_counts_computed x on x.school_year_id = y.id
       where y.id in (select private.current_school_year_ids()) and y.school_id = any ($1)`, [schools])).rows;
    const so = await ask('so@tayninh.edu.vn');
    expect(so.length, 'the Sở oversees the demo\'s schools').toBeGreaterThan(1);
    const byId = (rows: { school_id: string; classes: string; students: string; teachers: string }[]) =>
      Object.fromEntries(rows.map((r) => [r.school_id, [String(r.classes), String(r.students), String(r.teachers)]]));
    expect(byId(so)).toEqual(byId(await expected(so.map((r) => r.school_id))));
    expect(so.some((r) => Number(r.students) > 0)).toBe(true);
    const own = await ask('hieutruong@thpt-tandong.edu.vn');
    expect(own, 'the principal: their school only').toHaveLength(1);
    expect(byId(own)).toEqual(byId(await expected(own.map((r) => r.school_id))));
  });
});
