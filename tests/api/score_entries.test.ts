// Score entry (TT22 gradebook) through the real API as the demo users: rpc/save_score_entries refuses
// bad values, rules of the class, callers who do not teach the sheet, stale versions and locked sheets —
// each time with the Postgres code, the HTTP status and the Vietnamese message a teacher reads, and with
// nothing written (the rows and the audit entries of the students concerned are read again). Writes on
// the shared stack go to semester II of the current year, which the seed leaves empty, on cells this file
// makes itself. Locking the current year would break the other files running on the same stack, so the
// lock lifecycle (decision, lock, refusals, unlock) runs in a database of this file's own, cloned from the
// template, as SQL sessions of the same demo users (same RLS, same triggers); the HTTP 423 mapping is
// checked through the API on the seed's past year, which is locked.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, useClonedDb } from '../helpers/stack.ts';
import { gradebookSheetSchema, type EntryKind, type GradebookSheet as Sheet, type SheetStudent } from '../../supabase/functions/_shared/contracts/gradebookSheet.ts';
import { one } from '../helpers/corrections.ts';

const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const HOMEROOM = 'gvcn.10a1@thpt-tandong.edu.vn';
const ADMIN = 'bqt@thpt-tandong.edu.vn';
const PRINCIPAL = 'hieutruong@thpt-tandong.edu.vn';
const SCHOOL_CODE = 'thpt-tandong';
const SCORE_MESSAGE = 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân';
const SEMESTER = 2; // the seed enters semester I only: semester II of the current year is ours

interface Change {
  student_id: string;
  kind: 'tx' | 'gk' | 'ck' | 'retest';
  seq?: number;
  value: unknown;
  version?: number | null;
}

const ids = {
  school: '', year: '', yearCode: '', pastYear: '', pastYearCode: '',
  c10A1: '', c10A2: '', past10A1: '', toan: '', comment: '', commentName: '', teacher: '',
};
let teacher: SupabaseClient<Database>;
let admin: SupabaseClient<Database>;
let sheet: Sheet; // 10A1 Toán, semester II, as gv.toan first read it
let nextStudent = 0;
/** A student of 10A1 no other test of this file writes for. */
const freshStudent = (): SheetStudent => sheet.students[nextStudent++]!;

async function loadSheet(client: SupabaseClient<Database>, classId: string, semester = SEMESTER, subjectId = ids.toan): Promise<Sheet> {
  const { data, error } = await client.rpc('gradebook_sheet', { p_class_id: classId, p_subject_id: subjectId, p_semester: semester });
  if (error) throw new Error(`gradebook_sheet: ${error.message}`);
  return gradebookSheetSchema.parse(data);
}

function save(client: SupabaseClient<Database>, changes: Change[], opts: { classId?: string; subjectId?: string; semester?: number | null } = {}) {
  return client.rpc('save_score_entries', {
    p_class_id: opts.classId ?? ids.c10A1,
    p_subject_id: opts.subjectId ?? ids.toan,
    p_semester: opts.semester === undefined ? SEMESTER : opts.semester,
    p_changes: changes,
  });
}

/** What must not change when a save is refused: the students' entries and the audit entries about them. */
async function snapshot(studentIds: string[], yearId = ids.year) {
  const svc = serviceClient();
  const { data: rows, error } = await svc.from('score_entries')
    .select('id, student_id, subject_id, semester, kind, seq, score, rating, version, updated_at')
    .in('student_id', studentIds).eq('school_year_id', yearId).order('id');
  if (error) throw new Error(error.message);
  const { count, error: auditError } = await svc.from('audit_log').select('id', { count: 'exact', head: true })
    .eq('table_name', 'score_entries').overlaps('student_ids', studentIds);
  if (auditError) throw new Error(auditError.message);
  return { rows, audit: count };
}

async function entryOf(studentId: string, kind: EntryKind, seq: number, semester: number | null = SEMESTER, subjectId = ids.toan) {
  let q = serviceClient().from('score_entries').select('id, score, rating, version, entered_by')
    .eq('student_id', studentId).eq('subject_id', subjectId).eq('school_year_id', ids.year).eq('kind', kind).eq('seq', seq);
  q = semester === null ? q.is('semester', null) : q.eq('semester', semester);
  const { data } = await q;
  return data ?? [];
}

beforeAll(async () => {
  const svc = serviceClient();
  [teacher, admin] = await Promise.all([signedIn(TEACHER), signedIn(ADMIN)]);
  ids.teacher = (await teacher.auth.getUser()).data.user!.id;
  ids.school = (await one(svc.from('org_units').select('id').eq('code', SCHOOL_CODE))).id as string;
  const { data: today } = await svc.rpc('app_today');
  const years = (await svc.from('school_years').select('id, code, starts_on').eq('school_id', ids.school)
    .lte('starts_on', today).order('starts_on', { ascending: false })).data!;
  [ids.year, ids.yearCode, ids.pastYear, ids.pastYearCode] = [years[0]!.id, years[0]!.code, years[1]!.id, years[1]!.code];
  const classId = async (yearId: string, name: string) =>
    (await one(svc.from('classes').select('id').eq('school_year_id', yearId).eq('name', name))).id as string;
  [ids.c10A1, ids.c10A2, ids.past10A1] = await Promise.all([classId(ids.year, '10A1'), classId(ids.year, '10A2'), classId(ids.pastYear, '10A1')]);
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  // A comment-only subject 10A1 really takes (GDTC in the demo), read from class_subjects.
  const taken = (await svc.from('class_subjects').select('subject:subjects!inner(id, code, name, assessment_kind, category)')
    .eq('class_id', ids.c10A1)).data as unknown as { subject: { id: string; code: string; name: string; assessment_kind: string; category: string } }[];
  const comment = taken.map((t) => t.subject).filter((s) => s.assessment_kind === 'comment' && s.category !== 'topic')
    .sort((a, b) => (a.code === 'gdtc' ? -1 : b.code === 'gdtc' ? 1 : a.code.localeCompare(b.code)))[0]!;
  [ids.comment, ids.commentName] = [comment.id, comment.name];
  sheet = await loadSheet(teacher, ids.c10A1);
});

