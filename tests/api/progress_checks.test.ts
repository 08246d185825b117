// Deadlines, progress and checks through the real API (issue 6, second part): rpc/gradebook_progress's
// numbers equal a direct count in SQL; each role gets its scope (BGH the school, a Tổ trưởng the
// department, a teacher their own sheets, the primary school's admin board its 3A); the school's
// deadline setting moves what is due; BGH records a check against an overdue teacher, which the
// teacher reads and nobody can change. Demo: THPT Tân Đông 2026–2027, semester I; the seed schedules
// the mid-semester test seven weeks into the year, so its entries were due before the demo's today.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, FunctionReturns, Narrowed } from '../../supabase/functions/_shared/database.ts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import pgLib from 'pg';
import { one } from '../helpers/corrections.ts';

const at = (u: string, school = 'thpt-tandong') => `${u}@${school}.edu.vn`;
/** A row of rpc/gradebook_progress; a subject nobody teaches yet has no teacher (the generator cannot see that). */
type Row = Narrowed<FunctionReturns<'gradebook_progress'>[number], { teacher_id: string | null; teacher_name: string | null }>;
const ids = { school: '', year: '', primaryYear: '', teacher: '', principal: '' };
let principal: SupabaseClient<Database>, admin: SupabaseClient<Database>, teacher: SupabaseClient<Database>, head: SupabaseClient<Database>, other: SupabaseClient<Database>;
let su: pg.Client;

async function progress(client: SupabaseClient<Database>, yearId = ids.year, semester = 1): Promise<Row[]> {
  const { data, error } = await client.rpc('gradebook_progress', { p_school_year_id: yearId, p_semester: semester });
  if (error) throw new Error(error.message);
  return data;
}

beforeAll(async () => {
  const svc = serviceClient();
  principal = await signedIn(at('hieutruong'));
  admin = await signedIn(at('bqt'));
  teacher = await signedIn(at('gv.toan'));
  head = await signedIn(at('totruong.toan'));
  other = await signedIn(at('gvcn.10a1'));
  ids.teacher = (await teacher.auth.getUser()).data.user!.id;
  ids.principal = (await principal.auth.getUser()).data.user!.id;
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  const primary = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  ids.primaryYear = (await one(svc.from('school_years').select('id').eq('school_id', primary).eq('code', '2026-2027'))).id as string;
  su = new pgLib.Client({ connectionString: stackInfo().dbUrl });
  await su.connect();
});

afterAll(async () => {
  await su?.end();
});

describe('rpc/gradebook_progress', () => {
  it('BGH gets every sheet of the school; the numbers equal a direct count of the entries', async () => {
    const rows = await progress(principal);
    const sheets = (await su.query(`select count(*)::int as n from classes c join class_subjects cs on cs.class_id = c.id
      join subjects s on s.id = cs.subject_id where c.school_year_id = $1 and s.category <> 'topic'`, [ids.year])).rows[0].n;
    expect(rows).toHaveLength(sheets);
    const toan = rows.find((r) => r.class_name === '10A1' && r.subject_name === 'Toán')!;
    expect(toan.teacher_id).toBe(ids.teacher);
    // The same numbers, counted directly: required ĐĐGtx capped per student, ĐĐGgk, ĐĐGck.
    const direct = (await su.query(`
      select count(*)::int as students,
             sum(public.required_regular_assessments(cs.periods_per_year) + 2)::int as required,
             sum(least((select count(*) from score_entries x where x.student_id = e.student_id and x.subject_id = cs.subject_id
                          and x.school_year_id = $1 and x.semester = 1 and x.kind = 'tx'), public.required_regular_assessments(cs.periods_per_year))
                 + (select count(*) from score_entries x where x.student_id = e.student_id and x.subject_id = cs.subject_id
                      and x.school_year_id = $1 and x.semester = 1 and x.kind in ('gk', 'ck')))::int as done
      from enrolments e join class_subjects cs on cs.class_id = e.class_id
      where e.class_id = $2 and cs.subject_id = $3 and e.end_reason is distinct from 'class_change'
        and not exists (select 1 from subject_exemptions x where x.student_id = e.student_id and x.subject_id = cs.subject_id and x.school_year_id = $1)`,
      [ids.year, toan.class_id, toan.subject_id])).rows[0];
    expect({ students: toan.students, required: toan.required, done: toan.done }).toEqual(direct);
    // The mid-semester test was seven weeks in and its entries were due two weeks later: 10A1 Toán has
    // only its first ĐĐGtx, so every student's ĐĐGgk is overdue (and the weekly ĐĐGtx beyond the first).
    expect(toan.due).toBeGreaterThan(toan.done);
    expect(toan.overdue).toBeGreaterThanOrEqual(toan.students);
    const totals = rows.reduce((a, r) => ({ done: a.done + r.done, overdue: a.overdue + r.overdue }), { done: 0, overdue: 0 });
    const all = (await su.query(`select count(*)::int as n from score_entries x join subjects s on s.id = x.subject_id
      where x.school_year_id = $1 and x.semester = 1 and s.category <> 'topic'`, [ids.year])).rows[0].n;
    expect(totals.done).toBeLessThanOrEqual(all);
  });

  it('a Tổ trưởng gets the sheets of the department\'s teachers; a teacher their own; a guardian is refused', async () => {
    const mine = await progress(teacher);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.teacher_id === ids.teacher)).toBe(true);
    expect(mine.map((r) => r.class_name).sort()).toEqual(['10A1', '11A1']);
    const dept = await progress(head);
    expect(dept.some((r) => r.teacher_id === ids.teacher)).toBe(true);
    expect(dept.every((r) => ['Toán', 'Tin học', 'Chuyên đề học tập Toán', 'Chuyên đề học tập Tin học'].includes(r.subject_name) || r.teacher_id !== null)).toBe(true);
    expect(dept.length).toBeLessThan((await progress(principal)).length);
    const guardian = await signedIn(at('phuhuynh'));
    const { error } = await guardian.rpc('gradebook_progress', { p_school_year_id: ids.year, p_semester: 1 });
    expect(error?.code).toBe('42501');
  });

  it('the primary school\'s admin board sees 3A\'s sheets under TT27', async () => {
    const bqt = await signedIn(at('bqt', 'th-tandong'));
    const rows = await progress(bqt, ids.primaryYear);
    const a3 = rows.filter((r) => r.class_name === '3A');
    expect(a3.length).toBeGreaterThan(5);
    expect(a3.every((r) => r.regime === 'tt27')).toBe(true);
    // Toán in grade 3: gk and ck levels, the end-of-semester test: 3 entries a student.
    const toan = a3.find((r) => r.subject_name === 'Toán')!;
    expect(toan.required).toBe(toan.students * 3);
  });

  it('the admin board\'s deadline setting moves what is due: 30 days after the test, the mid-semester entries are not due yet', async () => {
    const before = (await progress(principal)).find((r) => r.class_name === '10A1' && r.subject_name === 'Toán')!;
    expect((await admin.from('school_deadlines').upsert({ school_id: ids.school, periodic_days: 30 })).error).toBeNull();
    try {
      const after = (await progress(principal)).find((r) => r.class_name === '10A1' && r.subject_name === 'Toán')!;
      expect(after.due).toBe(before.due - before.students);
      // Only the admin board sets them.
      const refused = await principal.from('school_deadlines').update({ periodic_days: 7 }).eq('school_id', ids.school).select('school_id');
      expect(refused.data).toEqual([]);
      const bad = await admin.from('school_deadlines').update({ periodic_days: 0 }).eq('school_id', ids.school);
      expect(bad.error?.code).toBe('23514');
    } finally {
      expect((await admin.from('school_deadlines').update({ periodic_days: 14 }).eq('school_id', ids.school)).error).toBeNull();
    }
  });
});

