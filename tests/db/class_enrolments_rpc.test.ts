// rpc/class_enrolments (20261206105000_class_enrolments_rpc.sql): Xếp lớp's flat rows, read as the owner and
// limited once per call to what the enrolments', students' and student_details' policies show the caller.
// For every demo account (and the service role) and every class of the demo, the rows equal what the former
// read showed — the enrolments of the class with their student and the student's details, read under the
// caller's row-level security (the embed's nulls where a student or details row is not readable), and for
// the parent with a token claiming the service role. Two states the demo lacks are made first: a school year
// prepared and not opened, with a pupil placed in it (its enrolments are the admin board's only), and a second
// pupil's class change 10A1 → 10A2 (a teacher of 10A1 who does not teach 10A2 reads that one enrolment of
// 10A2, found pupil by pupil; the GVCN of 10A1 reads that pupil's details there). Also: the body called
// directly gives the same rows, and anon may not call either.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { asUserRolledBack } from '../helpers/definer.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

const COLUMNS = `e.id, e.class_id, e.student_id, e.started_on, e.start_reason, e.ended_on, e.end_reason, e.end_note,
                 s.full_name, s.student_code, s.gender, s.birth_date, d.student_id is not null as details_shown, d.birth_place, d.ethnicity`;
/** What the screen read before: enrolments?class_id=eq.…&select=…,students(…,student_details(…)), flattened. */
const FORMER = `select ${COLUMNS} from public.enrolments e
                left join public.students s on s.id = e.student_id
                left join public.student_details d on d.student_id = s.id
                where e.class_id = $1 order by e.id`;
const NOW = 'select * from public.class_enrolments($1) order by id';
const BODY = 'select * from private.class_enrolment_rows($1) order by id';

const THPT = `(select id from public.org_units where code = 'thpt-tandong')`;
const made = { preparedClass: '', moved: '', left: '' };

beforeAll(async () => {
  // 2027–2028 prepared by the board (not opened), one pupil of 10A1 placed in its 11A1.
  const { rows: [u] } = await db().query<{ id: string }>(`select id from auth.users where email = 'bqt@thpt-tandong.edu.vn'`);
  await db().query('begin');
  await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'authenticated', aud: 'authenticated', sub: u!.id })]);
  await db().query('set local role authenticated');
  const { rows: [p] } = await db().query<{ r: { school_year_id: string } }>(`select public.prepare_school_year(${THPT}) as r`);
  await db().query('commit');
  const { rows: [c] } = await db().query<{ id: string; student: string }>(
    `select c.id, (select e.student_id from public.enrolments e join public.classes k on k.id = e.class_id
                   join public.school_years y on y.id = k.school_year_id
                   where y.code = '2026-2027' and y.school_id = ${THPT} and k.name = '10A1' and e.ended_on is null order by e.student_id limit 1) as student
     from public.classes c where c.school_year_id = $1 and c.name = '11A1'`, [p!.r.school_year_id]);
  await db().query(`insert into public.enrolments (school_id, school_year_id, class_id, student_id, started_on, start_reason)
                    values (${THPT}, $1, $2, $3, '2027-09-05', 'promoted')`, [p!.r.school_year_id, c!.id, c!.student]);
  made.preparedClass = c!.id;
  // A second class change of the current year: a pupil of 10A1 moves to 10A2.
  const { rows: [m] } = await db().query<{ enrolment: string; student: string; to: string; year: string }>(
    `select e.id as enrolment, e.student_id as student, e.school_year_id as year,
            (select k.id from public.classes k where k.school_year_id = e.school_year_id and k.name = '10A2') as to
     from public.enrolments e join public.classes k on k.id = e.class_id join public.school_years y on y.id = k.school_year_id
     where y.code = '2026-2027' and y.school_id = ${THPT} and k.name = '10A1' and e.ended_on is null
       and e.student_id <> $1 and not exists (select 1 from public.guardians g join auth.users u on u.id = g.profile_id
                                                  where g.student_id = e.student_id and u.email = 'phuhuynh@thpt-tandong.edu.vn')
     order by e.student_id desc limit 1`, [c!.student]);
  await db().query(`update public.enrolments set ended_on = '2026-11-02', end_reason = 'class_change' where id = $1`, [m!.enrolment]);
  await db().query(`insert into public.enrolments (school_id, school_year_id, class_id, student_id, started_on, start_reason)
                    values (${THPT}, $1, $2, $3, '2026-11-03', 'class_change')`, [m!.year, m!.to, m!.student]);
  Object.assign(made, { moved: m!.student, left: m!.to });
});