describe('save_score_entries: values (gv.toan, 10A1 Toán)', () => {
  it('gv.toan sees the 10A1 Toán sheet of semester II as editable and unlocked, with every student', async () => {
    expect(sheet.can_edit).toBe(true);
    expect(sheet.locked).toBe(false);
    expect(sheet.students.length).toBeGreaterThan(30);
    expect(sheet.max_regular).toBeGreaterThanOrEqual(sheet.required_regular);
  });

  it('gv.toan saving 10.5, 8.25, -1 or "abc" gets 400/22023 "Điểm phải từ 0 đến 10, tối đa một chữ số thập phân" and nothing is written', async () => {
    const s = freshStudent();
    const before = await snapshot([s.student_id]);
    for (const value of [10.5, 8.25, -1, 'abc', '10,5', '8,25']) {
      const res = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value }]);
      expect(res.status, `value ${value}`).toBe(400);
      expect(res.error).toMatchObject({ code: '22023', message: `${SCORE_MESSAGE}: ${s.full_name} – TX1 ("${value}")` });
      expect(JSON.parse(res.error!.details)).toEqual([
        { student_id: s.student_id, kind: 'tx', seq: 1, value: String(value), message: SCORE_MESSAGE },
      ]);
    }
    // All four in one save: every bad cell is listed, none is written.
    const res = await save(teacher, [
      { student_id: s.student_id, kind: 'tx', seq: 1, value: 10.5 },
      { student_id: s.student_id, kind: 'tx', seq: 2, value: 8.25 },
      { student_id: s.student_id, kind: 'gk', value: -1 },
      { student_id: s.student_id, kind: 'ck', value: 'abc' },
    ]);
    expect(res.status).toBe(400);
    expect(res.error!.code).toBe('22023');
    expect(res.error!.message.startsWith(`${SCORE_MESSAGE}: `)).toBe(true);
    expect(res.error!.message.slice(SCORE_MESSAGE.length + 2).split(', ').sort()).toEqual(
      [`${s.full_name} – TX1 ("10.5")`, `${s.full_name} – TX2 ("8.25")`, `${s.full_name} – GK ("-1")`, `${s.full_name} – CK ("abc")`].sort());
    expect(JSON.parse(res.error!.details)).toHaveLength(4);
    expect(await snapshot([s.student_id])).toEqual(before);
  });

  it('gv.toan saving a column of 45 cells with one bad value writes none of the 44 good ones (all or nothing)', async () => {
    // Every student's TX4, and TX5 of the first few to make 45 cells; one TX4 is 11.
    const cells: Change[] = sheet.students.map((s) => ({ student_id: s.student_id, kind: 'tx' as const, seq: 4, value: 7 }));
    for (const s of sheet.students.slice(0, 45 - cells.length)) cells.push({ student_id: s.student_id, kind: 'tx', seq: 5, value: '6,5' });
    expect(cells).toHaveLength(45);
    const bad = sheet.students[Math.floor(sheet.students.length / 2)]!;
    cells.find((c) => c.student_id === bad.student_id && c.seq === 4)!.value = 11;
    const all = sheet.students.map((s) => s.student_id);
    const before = await snapshot(all);
    const res = await save(teacher, cells);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: '22023', message: `${SCORE_MESSAGE}: ${bad.full_name} – TX4 ("11")` });
    expect(await snapshot(all)).toEqual(before);
  });

  it('gv.toan saving "8,5" stores 8.5 (one audited row, entered by gv.toan) and the sheet shows it', async () => {
    const s = freshStudent();
    const before = await snapshot([s.student_id]);
    const res = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: '8,5' }]);
    expect(res.error).toBeNull();
    expect(res.data).toMatchObject({ saved: 1, entries: [{ student_id: s.student_id, kind: 'tx', seq: 1, score: 8.5, rating: null, version: 1 }] });
    expect(await entryOf(s.student_id, 'tx', 1)).toEqual([expect.objectContaining({ score: 8.5, rating: null, version: 1, entered_by: ids.teacher })]);
    const after = await snapshot([s.student_id]);
    expect(after.rows).toHaveLength(before.rows!.length + 1);
    expect(after.audit).toBe(before.audit! + 1);
    const row = (await loadSheet(teacher, ids.c10A1)).students.find((x) => x.student_id === s.student_id)!;
    expect(row.entries).toEqual([expect.objectContaining({ kind: 'tx', seq: 1, score: 8.5, version: 1 })]);
  });

  it('gv.toan saving "8,50" and the number 10.0 stores 8.5 and 10 (trailing zeros are not a second decimal)', async () => {
    const s = freshStudent();
    const res = await save(teacher, [
      { student_id: s.student_id, kind: 'tx', seq: 1, value: '8,50' },
      { student_id: s.student_id, kind: 'tx', seq: 2, value: 10.0 },
    ]);
    expect(res.error).toBeNull();
    expect((await entryOf(s.student_id, 'tx', 1))[0]).toMatchObject({ score: 8.5 });
    expect((await entryOf(s.student_id, 'tx', 2))[0]).toMatchObject({ score: 10 });
  });

  it('gv.toan saving the rating "Đ" on Toán (a scored subject) is refused with 400/22023 and nothing is written', async () => {
    const s = freshStudent();
    const before = await snapshot([s.student_id]);
    const res = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 'Đ' }]);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({
      code: '22023',
      message: `Môn này đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập Đ/CĐ: ${s.full_name} – TX1 ("Đ")`,
    });
    expect(await snapshot([s.student_id])).toEqual(before);
  });

  it('a score on a comment-only subject of 10A1 is refused, through the RPC and even by a direct service-role insert; "Đ" is accepted', async () => {
    const s = freshStudent();
    const svc = serviceClient();
    const before = await snapshot([s.student_id]);
    const res = await save(svc, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 8 }], { subjectId: ids.comment });
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: '22023', message: `Môn này đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ: ${s.full_name} – TX1 ("8")` });
    const direct = await svc.from('score_entries').insert({
      school_id: ids.school, school_year_id: ids.year, class_id: ids.c10A1, student_id: s.student_id, subject_id: ids.comment,
      semester: SEMESTER, kind: 'tx', seq: 1, score: 8,
    });
    expect(direct.status).toBe(400);
    expect(direct.error).toMatchObject({
      code: '22023',
      message: `Môn ${ids.commentName} đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ, không nhập điểm số (${s.full_name} – TX1)`,
    });
    expect(await snapshot([s.student_id])).toEqual(before);
    // Control: the same cell takes a rating; clearing it removes the row again.
    const ok = await save(svc, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 'Đ' }], { subjectId: ids.comment });
    expect(ok.error).toBeNull();
    expect(await entryOf(s.student_id, 'tx', 1, SEMESTER, ids.comment)).toEqual([expect.objectContaining({ score: null, rating: true, version: 1 })]);
    const cleared = await save(svc, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: null, version: 1 }], { subjectId: ids.comment });
    expect(cleared.error).toBeNull();
    expect(await entryOf(s.student_id, 'tx', 1, SEMESTER, ids.comment)).toEqual([]);
  });
});

