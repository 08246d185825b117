// TT27 entries through the real API (issue 6, first part): the primary GVCN of 3A saves end-of-year
// levels, test scores and comments with rpc/save_primary_entries; 0, 7.5 and 11 are refused with the
// Vietnamese message and nothing is written; a test score where TT27 has no test, Đ/CĐ, another
// teacher's subject and a stale version are refused; the GVCN rates qualities and competencies; the
// year result appears in primary_results and moves at the test-score boundary. Works on 3A of the
// current year, semester II (the seed enters nothing there).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const GVCN = 'gvcn.3a@th-tandong.edu.vn';
const ids = { school: '', year: '', cls: '', students: [] as { id: string; name: string }[] };
const subjects = new Map<string, string>(); // code → id, the subjects 3A takes
let gvcn: SupabaseClient<Database>;

interface Change { student_id: string; kind: 'gk' | 'ck'; level?: string; test?: string; comment?: string; version?: number | null }
const save = (client: SupabaseClient<Database>, code: string, changes: Change[]) =>
  client.rpc('save_primary_entries', { p_class_id: ids.cls, p_subject_id: subjects.get(code)!, p_semester: 2, p_changes: changes });

async function entries(studentId: string) {
  const { data } = await serviceClient().from('score_entries').select('subject_id, kind, level, score, comment, version')
    .eq('student_id', studentId).eq('school_year_id', ids.year).eq('semester', 2);
  return data ?? [];
}

beforeAll(async () => {
  const svc = serviceClient();
  gvcn = await signedIn(GVCN);
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  const { data: today } = await svc.rpc('app_today');
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).lte('starts_on', today).order('starts_on', { ascending: false }).limit(1))).id as string;
  ids.cls = (await one(svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '3A'))).id as string;
  const taken = (await svc.from('class_subjects').select('subjects!inner(id, code)').eq('class_id', ids.cls)).data as unknown as { subjects: { id: string; code: string } }[];
  for (const t of taken) subjects.set(t.subjects.code, t.subjects.id);
  const enrolled = (await svc.from('enrolments').select('student_id, students!inner(full_name)').eq('class_id', ids.cls).order('student_id')).data as unknown as { student_id: string; students: { full_name: string } }[];
  ids.students = enrolled.map((e) => ({ id: e.student_id, name: e.students.full_name }));
});

