// private.score_entry_counts (20261203000200_progress_counts.sql): the per-student, per-subject counts that
// rpc/gradebook_progress reads instead of counting score_entries on every call. They must always equal a
// count of the entries: after the seed's bulk load (triggers off, then refresh_score_entry_counts) and
// after every insert, update and delete, by any path (the triggers are statement-level). In a database of
// this file's own.
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

/** Rows where the kept counts and a fresh count of score_entries disagree (both directions). */
const MISMATCHES = `
  with fresh as (
    select x.school_year_id, x.semester, x.student_id, x.subject_id,
           count(*) filter (where x.kind = 'tx')::int as tx, count(*) filter (where x.kind = 'gk')::int as gk,
           count(*) filter (where x.kind = 'ck')::int as ck,
           count(*) filter (where x.kind = 'gk' and x.level is not null)::int as gk_level,
           count(*) filter (where x.kind = 'ck' and x.level is not null)::int as ck_level,
           count(*) filter (where x.kind = 'gk' and x.score is not null)::int as gk_test,
           count(*) filter (where x.kind = 'ck' and x.score is not null)::int as ck_test
    from public.score_entries x where x.semester is not null and x.kind in ('tx', 'gk', 'ck')
    group by 1, 2, 3, 4
  ), kept as (
    select school_year_id, semester, student_id, subject_id, tx, gk, ck, gk_level, ck_level, gk_test, ck_test
    from private.score_entry_counts
    where (tx, gk, ck, gk_level, ck_level, gk_test, ck_test) <> (0, 0, 0, 0, 0, 0, 0)
  )
  select count(*)::int as n from ((select * from fresh except select * from kept) union all (select * from kept except select * from fresh)) d`;

async function mismatches(): Promise<number> {
  return (await db().query<{ n: number }>(MISMATCHES)).rows[0]!.n;
}

/**
 * One pupil and subject of an open semester-I sheet of the demo's THPT with at least two regular scores,
 * all entered in the class the pupil is enrolled in now (so putting them back passes the entry checks).
 */
async function aPupil() {
  const { rows: [r] } = await db().query<{ student_id: string; subject_id: string; school_year_id: string; tx: number }>(
    `select n.student_id, n.subject_id, n.school_year_id, n.tx
     from private.score_entry_counts n
     join public.school_years y on y.id = n.school_year_id and y.code = '2026-2027'
     join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     join public.enrolments e on e.student_id = n.student_id and e.school_year_id = y.id and e.ended_on is null
     where n.semester = 1 and n.tx >= 2
       and not exists (select 1 from public.gradebook_locks l where l.school_year_id = y.id)
       and not exists (select 1 from public.subject_exemptions x where x.student_id = n.student_id and x.subject_id = n.subject_id)
       and not exists (select 1 from public.score_entries x where x.student_id = n.student_id and x.subject_id = n.subject_id
                         and x.school_year_id = y.id and x.class_id <> e.class_id)
     order by n.student_id, n.subject_id limit 1`,
  );
  if (!r) throw new Error('the demo has no open semester-I sheet with two regular scores');
  return r;
}

describe('the progress counts (private.score_entry_counts)', () => {
  it('equal a fresh count of the entries after the demo seed (loaded with triggers off)', async () => {
    const { rows: [n] } = await db().query<{ n: number }>('select count(*)::int as n from private.score_entry_counts');
    expect(n!.n, 'the seed has counted entries').toBeGreaterThan(1000);
    expect(await mismatches()).toBe(0);
  });

  it('follow deletes, updates and inserts of score_entries', async () => {
    const p = await aPupil();
    const c = db();
    await c.query('begin');
    try {
      const kept = async () =>
        (await c.query<{ tx: number }>(
          `select tx from private.score_entry_counts where school_year_id = $1 and semester = 1 and student_id = $2 and subject_id = $3`,
          [p.school_year_id, p.student_id, p.subject_id],
        )).rows[0]?.tx;
      // Delete two regular scores, in one statement.
      const del = await c.query(
        `delete from public.score_entries where id in (select id from public.score_entries
           where school_year_id = $1 and semester = 1 and student_id = $2 and subject_id = $3 and kind = 'tx' order by seq limit 2)
         returning seq, score, rating, class_id, school_id`,
        [p.school_year_id, p.student_id, p.subject_id],
      );
      expect(del.rowCount).toBe(2);
      expect(await kept()).toBe(p.tx - 2);
      expect(await mismatches()).toBe(0);
      // Put them back (inserts), then change the scores (an update that changes no count).
      for (const r of del.rows) {
        await c.query(
          `insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score, rating)
           values ($1, $2, $3, $4, $5, 1, 'tx', $6, $7, $8)`,
          [r.school_id, p.school_year_id, r.class_id, p.student_id, p.subject_id, r.seq, r.score, r.rating],
        );
      }
      expect(await kept()).toBe(p.tx);
      await c.query(
        `update public.score_entries set score = case when score is not null then 7 end, rating = case when rating is not null then not rating end
         where school_year_id = $1 and semester = 1 and student_id = $2 and subject_id = $3 and kind = 'tx'`,
        [p.school_year_id, p.student_id, p.subject_id],
      );
      expect(await kept()).toBe(p.tx);
      expect(await mismatches()).toBe(0);
    } finally {
      await c.query('rollback');
    }
    expect(await mismatches()).toBe(0);
  });
});

