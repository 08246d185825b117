// A refusal names only what the caller may read (issue 11, finding 7), through the real API as the demo
// users: given the id of a student they cannot read (another class, another school) or an id that is
// nobody's, rpc/save_score_entries, rpc/save_primary_entries and the subject_comments trigger answer
// "not in this sheet" without a name, the same whether that student has an entry there or not (no
// version oracle); RPCs given another school's class answer "not found" without its name. Controls: a
// student the caller teaches IS named where the message needs it, and a class of the caller's own
// school is named. Nothing here is written: every call is refused.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const NOT_IN_SHEET = 'Học sinh không có trong sổ này';
const ids = {
  thpt: '', year: '', c10A1: '', c10A2: '', toan: '', pToan: '', pYear: '', c3A: '',
  mine: { id: '', name: '' }, stranger: { id: '', name: '' }, strangerWithEntry: { id: '', name: '', version: 0 },
  otherSchool: { id: '', name: '' }, pupil: { id: '', name: '' }, pupil4A: { id: '', name: '' },
};
let teacher: SupabaseClient<Database>, gvcn3A: SupabaseClient<Database>;

async function studentOf(classId: string, skip = 0) {
  const rows = (await serviceClient().from('enrolments').select('student_id, students!inner(full_name)').eq('class_id', classId)
    .is('ended_on', null).order('student_id').range(skip, skip)).data as unknown as { student_id: string; students: { full_name: string } }[];
  return { id: rows[0]!.student_id, name: rows[0]!.students.full_name };
}

const saveToan = (client: SupabaseClient<Database>, semester: number, changes: unknown[], classId = ids.c10A1, subjectId = ids.toan) =>
  client.rpc('save_score_entries', { p_class_id: classId, p_subject_id: subjectId, p_semester: semester, p_changes: changes });

beforeAll(async () => {
  const svc = serviceClient();
  [teacher, gvcn3A] = await Promise.all([signedIn('gv.toan@thpt-tandong.edu.vn'), signedIn('gvcn.3a@th-tandong.edu.vn')]);
  ids.thpt = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  const primary = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.thpt).eq('code', '2026-2027'))).id as string;
  ids.pYear = (await one(svc.from('school_years').select('id').eq('school_id', primary).eq('code', '2026-2027'))).id as string;
  const cls = async (year: string, name: string) => (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', name))).id as string;
  [ids.c10A1, ids.c10A2, ids.c3A] = await Promise.all([cls(ids.year, '10A1'), cls(ids.year, '10A2'), cls(ids.pYear, '3A')]);
  const c4A = await cls(ids.pYear, '4A');
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  ids.pToan = (await one(svc.from('subjects').select('id').eq('school_level', 'primary').eq('code', 'toan'))).id as string;
  ids.mine = await studentOf(ids.c10A1);
  ids.stranger = await studentOf(ids.c10A2);
  ids.otherSchool = await studentOf(c4A);
  ids.pupil = await studentOf(ids.c3A);
  ids.pupil4A = await studentOf(c4A, 1);
  // A 10A2 student with a Toán ĐĐGtx 1 of semester I (in the 10A2 sheet, which gv.toan does not teach).
  const entry = await one(svc.from('score_entries').select('student_id, version, students!inner(full_name)').eq('class_id', ids.c10A2)
    .eq('subject_id', ids.toan).eq('semester', 1).eq('kind', 'tx').eq('seq', 1).order('student_id').limit(1)) as unknown as
    { student_id: string; version: number; students: { full_name: string } };
  ids.strangerWithEntry = { id: entry.student_id, name: entry.students.full_name, version: entry.version };
  // Names gv.toan could only learn from a leak.
  const seen = (await teacher.from('students').select('id').in('id', [ids.stranger.id, ids.strangerWithEntry.id, ids.otherSchool.id])).data;
  expect(seen).toEqual([]);
});

function expectNoName(error: { message: string; details?: string | null; hint?: string | null } | null, ...names: string[]) {
  expect(error).toBeTruthy();
  for (const name of names) {
    expect(error!.message).not.toContain(name);
    expect(error!.details ?? '').not.toContain(name);
    expect(error!.hint ?? '').not.toContain(name);
  }
}