describe('TT27 entries: rpc/save_primary_entries (GVCN 3A, semester II)', () => {
  it('saves an end-of-year level, test score and comment for Toán', async () => {
    const s = ids.students[0]!;
    const { data, error } = await save(gvcn, 'toan', [{ student_id: s.id, kind: 'ck', level: 'T', test: '9', comment: 'Tính toán nhanh, chính xác.' }]);
    expect(error).toBeNull();
    expect((data as { saved: number }).saved).toBe(1);
    expect(await entries(s.id)).toEqual([expect.objectContaining({ subject_id: subjects.get('toan'), kind: 'ck', level: 'T', score: 9, comment: 'Tính toán nhanh, chính xác.' })]);
    // The cell's history prints the TT27 value.
    const { data: history } = await gvcn.rpc('entry_history', { p_student_id: s.id, p_subject_id: subjects.get('toan')!,
      p_school_year_id: ids.year, p_semester: 2, p_kind: 'ck', p_seq: 1 });
    expect(history).toEqual([expect.objectContaining({ action: 'insert', old_value: null, new_value: 'T, KT 9' })]);
  });

  it('refuses 0, 7.5 and 11 all at once with the Vietnamese message, and writes nothing', async () => {
    const [a, b, c] = [ids.students[1]!, ids.students[2]!, ids.students[3]!];
    const { error, status } = await save(gvcn, 'toan', [
      { student_id: a.id, kind: 'ck', level: 'T', test: '0' },
      { student_id: b.id, kind: 'ck', level: 'H', test: '7.5' },
      { student_id: c.id, kind: 'ck', level: 'H', test: '11' },
    ]);
    expect(status).toBe(400);
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`Điểm kiểm tra định kì là số nguyên từ 1 đến 10: ${a.name} – cuối năm ("0"), ${b.name} – cuối năm ("7.5"), ${c.name} – cuối năm ("11")`);
    for (const s of [a, b, c]) expect(await entries(s.id)).toEqual([]);
    // "7,5" too, and a level that is not T/H/C.
    expect((await save(gvcn, 'toan', [{ student_id: a.id, kind: 'ck', test: '7,5' }])).error?.code).toBe('22023');
    expect((await save(gvcn, 'toan', [{ student_id: a.id, kind: 'ck', level: 'Đ' }])).error?.message).toContain('Mức đạt được chỉ là T');
  });

  it('refuses a test score where TT27 has none (Đạo đức; Toán at mid-semester in grade 3), and Đ/CĐ through the TT22 save', async () => {
    const s = ids.students[4]!;
    const noTest = await save(gvcn, 'dao_duc', [{ student_id: s.id, kind: 'ck', level: 'T', test: '9' }]);
    expect(noTest.error?.message).toContain('không có bài kiểm tra định kì');
    const mid = await save(gvcn, 'toan', [{ student_id: s.id, kind: 'gk', level: 'H', test: '8' }]);
    expect(mid.error?.code).toBe('22023');
    expect((await save(gvcn, 'dao_duc', [{ student_id: s.id, kind: 'ck', level: 'T', comment: 'Lễ phép.' }])).error).toBeNull();
    const tt22 = await gvcn.rpc('save_score_entries', { p_class_id: ids.cls, p_subject_id: subjects.get('toan')!, p_semester: 2,
      p_changes: [{ student_id: s.id, kind: 'gk', value: 'Đ' }] });
    expect(tt22.error?.code).toBe('22023');
    expect(tt22.error?.message).toContain('T, H, C');
  });

  it('refuses another teacher\'s subject (Ngoại ngữ 1 is a specialist\'s) and a stale version', async () => {
    const s = ids.students[5]!;
    const english = await save(gvcn, 'ngoai_ngu_1', [{ student_id: s.id, kind: 'ck', level: 'T', test: '9' }]);
    expect(english.error?.code).toBe('42501');
    expect((await save(gvcn, 'toan', [{ student_id: s.id, kind: 'ck', level: 'H', test: '6' }])).error).toBeNull();
    const stale = await save(gvcn, 'toan', [{ student_id: s.id, kind: 'ck', level: 'T', test: '8', version: null }]);
    expect(stale.error?.code).toBe('PT409');
    expect((await entries(s.id))[0]).toMatchObject({ level: 'H', score: 6 });
  });
});

