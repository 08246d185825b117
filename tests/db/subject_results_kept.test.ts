// private.subject_results_kept (20261205100000_subject_results_kept.sql): the TT22 subject results kept in a
// table by statement triggers instead of computed at every read. They must always equal the computation
// (private.subject_results_computed, the former view's rules): after the seed's bulk load (triggers off,
// then refill_subject_results) and after every kind of write the computation reads — scores, exemptions,
// enrolments, a class's subjects, a subject — including two sessions saving the same pupil's sheet at
// once. Compared as multisets (EXCEPT ALL both ways), in a database of this file's own.
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

/** Rows where the kept subject results, and the student results computed from them (kept since
 *  20261206102000, recomputed with the subject results of the same students), differ from their computation. */
const mismatches = (client: pg.Client = c) => keptDifferences(client,
  ['private.subject_results_kept', 'private.subject_results_computed'], ['private.student_results_kept', 'private.student_results_computed']);

/** 10A1 of the THPT's current (unlocked) year, a pupil enrolled there with Toán scores in semester I, Toán, and a subject 10A1 lacks. */
async function context() {
  const { rows: [r] } = await c.query<{ year: string; school: string; cls: string; pupil: string; toan: string; other: string }>(
    `select y.id as year, o.id as school, k.id as cls,
            (select e.student_id from public.enrolments e where e.class_id = k.id and e.end_reason is null
               and exists (select 1 from public.score_entries x join public.subjects s on s.id = x.subject_id and s.code = 'toan'
                           where x.student_id = e.student_id and x.school_year_id = y.id and x.class_id = k.id and x.semester = 1 and x.kind = 'tx')
             order by e.student_id limit 1) as pupil,
            (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'toan') as toan,
            (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.category <> 'topic'
               and s.id not in (select cs.subject_id from public.class_subjects cs where cs.class_id = k.id) order by s.code limit 1) as other
     from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     join public.classes k on k.school_year_id = y.id and k.name = '10A1'
     where y.code = '2026-2027'`,
  );
  if (!r?.pupil || !r.other) throw new Error('the demo lacks 10A1 with Toán scores or a subject 10A1 does not take');
  return r;
}

async function kept(client: pg.Client, where: string, values: readonly unknown[]) {
  return (await client.query<{ semester: number | null; average: string | null }>(
    `select semester, average::text from private.subject_results_kept where ${where} order by semester nulls last`, [...values])).rows;
}