describe('save_score_entries names only the sheet\'s students (gv.toan, 10A1 Toán)', () => {
  it('a 10A2 student, a student of another school and an unknown id get the same 400/22023 "not in this sheet", without a name', async () => {
    for (const [who, name] of [[ids.stranger.id, ids.stranger.name], [ids.otherSchool.id, ids.otherSchool.name], [crypto.randomUUID(), '']] as const) {
      const res = await saveToan(teacher, 2, [{ student_id: who, kind: 'tx', seq: 1, value: '8' }]);
      expect(res.status, who).toBe(400);
      expect(res.error).toMatchObject({ code: '22023', message: NOT_IN_SHEET });
      expect(JSON.parse(res.error!.details)).toEqual([who]);
      if (name) expectNoName(res.error, name);
    }
  });

  it('a bad value for a foreign student is "not in this sheet" too, not a listing with their name', async () => {
    const res = await saveToan(teacher, 2, [{ student_id: ids.stranger.id, kind: 'tx', seq: 1, value: '12' }]);
    expect(res.error).toMatchObject({ code: '22023', message: NOT_IN_SHEET });
    expectNoName(res.error, ids.stranger.name);
  });

  it('a version tells nothing: a foreign student with a Toán entry answers exactly as one without, whatever version is sent', async () => {
    const answers = [];
    for (const change of [
      { student_id: ids.strangerWithEntry.id, kind: 'tx', seq: 1, value: '8', version: null },
      { student_id: ids.strangerWithEntry.id, kind: 'tx', seq: 1, value: '8', version: ids.strangerWithEntry.version },
      { student_id: ids.stranger.id, kind: 'tx', seq: 9, value: '8', version: null },
      { student_id: ids.stranger.id, kind: 'tx', seq: 9, value: '8', version: 1 },
    ]) {
      const res = await saveToan(teacher, 1, [change]);
      answers.push({ status: res.status, code: res.error?.code, message: res.error?.message });
      expectNoName(res.error, ids.strangerWithEntry.name, ids.stranger.name);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 400, code: '22023', message: NOT_IN_SHEET });
  });

  it('control: a bad value for a 10A1 student (whom gv.toan teaches) names that student', async () => {
    const res = await saveToan(teacher, 2, [{ student_id: ids.mine.id, kind: 'tx', seq: 1, value: '12' }]);
    expect(res.error).toMatchObject({ code: '22023', message: `Điểm phải từ 0 đến 10, tối đa một chữ số thập phân: ${ids.mine.name} – TX1 ("12")` });
  });
});

describe('save_primary_entries names only the sheet\'s pupils (gvcn.3a, 3A Toán)', () => {
  const save = (changes: unknown[]) => gvcn3A.rpc('save_primary_entries', { p_class_id: ids.c3A, p_subject_id: ids.pToan, p_semester: 1, p_changes: changes });

  it('a 4A pupil, a THPT student and an unknown id get the same 400/22023 "not in this sheet", without a name (even with a bad test score)', async () => {
    for (const [who, name] of [[ids.pupil4A.id, ids.pupil4A.name], [ids.mine.id, ids.mine.name], [crypto.randomUUID(), '']] as const) {
      for (const test of ['7', '0']) {
        const res = await save([{ student_id: who, kind: 'ck', level: 'H', test }]);
        expect(res.status).toBe(400);
        expect(res.error).toMatchObject({ code: '22023', message: NOT_IN_SHEET });
        if (name) expectNoName(res.error, name);
      }
    }
  });

  it('control: a bad test score for a 3A pupil names the pupil', async () => {
    const res = await save([{ student_id: ids.pupil.id, kind: 'ck', level: 'H', test: '0' }]);
    expect(res.error?.code).toBe('22023');
    expect(res.error?.message).toContain(ids.pupil.name);
  });
});

describe('the subject_comments trigger names no foreign student (gv.toan, 10A1 Toán)', () => {
  const comment = (studentId: string) => teacher.from('subject_comments').insert({ school_id: ids.thpt, school_year_id: ids.year,
    class_id: ids.c10A1, subject_id: ids.toan, semester: 2, student_id: studentId, comment: 'Chăm chỉ' }).select('id');

  it('a comment on a 10A2 student in the 10A1 sheet is refused without the student\'s name', async () => {
    const res = await comment(ids.stranger.id);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: '22023', message: 'Học sinh không có trong lớp 10A1' });
    expectNoName(res.error, ids.stranger.name);
  });

  it('a student of another school or an unknown id is refused without a name either', async () => {
    for (const who of [ids.otherSchool.id, crypto.randomUUID()]) {
      const res = await comment(who);
      expect(res.error).toBeTruthy();
      expectNoName(res.error, ids.otherSchool.name);
    }
  });
});

describe('RPC refusals do not name another school\'s class', () => {
  it('gv.toan saving into 3A of the primary school gets "Không tìm thấy lớp", not its name', async () => {
    const res = await saveToan(teacher, 1, [{ student_id: ids.pupil.id, kind: 'tx', seq: 1, value: '8' }], ids.c3A, ids.toan);
    expect(res.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    const primary = await teacher.rpc('save_primary_entries', { p_class_id: ids.c3A, p_subject_id: ids.pToan, p_semester: 1,
      p_changes: [{ student_id: ids.pupil.id, kind: 'ck', level: 'H' }] });
    expect(primary.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    const correction = await teacher.rpc('save_correction_request', { p_id: null, p_class_id: ids.c3A, p_subject_id: ids.pToan, p_semester: 1,
      p_reason: 'Nhập nhầm điểm so với bài kiểm tra', p_items: [{ student_id: ids.pupil.id, kind: 'ck', value: '8' }] });
    expect(correction.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
  });

  it('gvcn.3a proposing the results of THPT 10A1 gets "Không tìm thấy lớp", not its name', async () => {
    const res = await gvcn3A.rpc('advance_results', { p_class_id: ids.c10A1, p_semester: 1, p_action: 'propose' });
    expect(res.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
  });

  it('control: gv.toan saving into 10A2 of his own school is told he does not teach Toán in 10A2', async () => {
    const res = await saveToan(teacher, 2, [{ student_id: ids.stranger.id, kind: 'tx', seq: 1, value: '8' }], ids.c10A2);
    expect(res.status).toBe(403);
    expect(res.error).toMatchObject({ code: '42501', message: 'Bạn không được phân công dạy môn Toán lớp 10A2 trong học kỳ II năm học 2026-2027' });
  });
});
