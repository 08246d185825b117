// Approval and publication of results through the real API: the GVCN proposes once the class is
// complete, BGH returns, approves and publishes, each step by its role; a guardian (and a student)
// reads nothing before publication and only their own child after it. The demo publishes every past
// year (docs/DEMO.md), so the workflow runs on a school of this file's own (tests/helpers/ownSchool.ts:
// the seed's code path, one complete 2025–2026, nothing published), its 10A1 year results, with a
// guardian account made for one of its students. The demo's own publication is checked at the end:
// every class and period of its past years published by three different people, what families read
// of it over HTTP, and the current year unpublished. The freezing of entries by a proposal needs an
// open sheet in a proposed state, which would disturb the other files on the shared stack, so it runs
// in a cloned database as SQL sessions of the demo users.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, createUser, serviceClient, signedIn, superuser, useClonedDb } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const ids = { school: '', pastYear: '', past10A1: '', year: '', c10A1: '', child: '', other: '' };
let homeroom: SupabaseClient<Database>, principal: SupabaseClient<Database>, teacher: SupabaseClient<Database>, family: SupabaseClient<Database>;
let demoHomeroom: SupabaseClient<Database>, demoGuardian: SupabaseClient<Database>, demoStudent: SupabaseClient<Database>;
let own: OwnSchool;

const step = (client: SupabaseClient<Database>, action: string, note?: string, classId = ids.past10A1, semester: number | null = null) =>
  client.rpc('advance_results', { p_class_id: classId, p_semester: semester, p_action: action, p_note: note });

interface Published { student_id: string; class_name: string; school_year_code: string; semester: number | null; learning_level: string; conduct_level: string; promotion: string; subjects: { name: string; average: number | null; rating: boolean | null }[] }

async function myResults(client: SupabaseClient<Database>): Promise<Published[]> {
  const { data, error } = await client.rpc('my_results');
  expect(error).toBeNull();
  return data as unknown as Published[];
}

/** A parent account (with its profile) linked to `studentId` of `schoolId`. */
async function parentOf(schoolId: string, studentId: string, fullName: string): Promise<SupabaseClient<Database>> {
  const svc = serviceClient();
  const user = await createUser();
  expect((await svc.from('profiles').insert({ id: user.id, full_name: fullName, email: user.email })).error).toBeNull();
  expect((await svc.from('guardians').insert({ school_id: schoolId, student_id: studentId, relationship: 'mother', full_name: fullName, profile_id: user.id })).error).toBeNull();
  return signedIn(user.email, user.password);
}

beforeAll(async () => {
  const svc = serviceClient();
  const su = await superuser();
  try {
    own = await createOwnSchool(su);
  } finally {
    await su.end();
  }
  homeroom = await signedIn(own.classes['10A1'].gvcn);
  principal = await signedIn(own.principal);
  teacher = await signedIn(own.classes['10A1'].teacher);
  demoHomeroom = await signedIn(at('gvcn.10a1'));
  demoGuardian = await signedIn(at('phuhuynh'));
  demoStudent = await signedIn(at('hocsinh'));
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  ids.c10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '10A1'))).id as string;
  ids.pastYear = own.yearId;
  ids.past10A1 = own.classes['10A1'].id;
  [ids.child, ids.other] = [own.classes['10A1'].students[0]!, own.classes['10A1'].students[1]!];
  // A parent account for one student of the own school's 10A1.
  family = await parentOf(own.schoolId, ids.child, 'Trần Thị Mẹ');
});