describe('TT27 qualities and competencies, and the year result', () => {
  const codes = ['yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc', 'trach_nhiem', 'tu_chu_tu_hoc', 'giao_tiep_hop_tac', 'gqvd_sang_tao',
    'ngon_ngu', 'tinh_toan', 'khoa_hoc', 'cong_nghe', 'tin_hoc', 'tham_mi', 'the_chat'];

  it('the GVCN rates the fifteen qualities and competencies; a level outside Tốt/Đạt/Cần cố gắng is refused', async () => {
    const s = ids.students[6]!;
    const rows = codes.map((code) => ({ school_id: ids.school, school_year_id: ids.year, class_id: ids.cls, student_id: s.id, semester: 2, kind: 'ck' as const, code, level: 'tot' }));
    expect((await gvcn.from('quality_ratings').insert(rows)).error).toBeNull();
    const bad = await gvcn.from('quality_ratings').insert({ ...rows[0]!, code: 'yeu_nuoc', kind: 'gk', level: 'kha' });
    expect(bad.error?.code).toBe('23514');
  });

  it('refuses qualities and competencies for a THPT class (TT27 rates primary students only), with a sentence, writing nothing', async () => {
    const svc = serviceClient();
    const school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
    const { data: today } = await svc.rpc('app_today');
    const year = (await one(svc.from('school_years').select('id').eq('school_id', school).lte('starts_on', today).order('starts_on', { ascending: false }).limit(1))).id as string;
    const cls = (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', '10A1'))).id as string;
    const student = (await one(svc.from('enrolments').select('student_id').eq('class_id', cls).is('ended_on', null).limit(1))).student_id as string;
    const gvcn10a1 = await signedIn('gvcn.10a1@thpt-tandong.edu.vn');
    const row = { school_id: school, school_year_id: year, class_id: cls, student_id: student, semester: 1, kind: 'gk' as const, code: 'yeu_nuoc', level: 'tot' };
    const { error } = await gvcn10a1.from('quality_ratings').insert(row);
    expect(error?.code).toBe('23514');
    expect(error?.message).toBe('Phẩm chất, năng lực theo Thông tư 27 chỉ đánh giá học sinh tiểu học; lớp 10A1 không phải lớp tiểu học.');
    expect((await svc.from('quality_ratings').select('id').eq('class_id', cls)).data).toEqual([]);
  });

  it('primary_results gives Hoàn thành xuất sắc with every subject T, every quality Tốt and tests ≥ 9; one test of 8 makes it Hoàn thành tốt', async () => {
    const s = ids.students[6]!;
    const svc = serviceClient();
    for (const [code] of subjects) {
      const tested = ['tieng_viet', 'toan', 'ngoai_ngu_1', 'tin_hoc_cong_nghe'].includes(code);
      const client = ['tieng_viet', 'toan', 'dao_duc', 'tnxh', 'hdtn'].includes(code) ? gvcn : svc; // specialists' subjects: the service role
      const { error } = await save(client, code, [{ student_id: s.id, kind: 'ck', level: 'T', test: tested ? '9' : undefined }]);
      expect(error, code).toBeNull();
    }
    const result = async () => (await one(gvcn.from('primary_results').select('year_result, completion, tests').eq('student_id', s.id).eq('class_id', ids.cls)));
    expect(await result()).toMatchObject({ year_result: 'xuat_sac', completion: 'lop_hoc' });
    const toan = (await entries(s.id)).find((e) => e.subject_id === subjects.get('toan'))!;
    expect((await save(gvcn, 'toan', [{ student_id: s.id, kind: 'ck', level: 'T', test: '8', version: toan.version }])).error).toBeNull();
    expect(await result()).toMatchObject({ year_result: 'tot', completion: 'lop_hoc' });
    // A student with nothing entered has no result yet.
    expect((await one(gvcn.from('primary_results').select('year_result').eq('student_id', ids.students[7]!.id).eq('class_id', ids.cls))).year_result).toBeNull();
  });
});

describe('height and weight (student_measures)', () => {
  it('the GVCN of a school without a nurse records a student\'s height and weight; impossible values are refused, the admin board reads and writes none', async () => {
    const s = ids.students[8]!;
    const row = { school_id: ids.school, school_year_id: ids.year, class_id: ids.cls, student_id: s.id, height_cm: 128.5, weight_kg: 26 };
    expect((await gvcn.from('student_measures').insert(row)).error).toBeNull();
    const tall = await gvcn.from('student_measures').insert({ ...row, student_id: ids.students[9]!.id, height_cm: 1285 });
    expect(tall.error).toMatchObject({ code: '23514', message: 'Chiều cao 1285 cm không hợp lệ: nhập từ 50 đến 220 cm.' });
    const { data } = await gvcn.from('student_measures').select('height_cm, weight_kg').eq('student_id', s.id).eq('school_year_id', ids.year);
    expect(data).toEqual([{ height_cm: 128.5, weight_kg: 26 }]);
    // Health data (issue 16): the admin board reads no measurement (the transcript prints them).
    const other = await signedIn('bqt@th-tandong.edu.vn');
    expect((await other.from('student_measures').select('height_cm').eq('student_id', s.id)).data).toEqual([]);
    const refused = await other.from('student_measures').update({ weight_kg: 30 }).eq('student_id', s.id).select('id');
    expect(refused.data).toEqual([]);
  });
});

