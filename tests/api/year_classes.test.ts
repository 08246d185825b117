// The proposed classes of a year being prepared (issue 20, item 2; migration 20261205050000_year_cycle_classes.sql),
// over HTTP as the admin board of a school of the test's own (2025–2026 complete, 2026–2027 prepared and its
// students placed): a class split (a class added, a student moved: the enrolment moves, nothing is ended) and
// merged (in one call: its students moved into a class of the same grade, the class removed with its class
// subjects and teaching assignments, audited),
// a class renamed; a class still holding students is not removed (and nothing changes); nobody but the board
// of the school may; once the year is opened, no class of it is removed and a move is a class change again.
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { signedIn, superuser } from '../helpers/stack.ts';

let su: pg.Client;
let own: OwnSchool;
let board: SupabaseClient<Database>;
let year: string;

const classId = async (name: string): Promise<string | undefined> =>
  (await su.query(`select id from public.classes where school_year_id = $1 and name = $2`, [year, name])).rows[0]?.id;
const enrolmentsOf = async (name: string) =>
  (await su.query(`select e.id, e.student_id, e.start_reason::text, e.ended_on from public.enrolments e join public.classes c on c.id = e.class_id
                   where e.school_year_id = $1 and c.name = $2 order by e.student_id`, [year, name])).rows as { id: string; student_id: string; start_reason: string; ended_on: string | null }[];
const structureOf = async (id: string) =>
  (await su.query(`select (select count(*)::int from public.class_subjects where class_id = $1) as subjects,
                          (select count(*)::int from public.teaching_assignments where class_id = $1) as assignments,
                          (select count(*)::int from public.classes where id = $1) as classes`, [id])).rows[0] as { subjects: number; assignments: number; classes: number };

beforeAll(async () => {
  su = await superuser();
  own = await createOwnSchool(su, { studentsPerClass: 5, manyAbsences: ['10A1'] });
  board = await signedIn(own.board);
  const prepared = await board.rpc('prepare_school_year', { p_school_id: own.schoolId });
  expect(prepared.error).toBeNull();
  year = (prepared.data as { school_year_id: string }).school_year_id;
  const { data } = await board.rpc('placement_proposals', { p_school_year_id: year });
  const moves = (data as unknown as { enrolment_id: string; proposal: string; class_id: string | null }[])
    .filter((p) => p.proposal !== 'hold').map((p) => ({ enrolment_id: p.enrolment_id, action: p.proposal, ...(p.class_id ? { class_id: p.class_id } : {}) }));
  const placed = await board.rpc('place_students', { p_school_year_id: year, p_moves: moves });
  expect(placed.data).toMatchObject({ errors: [] });
}, 240_000);
afterAll(async () => {
  await su?.end();
});