describe('publication of a class\'s year results (the own school\'s 2025–2026 10A1)', () => {
  it('before publication a guardian reads nothing: no results, no entries', async () => {
    expect(await myResults(family)).toEqual([]);
    expect((await family.from('student_results').select('student_id').eq('student_id', ids.child)).data).toEqual([]);
    expect((await family.from('score_entries').select('id').eq('student_id', ids.child).limit(1)).data).toEqual([]);
    expect((await family.from('result_publications').select('id').eq('class_id', ids.past10A1)).data).toEqual([]);
  });

  it('only the GVCN proposes, only BGH decides, in order', async () => {
    const notHomeroom = await step(teacher, 'propose');
    expect(notHomeroom.error?.code).toBe('42501');
    expect(notHomeroom.error?.message).toBe('Chỉ giáo viên chủ nhiệm lớp 10A1 trình duyệt kết quả của lớp');
    const early = await step(principal, 'publish');
    expect(early.error?.code).toBe('PT409');
    expect(early.error?.message).toContain('chưa trình');
    expect((await step(homeroom, 'approve')).error?.code).toBe('42501');
    expect((await step(homeroom, 'propose')).error).toBeNull();
    expect(await myResults(family)).toEqual([]);
    const noReason = await step(principal, 'return');
    expect(noReason.error?.message).toBe('Hãy ghi lý do trả lại');
    expect((await step(principal, 'return', 'Kiểm tra lại điểm môn Toán')).error).toBeNull();
    expect((await step(homeroom, 'propose')).error).toBeNull();
    const { data: approved, error } = await step(principal, 'approve');
    expect(error).toBeNull();
    expect((approved as { status: string }).status).toBe('approved');
    expect(await myResults(family)).toEqual([]);
    expect((await step(principal, 'approve')).error?.code).toBe('PT409');
  });

  it('after publication the guardian reads their child only, with the values the school reads', async () => {
    expect((await step(principal, 'publish')).error).toBeNull();
    const mine = await myResults(family);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ student_id: ids.child, class_name: '10A1', school_year_code: '2025-2026', semester: null });
    const school = await one(serviceClient().from('student_results').select('learning_level, conduct_level, promotion')
      .eq('student_id', ids.child).eq('class_id', ids.past10A1).is('semester', null));
    expect(mine[0]).toMatchObject(school);
    expect(mine[0]!.subjects.length).toBeGreaterThan(5);
    expect(mine[0]!.subjects.every((s) => s.average !== null || s.rating !== null)).toBe(true);
    expect(mine.some((r) => r.student_id === ids.other)).toBe(false);
    // The family reads results through my_results only, not the workflow rows.
    expect((await family.from('result_publications').select('semester, status').eq('class_id', ids.past10A1)).data).toEqual([]);
    // The demo family reads nothing of it: the parent only her older child's years, the student nothing.
    const demoFamily = await myResults(demoGuardian);
    expect(demoFamily.length).toBeGreaterThan(0);
    expect(demoFamily.some((r) => r.student_id === ids.child || r.student_id === ids.other)).toBe(false);
    expect(await myResults(demoStudent)).toEqual([]);
    // The history records each step.
    const pub = await one(serviceClient().from('result_publications').select('id').eq('class_id', ids.past10A1).is('semester', null));
    const events = (await principal.from('result_publication_events').select('action, note').eq('publication_id', pub.id as string).order('id')).data!;
    expect(events.map((e) => e.action)).toEqual(['propose', 'return', 'propose', 'approve', 'publish']);
    expect(events[1]!.note).toBe('Kiểm tra lại điểm môn Toán');
  });

  it('an incomplete class cannot be proposed, and the message says what is missing', async () => {
    const { error } = await step(demoHomeroom, 'propose', undefined, ids.c10A1, 1);
    expect(error?.code).toBe('22023');
    expect(error?.message).toMatch(/^Chưa trình duyệt được kết quả lớp 10A1: chưa đủ điểm: .*Toán \(\d+ học sinh\)/);
    // Nothing was recorded: the refusal rolled back the whole call.
    expect((await serviceClient().from('result_publications').select('status').eq('class_id', ids.c10A1).eq('semester', 1)).data).toEqual([]);
  });
});

describe('a proposed period is frozen (cloned database)', () => {
  const db = useClonedDb();

  it('refuses the teacher\'s save once the GVCN proposes, and accepts it again when returned', async () => {
    const su = db();
    const q1 = async (sql: string, params: unknown[] = []) => (await su.query(sql, params)).rows[0];
    const teacherId = (await q1(`select id from auth.users where email = $1`, [at('gv.toan')])).id as string;
    const cls = (await q1(`select c.id, c.school_id, c.school_year_id from classes c join school_years y on y.id = c.school_year_id
                          where y.code = '2026-2027' and c.name = '11A1' and c.school_id = $1`, [ids.school]));
    const toan = (await q1(`select id from subjects where school_level = 'upper_secondary' and code = 'toan'`)).id as string;
    const student = (await q1(`select student_id from enrolments where class_id = $1 limit 1`, [cls.id])).student_id as string;
    const save = () => su.query(`select public.save_score_entries($1, $2, 2, $3)`,
      [cls.id, toan, JSON.stringify([{ student_id: student, kind: 'tx', seq: 1, value: '8', version: null }])]);
    // The state a GVCN's proposal leaves (completeness is tested above through the API).
    await su.query(`insert into result_publications (school_id, school_year_id, class_id, semester, status) values ($1, $2, $3, 2, 'proposed')`,
      [cls.school_id, cls.school_year_id, cls.id]);
    await expect(asUser(su, { sub: teacherId }, save)).rejects.toThrow(/kết quả đã trình duyệt.*đề nghị sửa điểm/);
    await su.query(`update result_publications set status = 'draft' where class_id = $1 and semester = 2`, [cls.id]);
    await asUser(su, { sub: teacherId }, save);
    // A publication is never deleted, and cannot skip a step.
    await expect(su.query(`update result_publications set status = 'published' where class_id = $1 and semester = 2`, [cls.id]))
      .rejects.toThrow('Không thể chuyển kết quả từ "draft" sang "published"');
    await expect(su.query(`delete from result_publications where class_id = $1`, [cls.id])).rejects.toThrow('không được sửa hay xoá');
  });
});