describe('rpc/class_enrolments', () => {
  it('gives every demo account and the service role, for every class, the rows the former read showed under their row-level security', { timeout: 300_000 }, async () => {
    const { rows: classes } = await db().query<{ id: string; what: string }>(
      `select c.id, o.code || ' ' || y.code || ' ' || c.name as what from public.classes c
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id order by 2`);
    expect(classes.length).toBeGreaterThan(20);
    const accounts: { who: string; claims: { sub: string; role: string }; forged?: boolean }[] = [{ who: 'service_role', claims: { sub: '00000000-0000-0000-0000-000000000000', role: 'service_role' } }];
    for (const a of DEMO_ACCOUNTS) {
      const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [a.email]);
      accounts.push({ who: a.email, claims: { sub: u!.id, role: 'authenticated' } });
    }
    // The parent with a token claiming the service role: the database role stays authenticated.
    const parent = accounts.find((a) => a.who === 'phuhuynh@thpt-tandong.edu.vn')!;
    accounts.push({ who: 'parent claiming service_role', claims: parent.claims, forged: true });
    const seen = new Map<string, { rows: number; details: number }>();
    const count = (who: string, rows: { details_shown: boolean }[]) => {
      const s = seen.get(who) ?? { rows: 0, details: 0 };
      s.rows += rows.length;
      s.details += rows.filter((r) => r.details_shown).length;
      seen.set(who, s);
    };
    const shown = new Map<string, boolean>(); // who reads the placement in the prepared year / the moved pupil in 10A2
    const in10A2 = new Map<string, { student_id: string; details_shown: boolean }[]>(); // the rows each reads of 10A2
    for (const { who, claims, forged } of accounts) {
      await asUserRolledBack(db(), claims, async () => {
        if (forged) await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: claims.sub, role: 'service_role', aud: 'authenticated' })]);
        for (const k of classes) {
          const now = (await db().query(NOW, [k.id])).rows;
          const before = (await db().query(FORMER, [k.id])).rows;
          expect(now, `${who} ${k.what}`).toEqual(before);
          count(who, now);
          if (k.id === made.preparedClass) shown.set(`${who} prepared`, now.length > 0);
          if (k.id === made.left) {
            shown.set(`${who} moved`, now.some((r) => r.student_id === made.moved));
            in10A2.set(who, now);
          }
        }
      });
    }
    // Not vacuous: the service role reads every enrolment; the principal every one of the THPT's opened years,
    // and so does the nurse, without details (school-wide, not a full profile); a subject teacher rows without
    // details; the parent few rows, also when claiming the service role; the prepared year the board's only.
    // The moved pupil's new enrolment in 10A2, looked up pupil by pupil: gv.toan (teaches 10A1, not 10A2)
    // reads that one row of 10A2 and no other; the GVCN of 10A1 (teaches 10A2) reads all of 10A2 with the
    // details of that pupil only (their homeroom pupil); the parent does not read it.
    const { rows: [all] } = await db().query<{ n: number; thpt: number }>(
      `select count(*)::int as n, count(*) filter (where e.school_id = ${THPT} and y.opened_at is not null)::int as thpt
       from public.enrolments e join public.school_years y on y.id = e.school_year_id`);
    expect(seen.get('service_role')!.rows).toBe(all!.n);
    expect(seen.get('hieutruong@thpt-tandong.edu.vn')!.rows).toBe(all!.thpt);
    expect(seen.get('hieutruong@thpt-tandong.edu.vn')!.details).toBeGreaterThan(0);
    expect(seen.get('gv.toan@thpt-tandong.edu.vn')!.rows).toBeGreaterThan(0);
    expect(seen.get('gv.toan@thpt-tandong.edu.vn')!.details).toBe(0);
    expect(seen.get('phuhuynh@thpt-tandong.edu.vn')!.rows).toBeGreaterThan(0);
    expect(seen.get('phuhuynh@thpt-tandong.edu.vn')!.rows).toBeLessThan(10);
    expect(shown.get('bqt@thpt-tandong.edu.vn prepared')).toBe(true);
    expect(shown.get('hieutruong@thpt-tandong.edu.vn prepared')).toBe(false);
    expect(seen.get('yte@thpt-tandong.edu.vn')).toEqual({ rows: all!.thpt, details: 0 });
    expect(seen.get('parent claiming service_role')).toEqual(seen.get('phuhuynh@thpt-tandong.edu.vn'));
    expect(in10A2.get('gv.toan@thpt-tandong.edu.vn')!.map((r) => r.student_id)).toEqual([made.moved]);
    const gvcn10A2 = in10A2.get('gvcn.10a1@thpt-tandong.edu.vn')!;
    expect(gvcn10A2.length).toBe(in10A2.get('hieutruong@thpt-tandong.edu.vn')!.length);
    expect(gvcn10A2.filter((r) => r.details_shown).map((r) => r.student_id)).toEqual([made.moved]);
    expect(shown.get('phuhuynh@thpt-tandong.edu.vn moved')).toBe(false);
  });

  it('its body called directly gives the same rows; anon may call neither', async () => {
    const { rows: [k] } = await db().query<{ gvcn: string; class10a1: string }>(
      `select (select id from auth.users where email = 'gvcn.10a1@thpt-tandong.edu.vn') as gvcn,
              (select c.id from public.classes c join public.school_years y on y.id = c.school_year_id
               where y.school_id = ${THPT} and y.code = '2026-2027' and c.name = '10A1') as class10a1`);
    await asUserRolledBack(db(), { sub: k!.gvcn, role: 'authenticated' }, async () => {
      const body = (await db().query(BODY, [k!.class10a1])).rows;
      expect(body.length).toBeGreaterThan(30);
      expect(body).toEqual((await db().query(NOW, [k!.class10a1])).rows);
      expect(body.every((r) => r.full_name)).toBe(true);
    });
    for (const sql of [NOW, BODY]) {
      await expect(asUserRolledBack(db(), { sub: k!.gvcn, role: 'anon' }, () => db().query(sql, [k!.class10a1]))).rejects.toMatchObject({ code: '42501' });
    }
  });
});