describe('save_score_entries: who may save and read', () => {
  it('gv.toan saving in 10A2 Toán (not assigned) gets 403/42501 in Vietnamese and nothing is written', async () => {
    const other = (await loadSheet(serviceClient(), ids.c10A2)).students[0]!;
    const before = await snapshot([other.student_id]);
    const res = await save(teacher, [{ student_id: other.student_id, kind: 'tx', seq: 1, value: 9 }], { classId: ids.c10A2 });
    expect(res.status).toBe(403);
    expect(res.error).toMatchObject({
      code: '42501',
      message: `Bạn không được phân công dạy môn Toán lớp 10A2 trong học kỳ II năm học ${ids.yearCode}`,
    });
    expect(await snapshot([other.student_id])).toEqual(before);
  });

  it('gv.toan cannot read the 10A2 Toán sheet (42501) nor select its score_entries rows, which the admin board reads', async () => {
    // A row of our own in 10A2 Toán, so that "empty" means "hidden", not "nothing there".
    const other = (await loadSheet(serviceClient(), ids.c10A2)).students[1]!;
    const made = await save(serviceClient(), [{ student_id: other.student_id, kind: 'tx', seq: 1, value: 6 }], { classId: ids.c10A2 });
    expect(made.error).toBeNull();
    const entryId = (made.data as { entries: { id: string }[] }).entries[0]!.id;

    const sheetRes = await teacher.rpc('gradebook_sheet', { p_class_id: ids.c10A2, p_subject_id: ids.toan, p_semester: SEMESTER });
    expect(sheetRes.status).toBe(403);
    expect(sheetRes.error).toMatchObject({ code: '42501', message: 'Bạn không được phân công dạy môn Toán lớp 10A2: không xem được sổ điểm này' });
    const rows = await teacher.from('score_entries').select('id').eq('class_id', ids.c10A2);
    expect(rows.error).toBeNull();
    expect(rows.data).toEqual([]);
    expect((await teacher.from('score_entries').select('id').eq('id', entryId)).data).toEqual([]);
    // Control: the admin board reads the same row, and gv.toan reads their own class.
    expect((await admin.from('score_entries').select('id').eq('id', entryId)).data).toEqual([{ id: entryId }]);
    expect((await teacher.from('score_entries').select('id').eq('class_id', ids.c10A1).limit(1)).data).toHaveLength(1);
  });

  it('gv.toan cannot insert, update or delete score_entries directly (no grant): 403/42501 and the row is unchanged', async () => {
    const s = freshStudent();
    const made = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 5 }]);
    expect(made.error).toBeNull();
    const entryId = (made.data as { entries: { id: string }[] }).entries[0]!.id;
    const before = await snapshot([s.student_id]);

    const ins = await teacher.from('score_entries').insert({
      school_id: ids.school, school_year_id: ids.year, class_id: ids.c10A1, student_id: s.student_id, subject_id: ids.toan,
      semester: SEMESTER, kind: 'tx', seq: 2, score: 9,
    });
    expect(ins.status).toBe(403);
    expect(ins.error).toMatchObject({ code: '42501', message: 'permission denied for table score_entries' });
    const upd = await teacher.from('score_entries').update({ score: 10 }).eq('id', entryId);
    expect(upd.status).toBe(403);
    expect(upd.error).toMatchObject({ code: '42501', message: 'permission denied for table score_entries' });
    const del = await teacher.from('score_entries').delete().eq('id', entryId);
    expect(del.status).toBe(403);
    expect(del.error).toMatchObject({ code: '42501', message: 'permission denied for table score_entries' });
    expect(await snapshot([s.student_id])).toEqual(before);
    expect(await entryOf(s.student_id, 'tx', 1)).toEqual([expect.objectContaining({ score: 5, version: 1 })]);
  });
});

