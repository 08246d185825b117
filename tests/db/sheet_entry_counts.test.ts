// private.sheet_entry_counts (20261206100000_sheet_entry_counts.sql): the progress dashboard's sums kept per
// school year, semester, class and subject by statement triggers, instead of summed per pupil at every read.
// They must always equal their definition (private.sheet_entry_counts_computed) — after the seed's bulk load
// (triggers off, then refresh_score_entry_counts) and after each kind of write they depend on: score entries
// inserted, changed and deleted, a class change, an enrolment removed. And rpc/gradebook_progress, which now
// reads them and takes the exempt pupils away, must still answer what the entries say: compared, sheet by
// sheet, with a count written here from score_entries directly, with an exemption added. In a database of
// this file's own.
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

const mismatches = () => keptDifferences(c, ['private.sheet_entry_counts', 'private.sheet_entry_counts_computed']);

/** 10A1 and 10A2 of the THPT's current year, a pupil of 10A1 with Toán entries in semester I, and Toán. */
async function context() {
  const { rows: [r] } = await c.query<{ year: string; school: string; cls: string; other: string; pupil: string; toan: string }>(
    `select y.id as year, o.id as school, k.id as cls,
            (select k2.id from public.classes k2 where k2.school_year_id = y.id and k2.name = '10A2') as other,
            (select e.student_id from public.enrolments e where e.class_id = k.id and e.end_reason is null
               and exists (select 1 from public.score_entries x join public.subjects s on s.id = x.subject_id and s.code = 'toan'
                           where x.student_id = e.student_id and x.school_year_id = y.id and x.semester = 1 and x.kind = 'tx')
             order by e.student_id limit 1) as pupil,
            (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'toan') as toan
     from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     join public.classes k on k.school_year_id = y.id and k.name = '10A1'
     where y.code = '2026-2027'`,
  );
  if (!r?.pupil || !r.other) throw new Error('the demo lacks 10A1 with Toán entries, or 10A2');
  return r;
}

/** Sheets (class × subject) where rpc/gradebook_progress's pupils or entries done differ from a count of the
 *  entries themselves: per pupil of the sheet (enrolment not ended by a class change, not exempt that
 *  semester), TT22: min(regular entries, required) + mid- + end-of-semester entries; TT27: the gk and ck
 *  entries with a level, plus the periodic test where the grade and subject have one and the pupil has
 *  exactly one scored entry. */