describe('checks (biên bản kiểm tra)', () => {
  it('BGH records a check against an overdue teacher; the teacher reads it, a colleague does not, nobody changes it', async () => {
    const { data, error } = await principal.from('inspections').insert({
      school_id: ids.school, school_year_id: ids.year, kind: 'ad_hoc', teacher_id: ids.teacher, subject_id: null,
      findings: 'Chưa nhập ĐĐGgk môn Toán lớp 10A1 quá hạn 2 tuần sau kiểm tra.', follow_up: 'Hoàn thành trước thứ Sáu.', follow_up_by: '2026-11-27',
    }).select('id, checked_by, checked_on').single();
    expect(error).toBeNull();
    expect(data!.checked_by).toBe(ids.principal);
    expect((await teacher.from('inspections').select('id').eq('id', data!.id)).data).toHaveLength(1);
    expect((await other.from('inspections').select('id').eq('id', data!.id)).data).toEqual([]);
    expect((await admin.from('inspections').select('id').eq('id', data!.id)).data).toHaveLength(1);
    const edit = await principal.from('inspections').update({ findings: 'Không có gì' }).eq('id', data!.id);
    expect(edit.error?.code).toBe('42501');
    // A teacher cannot record a check, nor BGH one signed as someone else.
    expect((await other.from('inspections').insert({ school_id: ids.school, school_year_id: ids.year, kind: 'ad_hoc', teacher_id: ids.teacher, findings: 'Tự kiểm tra' })).error?.code).toBe('42501');
    expect((await principal.from('inspections').insert({ school_id: ids.school, school_year_id: ids.year, kind: 'ad_hoc', teacher_id: ids.teacher, findings: 'Kiểm tra', checked_by: ids.teacher })).error?.code).toBe('42501');
  });

  it('a Tổ trưởng records monthly checks of the department\'s teachers only', async () => {
    expect((await head.from('inspections').insert({ school_id: ids.school, school_year_id: ids.year, kind: 'monthly', teacher_id: ids.teacher,
      findings: 'Kiểm tra tháng 11: sổ điểm Toán 10A1 còn thiếu ĐĐGgk.' })).error).toBeNull();
    const outsider = (await other.auth.getUser()).data.user!.id; // gvcn.10a1 teaches Ngữ văn: another department
    const refused = await head.from('inspections').insert({ school_id: ids.school, school_year_id: ids.year, kind: 'monthly', teacher_id: outsider, findings: 'Kiểm tra tháng 11.' });
    expect(refused.error?.code).toBe('42501');
  });
});