describe('save_score_entries: concurrent saves', () => {
  it('two sessions of gv.toan load the sheet, the first saves, the second saving the same cell from the old version gets 409/PT409 and the first value stays', async () => {
    const s = freshStudent();
    expect((await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 7 }])).error).toBeNull();
    const [first, second] = await Promise.all([signedIn(TEACHER), signedIn(TEACHER)]);
    const read = async (c: SupabaseClient<Database>) =>
      (await loadSheet(c, ids.c10A1)).students.find((x) => x.student_id === s.student_id)!.entries.find((e) => e.kind === 'tx' && e.seq === 1)!;
    const [seenByFirst, seenBySecond] = await Promise.all([read(first), read(second)]);
    expect(seenByFirst).toMatchObject({ score: 7, version: 1 });
    expect(seenBySecond).toMatchObject({ score: 7, version: 1 });

    const ok = await save(first, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 8, version: seenByFirst.version }]);
    expect(ok.error).toBeNull();
    expect(ok.data).toMatchObject({ entries: [{ score: 8, version: 2 }] });
    const before = await snapshot([s.student_id]);
    const stale = await save(second, [{ student_id: s.student_id, kind: 'tx', seq: 1, value: 9, version: seenBySecond.version }]);
    expect(stale.status).toBe(409);
    expect(stale.error).toMatchObject({
      code: 'PT409',
      message: `Dữ liệu đã được người khác lưu trước khi bạn lưu: ${s.full_name} – TX1. Hãy tải lại sổ điểm rồi nhập lại.`,
    });
    expect(JSON.parse(stale.error!.details)).toEqual([{ student_id: s.student_id, kind: 'tx', seq: 1 }]);
    expect(await snapshot([s.student_id])).toEqual(before);
    expect(await entryOf(s.student_id, 'tx', 1)).toEqual([expect.objectContaining({ score: 8, version: 2 })]);
  });

  it('two sessions of gv.toan both see an empty cell: the first inserts it, the second insert (version null) is refused as stale', async () => {
    const s = freshStudent();
    const [first, second] = await Promise.all([signedIn(TEACHER), signedIn(TEACHER)]);
    const cell = async (c: SupabaseClient<Database>) =>
      (await loadSheet(c, ids.c10A1)).students.find((x) => x.student_id === s.student_id)!.entries.find((e) => e.kind === 'gk');
    expect(await cell(first)).toBeUndefined();
    expect(await cell(second)).toBeUndefined();
    expect((await save(first, [{ student_id: s.student_id, kind: 'gk', value: 6, version: null }])).error).toBeNull();
    const before = await snapshot([s.student_id]);
    const stale = await save(second, [{ student_id: s.student_id, kind: 'gk', value: 7, version: null }]);
    expect(stale.status).toBe(409);
    expect(stale.error).toMatchObject({
      code: 'PT409',
      message: `Dữ liệu đã được người khác lưu trước khi bạn lưu: ${s.full_name} – GK. Hãy tải lại sổ điểm rồi nhập lại.`,
    });
    expect(JSON.parse(stale.error!.details)).toEqual([{ student_id: s.student_id, kind: 'gk', seq: 1 }]);
    expect(await snapshot([s.student_id])).toEqual(before);
    expect(await entryOf(s.student_id, 'gk', 1)).toEqual([expect.objectContaining({ score: 6, version: 1 })]);
  });
});

describe('save_score_entries: rules of the class', () => {
  it('gv.toan saving one ĐĐGtx more than the school allows is refused with 400/22023 naming the limit; the last allowed one is saved', async () => {
    const s = freshStudent();
    const max = sheet.max_regular;
    const before = await snapshot([s.student_id]);
    const res = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: max + 1, value: 8 }]);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({
      code: '22023',
      message: `Môn Toán lớp 10A1 có tối đa ${max} cột ĐĐGtx trong một học kỳ (${s.full_name} – TX${max + 1})`,
    });
    expect(await snapshot([s.student_id])).toEqual(before);
    expect((await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: max, value: 8 }])).error).toBeNull();
  });

  it('gv.toan saving a score for a student of 10A2 in the 10A1 sheet is refused: not in this sheet, without the name he may not read', async () => {
    const stranger = (await loadSheet(serviceClient(), ids.c10A2)).students[2]!;
    const before = await snapshot([stranger.student_id]);
    const res = await save(teacher, [{ student_id: stranger.student_id, kind: 'tx', seq: 1, value: 8 }]);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: '22023', message: 'Học sinh không có trong sổ này' });
    expect(res.error!.message + res.error!.details).not.toContain(stranger.full_name);
    expect(await snapshot([stranger.student_id])).toEqual(before);
  });
});

describe('gradebook settings', () => {
  it('the admin board sets the most ĐĐGtx of its year (4–9); a teacher cannot, and the other columns stay closed', async () => {
    const read = async () => (await serviceClient().from('school_years').select('max_regular_assessments, code').eq('id', ids.year).single()).data!;
    const before = await read();
    // A teacher: RLS finds no row to update, nothing changes.
    const byTeacher = await teacher.from('school_years').update({ max_regular_assessments: 6 }).eq('id', ids.year).select();
    expect(byTeacher.data ?? []).toEqual([]);
    expect(await read()).toEqual(before);
    // The admin board: out of range refused, other columns not granted, a valid value kept (then restored).
    expect((await admin.from('school_years').update({ max_regular_assessments: 10 }).eq('id', ids.year)).error).toMatchObject({ code: '23514' });
    expect((await admin.from('school_years').update({ code: '2099-2100' }).eq('id', ids.year)).error).toMatchObject({ code: '42501' });
    const ok = await admin.from('school_years').update({ max_regular_assessments: 6 }).eq('id', ids.year).select('max_regular_assessments');
    expect(ok.data).toEqual([{ max_regular_assessments: 6 }]);
    await admin.from('school_years').update({ max_regular_assessments: before.max_regular_assessments }).eq('id', ids.year);
    expect(await read()).toEqual(before);
  });
});