describe('the kept subject results (private.subject_results_kept)', () => {
  it('equal the computation after the demo seed (loaded with triggers off, then refilled)', async () => {
    const { rows: [n] } = await c.query<{ n: number; averages: number }>(
      'select count(*)::int as n, count(average)::int as averages from private.subject_results_kept');
    expect(n!.n, 'the seed has results').toBeGreaterThan(10_000);
    expect(n!.averages, 'with averages').toBeGreaterThan(1_000);
    expect(await mismatches()).toBe(0);
  });

  it('follow updates, deletes and inserts of score entries', async () => {
    const k = await context();
    const pupilToan = [`student_id = $1 and school_year_id = $2 and subject_id = $3`, [k.pupil, k.year, k.toan]] as const;
    await c.query('begin');
    try {
      // The demo's today is before the end of semester I: give the pupil's Toán every score a semester-I average needs.
      await c.query(`insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score)
                     select $4, $2, $5, $1, $3, 1, k.kind::public.entry_kind, k.seq, 6
                     from (select 'gk', 1 union all select 'ck', 1 union all
                           select 'tx', n from public.class_subjects cs, generate_series(1, public.required_regular_assessments(cs.periods_per_year)) n
                           where cs.class_id = $5 and cs.subject_id = $3) k (kind, seq)
                     where not exists (select 1 from public.score_entries x where x.student_id = $1 and x.school_year_id = $2 and x.subject_id = $3
                                         and x.semester = 1 and x.kind = k.kind::public.entry_kind and x.seq = k.seq)`, [k.pupil, k.year, k.toan, k.school, k.cls]);
      const before = await kept(c, ...pupilToan);
      expect(before.map((r) => r.semester)).toEqual([1, 2, null]);
      expect(before[0]!.average, 'a semester-I average').not.toBeNull();
      await c.query(`update public.score_entries set score = case when score >= 5 then 1 else 10 end
                     where student_id = $1 and school_year_id = $2 and subject_id = $3 and semester = 1 and kind = 'tx'`, [k.pupil, k.year, k.toan]);
      const updated = await kept(c, ...pupilToan);
      expect(updated[0]!.average, 'the semester-I average moved').not.toBe(before[0]!.average);
      expect(await mismatches()).toBe(0);
      const del = await c.query(`delete from public.score_entries where student_id = $1 and school_year_id = $2 and subject_id = $3 and semester = 1
                                 returning school_id, class_id, kind, seq, score, rating`, [k.pupil, k.year, k.toan]);
      expect(del.rowCount).toBeGreaterThan(0);
      expect((await kept(c, ...pupilToan))[0]!.average, 'no semester-I entries: no average').toBeNull();
      expect(await mismatches()).toBe(0);
      for (const r of del.rows) {
        await c.query(`insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score, rating)
                       values ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`,
                      [r.school_id, k.year, r.class_id, k.pupil, k.toan, r.kind, r.seq, r.score, r.rating]);
      }
      expect(await kept(c, ...pupilToan)).toEqual(updated);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('follow exemptions: an exempt year leaves no row, its removal brings them back', async () => {
    const k = await context();
    await c.query('begin');
    try {
      const before = await kept(c, 'student_id = $1 and school_year_id = $2 and subject_id = $3', [k.pupil, k.year, k.toan]);
      await c.query(`insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason)
                     values ($1, $2, $3, $4, null, 'Miễn cả năm')`, [k.school, k.year, k.pupil, k.toan]);
      expect(await kept(c, 'student_id = $1 and school_year_id = $2 and subject_id = $3', [k.pupil, k.year, k.toan])).toEqual([]);
      expect(await mismatches()).toBe(0);
      await c.query(`delete from public.subject_exemptions where student_id = $1 and subject_id = $2`, [k.pupil, k.toan]);
      expect(await kept(c, 'student_id = $1 and school_year_id = $2 and subject_id = $3', [k.pupil, k.year, k.toan])).toEqual(before);
    } finally {
      await c.query('rollback');
    }
  });

  it('follow a class\'s subjects and a subject\'s own change', async () => {
    const k = await context();
    await c.query('begin');
    try {
      const pupils = (await c.query(`select 1 from public.enrolments where class_id = $1 and end_reason is distinct from 'class_change'`, [k.cls])).rowCount!;
      await c.query(`insert into public.class_subjects (school_id, school_year_id, class_id, subject_id, periods_per_year) values ($3, $4, $1, $2, 35)`, [k.cls, k.other, k.school, k.year]);
      const added = (await c.query(`select 1 from private.subject_results_kept where class_id = $1 and subject_id = $2`, [k.cls, k.other])).rowCount;
      expect(added, 'three periods for every pupil of the class').toBe(pupils * 3);
      await c.query(`update public.class_subjects set periods_per_year = 140 where class_id = $1 and subject_id = $2`, [k.cls, k.toan]);
      expect(await mismatches()).toBe(0);
      await c.query(`update public.subjects set assessment_kind = case assessment_kind when 'scored' then 'comment'::public.assessment_kind else 'scored' end
                     where id = $1`, [k.other]);
      expect(await mismatches()).toBe(0);
      await c.query(`delete from public.class_subjects where class_id = $1 and subject_id = $2`, [k.cls, k.other]);
      expect((await c.query(`select 1 from private.subject_results_kept where class_id = $1 and subject_id = $2`, [k.cls, k.other])).rowCount).toBe(0);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('follow enrolments: a pupil who leaves the class by a class change has no results there', async () => {
    const k = await context();
    await c.query('begin');
    try {
      await c.query(`update public.enrolments set end_reason = 'class_change', ended_on = (select starts_on + 30 from public.school_years where id = $3)
                     where class_id = $1 and student_id = $2`, [k.cls, k.pupil, k.year]);
      expect((await c.query(`select 1 from private.subject_results_kept where class_id = $1 and student_id = $2`, [k.cls, k.pupil])).rowCount).toBe(0);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
  });

  it('two sessions saving the same pupil\'s Toán at once leave one copy of each result', async () => {
    const k = await context();
    const other = await db.connect();
    try {
      const slots = (await c.query<{ id: string }>(
        `select id from public.score_entries where student_id = $1 and school_year_id = $2 and subject_id = $3 and kind = 'tx' order by semester, seq limit 2`,
        [k.pupil, k.year, k.toan])).rows;
      expect(slots).toHaveLength(2);
      await c.query('begin');
      await other.query('begin');
      await c.query(`update public.score_entries set score = 9 where id = $1`, [slots[0]!.id]);
      // The second session's statement waits for the first to commit (the school's audit chain head queues
      // them; the recomputation's advisory lock would too), then recomputes with both scores.
      const second = other.query(`update public.score_entries set score = 8 where id = $1`, [slots[1]!.id]);
      await new Promise((r) => setTimeout(r, 300));
      await c.query('commit');
      await second;
      await other.query('commit');
      const rows = await kept(c, 'student_id = $1 and school_year_id = $2 and subject_id = $3', [k.pupil, k.year, k.toan]);
      expect(rows.map((r) => r.semester), 'one row per period').toEqual([1, 2, null]);
      expect(await mismatches()).toBe(0);
    } finally {
      await other.end();
    }
  });
});
