// The demo seed's promises (../shared/docs/DEMO.md), checked in a database of this file's own, cloned from
// the migrated and seeded template; determinism is checked on the generator's output in memory.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_YEAR, SCHOOL_YEARS, buildDemo, demoStudent } from '../../supabase/seed/demo.ts';
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

  it('the guardian account is linked to exactly one student, of 10A1 this year, who is the student account', async () => {
    const linked = await rows<{ id: string; full_name: string; class: string; account: string | null }>(
      `select s.id, s.full_name, c.name as class, sp.email as account
       from public.guardians g join public.profiles gp on gp.id = g.profile_id
       join public.students s on s.id = g.student_id
       left join public.profiles sp on sp.id = s.profile_id
       join public.enrolments e on e.student_id = s.id and e.ended_on is null
       join public.classes c on c.id = e.class_id join public.school_years y on y.id = e.school_year_id and y.code = $1
       where gp.email = 'phuhuynh@thpt-tandong.edu.vn'`, [CURRENT_YEAR]);
    expect(linked).toHaveLength(1);
    expect(linked[0]!.class).toBe('10A1');
    expect(linked[0]!.account).toBe('hocsinh@thpt-tandong.edu.vn');
    expect(linked[0]!.full_name).toBe(demoStudent().full_name);
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

  it('is deterministic: two generations give the same people, classes and ids', () => {
    const a = buildDemo().data;
    const b = buildDemo().data;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.students.length).toBeGreaterThan(500);
    expect(a.students.slice(0, 3).map((s) => s.given_name)).toEqual(b.students.slice(0, 3).map((s) => s.given_name));
  });
});