describe('rpc/gradebook_progress from the counts', () => {
  it('relies on at most 4 required regular assessments per semester (it sums tx ≥ 1 … 4 to cap each pupil\'s count)', async () => {
    const { rows: [r] } = await db().query<{ max: number }>('select max(public.required_regular_assessments(p))::int as max from generate_series(0, 1000) p');
    expect(r!.max).toBeLessThanOrEqual(4);
  });

  it('gives, for every sheet of the THPT\'s current year, what a direct count per pupil gives — exemptions included', async () => {
    const c = db();
    const { rows: [ctx] } = await c.query<{ year: string; school: string; principal: string; cls: string; a: string; b: string; toan: string; van: string }>(
      `select y.id as year, o.id as school,
              (select u.id from auth.users u where u.email = 'hieutruong@thpt-tandong.edu.vn') as principal,
              k.id as cls,
              (select e.student_id from public.enrolments e where e.class_id = k.id and e.end_reason is null order by e.student_id limit 1) as a,
              (select e.student_id from public.enrolments e where e.class_id = k.id and e.end_reason is null order by e.student_id offset 1 limit 1) as b,
              (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'toan') as toan,
              (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'ngu_van') as van
       from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
       join public.classes k on k.school_year_id = y.id and k.name = '10A1'
       where y.code = '2026-2027'`,
    );
    type Sheet = { class_id: string; subject_id: string; students: number; required: number; done: number };
    const key = (r: { class_id: string; subject_id: string }) => `${r.class_id}/${r.subject_id}`;
    const asPrincipal = async (): Promise<Map<string, Sheet & { due: number; overdue: number }>> => {
      await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: ctx!.principal, role: 'authenticated' })]);
      await c.query('set local role authenticated');
      const { rows } = await c.query<Sheet & { due: number; overdue: number }>('select * from public.gradebook_progress($1, 1)', [ctx!.year]);
      await c.query('reset role');
      return new Map(rows.map((r) => [key(r), r]));
    };
    // The pre-counts definition: per pupil (enrolled, not exempt), ĐĐGtx capped at what is required, ĐĐGgk and ĐĐGck.
    const direct = async (): Promise<Map<string, Sheet>> => {
      const { rows } = await c.query<Sheet>(
        `select k.id as class_id, cs.subject_id, count(e.id)::int as students,
                coalesce(sum(public.required_regular_assessments(cs.periods_per_year) + 2) filter (where e.id is not null), 0)::int as required,
                coalesce(sum(least(n.tx, public.required_regular_assessments(cs.periods_per_year)) + n.gkck), 0)::int as done
         from public.classes k
         join public.class_subjects cs on cs.class_id = k.id
         join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
         left join public.enrolments e on e.class_id = k.id and e.end_reason is distinct from 'class_change'
           and not exists (select 1 from public.subject_exemptions x where x.student_id = e.student_id and x.subject_id = cs.subject_id
                             and x.school_year_id = $1 and (x.semester is null or x.semester = 1))
         left join lateral (select count(*) filter (where x.kind = 'tx') as tx, count(*) filter (where x.kind in ('gk', 'ck')) as gkck
                            from public.score_entries x where x.student_id = e.student_id and x.subject_id = cs.subject_id
                              and x.school_year_id = $1 and x.semester = 1) n on true
         where k.school_year_id = $1
         group by k.id, cs.subject_id`,
        [ctx!.year],
      );
      return new Map(rows.map((r) => [key(r), r]));
    };
    await c.query('begin');
    try {
      const before = await asPrincipal();
      // A is exempt from Toán in semester I and for the whole year (two rows: counted once); B from Ngữ văn for the year.
      await c.query(
        `insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason)
         values ($1, $2, $3, $4, 1, 'Miễn học kì I'), ($1, $2, $3, $4, null, 'Miễn cả năm'), ($1, $2, $5, $6, null, 'Miễn cả năm')`,
        [ctx!.school, ctx!.year, ctx!.a, ctx!.toan, ctx!.b, ctx!.van],
      );
      const after = await asPrincipal();
      const expected = await direct();
      expect(after.size, 'every sheet of the year').toBe(expected.size);
      for (const [k, d] of expected) {
        const r = after.get(k);
        expect({ students: r?.students, required: r?.required, done: r?.done }, k).toEqual({ students: d.students, required: d.required, done: d.done });
        expect(r!.overdue, k).toBeGreaterThanOrEqual(0);
        expect(r!.overdue, k).toBeLessThanOrEqual(r!.due);
      }
      // Not vacuous: the two exempt pupils left their sheets, and nothing else moved.
      expect(after.get(`${ctx!.cls}/${ctx!.toan}`)!.students).toBe(before.get(`${ctx!.cls}/${ctx!.toan}`)!.students - 1);
      expect(after.get(`${ctx!.cls}/${ctx!.van}`)!.students).toBe(before.get(`${ctx!.cls}/${ctx!.van}`)!.students - 1);
      expect([...after.values()].reduce((n, r) => n + r.students, 0)).toBe([...before.values()].reduce((n, r) => n + r.students, 0) - 2);
      expect([...after.values()].some((r) => r.done > 0 && r.overdue > 0), 'some sheets have entries and overdue ones').toBe(true);
    } finally {
      await c.query('rollback');
    }
  });
});