describe('the classes of a year being prepared', () => {
  it('split: a class added and a student moved into it — the enrolment moves (still promoted, still placed), nothing is ended', async () => {
    const added = await board.from('classes').insert({ school_id: own.schoolId, school_year_id: year, name: '11A2', grade: 11 }).select('id').single();
    expect(added.error).toBeNull();
    const [first] = await enrolmentsOf('11A1');
    const before = (await su.query(`select count(*)::int as n from public.enrolments where school_year_id = $1`, [year])).rows[0].n;
    const moved = await board.rpc('change_class', { p_enrolment_id: first!.id, p_class_id: added.data!.id, p_on: '2026-09-05' });
    expect(moved.error).toBeNull();
    expect(await enrolmentsOf('11A2')).toEqual([{ ...first, ended_on: null }]);
    expect((await su.query(`select count(*)::int as n from public.enrolments where school_year_id = $1`, [year])).rows[0].n).toBe(before);
    expect((await su.query(`select enrolment_id from public.year_placements where school_year_id = $1 and student_id = $2`, [year, first!.student_id])).rows)
      .toEqual([{ enrolment_id: first!.id }]);
  });

  it('a class that still has students is not removed, with the sentence; nothing changes', async () => {
    const id = (await classId('11A1'))!;
    const before = await structureOf(id);
    expect(before.subjects).toBeGreaterThan(0);
    const n = (await enrolmentsOf('11A1')).length;
    const { error } = await board.rpc('remove_proposed_class', { p_class_id: id });
    expect(error).toMatchObject({ code: '55000', message: `Lớp 11A1 còn ${n} học sinh: hãy chuyển các em sang lớp khác trước khi xoá lớp.` });
    expect(await structureOf(id)).toEqual(before);
  });

  it('nobody but the board of the school: its principal, a teacher, another school\'s board', async () => {
    const id = (await classId('11A2'))!;
    for (const email of [own.principal, own.classes['10A1'].gvcn, 'bqt@thpt-tandong.edu.vn']) {
      const c = await signedIn(email);
      const { error } = await c.rpc('remove_proposed_class', { p_class_id: id });
      expect(error, email).toMatchObject({ code: '42501', message: 'Không tìm thấy lớp hoặc bạn không có quyền với lớp này' });
      // Nor directly: classes have no delete grant; an update of a class of the year is the board's.
      const renamed = await c.from('classes').update({ name: '11A9' }).eq('id', id).select('id');
      expect(renamed.data ?? [], email).toEqual([]);
    }
    expect(await structureOf(id)).toMatchObject({ classes: 1 });
  });

  it('merge: the students moved, the empty class removed with its subjects and assignments (audited); the other renamed', async () => {
    // The new 10A1 (the intake, with subjects and teachers) holds the repeater; merged into a new 10A2.
    const tenA1 = (await classId('10A1'))!;
    const structure = await structureOf(tenA1);
    expect(structure).toMatchObject({ classes: 1 });
    expect(structure.subjects).toBeGreaterThan(0);
    expect(structure.assignments).toBeGreaterThan(0);
    const added = await board.from('classes').insert({ school_id: own.schoolId, school_year_id: year, name: '10A2', grade: 10 }).select('id').single();
    expect(added.error).toBeNull();
    const students = await enrolmentsOf('10A1');
    expect(students.length).toBeGreaterThan(0);
    // Into a class of another grade: refused, nothing moves.
    const wrong = await board.rpc('remove_proposed_class', { p_class_id: tenA1, p_merge_into: (await classId('11A1'))! });
    expect(wrong.error).toMatchObject({ code: '22023', message: 'Chỉ gộp lớp 10A1 vào một lớp khác cùng khối 10 của năm học 2026-2027.' });
    expect(await enrolmentsOf('10A1')).toEqual(students);
    // Merged in one call: the students move (their enrolments, start reasons and placements kept), the class goes.
    const removed = await board.rpc('remove_proposed_class', { p_class_id: tenA1, p_merge_into: added.data!.id });
    expect(removed).toMatchObject({ error: null, data: '10A1' });
    expect(await enrolmentsOf('10A2')).toEqual(students);
    expect(await structureOf(tenA1)).toEqual({ subjects: 0, assignments: 0, classes: 0 });
    const { rows: audit } = await su.query(
      `select table_name, action from public.audit_log where school_id = $1 and action = 'delete' and $2 = any (row_keys) order by id`, [own.schoolId, tenA1]);
    expect(audit).toContainEqual({ table_name: 'classes', action: 'delete' });
    // The name is free again: 10A2 becomes 10A1.
    const renamed = await board.from('classes').update({ name: '10A1' }).eq('id', added.data!.id).select('name');
    expect(renamed).toMatchObject({ error: null, data: [{ name: '10A1' }] });
  });

  it('a role carried to the prepared year is confirmed by staying, ended by removing it once its assignments are reassigned: the teacher\'s role this year stays', async () => {
    const teacher = own.classes['11A1'].teacher;
    const ofTeacher = async (y: string) => (await su.query(`select m.id, m.role::text from public.memberships m join public.profiles p on p.id = m.profile_id
                                                            where p.email = $1 and m.school_year_id = $2 order by m.role`, [teacher, y])).rows as { id: string; role: string }[];
    const carried = await ofTeacher(year);
    expect(carried.map((m) => m.role)).toContain('subject_teacher');
    const current = await ofTeacher(own.yearId);
    const target = carried.find((m) => m.role === 'subject_teacher')!;
    // Nobody else may: the teacher themself, another school's board (positive control below).
    for (const email of [teacher, 'bqt@thpt-tandong.edu.vn']) {
      const c = await signedIn(email);
      const { data } = await c.from('memberships').delete().eq('id', target.id).select('id');
      expect(data ?? [], email).toEqual([]);
    }
    expect(await ofTeacher(year)).toEqual(carried);
    // The board itself first: refused while the teacher holds the year's carried assignments, nothing removed.
    const { rows: work } = await su.query(`select a.class_id, a.subject_id from public.teaching_assignments a join public.profiles p on p.id = a.teacher_id
                                           where p.email = $1 and a.school_year_id = $2 and a.ended_at is null`, [teacher, year]);
    expect(work.length).toBeGreaterThan(0);
    const refused = await board.from('memberships').delete().eq('id', target.id).select('id');
    expect(refused.error?.message).toMatch(new RegExp(`^.+ còn ${work.length} phân công giảng dạy trong năm học này: hãy phân công lại trước khi bỏ vai trò giáo viên bộ môn\\.$`));
    expect(await ofTeacher(year)).toEqual(carried);
    // Reassigned (to another subject teacher carried into the year), the role can go.
    const other = (await su.query(`select m.profile_id from public.memberships m join public.profiles p on p.id = m.profile_id
                                   where m.school_year_id = $1 and m.role = 'subject_teacher' and p.email <> $2 order by p.email limit 1`, [year, teacher])).rows[0].profile_id as string;
    for (const w of work) {
      const r = await board.rpc('reassign_teacher', { p_class_id: w.class_id, p_subject_id: w.subject_id, p_teacher_id: other, p_reason: 'Giáo viên chuyển trường' });
      expect(r.error).toBeNull();
    }
    const ended = await board.from('memberships').delete().eq('id', target.id).select('id');
    expect(ended).toMatchObject({ error: null, data: [{ id: target.id }] });
    expect((await ofTeacher(year)).map((m) => m.role)).not.toContain('subject_teacher');
    expect(await ofTeacher(own.yearId)).toEqual(current);
    // A carried homeroom teacher's role: refused while they are the GVCN of a class of the year (named), nothing removed.
    const { rows: [gvcn] } = await su.query(`select m.id, string_agg(c.name, ', ' order by c.name) as classes from public.memberships m
                                             join public.classes c on c.homeroom_teacher_id = m.profile_id and c.school_year_id = m.school_year_id
                                             where m.school_year_id = $1 and m.role = 'homeroom_teacher' group by m.id order by m.id limit 1`, [year]);
    expect(gvcn).toBeDefined();
    const kept = await board.from('memberships').delete().eq('id', gvcn.id).select('id');
    expect(kept.error?.message).toBe(`Đây là giáo viên chủ nhiệm lớp ${gvcn.classes} trong năm học này: hãy chọn giáo viên chủ nhiệm khác trước khi bỏ vai trò.`);
    expect((await su.query('select count(*)::int as n from public.memberships where id = $1', [gvcn.id])).rows[0].n).toBe(1);
  });

  it('once the year is opened: no class of it is removed, and a move is a class change again', async () => {
    expect((await board.rpc('open_school_year', { p_school_year_id: year })).error).toBeNull();
    const id = (await classId('11A2'))!;
    const { error } = await board.rpc('remove_proposed_class', { p_class_id: id });
    expect(error).toMatchObject({ code: '55000', message: 'Lớp 11A2 thuộc năm học 2026-2027 đã mở: lớp của năm học đã mở được lưu giữ, không xoá được.' });
    expect(await structureOf(id)).toMatchObject({ classes: 1 });
    const [e] = await enrolmentsOf('11A2');
    expect((await board.rpc('change_class', { p_enrolment_id: e!.id, p_class_id: (await classId('11A1'))!, p_on: '2026-09-10' })).error).toBeNull();
    const { rows } = await su.query(`select c.name, e.ended_on::text, e.end_reason::text, e.start_reason::text from public.enrolments e join public.classes c on c.id = e.class_id
                                     where e.student_id = $1 and e.school_year_id = $2 order by e.ended_on nulls last`, [e!.student_id, year]);
    expect(rows).toEqual([
      { name: '11A2', ended_on: '2026-09-10', end_reason: 'class_change', start_reason: 'promoted' },
      { name: '11A1', ended_on: null, end_reason: null, start_reason: 'class_change' },
    ]);
  });
});
