// The demo seed's promises (../shared/docs/DEMO.md), checked in a database of this file's own, cloned from
// the migrated and seeded template; determinism is checked on the generator's output in memory.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CURRENT_YEAR, SCHOOL_YEARS, buildDemo, demoSibling, demoStudent } from '../../supabase/seed/demo.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

const THPT = 'thpt-tandong';

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db().query<T>(sql, params)).rows;
}

describe('demo seed', () => {
  it('gv.toan teaches Toán only, and only in the classes named 10A1 and 11A1, in every school year', async () => {
    const got = await rows<{ year: string; class: string; subject: string }>(
      `select y.code as year, c.name as class, s.name as subject
       from public.teaching_assignments a
       join public.profiles p on p.id = a.teacher_id
       join public.classes c on c.id = a.class_id
       join public.school_years y on y.id = a.school_year_id
       join public.subjects s on s.id = a.subject_id
       where p.email = 'gv.toan@thpt-tandong.edu.vn' and a.ended_at is null
       order by 1, 2, 3`);
    expect(got).toEqual(SCHOOL_YEARS[THPT].flatMap((year) => ['10A1', '11A1'].map((c) => ({ year, class: c, subject: 'Toán' }))));
  });

  it('gvcn.10a1 is homeroom teacher of 10A1 this year and teaches Ngữ văn in 10A1 and 10A2', async () => {
    const [homeroom] = await rows<{ email: string }>(
      `select p.email from public.classes c join public.school_years y on y.id = c.school_year_id
       join public.org_units o on o.id = c.school_id join public.profiles p on p.id = c.homeroom_teacher_id
       where o.code = $1 and y.code = $2 and c.name = '10A1'`, [THPT, CURRENT_YEAR]);
    expect(homeroom!.email).toBe('gvcn.10a1@thpt-tandong.edu.vn');
    const taught = await rows<{ class: string; code: string }>(
      `select c.name as class, s.code from public.teaching_assignments a join public.classes c on c.id = a.class_id
       join public.school_years y on y.id = a.school_year_id join public.subjects s on s.id = a.subject_id
       join public.profiles p on p.id = a.teacher_id
       where p.email = 'gvcn.10a1@thpt-tandong.edu.vn' and y.code = $1 order by 1`, [CURRENT_YEAR]);
    expect(taught).toEqual([{ class: '10A1', code: 'ngu_van' }, { class: '10A2', code: 'ngu_van' }]);
  });

  it('totruong.toan heads the Toán – Tin department', async () => {
    const heads = await rows<{ email: string; year: string }>(
      `select p.email, y.code as year from public.department_members m join public.departments d on d.id = m.department_id
       join public.profiles p on p.id = m.profile_id join public.school_years y on y.id = m.school_year_id
       where d.name = 'Toán – Tin' and m.is_head and d.school_id = (select id from public.org_units where code = $1) order by 2`, [THPT]);
    expect(heads).toEqual(SCHOOL_YEARS[THPT].map((year) => ({ email: 'totruong.toan@thpt-tandong.edu.vn', year })));
  });

  it('each THPT year has classes 10A1–12A2 with 35 to 45 students each', async () => {
    const got = await rows<{ year: string; class: string; n: number }>(
      `select y.code as year, c.name as class, count(distinct e.student_id)::int as n
       from public.classes c join public.school_years y on y.id = c.school_year_id
       join public.org_units o on o.id = c.school_id
       left join public.enrolments e on e.class_id = c.id
       where o.code = $1 group by 1, 2 order by 1, 2`, [THPT]);
    const names = ['10A1', '10A2', '11A1', '11A2', '12A1', '12A2'];
    expect(got.map((r) => `${r.year} ${r.class}`)).toEqual(SCHOOL_YEARS[THPT].flatMap((y) => names.map((n) => `${y} ${n}`)));
    for (const r of got) {
      expect(r.n, `${r.year} ${r.class}`).toBeGreaterThanOrEqual(35);
      expect(r.n, `${r.year} ${r.class}`).toBeLessThanOrEqual(45);
    }
  });

  it('cohorts move up: this year\'s 12A1 students were in 11A1 last year and 10A1 the year before, promoted', async () => {
    const history = await rows<{ student_id: string; path: string; reasons: string }>(
      `select e.student_id, string_agg(c.name, '>' order by y.starts_on) as path,
              string_agg(e.start_reason || '/' || coalesce(e.end_reason::text, 'open'), ' ' order by y.starts_on) as reasons
       from public.enrolments e join public.classes c on c.id = e.class_id join public.school_years y on y.id = e.school_year_id
       where e.student_id in (
         select e2.student_id from public.enrolments e2 join public.classes c2 on c2.id = e2.class_id
         join public.school_years y2 on y2.id = e2.school_year_id join public.org_units o on o.id = e2.school_id
         where o.code = $1 and y2.code = $2 and c2.name = '12A1')
       group by e.student_id`, [THPT, CURRENT_YEAR]);
    expect(history.length).toBeGreaterThanOrEqual(35);
    for (const h of history) {
      expect(h.path).toBe('10A1>11A1>12A1');
      expect(h.reasons).toBe('new/year_end promoted/year_end promoted/open');
    }
  });

  it('the first year\'s 12th graders graduate and have no later enrolment', async () => {
    const [r] = await rows<{ graduated: number; later: number }>(
      `with g as (
         select e.student_id from public.enrolments e join public.classes c on c.id = e.class_id
         join public.school_years y on y.id = e.school_year_id
         join public.org_units o on o.id = e.school_id
         where o.code = $1 and y.code = $2 and c.grade = 12 and e.end_reason = 'graduated')
       select (select count(*)::int from g) as graduated,
              (select count(*)::int from public.enrolments e join public.school_years y on y.id = e.school_year_id
               where e.student_id in (select student_id from g) and y.code <> $2) as later`, [THPT, SCHOOL_YEARS[THPT][0]]);
    expect(r!.graduated).toBeGreaterThanOrEqual(70);
    expect(r!.later).toBe(0);
  });

  it('the guardian account is linked to two students: of 10A1 this year, who is the student account, and her older child of 12A1', async () => {
    const linked = await rows<{ id: string; full_name: string; class: string; account: string | null }>(
      `select s.id, s.full_name, c.name as class, sp.email as account
       from public.guardians g join public.profiles gp on gp.id = g.profile_id
       join public.students s on s.id = g.student_id
       left join public.profiles sp on sp.id = s.profile_id
       join public.enrolments e on e.student_id = s.id and e.ended_on is null
       join public.classes c on c.id = e.class_id join public.school_years y on y.id = e.school_year_id and y.code = $1
       where gp.email = 'phuhuynh@thpt-tandong.edu.vn' order by c.name`, [CURRENT_YEAR]);
    expect(linked.map((l) => [l.class, l.full_name, l.account])).toEqual([
      ['10A1', demoStudent().full_name, 'hocsinh@thpt-tandong.edu.vn'],
      ['12A1', demoSibling().full_name, null],
    ]);
    // The older child was in 10A1 and 11A1 the two years before: the family's published years.
    const past = await rows<{ year: string; class: string }>(
      `select y.code as year, c.name as class from public.enrolments e join public.classes c on c.id = e.class_id
       join public.school_years y on y.id = e.school_year_id where e.student_id = $1 order by y.code`, [linked[1]!.id]);
    expect(past.map((r) => `${r.year} ${r.class}`)).toEqual(['2024-2025 10A1', '2025-2026 11A1', `${CURRENT_YEAR} 12A1`]);
  });

  it('every class has a homeroom teacher and every class subject an active assignment', async () => {
    const [r] = await rows<{ classes: number; no_homeroom: number; class_subjects: number; unassigned: number }>(
      `select (select count(*)::int from public.classes) as classes,
              (select count(*)::int from public.classes where homeroom_teacher_id is null) as no_homeroom,
              (select count(*)::int from public.class_subjects) as class_subjects,
              (select count(*)::int from public.class_subjects cs where not exists (
                 select 1 from public.teaching_assignments a
                 where a.class_id = cs.class_id and a.subject_id = cs.subject_id and a.ended_at is null)) as unassigned`);
    expect(r!.classes).toBe(3 * 6 + 2 * 5);
    expect(r!.no_homeroom).toBe(0);
    expect(r!.class_subjects).toBeGreaterThan(r!.classes * 8);
    expect(r!.unassigned).toBe(0);
  });

  it('every teacher holds a teaching role in each year they teach or are homeroom teacher', async () => {
    const missing = await rows<{ person: string }>(
      `with t as (select teacher_id as person, school_year_id from public.teaching_assignments
                  union select homeroom_teacher_id, school_year_id from public.classes)
       select t.person::text from t where not exists (
         select 1 from public.memberships m where m.profile_id = t.person and m.school_year_id = t.school_year_id
           and m.role in ('homeroom_teacher', 'subject_teacher', 'dept_head'))`);
    expect(missing).toEqual([]);
  });

  it('upper-secondary classes take the 2018 programme: 8 compulsory, 4 electives, 3 learning topics', async () => {
    const got = await rows<{ category: string; n: number }>(
      `select s.category::text as category, count(*)::int as n from public.class_subjects cs
       join public.subjects s on s.id = cs.subject_id join public.classes c on c.id = cs.class_id
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where o.code = $1 and y.code = $2 and c.name = '10A1' group by 1 order by 1`, [THPT, CURRENT_YEAR]);
    expect(got).toEqual([
      { category: 'activity', n: 1 }, { category: 'compulsory', n: 7 }, { category: 'elective', n: 4 }, { category: 'topic', n: 3 },
    ]);
  });

  it('enrolment history has a class change, a transfer in and a dropout this year, and a GDTC exemption', async () => {
    const [r] = await rows<{ class_change: number; transfer_in: number; dropout: number; gdtc: number }>(
      `select count(*) filter (where e.start_reason = 'class_change')::int as class_change,
              count(*) filter (where e.start_reason = 'transfer_in')::int as transfer_in,
              count(*) filter (where e.end_reason = 'dropout')::int as dropout,
              (select count(*)::int from public.subject_exemptions x join public.subjects s on s.id = x.subject_id where s.code = 'gdtc') as gdtc
       from public.enrolments e join public.school_years y on y.id = e.school_year_id where y.code = $1`, [CURRENT_YEAR]);
    expect(r).toEqual({ class_change: 1, transfer_in: 1, dropout: 1, gdtc: 1 });
  });

  it('the bulk load wrote one audit entry per table and chain', async () => {
    const got = await rows<{ table_name: string; n: number }>(
      `select table_name, count(*)::int as n from public.audit_log where table_name in ('students', 'enrolments', 'classes')
       group by 1 order by 1`);
    // students: one chain per school; enrolments and classes: one per school year (3 THPT + 2 primary).
    expect(got).toEqual([{ table_name: 'classes', n: 5 }, { table_name: 'enrolments', n: 5 }, { table_name: 'students', n: 2 }]);
  });

  it('is deterministic: two generations give the same people, classes, ids and gradebook plan', () => {
    const a = buildDemo();
    const b = buildDemo();
    expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
    expect(JSON.stringify(b.gradebook)).toBe(JSON.stringify(a.gradebook));
    expect(JSON.stringify(b.specialCases)).toBe(JSON.stringify(a.specialCases));
    expect(a.data.students.length).toBeGreaterThan(500);
    expect(a.data.students.slice(0, 3).map((s) => s.given_name)).toEqual(b.data.students.slice(0, 3).map((s) => s.given_name));
  });

  it('follows its today: on the demo day it plans 2026–2027 in progress; a day after it ended, the whole year with a 10A1 student not promoted and one to re-test', () => {
    const plan = (today?: string) => buildDemo(new Map(), { today }).gradebook;
    const current = (g: ReturnType<typeof plan>) => g.years.at(-1)!;
    expect(current(plan()).state).toBe('in_progress');
    expect(current(plan('2026-11-23')).state).toBe('in_progress');
    expect(current(plan('2027-05-31')).state).toBe('in_progress');
    const summer = plan('2027-06-01');
    expect(current(summer)).toMatchObject({ state: 'full_year', manyAbsences: [expect.any(String)], weak: [{ subjects: ['toan', 'ngoai_ngu_1'] }] });
    expect(summer.primary.at(-1)!.state).toBe('complete');
    // The past years and their locks are the same either way; the summer year is not locked.
    expect(JSON.stringify(summer.years.slice(0, -1))).toBe(JSON.stringify(plan().years.slice(0, -1)));
    expect(summer.locks).toEqual(plan().locks);
  });

  it('gradebook rows have ids derived from their natural key (stable across fresh starts)', async () => {
    // Values come from hashes of the same keys and a fixed seed (gradebook.ts), never from random() or the
    // clock; the ids (md5 of the natural key) are what a test can check without a second database.
    const [r] = await rows<{ mismatched: number; n: number }>(
      `select count(*) filter (where x.id <> md5('score/' || x.class_id || '/' || s.code || '/' || x.student_id || '/'
                                  || coalesce(x.semester::text || '/' || x.kind || '/' || x.seq, 'retest'))::uuid)::int as mismatched,
              count(*)::int as n
       from public.score_entries x join public.subjects s on s.id = x.subject_id`);
    expect(r!.n).toBeGreaterThan(60000);
    expect(r!.mismatched).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Gradebook (TT22): past years complete and locked, special cases, the current year in progress
// ---------------------------------------------------------------------------------------------------
const PAST = SCHOOL_YEARS[THPT].filter((y) => y !== CURRENT_YEAR);

describe('demo gradebook', () => {
  it('past years are complete: every required entry of every class × subject × semester × student', async () => {
    // Expected slots from the structure, compared with the entries (both ways).
    const [r] = await rows<{ expected: number; entries: number; missing: number; extra: number }>(
      `with slots as (
         select e.class_id, e.student_id, cs.subject_id, sem, k.kind::public.entry_kind as kind, k.seq
         from public.enrolments e
         join public.school_years y on y.id = e.school_year_id and y.code = any ($1) and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')
         join public.class_subjects cs on cs.class_id = e.class_id
         join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
         cross join generate_series(1, 2) sem
         cross join lateral (select 'tx' as kind, g as seq from generate_series(1, public.required_regular_assessments(cs.periods_per_year)) g
                             union all select 'gk', 1 union all select 'ck', 1) k
       ), entries as (
         select x.class_id, x.student_id, x.subject_id, x.semester::int as sem, x.kind, x.seq::int as seq
         from public.score_entries x join public.school_years y on y.id = x.school_year_id and y.code = any ($1) and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')
         where x.kind <> 'retest'
       )
       select (select count(*)::int from slots) as expected, (select count(*)::int from entries) as entries,
              (select count(*)::int from (select * from slots except select * from entries) m) as missing,
              (select count(*)::int from (select * from entries except select * from slots) m) as extra`, [PAST]);
    expect(r!.expected).toBeGreaterThan(50000);
    expect(r).toMatchObject({ missing: 0, extra: 0 });
    expect(r!.entries).toBe(r!.expected);
  });

  it('entries keep the rules the bulk load did not re-check: class, subject kind, value, teacher', async () => {
    // The seed inserts the bulk with triggers off (session_replication_role = replica): check here what the
    // foreign keys and private.check_score_entries would have refused.
    const [r] = await rows<Record<string, number>>(
      `select
         count(*) filter (where not exists (select 1 from public.enrolments e where e.student_id = x.student_id and e.class_id = x.class_id))::int as not_enrolled,
         count(*) filter (where s.category = 'topic')::int as topic,
         count(*) filter (where s.school_level <> 'primary' and (s.assessment_kind = 'scored') <> (x.score is not null))::int as wrong_value,
         count(*) filter (where s.school_level = 'primary' and (x.level is null or x.kind not in ('gk', 'ck')
                            or (x.score is not null) <> public.tt27_test_required(s.code, c.grade, private.tt27_period(x.semester, x.kind))
                            or x.score <> trunc(x.score) or x.score not between 1 and 10))::int as wrong_tt27_value,
         count(*) filter (where x.kind = 'tx' and x.seq > public.required_regular_assessments(cs.periods_per_year))::int as too_many_tx,
         count(*) filter (where cs.class_id is null or c.school_year_id <> x.school_year_id or c.school_id <> x.school_id)::int as wrong_class,
         count(*) filter (where x.kind <> 'retest' and x.entered_by is distinct from (
           select a.teacher_id from public.teaching_assignments a where a.class_id = x.class_id and a.subject_id = x.subject_id and a.ended_at is null)
         )::int as not_by_teacher,
         count(*) filter (where x.kind = 'retest' and x.entered_by is distinct from c.homeroom_teacher_id)::int as retest_not_by_homeroom,
         count(*) filter (where exists (select 1 from public.subject_exemptions z where z.student_id = x.student_id and z.subject_id = x.subject_id
                                          and z.school_year_id = x.school_year_id))::int as exempt
       from public.score_entries x
       join public.subjects s on s.id = x.subject_id
       join public.classes c on c.id = x.class_id
       left join public.class_subjects cs on cs.class_id = x.class_id and cs.subject_id = x.subject_id`);
    expect(r).toEqual({ not_enrolled: 0, topic: 0, wrong_value: 0, wrong_tt27_value: 0, too_many_tx: 0, wrong_class: 0, not_by_teacher: 0, retest_not_by_homeroom: 0, exempt: 0 });
    const [a] = await rows<Record<string, number>>(
      `select count(*) filter (where not exists (select 1 from public.enrolments e where e.student_id = d.student_id and e.class_id = d.class_id
                                                  and d.on_date between e.started_on and coalesce(e.ended_on, 'infinity')))::int as not_enrolled,
              count(*) filter (where d.semester <> case when d.on_date <= y.semester1_ends_on then 1 else 2 end)::int as wrong_semester,
              count(*) filter (where d.on_date < y.starts_on or d.on_date > y.ends_on or extract(isodow from d.on_date) > 5)::int as not_school_day,
              count(*) filter (where d.entered_by is distinct from c.homeroom_teacher_id)::int as not_by_homeroom
       from public.attendance d join public.school_years y on y.id = d.school_year_id join public.classes c on c.id = d.class_id`);
    expect(a).toEqual({ not_enrolled: 0, wrong_semester: 0, not_school_day: 0, not_by_homeroom: 0 });
  });

  it('past years: a realistic spread, everyone promoted but the student absent more than 45 days', { timeout: 60_000 }, async () => {
    const got = await rows<{ year: string; learning: string; promotion: string; n: number }>(
      `select y.code as year, r.learning_level as learning, r.promotion, count(*)::int as n
       from public.student_results r join public.school_years y on y.id = r.school_year_id
       where r.semester is null and y.code = any ($1) and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong') group by 1, 2, 3 order by 1, 2, 3`, [PAST]);
    for (const year of PAST) {
      const ys = got.filter((g) => g.year === year);
      const total = ys.reduce((t, g) => t + g.n, 0);
      const count = (l: string) => ys.filter((g) => g.learning === l).reduce((t, g) => t + g.n, 0);
      expect(total, year).toBeGreaterThan(200);
      expect(ys.some((g) => g.learning === null || g.promotion === null), `${year}: no incomplete result`).toBe(false);
      expect((count('tot') + count('kha')) / total, `${year}: mostly Tốt/Khá`).toBeGreaterThan(0.6);
      expect(count('dat') / total, `${year}: some Đạt`).toBeGreaterThan(0.08);
      expect(count('chua_dat'), `${year}: a few Chưa đạt`).toBeGreaterThanOrEqual(2);
      expect(count('chua_dat') / total, `${year}: only a few Chưa đạt`).toBeLessThan(0.05);
      expect(count('tot'), `${year}: some Tốt`).toBeGreaterThan(10);
      const notPromoted = ys.filter((g) => g.promotion !== 'promoted').reduce((t, g) => t + g.n, 0);
      expect(notPromoted, year).toBe(year === '2025-2026' ? 1 : 0);
    }
  });

  it('the special cases of DEMO.md show up in the results', { timeout: 60_000 }, async () => {
    const { specialCases: sc } = buildDemo();
    const ids = [...Object.values(sc.retest).flat(), sc.summerTraining.studentId, sc.manyAbsences.studentId];
    const got = await rows<{ student_id: string; year: string; learning_level: string; learning_after_retest: string | null;
      conduct_level: string; conduct_after_summer: string | null; absences: number; promotion: string; retests: number }>(
      `select r.student_id, y.code as year, r.learning_level, r.learning_after_retest, r.conduct_level, r.conduct_after_summer,
              r.absences, r.promotion,
              (select count(*)::int from public.score_entries x where x.student_id = r.student_id and x.school_year_id = r.school_year_id
                 and x.kind = 'retest' and x.semester is null) as retests
       from public.student_results r join public.school_years y on y.id = r.school_year_id
       where r.semester is null and r.student_id = any ($1::uuid[]) and y.code = any ($2)`, [ids, PAST]);
    const at = (id: string, year: string) => got.find((g) => g.student_id === id && g.year === year)!;
    // Re-test: year learning Chưa đạt, re-test entries, learning after re-test at least Đạt, promoted.
    for (const [year, students] of Object.entries(sc.retest)) {
      expect(students.length).toBeGreaterThanOrEqual(2);
      for (const id of students) {
        const r = at(id, year);
        expect(r, `${year} ${id}`).toMatchObject({ learning_level: 'chua_dat', promotion: 'promoted' });
        expect(r.retests).toBeGreaterThanOrEqual(2);
        expect(['dat', 'kha', 'tot']).toContain(r.learning_after_retest);
      }
    }
    // Summer training: year conduct Chưa đạt, re-rated Đạt (conduct_ratings with semester null), promoted.
    expect(at(sc.summerTraining.studentId, sc.summerTraining.year)).toMatchObject({ conduct_level: 'chua_dat', conduct_after_summer: 'dat', promotion: 'promoted' });
    // More than 45 absences: not promoted; this year they repeat grade 10.
    const absent = at(sc.manyAbsences.studentId, sc.manyAbsences.year);
    expect(absent.absences).toBeGreaterThan(45);
    expect(absent.promotion).toBe('not_promoted');
    const [now] = await rows<{ class: string; start_reason: string }>(
      `select c.name as class, e.start_reason::text from public.enrolments e join public.classes c on c.id = e.class_id
       join public.school_years y on y.id = e.school_year_id where e.student_id = $1 and y.code = $2`, [sc.manyAbsences.studentId, CURRENT_YEAR]);
    expect(now).toEqual({ class: '10A2', start_reason: 'repeating' });
    // Every re-test entry belongs to a student who needed one, and every such student of a past year had one.
    const [rt] = await rows<{ retested: number; needed: number }>(
      `select count(distinct x.student_id)::int as retested,
              (select count(*)::int from public.student_results r join public.school_years y on y.id = r.school_year_id
               where r.semester is null and y.code = any ($1) and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong') and r.learning_level = 'chua_dat' and r.absences <= 45) as needed
       from public.score_entries x where x.kind = 'retest'`, [PAST]);
    expect(rt!.retested).toBe(rt!.needed);
  });

  it('past years are locked by the principal\'s decision, and a write to them fails with PT423', async () => {
    const got = await rows<{ year: string; decided_by: string; number: string; locks: string }>(
      `select y.code as year, p.email as decided_by, d.number,
              (select string_agg(coalesce(l.semester::text, 'after') || ':' || l.action || ':' || cp.email
                                 || ':' || coalesce(l.class_id::text, 'all') || ':' || coalesce(l.subject_id::text, 'all'), ' ' order by l.id)
               from public.gradebook_locks l join public.profiles cp on cp.id = l.created_by where l.decision_id = d.id) as locks
       from public.lock_decisions d join public.school_years y on y.id = d.school_year_id join public.profiles p on p.id = d.decided_by
       where y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')
       order by 1`);
    const bqt = 'bqt@thpt-tandong.edu.vn';
    expect(got).toEqual(PAST.map((year) => ({
      year, decided_by: 'hieutruong@thpt-tandong.edu.vn', number: expect.stringMatching(/QĐ/),
      locks: `1:lock:${bqt}:all:all 2:lock:${bqt}:all:all after:lock:${bqt}:all:all`,
    })));
    const [st] = await rows<{ past_locked: boolean; current_locks: number }>(
      `select bool_and(private.gradebook_locked(y.id, sem, c.id, s.id) and private.gradebook_locked(y.id, sem, c.id, null)) as past_locked,
              (select count(*)::int from public.gradebook_locks l join public.school_years cy on cy.id = l.school_year_id where cy.code = $2) as current_locks
       from public.school_years y join public.classes c on c.school_year_id = y.id
       join public.class_subjects cs on cs.class_id = c.id join public.subjects s on s.id = cs.subject_id
       cross join unnest(array[1, 2, null]::int[]) sem
       where y.code = any ($1) and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')`, [PAST, CURRENT_YEAR]);
    expect(st).toEqual({ past_locked: true, current_locks: 0 });
    const c = db();
    await c.query('begin');
    try {
      const attempt = c.query(
        `update public.score_entries set score = 10 where id = (select x.id from public.score_entries x
           join public.school_years y on y.id = x.school_year_id where y.code = $1 and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong') and x.score is not null limit 1)`, [PAST[0]]);
      await expect(attempt).rejects.toMatchObject({ code: 'PT423' });
    } finally {
      await c.query('rollback');
    }
  });

  it('the current year is in progress: semester I partly entered, no ĐĐGck, 10A1 Toán open for its midterm', async () => {
    const [r] = await rows<{ entries: number; beyond: number; columns: number; with_tx: number; with_gk: number }>(
      `with cur as (select x.* from public.score_entries x join public.school_years y on y.id = x.school_year_id and y.code = $1 and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')),
       cols as (
         select cs.class_id, cs.subject_id, s.code
         from public.class_subjects cs join public.classes c on c.id = cs.class_id join public.school_years y on y.id = c.school_year_id and y.code = $1 and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong')
         join public.subjects s on s.id = cs.subject_id and s.category <> 'topic')
       select (select count(*)::int from cur) as entries,
              (select count(*)::int from cur where semester <> 1 or kind in ('ck', 'retest') or (kind = 'tx' and seq > 2)) as beyond,
              (select count(*)::int from cols) as columns,
              (select count(*)::int from cols where exists (select 1 from cur where cur.class_id = cols.class_id and cur.subject_id = cols.subject_id and kind = 'tx')) as with_tx,
              (select count(*)::int from cols where exists (select 1 from cur where cur.class_id = cols.class_id and cur.subject_id = cols.subject_id and kind = 'gk')) as with_gk`,
      [CURRENT_YEAR]);
    expect(r!.entries).toBeGreaterThan(3000);
    expect(r!.beyond).toBe(0);
    expect(r!.with_tx / r!.columns).toBeGreaterThan(0.75);
    expect(r!.with_gk / r!.columns).toBeGreaterThan(0.3);
    expect(r!.with_gk / r!.columns).toBeLessThan(0.7);
    const [t] = await rows<{ tx: number; gk_ck: number; students: number }>(
      `select count(*) filter (where x.kind = 'tx')::int as tx, count(*) filter (where x.kind in ('gk', 'ck'))::int as gk_ck,
              count(distinct x.student_id)::int as students
       from public.score_entries x join public.classes c on c.id = x.class_id join public.school_years y on y.id = c.school_year_id
       join public.subjects s on s.id = x.subject_id
       where y.code = $1 and y.school_id = (select o.id from public.org_units o where o.code = 'thpt-tandong') and c.name = '10A1' and s.code = 'toan' and x.semester = 1`, [CURRENT_YEAR]);
    expect(t!.tx).toBeGreaterThan(30);
    expect(t!.gk_ck).toBe(0);
    expect(t!.students).toBeGreaterThan(30);
    const [o] = await rows<{ conduct: number; conduct_sem2: number; absences: number; after_today: number }>(
      `select (select count(*)::int from public.conduct_ratings k where k.school_year_id = y.id) as conduct,
              (select count(*)::int from public.conduct_ratings k where k.school_year_id = y.id and k.semester is distinct from 1) as conduct_sem2,
              (select count(*)::int from public.attendance d where d.school_year_id = y.id) as absences,
              (select count(*)::int from public.attendance d where d.school_year_id = y.id and d.on_date > date '2026-11-20') as after_today
       from public.school_years y join public.org_units o on o.id = y.school_id where o.code = $1 and y.code = $2`, [THPT, CURRENT_YEAR]);
    expect(o!.conduct).toBeGreaterThan(0);
    expect(o!.conduct).toBeLessThan(100);
    expect(o!.conduct_sem2).toBe(0);
    expect(o!.absences).toBeGreaterThan(20);
    expect(o!.after_today).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Gradebook (TT27): Tiểu học Tân Đông's 2025–2026 complete and locked, 2026–2027 at mid-semester I
// ---------------------------------------------------------------------------------------------------
const TH = 'th-tandong';
const [TH_PAST] = SCHOOL_YEARS[TH];

describe('demo gradebook, primary (TT27)', () => {
  it('2025–2026 is complete: every subject at the four periods with a level and a comment, tests where TT27 has them', async () => {
    const [r] = await rows<Record<string, number>>(
      `with y as (select y.* from public.school_years y join public.org_units o on o.id = y.school_id where o.code = $1 and y.code = $2),
       slots as (
         select e.class_id, e.student_id, cs.subject_id, p.sem, p.kind::public.entry_kind as kind
         from public.enrolments e join y on y.id = e.school_year_id
         join public.class_subjects cs on cs.class_id = e.class_id
         join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
         cross join (values (1, 'gk'), (1, 'ck'), (2, 'gk'), (2, 'ck')) p (sem, kind)
       ), entries as (
         select x.class_id, x.student_id, x.subject_id, x.semester::int as sem, x.kind
         from public.score_entries x join y on y.id = x.school_year_id
       )
       select (select count(*)::int from slots) as expected,
              (select count(*)::int from (select * from slots except select * from entries) m) as missing,
              (select count(*)::int from (select * from entries except select * from slots) m) as extra,
              (select count(*)::int from public.score_entries x join y on y.id = x.school_year_id where x.comment is null) as no_comment,
              (select count(*)::int from public.score_entries x join y on y.id = x.school_year_id where x.score is not null) as tests,
              (select count(*)::int from public.quality_ratings q join y on y.id = q.school_year_id) as qualities,
              (select count(*)::int * 15 * 4 from public.enrolments e join y on y.id = e.school_year_id) as qualities_expected,
              (select count(*)::int from public.student_measures m join y on y.id = m.school_year_id and m.measured_on = y.semester2_starts_on) as measures,
              (select count(*)::int from public.enrolments e join y on y.id = e.school_year_id) as pupils,
              (select count(*)::int from public.attendance d join y on y.id = d.school_year_id) as absences`, [TH, TH_PAST]);
    expect(r!.expected).toBeGreaterThan(4000);
    expect(r).toMatchObject({ missing: 0, extra: 0, no_comment: 0, qualities: r!.qualities_expected, measures: r!.pupils });
    expect(r!.tests).toBeGreaterThan(500);
    expect(r!.absences).toBeGreaterThan(50);
  });

  it('2025–2026: a realistic spread of year results, computed by the rule functions (primary_results)', async () => {
    const got = Object.fromEntries((await rows<{ result: string; n: number }>(
      `select r.year_result as result, count(*)::int as n from public.primary_results r
       join public.school_years y on y.id = r.school_year_id join public.org_units o on o.id = y.school_id
       where o.code = $1 and y.code = $2 group by 1`, [TH, TH_PAST])).map((g) => [g.result, g.n]));
    const total = Object.values(got).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(140);
    expect(got.null).toBeUndefined(); // nothing missing: every pupil has a result
    expect(got.xuat_sac).toBeGreaterThanOrEqual(0.05 * total);
    expect(got.tot).toBeGreaterThanOrEqual(0.15 * total);
    expect(got.hoan_thanh).toBeGreaterThanOrEqual(0.3 * total);
    expect(got.chua_hoan_thanh).toBeGreaterThanOrEqual(2);
    expect(got.chua_hoan_thanh).toBeLessThanOrEqual(0.08 * total);
  });

  it('2025–2026 is locked by the primary principal\'s decision; 2026–2027 has the mid-semester I evaluations only', async () => {
    const [d] = await rows<{ decided_by: string; locks: number }>(
      `select p.email as decided_by, (select count(*)::int from public.gradebook_locks l where l.decision_id = d.id) as locks
       from public.lock_decisions d join public.school_years y on y.id = d.school_year_id join public.org_units o on o.id = y.school_id
       join public.profiles p on p.id = d.decided_by where o.code = $1 and y.code = $2`, [TH, TH_PAST]);
    expect(d).toEqual({ decided_by: 'hieutruong@th-tandong.edu.vn', locks: 3 });
    const [c] = await rows<Record<string, number>>(
      `with y as (select y.* from public.school_years y join public.org_units o on o.id = y.school_id where o.code = $1 and y.code = $2)
       select (select count(*)::int from public.score_entries x join y on y.id = x.school_year_id where x.semester = 1 and x.kind = 'gk') as gk1,
              (select count(*)::int from public.score_entries x join y on y.id = x.school_year_id where not (x.semester = 1 and x.kind = 'gk')) as beyond,
              (select count(*)::int from public.enrolments e join y on y.id = e.school_year_id
                 join public.class_subjects cs on cs.class_id = e.class_id join public.subjects s on s.id = cs.subject_id and s.category <> 'topic') as expected,
              (select count(*)::int from public.quality_ratings q join y on y.id = q.school_year_id where not (q.semester = 1 and q.kind = 'gk')) as qualities_beyond,
              (select count(*)::int from public.quality_ratings q join y on y.id = q.school_year_id) as qualities,
              (select count(*)::int from public.gradebook_locks l join y on y.id = l.school_year_id) as locks,
              (select count(*)::int from public.student_measures m join y on y.id = m.school_year_id) as measures`, [TH, CURRENT_YEAR]);
    expect(c).toMatchObject({ gk1: c!.expected, beyond: 0, qualities_beyond: 0, locks: 0, measures: 0 });
    expect(c!.qualities).toBeGreaterThan(2000);
  });
});