describe('entered_by', () => {
  it('the GVCN recording an absence attributed to a colleague is stored as entered by the GVCN', async () => {
    const gvcn = await signedIn(HOMEROOM);
    const { data: me } = await gvcn.auth.getUser();
    const s = sheet.students[0]!;
    const { data, error } = await gvcn.from('attendance').insert({
      school_id: ids.school, school_year_id: ids.year, class_id: ids.c10A1, student_id: s.student_id,
      // A Sunday before the pinned today (an absence after today is refused; the seed records none on Sundays).
      on_date: '2026-11-22', excused: true, entered_by: ids.teacher,
    }).select('id, entered_by, semester').single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ entered_by: me.user!.id, semester: 1 });
    await gvcn.from('attendance').delete().eq('id', data!.id);
    await gvcn.auth.signOut({ scope: 'local' });
  });
});

describe('save_score_entries: a locked year through the API', () => {
  it('gv.toan changing an entry of last year\'s 10A1 Toán (locked by the principal\'s decision) gets 423/PT423 "đã khoá"; the service role too; nothing changes', async () => {
    const past = await loadSheet(teacher, ids.past10A1, 1);
    expect(past.locked).toBe(true);
    const s = past.students.find((x) => x.entries.some((e) => e.kind === 'tx' && e.seq === 1))!;
    const e = s.entries.find((x) => x.kind === 'tx' && x.seq === 1)!;
    const value = e.score === 10 ? 9 : 10;
    const before = await snapshot([s.student_id], ids.pastYear);
    const message = `Sổ điểm học kỳ I năm học ${ids.pastYearCode} đã khoá (lớp 10A1, môn Toán): không ai được thay đổi dữ liệu đã khoá. Muốn sửa, hãy làm đề nghị sửa điểm.`;
    const res = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 1, value, version: e.version }], { classId: ids.past10A1, semester: 1 });
    expect(res.status).toBe(423);
    expect(res.error).toMatchObject({ code: 'PT423', message });
    const direct = await serviceClient().from('score_entries').update({ score: value }).eq('id', e.id);
    expect(direct.status).toBe(423);
    expect(direct.error).toMatchObject({ code: 'PT423', message });
    expect(await snapshot([s.student_id], ids.pastYear)).toEqual(before);
  });
});

describe('save_score_entries: audit', () => {
  it('each successful save by gv.toan writes exactly one audit entry with the old and new values, and verify_audit_chain stays null', async () => {
    const s = freshStudent();
    type Entry = { action: string; actor_id: string; row_keys: string[]; old_rows: { score: number }[] | null; new_rows: { score: number }[] | null };
    const entriesAbout = async () => {
      const { data, error } = await admin.rpc('audit_entries', { p_table_name: 'score_entries', p_student_id: s.student_id, p_limit: 1000 })
        .select('id, action, actor_id, row_keys, old_rows, new_rows').order('id');
      if (error) throw new Error(error.message);
      return data as Entry[];
    };
    const earlier = (await entriesAbout()).length; // the seed may have logged this student's semester I entries
    const entriesAboutNow = async () => (await entriesAbout()).slice(earlier);

    const inserted = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 3, value: 7.5 }]);
    expect(inserted.error).toBeNull();
    const id = (inserted.data as { entries: { id: string }[] }).entries[0]!.id;
    let log = await entriesAboutNow();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'insert', actor_id: ids.teacher, row_keys: [id], old_rows: null });
    expect(log[0]!.new_rows).toEqual([expect.objectContaining({ id, score: 7.5, version: 1 })]);

    const updated = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 3, value: '8,0', version: 1 }]);
    expect(updated.error).toBeNull();
    log = await entriesAboutNow();
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({ action: 'update', actor_id: ids.teacher, row_keys: [id] });
    expect(log[1]!.old_rows).toEqual([expect.objectContaining({ id, score: 7.5, version: 1 })]);
    expect(log[1]!.new_rows).toEqual([expect.objectContaining({ id, score: 8, version: 2 })]);

    const cleared = await save(teacher, [{ student_id: s.student_id, kind: 'tx', seq: 3, value: '', version: 2 }]);
    expect(cleared.error).toBeNull();
    expect(await entryOf(s.student_id, 'tx', 3)).toEqual([]);
    log = await entriesAboutNow();
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({ action: 'delete', actor_id: ids.teacher, row_keys: [id], new_rows: null });
    expect(log[2]!.old_rows).toEqual([expect.objectContaining({ id, score: 8 })]);

    const chain = await admin.rpc('verify_audit_chain', { p_school_id: ids.school, p_school_year_id: ids.year });
    expect(chain.error).toBeNull();
    expect(chain.data).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------
// Locks: in a database of this file's own, as SQL sessions of the demo users (RLS and triggers as
// through PostgREST). Each call is its own committed transaction, like one API request.
// ---------------------------------------------------------------------------------------------------
const su = useClonedDb();
type Actor = { sub: string } | 'service_role' | 'owner';

