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

/** One current-year sheet's entries of one student (an open semester-I sheet of the demo's THPT). */
async function aPupil() {
  const { rows: [r] } = await db().query<{ student_id: string; subject_id: string; school_year_id: string; tx: number }>(
    `select n.student_id, n.subject_id, n.school_year_id, n.tx
     from private.score_entry_counts n
     join public.school_years y on y.id = n.school_year_id and y.code = '2026-2027'
     join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong'
     where n.semester = 1 and n.tx >= 2
       and not exists (select 1 from public.gradebook_locks l where l.school_year_id = y.id)
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
         returning seq, score, class_id, school_id`,
        [p.school_year_id, p.student_id, p.subject_id],
      );
      expect(del.rowCount).toBe(2);
      expect(await kept()).toBe(p.tx - 2);
      expect(await mismatches()).toBe(0);
      // Put them back (inserts), then change the scores (an update that changes no count).
      for (const r of del.rows) {
        await c.query(
          `insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score)
           values ($1, $2, $3, $4, $5, 1, 'tx', $6, $7)`,
          [r.school_id, p.school_year_id, r.class_id, p.student_id, p.subject_id, r.seq, r.score],
        );
      }
      expect(await kept()).toBe(p.tx);
      await c.query(
        `update public.score_entries set score = 7 where school_year_id = $1 and semester = 1 and student_id = $2 and subject_id = $3 and kind = 'tx'`,
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