async function progressDiffers(year: string, semester: number): Promise<{ n: number; sheets: number; done: number }> {
  const { rows: [r] } = await c.query<{ n: number; sheets: number; done: number }>(
    `with sheet as (
       select c.id as class_id, s.id as subject_id, c.grade, s.code, s.school_level,
              public.required_regular_assessments(cs.periods_per_year) as req_tx
       from public.classes c join public.class_subjects cs on cs.class_id = c.id
       join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
       where c.school_year_id = $1
     ), pupil as (
       select sh.*, e.student_id,
              (select count(*) filter (where x.kind = 'tx') from public.score_entries x
                where x.student_id = e.student_id and x.school_year_id = $1 and x.subject_id = sh.subject_id and x.semester = $2) as tx,
              (select count(*) filter (where x.kind = 'gk') + count(*) filter (where x.kind = 'ck') from public.score_entries x
                where x.student_id = e.student_id and x.school_year_id = $1 and x.subject_id = sh.subject_id and x.semester = $2) as periodic,
              (select count(*) filter (where x.kind in ('gk', 'ck') and x.level is not null) from public.score_entries x
                where x.student_id = e.student_id and x.school_year_id = $1 and x.subject_id = sh.subject_id and x.semester = $2) as levels,
              (select count(*) filter (where x.kind = 'gk' and x.score is not null) from public.score_entries x
                where x.student_id = e.student_id and x.school_year_id = $1 and x.subject_id = sh.subject_id and x.semester = $2) as gk_scores,
              (select count(*) filter (where x.kind = 'ck' and x.score is not null) from public.score_entries x
                where x.student_id = e.student_id and x.school_year_id = $1 and x.subject_id = sh.subject_id and x.semester = $2) as ck_scores
       from sheet sh join public.enrolments e on e.class_id = sh.class_id and e.end_reason is distinct from 'class_change'
       where not exists (select 1 from public.subject_exemptions x where x.student_id = e.student_id and x.subject_id = sh.subject_id
                           and x.school_year_id = $1 and (x.semester is null or x.semester = $2))
     ), expected as (
       select sh.class_id, sh.subject_id, count(p.student_id)::int as students,
              coalesce(sum(case when sh.school_level = 'primary'
                           then p.levels
                                + (public.tt27_test_required(sh.code, sh.grade, private.tt27_period($2, 'gk')) and p.gk_scores = 1)::int
                                + (public.tt27_test_required(sh.code, sh.grade, private.tt27_period($2, 'ck')) and p.ck_scores = 1)::int
                           else least(p.tx, sh.req_tx) + p.periodic end), 0)::int as done
       from sheet sh left join pupil p on p.class_id = sh.class_id and p.subject_id = sh.subject_id
       group by sh.class_id, sh.subject_id
     ), answered as (
       select g.class_id, g.subject_id, g.students, g.done from private.gradebook_progress_rows($1, $2, true) g
     )
     select (select count(*)::int from ((select * from expected except all select * from answered)
                                        union all (select * from answered except all select * from expected)) d) as n,
            (select count(*)::int from answered) as sheets, (select coalesce(sum(done), 0)::int from answered) as done`,
    [year, semester],
  );
  return r!;
}

