// Học kỳ II started by the admin board (issue 20, item 5; migration 20261205060000_semester_two_start.sql), over
// HTTP on a school of the test's own (its current year 2025–2026: semester I ended 16/01/2026, before the
// pinned today): nobody but the board of the school; a wrong date and a refused change write nothing (not
// even the date); started once with a new teacher of 10A1's Toán for semester II (the semester I assignment
// kept for semester I), audited; never twice.
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { signedIn, superuser } from '../helpers/stack.ts';

let su: pg.Client;
let own: OwnSchool;
let board: SupabaseClient<Database>;
let toan: string;
let literature: string;
let newTeacher: string;

const yearRow = async () => (await su.query(`select semester2_starts_on::text, semester2_started_at is not null as started from public.school_years where id = $1`, [own.yearId])).rows[0];
const assignments = async (subject: string) =>
  (await su.query(`select p.email, a.from_semester, a.to_semester, a.ended_at is not null as ended from public.teaching_assignments a join public.profiles p on p.id = a.teacher_id
                   where a.class_id = $1 and a.subject_id = $2 order by a.from_semester, a.created_at`, [own.classes['10A1'].id, subject])).rows;

beforeAll(async () => {
  su = await superuser();
  own = await createOwnSchool(su, { studentsPerClass: 3 });
  board = await signedIn(own.board);
  const subject = async (code: string) => (await su.query(`select s.id from public.teaching_assignments a join public.subjects s on s.id = a.subject_id
                                                           where a.class_id = $1 and s.code = $2 limit 1`, [own.classes['10A1'].id, code])).rows[0].id as string;
  toan = await subject('toan');
  literature = await subject('ngu_van');
  newTeacher = (await su.query(`select id from public.profiles where email = $1`, [own.classes['11A1'].teacher])).rows[0].id;
}, 240_000);
afterAll(async () => {
  await su?.end();
});

describe('học kỳ II started by the admin board', () => {
  it('nobody but the board of the school: its principal, a teacher, another school\'s board', async () => {
    for (const email of [own.principal, own.classes['10A1'].gvcn, 'bqt@thpt-tandong.edu.vn']) {
      const c = await signedIn(email);
      const { error } = await c.rpc('start_semester_two', { p_school_year_id: own.yearId });
      expect(error, email).toMatchObject({ code: '42501', message: 'Chỉ Ban quản trị của trường bắt đầu học kỳ II.' });
    }
    expect(await yearRow()).toEqual({ semester2_starts_on: '2026-01-18', started: false });
  });

  it('a date out of order, or one refused change, writes nothing — not even the date', async () => {
    const before = await assignments(toan);
    const wrong = await board.rpc('start_semester_two', { p_school_year_id: own.yearId, p_semester2_starts_on: '2026-01-10' });
    expect(wrong.error).toMatchObject({ code: '22023', message: 'Ngày bắt đầu học kỳ II phải sau ngày kết thúc học kỳ I (16/01/2026) và trước ngày kết thúc năm học (31/05/2026).' });
    const refused = await board.rpc('start_semester_two', {
      p_school_year_id: own.yearId, p_semester2_starts_on: '2026-01-19',
      p_changes: [
        { class_id: own.classes['10A1'].id, subject_id: toan, teacher_id: newTeacher, reason: 'Giáo viên nghỉ sinh' },
        { class_id: own.classes['10A1'].id, subject_id: literature, teacher_id: newTeacher, reason: '' },
      ],
    });
    expect(refused.error).toBeNull();
    expect(refused.data).toEqual({ started: false, changed: 0, errors: [{ label: 'Ngữ văn — 10A1', message: 'Cần ghi lý do thay đổi phân công (ít nhất 3 ký tự).' }] });
    expect(await assignments(toan)).toEqual(before);
    expect(await yearRow()).toEqual({ semester2_starts_on: '2026-01-18', started: false });
  });

  it('started with a new Toán teacher for semester II: semester I stays its teacher\'s; audited; never twice', async () => {
    const [first] = await assignments(toan);
    const { data, error } = await board.rpc('start_semester_two', {
      p_school_year_id: own.yearId, p_semester2_starts_on: '2026-01-19',
      p_changes: [{ class_id: own.classes['10A1'].id, subject_id: toan, teacher_id: newTeacher, reason: 'Giáo viên nghỉ sinh' }],
    });
    expect(error).toBeNull();
    expect(data).toEqual({ started: true, semester2_starts_on: '2026-01-19', changed: 1, errors: [] });
    expect(await assignments(toan)).toEqual([
      { email: first!.email, from_semester: 1, to_semester: 1, ended: false },
      { email: own.classes['11A1'].teacher, from_semester: 2, to_semester: 2, ended: false },
    ]);
    expect(await yearRow()).toEqual({ semester2_starts_on: '2026-01-19', started: true });
    const { rows: audit } = await su.query(`select action from public.audit_log where table_name = 'school_years' and $1 = any (row_keys) and action = 'update'`, [own.yearId]);
    expect(audit.length).toBeGreaterThan(0);
    const again = await board.rpc('start_semester_two', { p_school_year_id: own.yearId });
    expect(again.error).toMatchObject({ code: '55000', message: 'Học kỳ II của năm học 2025-2026 đã bắt đầu từ ngày 19/01/2026.' });
  });
});
