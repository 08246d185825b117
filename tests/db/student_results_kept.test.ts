// private.student_results_kept (20261206102000_student_results_kept.sql): the TT22 student results kept in a
// table instead of computed at every read. They must equal the computation (private.student_results_computed,
// the former view without its read rule) after the seed and after the writes they are computed from — here
// conduct ratings and attendance (the subject results' writes are checked in subject_results_kept.test.ts,
// whose comparison covers both tables) — and every account must read through public.student_results exactly
// the rows the former view gave it: the former view is rebuilt here, in a rolled-back transaction, from the
// computation and its rule, and compared account by account, under each account's row-level security.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
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

const mismatches = () => keptDifferences(c, ['private.student_results_kept', 'private.student_results_computed']);

/** A pupil of the THPT's 10A1 (2026–2027) with results this year, and the year. */
async function pupil() {
  const { rows: [r] } = await c.query<{ year: string; school: string; cls: string; student: string }>(
    `select y.id as year, o.id as school, k.id as cls,
            (select r.student_id from private.student_results_kept r where r.class_id = k.id and r.semester = 1 order by r.student_id limit 1) as student
     from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     join public.classes k on k.school_year_id = y.id and k.name = '10A1'
     where y.code = '2026-2027'`);
  if (!r?.student) throw new Error('the demo lacks 10A1 with results');
  return r;
}

/** The rule the former view applied to every subject result, as pg_get_viewdef prints it under an empty search_path. */
const RULE = '          WHERE (( SELECT private.reads_all_gradebooks() AS reads_all_gradebooks) OR (r.school_id IN ( SELECT private.my_school_ids(private.gradebook_school_roles()) AS my_school_ids)) OR (r.student_id IN ( SELECT private.homeroom_student_ids() AS homeroom_student_ids)))\n';

describe('the kept student results (private.student_results_kept)', () => {
  it('equal the computation after the demo seed', async () => {
    const { rows: [n] } = await c.query<{ n: number; levels: number }>(
      'select count(*)::int as n, count(learning_level)::int as levels from private.student_results_kept');
    expect(n!.n, 'the seed has student results').toBeGreaterThan(1_000);
    expect(n!.levels, 'with learning levels').toBeGreaterThan(500);
    expect(await mismatches()).toBe(0);
  });

  it('follow conduct ratings and attendance', async () => {
    const k = await pupil();
    const row = `select conduct_level, absences, absences_excused from private.student_results_kept where student_id = $1 and school_year_id = $2 and semester = 1`;
    await c.query('begin');
    try {
      const before = (await c.query<{ conduct_level: string | null; absences: number }>(row, [k.student, k.year])).rows[0]!;
      await c.query(`delete from public.conduct_ratings where student_id = $1 and school_year_id = $2 and semester = 1`, [k.student, k.year]);
      await c.query(`insert into public.conduct_ratings (school_id, school_year_id, class_id, student_id, semester, level)
                     values ($1, $2, $3, $4, 1, $5)`, [k.school, k.year, k.cls, k.student, before.conduct_level === 'kha' ? 'dat' : 'kha']);
      const rated = (await c.query<{ conduct_level: string | null }>(row, [k.student, k.year])).rows[0]!;
      expect(rated.conduct_level, 'the semester-I conduct moved').not.toBe(before.conduct_level);
      expect(await mismatches()).toBe(0);
      await c.query(`insert into public.attendance (school_id, school_year_id, class_id, student_id, on_date, semester, excused)
                     select $1, $2, $3, $4, y.starts_on + 40, 1, true from public.school_years y where y.id = $2
                     and not exists (select 1 from public.attendance a where a.student_id = $4 and a.on_date = y.starts_on + 40)`,
                     [k.school, k.year, k.cls, k.student]);
      const absent = (await c.query<{ absences: number }>(row, [k.student, k.year])).rows[0]!;
      expect(absent.absences).toBe(before.absences + 1);
      expect(await mismatches()).toBe(0);
      await c.query(`delete from public.attendance where student_id = $1 and school_year_id = $2`, [k.student, k.year]);
      expect((await c.query<{ absences: number }>(row, [k.student, k.year])).rows[0]!.absences).toBe(0);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('every demo account reads through public.student_results exactly what the former view gave it', async () => {
    await c.query('begin');
    try {
      // The former view: the computation with its rule put back where the migration cut it out.
      await c.query(`set local search_path = ''`);
      const { rows: [v] } = await c.query<{ def: string }>(`select pg_get_viewdef('private.student_results_computed'::regclass) as def`);
      const at = v!.def.indexOf('          GROUP BY r.student_id, r.school_id, r.school_year_id, r.class_id, r.semester');
      expect(at, 'the computation groups the subject results').toBeGreaterThan(0);
      await c.query(`create view public.student_results_former with (security_invoker = true) as ${v!.def.slice(0, at)}${RULE}${v!.def.slice(at)}`);
      await c.query('grant select on public.student_results_former to authenticated');
      const seen: Record<string, number> = {};
      for (const a of DEMO_ACCOUNTS) {
        await c.query('savepoint a');
        await c.query(`select set_config('request.jwt.claims', json_build_object('sub', (select id from auth.users where email = $1)::text, 'role', 'authenticated')::text, true)`, [a.email]);
        await c.query('set local role authenticated');
        const { rows: [d] } = await c.query<{ now: number; former: number; differ: number }>(`
          select (select count(*)::int from public.student_results) as now, (select count(*)::int from public.student_results_former) as former,
                 (select count(*)::int from ((select * from public.student_results except all select * from public.student_results_former)
                                             union all (select * from public.student_results_former except all select * from public.student_results)) x) as differ`);
        expect(d!.differ, a.email).toBe(0);
        expect(d!.now, a.email).toBe(d!.former);
        seen[a.email] = d!.now;
        await c.query('rollback to savepoint a');
      }
      expect(seen['hieutruong@thpt-tandong.edu.vn'], 'the principal reads the school\'s results').toBeGreaterThan(500);
      expect(seen['gvcn.10a1@thpt-tandong.edu.vn'], 'the GVCN their class\'s').toBeGreaterThan(0);
      expect(seen['gvcn.10a1@thpt-tandong.edu.vn']).toBeLessThan(seen['hieutruong@thpt-tandong.edu.vn']!);
      expect(seen['gv.toan@thpt-tandong.edu.vn'], 'a subject teacher none').toBe(0);
    } finally {
      await c.query('rollback');
    }
  });
});