describe('the kept progress sums (private.sheet_entry_counts)', () => {
  it('equal their definition after the demo seed (loaded with triggers off, then refreshed)', async () => {
    const { rows: [n] } = await c.query<{ n: number; years: number }>(
      'select count(*)::int as n, count(distinct school_year_id)::int as years from private.sheet_entry_counts');
    expect(n!.n, 'the seed has sheets with entries').toBeGreaterThan(400);
    expect(n!.years, 'in several years and schools').toBeGreaterThan(2);
    expect(await mismatches()).toBe(0);
  });

  it('follow score entries inserted, changed and deleted', async () => {
    const k = await context();
    const toan = `select tx1, tx2, tx3, tx4, gk, ck from private.sheet_entry_counts where class_id = $1 and subject_id = $2 and semester = 1`;
    await c.query('begin');
    try {
      const before = (await c.query(toan, [k.cls, k.toan])).rows[0];
      const { rows: [pupil] } = await c.query<{ tx: number; gk: number }>(
        `select count(*) filter (where kind = 'tx')::int as tx, count(*) filter (where kind = 'gk')::int as gk from public.score_entries
         where student_id = $1 and school_year_id = $2 and subject_id = $3 and semester = 1`, [k.pupil, k.year, k.toan]);
      // A regular entry beyond the pupil's last, then the pupil's mid-semester entry if none (a second gk is refused by the key).
      await c.query(`insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score)
                     values ($4, $2, $5, $1, $3, 1, 'tx', $6, 7)`, [k.pupil, k.year, k.toan, k.school, k.cls, pupil!.tx + 1]);
      expect(await mismatches()).toBe(0);
      const after = (await c.query(toan, [k.cls, k.toan])).rows[0];
      expect(after, 'the sheet\'s sums moved').not.toEqual(before);
      await c.query(`update public.score_entries set score = 8 where student_id = $1 and school_year_id = $2 and subject_id = $3 and semester = 1`,
        [k.pupil, k.year, k.toan]);
      expect(await mismatches()).toBe(0);
      await c.query(`delete from public.score_entries where student_id = $1 and school_year_id = $2 and subject_id = $3 and semester = 1 and kind = 'tx' and seq = $4`,
        [k.pupil, k.year, k.toan, pupil!.tx + 1]);
      expect(await mismatches()).toBe(0);
      expect((await c.query(toan, [k.cls, k.toan])).rows[0], 'and came back').toEqual(before);
      await c.query(`delete from public.score_entries where student_id = $1 and school_year_id = $2`, [k.pupil, k.year]);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('follow enrolments: a class change moves the pupil\'s entries to the new class; a removed enrolment takes them away', async () => {
    const k = await context();
    const sum = `select coalesce(sum(tx1 + gk + ck), 0)::int as n from private.sheet_entry_counts where class_id = $1`;
    await c.query('begin');
    try {
      const from = (await c.query<{ n: number }>(sum, [k.cls])).rows[0]!.n;
      const to = (await c.query<{ n: number }>(sum, [k.other])).rows[0]!.n;
      await c.query(`update public.enrolments set end_reason = 'class_change', ended_on = (select starts_on + 30 from public.school_years where id = $3)
                     where class_id = $1 and student_id = $2`, [k.cls, k.pupil, k.year]);
      await c.query(`insert into public.enrolments (school_id, school_year_id, class_id, student_id, started_on, start_reason)
                     select school_id, school_year_id, $3, student_id, ended_on, 'class_change' from public.enrolments where class_id = $1 and student_id = $2`,
        [k.cls, k.pupil, k.other]);
      expect(await mismatches()).toBe(0);
      const moved = from - (await c.query<{ n: number }>(sum, [k.cls])).rows[0]!.n;
      expect(moved, 'the pupil\'s entries left 10A1').toBeGreaterThan(0);
      expect((await c.query<{ n: number }>(sum, [k.other])).rows[0]!.n - to, 'and are counted in 10A2').toBe(moved);
      await c.query(`delete from public.year_placements where enrolment_id in (select id from public.enrolments where student_id = $1 and school_year_id = $2)
                       or from_enrolment_id in (select id from public.enrolments where student_id = $1 and school_year_id = $2)`, [k.pupil, k.year]);
      await c.query(`delete from public.enrolments where class_id = $1 and student_id = $2`, [k.other, k.pupil]);
      expect(await mismatches()).toBe(0);
      expect((await c.query<{ n: number }>(sum, [k.other])).rows[0]!.n).toBe(to);
    } finally {
      await c.query('rollback');
    }
  });

  it('rpc/gradebook_progress answers what the entries say, every year and semester, and an exempt pupil leaves the sheet', async () => {
    const { rows: years } = await c.query<{ id: string }>(
      `select y.id from public.school_years y where exists (select 1 from public.score_entries x where x.school_year_id = y.id) order by y.id`);
    expect(years.length).toBeGreaterThan(2);
    let sheets = 0;
    let done = 0;
    for (const y of years) {
      for (const s of [1, 2]) {
        const r = await progressDiffers(y.id, s);
        expect(r.n, `year ${y.id}, semester ${s}`).toBe(0);
        sheets += r.sheets;
        done += r.done;
      }
    }
    expect(sheets, 'sheets compared').toBeGreaterThan(200);
    expect(done, 'with entries done').toBeGreaterThan(5_000);

    const k = await context();
    await c.query('begin');
    try {
      const toanDone = `select students, done from private.gradebook_progress_rows($1, 1, true) where class_id = $2 and subject_id = $3`;
      const before = (await c.query<{ students: number; done: number }>(toanDone, [k.year, k.cls, k.toan])).rows[0]!;
      await c.query(`insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason)
                     values ($1, $2, $3, $4, 1, 'Miễn học theo chỉ định của bác sĩ')`, [k.school, k.year, k.pupil, k.toan]);
      const after = (await c.query<{ students: number; done: number }>(toanDone, [k.year, k.cls, k.toan])).rows[0]!;
      expect(after.students).toBe(before.students - 1);
      expect(after.done, 'the exempt pupil\'s entries no longer count').toBeLessThan(before.done);
      expect((await progressDiffers(k.year, 1)).n).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });
});