describe('the demo publishes its past years (docs/DEMO.md)', () => {
  const PAST = ['2024-2025', '2025-2026'];

  it('every class of 2024–2025 and 2025–2026, both schools, has semester I, II and the year published: proposed by its GVCN, approved by the vice principal, published by the principal, three people', async () => {
    const su = await superuser();
    try {
      const { rows } = await su.query<{ school: string; year: string; class: string; periods: (number | null)[]; trails: string[] }>(`
        select o.code as school, y.code as year, c.name as class,
               array_agg(p.semester order by p.semester nulls last) filter (where p.status = 'published') as periods,
               array_agg((select string_agg(e.action || ':' ||
                                   case e.actor_id when c.homeroom_teacher_id then 'gvcn'
                                     when (select m.profile_id from public.memberships m where m.school_year_id = c.school_year_id and m.profile_id = e.actor_id and m.role = 'vice_principal') then 'vice_principal'
                                     when (select m.profile_id from public.memberships m where m.school_year_id = c.school_year_id and m.profile_id = e.actor_id and m.role = 'principal') then 'principal'
                                     else 'other' end, ' ' order by e.id)
                          -- (a correction applied later adds a 'revise' event: other suites make some)
                          from public.result_publication_events e where e.publication_id = p.id and e.action <> 'revise')
                         order by p.semester nulls last) as trails
        from public.classes c join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
        left join public.result_publications p on p.class_id = c.id
        where o.code in ('thpt-tandong', 'th-tandong') and y.code = any ($1::text[])
        group by o.code, y.code, c.name order by 1, 2, 3`, [PAST]);
      // THPT: 6 classes in each of the two years; the primary school: its 5 classes of 2025–2026 (its only past year).
      expect(rows.map((r) => `${r.school} ${r.year}`).reduce<Record<string, number>>((n, k) => ({ ...n, [k]: (n[k] ?? 0) + 1 }), {}))
        .toEqual({ 'th-tandong 2025-2026': 5, 'thpt-tandong 2024-2025': 6, 'thpt-tandong 2025-2026': 6 });
      for (const r of rows) {
        expect(r.periods, `${r.school} ${r.year} ${r.class}`).toEqual([1, 2, null]);
        expect(r.trails, `${r.school} ${r.year} ${r.class}`).toEqual(Array(3).fill('propose:gvcn approve:vice_principal publish:principal'));
      }
      // Three different people on every publication (the row's own record of the steps).
      const { rows: same } = await su.query(`select count(*)::int as n, count(*) filter (where p.proposed_by = p.approved_by or p.approved_by = p.published_by
                                          or p.proposed_by = p.published_by or p.proposed_by is null or p.approved_by is null or p.published_by is null)::int as bad
        from public.result_publications p join public.school_years y on y.id = p.school_year_id join public.org_units o on o.id = p.school_id
        where p.status = 'published' and o.code in ('thpt-tandong', 'th-tandong') and y.code = any ($1::text[])`, [PAST]);
      expect(same[0]).toEqual({ n: 51, bad: 0 });
      // Each on its day, by the product's clock (never after the pinned today): semester I a
      // week after it ended, semester II and the year five days after the year ended.
      const { rows: days } = await su.query(`
        select count(*)::int as n,
               count(*) filter (where (p.published_at at time zone 'Asia/Ho_Chi_Minh')::date <> case when p.semester = 1 then y.semester1_ends_on + 7 else y.ends_on + 5 end
                                   or (p.proposed_at at time zone 'Asia/Ho_Chi_Minh')::date <> (p.published_at at time zone 'Asia/Ho_Chi_Minh')::date
                                   or (p.published_at at time zone 'Asia/Ho_Chi_Minh')::date > public.app_today())::int as off
        from public.result_publications p join public.school_years y on y.id = p.school_year_id join public.org_units o on o.id = p.school_id
        where p.status = 'published' and o.code in ('thpt-tandong', 'th-tandong') and y.code = any ($1::text[])`, [PAST]);
      expect(days[0]).toEqual({ n: 51, off: 0 });
      // The steps are in the audit log too: every event of a demo step has the audit entry of its insert,
      // by the event's actor, in the publication's school and year chain, as the user role that acted.
      const { rows: unaudited } = await su.query(`
        select count(*)::int as events, count(*) filter (where not exists (
                 select 1 from public.audit_log a
                 where a.table_name = 'result_publication_events' and a.action = 'insert' and a.school_id = e.school_id
                   and a.school_year_id = e.school_year_id and a.actor_id = e.actor_id and a.actor_role = 'authenticated'
                   and a.new_rows @> jsonb_build_array(jsonb_build_object('id', e.id, 'action', e.action))))::int as missing
        from public.result_publication_events e join public.school_years y on y.id = e.school_year_id join public.org_units o on o.id = e.school_id
        where o.code in ('thpt-tandong', 'th-tandong') and y.code = any ($1::text[]) and e.action <> 'revise'`, [PAST]);
      expect(unaudited[0]).toEqual({ events: 153, missing: 0 });
    } finally {
      await su.end();
    }
  });

  it('control: nothing of the current year 2026–2027 is published, in either school', async () => {
    const svc = serviceClient();
    const years = (await svc.from('school_years').select('id').eq('code', '2026-2027')).data!.map((y) => y.id as string);
    expect(years.length).toBeGreaterThanOrEqual(2);
    expect((await svc.from('result_publications').select('id').in('school_year_id', years).eq('status', 'published')).data).toEqual([]);
  });

  it('over HTTP a parent of this year\'s 12A1 student reads both years (10A1 2024–2025, 11A1 2025–2026), each period with the school\'s values, and nothing of 2026–2027', async () => {
    const svc = serviceClient();
    const year = async (code: string) => (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', code))).id as string;
    const classOf = async (yearCode: string, name: string) => (await one(svc.from('classes').select('id').eq('school_year_id', await year(yearCode)).eq('name', name))).id as string;
    const [c12A1, p11A1, p10A1] = await Promise.all([classOf('2026-2027', '12A1'), classOf('2025-2026', '11A1'), classOf('2024-2025', '10A1')]);
    const in12A1 = new Set((await svc.from('enrolments').select('student_id').eq('class_id', c12A1)).data!.map((e) => e.student_id as string));
    const in11A1 = new Set((await svc.from('enrolments').select('student_id').eq('class_id', p11A1)).data!.map((e) => e.student_id as string));
    const child = (await svc.from('enrolments').select('student_id').eq('class_id', p10A1).order('student_id')).data!
      .map((e) => e.student_id as string).find((s) => in12A1.has(s) && in11A1.has(s))!;
    const parent = await parentOf(ids.school, child, 'Võ Thị Mẹ');
    const mine = await myResults(parent);
    expect(mine.map((r) => `${r.school_year_code} ${r.class_name} ${r.semester ?? 'year'}`)).toEqual([
      '2025-2026 11A1 1', '2025-2026 11A1 2', '2025-2026 11A1 year', '2024-2025 10A1 1', '2024-2025 10A1 2', '2024-2025 10A1 year',
    ]);
    expect(mine.every((r) => r.student_id === child)).toBe(true);
    const school = await one(svc.from('student_results').select('learning_level, conduct_level, promotion')
      .eq('student_id', child).eq('class_id', p10A1).is('semester', null));
    expect(mine[5]).toMatchObject(school);
    expect(mine.every((r) => r.subjects.length > 5)).toBe(true);
  });

  it('over HTTP phuhuynh@ reads both past years of her older child (12A1 now), nothing of the younger (10A1, at the school since 2026–2027); hocsinh@ (the younger) reads none', async () => {
    const svc = serviceClient();
    const idOf = async (code: string) => (await one(svc.from('students').select('id').eq('student_code', code))).id as string;
    const [younger, older] = await Promise.all([idOf('7200100001'), idOf('7200100163')]);
    const enrolled = (await svc.from('enrolments').select('school_year_id').eq('student_id', younger)).data!.map((e) => e.school_year_id as string);
    expect(enrolled).toEqual([ids.year]);
    const mine = await myResults(demoGuardian);
    expect(mine.map((r) => `${r.school_year_code} ${r.class_name} ${r.semester ?? 'year'}`)).toEqual([
      '2025-2026 11A1 1', '2025-2026 11A1 2', '2025-2026 11A1 year', '2024-2025 10A1 1', '2024-2025 10A1 2', '2024-2025 10A1 year',
    ]);
    expect(mine.every((r) => r.student_id === older)).toBe(true);
    expect(await myResults(demoStudent)).toEqual([]);
  });
});