async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(actor: Actor, text: string, params: unknown[] = []): Promise<T[]> {
  const c = su();
  await c.query('begin');
  try {
    if (actor !== 'owner') {
      const claims = actor === 'service_role' ? { role: 'service_role' } : { role: 'authenticated', aud: 'authenticated', sub: actor.sub };
      await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      await c.query(`set local role ${claims.role}`);
    }
    const { rows } = await c.query<T>(text, params);
    await c.query('commit');
    return rows;
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
}

describe('gradebook locks (cloned database, SQL sessions of the demo users)', () => {
  const L = { school: '', year: '', yearCode: '', pastYear: '', c10A1: '', toan: '', comment: '' };
  const who = { teacher: { sub: '' }, homeroom: { sub: '' }, admin: { sub: '' }, principal: { sub: '' } };
  let students: { id: string; full_name: string }[] = [];
  const lockMessage = (what: string) =>
    `Sổ điểm học kỳ I năm học ${L.yearCode} đã khoá (${what}): không ai được thay đổi dữ liệu đã khoá. Muốn sửa, hãy làm đề nghị sửa điểm.`;

  /** Everything a lock protects in the clone, and the audit log: must be equal before and after a refusal. */
  const state = async () =>
    (await sql('owner', `select (select count(*)::int from public.score_entries) as entries,
                                (select coalesce(sum(version), 0)::int from public.score_entries where school_year_id = $1) as versions,
                                (select count(*)::int from public.conduct_ratings) as conduct,
                                (select count(*)::int from public.attendance) as attendance,
                                (select count(*)::int from public.audit_log) as audit`, [L.year]))[0];
  const saveAs = (actor: Actor, changes: Change[], semester = 1) =>
    sql(actor, `select public.save_score_entries($1, $2, $3, $4::jsonb) as r`, [L.c10A1, L.toan, semester, JSON.stringify(changes)]);
  const conductAs = (actor: Actor, studentId: string) =>
    sql(actor, `insert into public.conduct_ratings (school_id, school_year_id, class_id, student_id, semester, level)
                values ($1, $2, $3, $4, 1, 'tot') returning id`, [L.school, L.year, L.c10A1, studentId]);
  const absenceAs = (actor: Actor, studentId: string, day: string) =>
    sql(actor, `insert into public.attendance (school_id, school_year_id, class_id, student_id, on_date, excused, reason)
                values ($1, $2, $3, $4, $5, true, 'Ốm') returning id`, [L.school, L.year, L.c10A1, studentId, day]);
  const lockAs = (actor: Actor, action: 'lock' | 'unlock', decisionId: string | null, extra: { createdBy?: string; yearId?: string } = {}) =>
    sql<{ id: string }>(actor, `insert into public.gradebook_locks (school_id, school_year_id, semester, action, decision_id, note${extra.createdBy ? ', created_by' : ''})
                 values ($1, $2, 1, $3, $4, 'Kiểm thử khoá sổ'${extra.createdBy ? ', $5' : ''}) returning id`,
      [L.school, extra.yearId ?? L.year, action, decisionId, ...(extra.createdBy ? [extra.createdBy] : [])]);
  /** A principal's decision (lock by default; an unlock event needs an unlock decision). */
  const decideAs = (actor: Actor, decidedBy?: string, action: 'lock' | 'unlock' = 'lock') =>
    sql<{ id: string }>(actor, `insert into public.lock_decisions (school_id, school_year_id, number, summary, action${decidedBy ? ', decided_by' : ''})
                 values ($1, $2, '01/QĐ-KT', 'Khoá sổ điểm học kỳ I để kiểm thử', $3${decidedBy ? ', $4' : ''}) returning id`,
      [L.school, L.year, action, ...(decidedBy ? [decidedBy] : [])]);

  beforeAll(async () => {
    const [r] = await sql<Record<string, string>>('owner', `
      with y as (
        select y.id, y.code, y.school_id from public.school_years y join public.org_units o on o.id = y.school_id
        where o.code = $1 and y.starts_on <= public.app_today() order by y.starts_on desc limit 2)
      select (select school_id from y limit 1) as school,
             (select id from y order by code desc limit 1) as year, (select code from y order by code desc limit 1) as year_code,
             (select id from y order by code asc limit 1) as past_year,
             (select c.id from public.classes c where c.school_year_id = (select id from y order by code desc limit 1) and c.name = '10A1') as c10a1,
             (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'toan') as toan,
             (select s.id from public.subjects s where s.school_level = 'upper_secondary' and s.code = 'gdtc') as gdtc`, [SCHOOL_CODE]);
    Object.assign(L, { school: r!.school, year: r!.year, yearCode: r!.year_code, pastYear: r!.past_year, c10A1: r!.c10a1, toan: r!.toan, comment: r!.gdtc });
    const people = await sql<{ email: string; id: string }>('owner', `select email, id from public.profiles where email = any ($1)`,
      [[TEACHER, HOMEROOM, ADMIN, PRINCIPAL]]);
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    Object.assign(who, { teacher: { sub: idOf(TEACHER) }, homeroom: { sub: idOf(HOMEROOM) }, admin: { sub: idOf(ADMIN) }, principal: { sub: idOf(PRINCIPAL) } });
    // Students of 10A1 with no conduct rating for semester I and no absence on the days used here.
    students = await sql<{ id: string; full_name: string }>('owner', `
      select s.id, s.full_name from public.enrolments e join public.students s on s.id = e.student_id
      where e.class_id = $1 and e.ended_on is null
        and not exists (select 1 from public.conduct_ratings k where k.student_id = s.id and k.school_year_id = e.school_year_id)
        and not exists (select 1 from public.attendance d where d.student_id = s.id and d.on_date between '2026-11-02' and '2026-11-06')
      order by s.student_code`, [L.c10A1]);
    expect(students.length).toBeGreaterThan(5);
  });

  it('gv.toan saving for a student exempt from Toán is refused with 400/22023 and nothing is written', async () => {
    const s = students[5]!;
    await sql('owner', `insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason)
                        values ($1, $2, $3, $4, null, 'Miễn học để kiểm thử')`, [L.school, L.year, s.id, L.toan]);
    const before = await state();
    await expect(saveAs(who.teacher, [{ student_id: s.id, kind: 'tx', seq: 1, value: 8 }], 2)).rejects.toMatchObject({
      code: '22023', message: `Học sinh ${s.full_name} được miễn môn Toán: không nhập điểm`,
    });
    expect(await state()).toEqual(before);
    const row = (await sql<{ r: Sheet }>(who.teacher, `select public.gradebook_sheet($1, $2, 2) as r`, [L.c10A1, L.toan]))[0]!.r
      .students.find((x) => x.student_id === s.id)!;
    expect(row.exempt).toBe(true);
  });

  it('a lock row without a decision, by someone not on the admin board, or a decision by a non-principal is refused; nothing is recorded', async () => {
    const count = async () => (await sql<{ d: number; l: number }>('owner',
      `select (select count(*)::int from public.lock_decisions) as d, (select count(*)::int from public.gradebook_locks) as l`))[0];
    const before = await count();
    // The admin board does not record the principal's decision; neither does a teacher, nor the service
    // role in their name; and nobody records one in the principal's name.
    const notPrincipal = 'Quyết định khoá/mở khoá sổ phải do Hiệu trưởng của năm học này ghi nhận';
    for (const actor of [who.admin, who.teacher]) {
      await expect(decideAs(actor)).rejects.toMatchObject({ code: '42501', message: notPrincipal });
    }
    await expect(decideAs('service_role', who.admin.sub)).rejects.toMatchObject({ code: '42501', message: notPrincipal });
    await expect(decideAs(who.admin, who.principal.sub)).rejects.toMatchObject({
      code: '42501', message: 'new row violates row-level security policy for table "lock_decisions"',
    });
    // A lock event needs a decision, and one of the same year.
    await expect(lockAs(who.admin, 'lock', null)).rejects.toMatchObject({ code: '23502' });
    const pastDecision = (await sql<{ id: string }>('owner', `select id from public.lock_decisions where school_year_id = $1 limit 1`, [L.pastYear]))[0]!.id;
    await expect(lockAs(who.admin, 'lock', pastDecision)).rejects.toMatchObject({ code: '23503' });
    // A real decision, cited by someone not on the admin board: the principal, a teacher, the service role for a teacher.
    const [decision] = await decideAs(who.principal);
    const notAdmin = 'Chỉ Ban quản trị của năm học này được khoá hoặc mở khoá sổ điểm';
    for (const actor of [who.principal, who.teacher]) {
      await expect(lockAs(actor, 'lock', decision!.id)).rejects.toMatchObject({ code: '42501', message: notAdmin });
    }
    await expect(lockAs('service_role', 'lock', decision!.id, { createdBy: who.teacher.sub })).rejects.toMatchObject({ code: '42501', message: notAdmin });
    await expect(lockAs(who.teacher, 'lock', decision!.id, { createdBy: who.admin.sub })).rejects.toMatchObject({
      code: '42501', message: 'new row violates row-level security policy for table "gradebook_locks"',
    });
    expect(await count()).toEqual({ d: before!.d + 1, l: before!.l });
    expect(await sql(who.teacher, `select public.gradebook_locked($1, 1, $2, $3) as locked`, [L.year, L.c10A1, L.toan])).toEqual([{ locked: false }]);
  });

  it('after the principal\'s decision and the admin board\'s lock of semester I, the teacher\'s save, the GVCN\'s conduct and attendance and a service-role insert get PT423; nothing changes; unlocking re-opens', async () => {
    const [s, t] = [students[0]!, students[1]!];
    // Control before the lock: the teacher saves a cell that the lock will then protect.
    const [saved] = await saveAs(who.teacher, [{ student_id: s.id, kind: 'gk', value: 7 }]);
    const entry = (saved!.r as { entries: { id: string; version: number }[] }).entries[0]!;

    const [decision] = await decideAs(who.principal);
    const decided = (await sql<{ decided_by: string }>(who.admin, `select decided_by from public.lock_decisions where id = $1`, [decision!.id]))[0];
    expect(decided).toEqual({ decided_by: who.principal.sub });
    const [lock] = await lockAs(who.admin, 'lock', decision!.id);
    expect(await sql(who.teacher, `select public.gradebook_locked($1, 1, $2, $3) as locked`, [L.year, L.c10A1, L.toan])).toEqual([{ locked: true }]);
    expect(await sql(who.teacher, `select public.gradebook_locked($1, 2, $2, $3) as locked`, [L.year, L.c10A1, L.toan])).toEqual([{ locked: false }]);

    const before = await state();
    await expect(saveAs(who.teacher, [{ student_id: s.id, kind: 'gk', value: 9, version: entry.version }])).rejects.toMatchObject({
      code: 'PT423', message: lockMessage('lớp 10A1, môn Toán'),
    });
    await expect(saveAs(who.teacher, [{ student_id: t.id, kind: 'tx', seq: 3, value: 9 }])).rejects.toMatchObject({
      code: 'PT423', message: lockMessage('lớp 10A1, môn Toán'),
    });
    await expect(conductAs(who.homeroom, t.id)).rejects.toMatchObject({ code: 'PT423', message: lockMessage('lớp 10A1') });
    await expect(absenceAs(who.homeroom, t.id, '2026-11-03')).rejects.toMatchObject({ code: 'PT423', message: lockMessage('lớp 10A1') });
    await expect(sql('service_role', `insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score)
                                      values ($1, $2, $3, $4, $5, 1, 'tx', 4, 9)`, [L.school, L.year, L.c10A1, t.id, L.toan]))
      .rejects.toMatchObject({ code: 'PT423', message: lockMessage('lớp 10A1, môn Toán') });
    await expect(sql('service_role', `delete from public.score_entries where id = $1`, [entry.id]))
      .rejects.toMatchObject({ code: 'PT423', message: lockMessage('lớp 10A1, môn Toán') });
    // Even the database owner (the seed's connection) is refused.
    await expect(sql('owner', `update public.score_entries set score = 10 where id = $1`, [entry.id]))
      .rejects.toMatchObject({ code: 'PT423' });
    expect(await state()).toEqual(before);
    expect(await sql('owner', `select score::float8 as score, version from public.score_entries where id = $1`, [entry.id])).toEqual([{ score: 7, version: 1 }]);
    // Semester II is not covered by this lock.
    const [open] = await saveAs(who.teacher, [{ student_id: t.id, kind: 'tx', seq: 1, value: 6 }], 2);
    expect((open!.r as { saved: number }).saved).toBe(1);

    // Unlock: a new event citing the principal's unlock decision re-opens semester I (the lock decision
    // would not: tests/api/freezes.test.ts); the lock event itself is kept.
    const [reopen] = await decideAs(who.principal, undefined, 'unlock');
    const [unlock] = await lockAs(who.admin, 'unlock', reopen!.id);
    expect(Number(unlock!.id)).toBeGreaterThan(Number(lock!.id));
    expect(await sql('owner', `select action from public.gradebook_locks where id = any ($1) order by id`, [[lock!.id, unlock!.id]]))
      .toEqual([{ action: 'lock' }, { action: 'unlock' }]);
    const [resaved] = await saveAs(who.teacher, [{ student_id: s.id, kind: 'gk', value: 9, version: entry.version }]);
    expect((resaved!.r as { entries: { score: number; version: number }[] }).entries).toEqual([expect.objectContaining({ score: 9, version: 2 })]);
    expect(await conductAs(who.homeroom, t.id)).toHaveLength(1);
    expect(await absenceAs(who.homeroom, t.id, '2026-11-03')).toHaveLength(1);
  });

  it('a lock narrowed to 10A1 Toán refuses Toán only: the GVCN still saves Ngữ văn and rates conduct in 10A1', async () => {
    const [s, t] = [students[2]!, students[3]!];
    const nguVan = (await sql<{ id: string }>('owner', `select id from public.subjects where school_level = 'upper_secondary' and code = 'ngu_van'`))[0]!.id;
    const [decision] = await decideAs(who.principal);
    await sql(who.admin, `insert into public.gradebook_locks (school_id, school_year_id, semester, class_id, subject_id, action, decision_id)
                          values ($1, $2, 1, $3, $4, 'lock', $5)`, [L.school, L.year, L.c10A1, L.toan, decision!.id]);
    const before = await state();
    await expect(saveAs(who.teacher, [{ student_id: s.id, kind: 'tx', seq: 3, value: 8 }])).rejects.toMatchObject({
      code: 'PT423', message: lockMessage('lớp 10A1, môn Toán'),
    });
    expect(await state()).toEqual(before);
    const [saved] = await sql<{ r: { saved: number } }>(who.homeroom, `select public.save_score_entries($1, $2, 1, $3::jsonb) as r`,
      [L.c10A1, nguVan, JSON.stringify([{ student_id: s.id, kind: 'tx', seq: 3, value: 8 }])]);
    expect(saved!.r.saved).toBe(1);
    expect(await conductAs(who.homeroom, t.id)).toHaveLength(1);
    expect(await absenceAs(who.homeroom, t.id, '2026-11-04')).toHaveLength(1);
    const [reopen] = await decideAs(who.principal, undefined, 'unlock');
    await sql(who.admin, `insert into public.gradebook_locks (school_id, school_year_id, semester, class_id, subject_id, action, decision_id)
                          values ($1, $2, 1, $3, $4, 'unlock', $5)`, [L.school, L.year, L.c10A1, L.toan, reopen!.id]);
    expect(await sql(who.teacher, `select public.gradebook_locked($1, 1, $2, $3) as locked`, [L.year, L.c10A1, L.toan])).toEqual([{ locked: false }]);
  });

  it('lock decisions and lock events cannot be updated, deleted or truncated, even by the service role or the database owner', async () => {
    const [decision] = await decideAs(who.principal, undefined, 'unlock');
    const [lock] = await lockAs(who.admin, 'unlock', decision!.id);
    const before = await sql('owner', `select * from public.gradebook_locks where id = $1`, [lock!.id]);
    const beforeDecision = await sql('owner', `select * from public.lock_decisions where id = $1`, [decision!.id]);
    // Signed-in users and the service role have no update, delete or truncate grant at all.
    for (const actor of [who.admin, who.principal, 'service_role'] as Actor[]) {
      await expect(sql(actor, `update public.gradebook_locks set action = 'lock' where id = $1`, [lock!.id]))
        .rejects.toMatchObject({ code: '42501', message: 'permission denied for table gradebook_locks' });
      await expect(sql(actor, `delete from public.gradebook_locks where id = $1`, [lock!.id]))
        .rejects.toMatchObject({ code: '42501', message: 'permission denied for table gradebook_locks' });
      await expect(sql(actor, `update public.lock_decisions set number = '99/QĐ' where id = $1`, [decision!.id]))
        .rejects.toMatchObject({ code: '42501', message: 'permission denied for table lock_decisions' });
      await expect(sql(actor, `delete from public.lock_decisions where id = $1`, [decision!.id]))
        .rejects.toMatchObject({ code: '42501', message: 'permission denied for table lock_decisions' });
    }
    for (const table of ['gradebook_locks', 'lock_decisions', 'score_entries']) {
      await expect(sql('service_role', `truncate public.${table}`))
        .rejects.toMatchObject({ code: '42501', message: `permission denied for table ${table}` });
    }
    // The owner holds every privilege; the trigger refuses it.
    const records = 'Quyết định và nhật ký khoá sổ là hồ sơ: không được sửa hay xoá';
    for (const actor of ['owner'] as Actor[]) {
      await expect(sql(actor, `update public.gradebook_locks set action = 'lock' where id = $1`, [lock!.id])).rejects.toMatchObject({ code: '42501', message: records });
      await expect(sql(actor, `delete from public.gradebook_locks where id = $1`, [lock!.id])).rejects.toMatchObject({ code: '42501', message: records });
      await expect(sql(actor, `update public.lock_decisions set number = '99/QĐ' where id = $1`, [decision!.id])).rejects.toMatchObject({ code: '42501', message: records });
      await expect(sql(actor, `delete from public.lock_decisions where id = $1`, [decision!.id])).rejects.toMatchObject({ code: '42501', message: records });
    }
    expect(await sql('owner', `select * from public.gradebook_locks where id = $1`, [lock!.id])).toEqual(before);
    expect(await sql('owner', `select * from public.lock_decisions where id = $1`, [decision!.id])).toEqual(beforeDecision);
  });
});
