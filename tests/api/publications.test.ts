// Approval and publication of results through the real API: the GVCN proposes once the class is
// complete, BGH returns, approves and publishes, each step by its role; a guardian (and a student)
// reads nothing before publication and only their own child after it. Works on the seed's complete
// 2024–2025 10A1 year (tests/api/corrections.test.ts publishes a period of 2025–2026 10A1), with a
// guardian account made for one of its students who was not in 2025–2026 10A1. The
// freezing of entries by a proposal needs an open sheet in a proposed state, which would disturb the
// other files on the shared stack, so it runs in a cloned database as SQL sessions of the demo users.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, createUser, serviceClient, signedIn, useClonedDb } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const ids = { school: '', pastYear: '', past10A1: '', year: '', c10A1: '', child: '', other: '' };
let homeroom: SupabaseClient<Database>, principal: SupabaseClient<Database>, teacher: SupabaseClient<Database>, family: SupabaseClient<Database>;
let demoGuardian: SupabaseClient<Database>, demoStudent: SupabaseClient<Database>;

const step = (client: SupabaseClient<Database>, action: string, note?: string, classId = ids.past10A1, semester: number | null = null) =>
  client.rpc('advance_results', { p_class_id: classId, p_semester: semester, p_action: action, p_note: note });

interface Published { student_id: string; class_name: string; school_year_code: string; semester: number | null; learning_level: string; conduct_level: string; promotion: string; subjects: { name: string; average: number | null; rating: boolean | null }[] }

async function myResults(client: SupabaseClient<Database>): Promise<Published[]> {
  const { data, error } = await client.rpc('my_results');
  expect(error).toBeNull();
  return data as unknown as Published[];
}

beforeAll(async () => {
  const svc = serviceClient();
  homeroom = await signedIn(at('gvcn.10a1'));
  principal = await signedIn(at('hieutruong'));
  teacher = await signedIn(at('gv.toan'));
  demoGuardian = await signedIn(at('phuhuynh'));
  demoStudent = await signedIn(at('hocsinh'));
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.pastYear = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2024-2025'))).id as string;
  const next = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2025-2026'))).id as string;
  const next10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', next).eq('name', '10A1'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  ids.past10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.pastYear).eq('name', '10A1'))).id as string;
  ids.c10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '10A1'))).id as string;
  const repeating = new Set((await svc.from('enrolments').select('student_id').eq('class_id', next10A1)).data!.map((e) => e.student_id as string));
  const students = (await svc.from('enrolments').select('student_id').eq('class_id', ids.past10A1).order('student_id')).data!
    .map((e) => e.student_id as string).filter((id) => !repeating.has(id));
  [ids.child, ids.other] = [students[0]!, students[1]!];
  // A parent account for one student of last year's 10A1.
  const user = await createUser();
  expect((await svc.from('profiles').insert({ id: user.id, full_name: 'Trần Thị Mẹ', email: user.email })).error).toBeNull();
  expect((await svc.from('guardians').insert({ school_id: ids.school, student_id: ids.child, relationship: 'mother', full_name: 'Trần Thị Mẹ', profile_id: user.id })).error).toBeNull();
  family = await signedIn(user.email, user.password);
});

describe('publication of a class\'s year results (2024–2025, 10A1)', () => {
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
    expect(mine[0]).toMatchObject({ student_id: ids.child, class_name: '10A1', school_year_code: '2024-2025', semester: null });
    const school = await one(serviceClient().from('student_results').select('learning_level, conduct_level, promotion')
      .eq('student_id', ids.child).eq('class_id', ids.past10A1).is('semester', null));
    expect(mine[0]).toMatchObject(school);
    expect(mine[0]!.subjects.length).toBeGreaterThan(5);
    expect(mine[0]!.subjects.every((s) => s.average !== null || s.rating !== null)).toBe(true);
    expect(mine.some((r) => r.student_id === ids.other)).toBe(false);
    // The family reads results through my_results only, not the workflow rows.
    expect((await family.from('result_publications').select('semester, status').eq('class_id', ids.past10A1)).data).toEqual([]);
    // The demo family (a child of this year's 10A1) still reads nothing.
    expect(await myResults(demoGuardian)).toEqual([]);
    expect(await myResults(demoStudent)).toEqual([]);
    // The history records each step.
    const pub = await one(serviceClient().from('result_publications').select('id').eq('class_id', ids.past10A1).is('semester', null));
    const events = (await principal.from('result_publication_events').select('action, note').eq('publication_id', pub.id as string).order('id')).data!;
    expect(events.map((e) => e.action)).toEqual(['propose', 'return', 'propose', 'approve', 'publish']);
    expect(events[1]!.note).toBe('Kiểm tra lại điểm môn Toán');
  });

  it('an incomplete class cannot be proposed, and the message says what is missing', async () => {
    const { error } = await step(homeroom, 'propose', undefined, ids.c10A1, 1);
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
