// Placing students into the next school year (issue 20, item 3; migration 20261205041000_year_placements.sql)
// over HTTP as the admin board of a school of the test's own (2025–2026 complete: 10A1's first student
// absent over 45 days → not promoted; its last student failed two subjects and — their re-test scores
// removed — awaits the re-test; a promoted student's parent has an account). The board prepares 2026–2027; the proposals follow the results (promoted
// a grade up, not promoted repeating, awaiting held, 12A1 graduated); a move into the wrong grade refuses
// the whole placement and nothing is written; the placement commits in one transaction, is undone while
// the year is unopened, placed again, and the year's opening ends the previous enrolments. Nobody else may.
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { createUser, signedIn, superuser } from '../helpers/stack.ts';

interface Proposal {
  enrolment_id: string;
  student_id: string;
  student_code: string;
  from_class: string;
  result: string | null;
  proposal: 'promote' | 'repeat' | 'graduate' | 'hold';
  class_id: string | null;
  class_name: string | null;
  placed: string | null;
  placed_class: string | null;
}

let su: pg.Client;
let own: OwnSchool;
let board: SupabaseClient<Database>;
let year: string;
let parentId: string;

const proposals = async (): Promise<Proposal[]> => {
  const { data, error } = await board.rpc('placement_proposals', { p_school_year_id: year });
  expect(error).toBeNull();
  return data as unknown as Proposal[];
};
const moveOf = (p: Proposal) => ({ enrolment_id: p.enrolment_id, action: p.proposal, ...(p.class_id ? { class_id: p.class_id } : {}) });

beforeAll(async () => {
  su = await superuser();
  // Five a class (three to seven): 10A1 always has promoted students between its first and its last.
  own = await createOwnSchool(su, { studentsPerClass: 5, manyAbsences: ['10A1'], weak: ['10A1'] });
  // The weak student's re-test is not entered yet: the result awaits it.
  await su.query(`delete from public.score_entries where student_id = $1 and kind = 'retest'`, [own.classes['10A1'].students.at(-1)]);
  // A parent with an account, holding the guardian role of 2025–2026 (their child is chosen among the promoted below).
  const parent = await createUser();
  await su.query(`insert into public.profiles (id, full_name, email) values ($1, 'Phụ huynh Thử', $2)`, [parent.id, parent.email]);
  await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'guardian')`, [parent.id, own.schoolId, own.yearId]);
  parentId = parent.id;
  board = await signedIn(own.board);
  const { data, error } = await board.rpc('prepare_school_year', { p_school_id: own.schoolId });
  expect(error).toBeNull();
  year = (data as { school_year_id: string }).school_year_id;
}, 240_000);
afterAll(async () => {
  await su?.end();
});

describe('placing students into the next year', () => {
  it('the proposals follow the results: a grade up, repeating, held, graduated', async () => {
    const rows = await proposals();
    const all = Object.values(own.classes).reduce((n, c) => n + c.students.length, 0);
    expect(rows).toHaveLength(all);
    const c10 = own.classes['10A1'].students;
    const of = (id: string) => rows.find((r) => r.student_id === id)!;
    expect(of(c10[0]!)).toMatchObject({ result: 'not_promoted', proposal: 'repeat', class_name: '10A1', placed: null });
    expect(of(c10.at(-1)!)).toMatchObject({ result: 'retest', proposal: 'hold', class_id: null });
    for (const r of rows.filter((x) => x.result === 'promoted')) {
      const expected = { '10A1': ['promote', '11A1'], '11A1': ['promote', '12A1'], '12A1': ['graduate', null] }[r.from_class]!;
      expect([r.proposal, r.class_name], r.student_code).toEqual(expected);
    }
    expect(rows.filter((r) => r.result === 'promoted').length).toBeGreaterThan(all / 2);
  });

  it('a refused move refuses the whole, with a sentence per student; nothing is written', async () => {
    const rows = await proposals();
    const promoted10 = rows.find((r) => r.from_class === '10A1' && r.proposal === 'promote')!;
    const class10 = rows.find((r) => r.proposal === 'repeat')!.class_id!;
    const grad = rows.find((r) => r.proposal === 'graduate')!;
    const of11 = rows.find((r) => r.from_class === '11A1')!;
    const moves = [
      ...rows.filter((r) => r.proposal !== 'hold' && r !== promoted10 && r !== of11).map(moveOf),
      { enrolment_id: promoted10.enrolment_id, action: 'promote', class_id: class10 },
      { enrolment_id: of11.enrolment_id, action: 'graduate' },
    ];
    const { data, error } = await board.rpc('place_students', { p_school_year_id: year, p_moves: moves });
    expect(error).toBeNull();
    expect((data as { placed: number }).placed).toBe(0);
    const errors = (data as { errors: { student_code: string; message: string }[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([
      { enrolment_id: promoted10.enrolment_id, student_code: promoted10.student_code, message: 'Học sinh lên lớp vào một lớp 11, không phải lớp 10A1.' },
      { enrolment_id: of11.enrolment_id, student_code: of11.student_code, message: 'Chỉ học sinh lớp 12 ra trường.' },
    ]));
    expect(errors).toHaveLength(2);
    expect(grad).toBeDefined();
    const { rows: written } = await su.query(`select count(*)::int as n from public.enrolments where school_year_id = $1`, [year]);
    expect(written[0].n).toBe(0);
    expect((await su.query(`select count(*)::int as n from public.year_placements where school_year_id = $1`, [year])).rows[0].n).toBe(0);
  });

  it('nobody but the board: the principal, a teacher, another school\'s board', async () => {
    const rows = await proposals();
    const moves = rows.filter((r) => r.proposal === 'promote').slice(0, 1).map(moveOf);
    for (const email of [own.principal, own.classes['10A1'].gvcn, 'bqt@thpt-tandong.edu.vn']) {
      const c = await signedIn(email);
      for (const call of [
        () => c.rpc('placement_proposals', { p_school_year_id: year }),
        () => c.rpc('place_students', { p_school_year_id: year, p_moves: moves }),
        () => c.rpc('undo_placements', { p_school_year_id: year }),
      ]) {
        const { error } = await call();
        expect(error, email).toMatchObject({ code: '42501', message: 'Chỉ Ban quản trị của trường xếp lớp cho năm học mới.' });
      }
      expect((await c.from('year_placements').select('id').eq('school_id', own.schoolId)).data, email).toEqual([]);
    }
  });

  it('placed in one transaction, undone while unopened, placed again; opening ends the previous enrolments, held ones stay open', async () => {
    let rows = await proposals();
    const moves = rows.filter((r) => r.proposal !== 'hold').map(moveOf);
    // The parent's child: a promoted student of 10A1.
    await su.query(`update public.guardians set profile_id = $1 where id = (select id from public.guardians where student_id = $2 order by relationship limit 1)`,
      [parentId, rows.find((r) => r.from_class === '10A1' && r.proposal === 'promote')!.student_id]);
    const { data, error } = await board.rpc('place_students', { p_school_year_id: year, p_moves: moves });
    expect(error).toBeNull();
    const graduates = rows.filter((r) => r.proposal === 'graduate').length;
    expect(data).toEqual({ placed: moves.length - graduates, graduated: graduates, errors: [] });
    rows = await proposals();
    for (const r of rows) expect(r.placed, r.student_code).toBe(r.proposal === 'hold' ? null : r.proposal);
    expect(rows.filter((r) => r.proposal === 'promote').every((r) => r.placed_class === r.class_name)).toBe(true);
    // The family's account follows the child into the new year (not carried by the preparation, which carries staff).
    const { rows: family } = await su.query(`select role::text from public.memberships where profile_id = $1 and school_year_id = $2`, [parentId, year]);
    expect(family).toEqual([{ role: 'guardian' }]);
    // The board reads them (positive control of the denial above).
    expect((await board.from('year_placements').select('id').eq('school_id', own.schoolId)).data).toHaveLength(moves.length);
    // Twice: refused, naming the student.
    const again = await board.rpc('place_students', { p_school_year_id: year, p_moves: moves.slice(0, 1) });
    expect((again.data as { errors: { message: string }[] }).errors[0]!.message).toBe('Học sinh đã được xếp lớp cho năm học này.');

    // Undone: nothing of it is left, the family's role in the new year neither; placed again, the role with it.
    expect((await board.rpc('undo_placements', { p_school_year_id: year })).data).toBe(moves.length);
    expect((await su.query(`select count(*)::int as n from public.enrolments where school_year_id = $1`, [year])).rows[0].n).toBe(0);
    const familyRoles = async () => (await su.query(`select role::text from public.memberships where profile_id = $1 and school_year_id = $2`, [parentId, year])).rows;
    expect(await familyRoles()).toEqual([]);
    expect((await board.rpc('place_students', { p_school_year_id: year, p_moves: moves })).data).toMatchObject({ errors: [] });
    expect(await familyRoles()).toEqual([{ role: 'guardian' }]);

    // Opened: the previous year's enrolments of the placed end on its last day; the held student's stays open.
    const opened = await board.rpc('open_school_year', { p_school_year_id: year });
    expect(opened.error).toBeNull();
    const { rows: ended } = await su.query(
      `select e.student_id, e.ended_on::text, e.end_reason::text from public.enrolments e where e.school_year_id = $1`, [own.yearId]);
    const held = own.classes['10A1'].students.at(-1)!;
    for (const e of ended) {
      const r = rows.find((x) => x.student_id === e.student_id)!;
      if (e.student_id === held) expect(e).toMatchObject({ ended_on: null, end_reason: null });
      else expect(e, r.student_code).toMatchObject({ ended_on: '2026-05-31', end_reason: r.proposal === 'graduate' ? 'graduated' : 'year_end' });
    }
    expect((await board.rpc('undo_placements', { p_school_year_id: year })).error?.message).toMatch(/^Năm học 2026-2027 đã được mở/);
    // The held student is placed later, into the open year (the board decides once the re-test is done): the old
    // enrolment ends at once.
    const heldRow = rows.find((r) => r.student_id === held)!;
    const target = rows.find((r) => r.proposal === 'promote' && r.from_class === '10A1')!.class_id!;
    const lateMove = [{ enrolment_id: heldRow.enrolment_id, action: 'promote', class_id: target }];
    // Never into a year whose gradebook is locked (a lock recorded as the owner, then taken away again).
    const idOf = async (email: string) => (await su.query(`select id from auth.users where email = $1`, [email])).rows[0].id as string;
    const [principalId, boardId] = [await idOf(own.principal), await idOf(own.board)];
    await su.query('begin');
    await su.query(`set local session_replication_role = replica`);
    const { rows: [decision] } = await su.query(`insert into public.lock_decisions (school_id, school_year_id, decided_by, number, summary)
                                                 values ($1, $2, $3, '9/QĐ-thử', 'Khoá sổ thử') returning id`, [own.schoolId, year, principalId]);
    await su.query(`insert into public.gradebook_locks (school_id, school_year_id, semester, action, decision_id, created_by)
                    values ($1, $2, 1, 'lock', $3, $4)`, [own.schoolId, year, decision.id, boardId]);
    await su.query('commit');
    const locked = await board.rpc('place_students', { p_school_year_id: year, p_moves: lateMove });
    expect(locked.error).toMatchObject({ code: '55000', message: 'Sổ điểm năm học 2026-2027 đã khoá: không xếp lớp vào năm học đã khoá sổ.' });
    await su.query('begin');
    await su.query(`set local session_replication_role = replica`);
    await su.query(`delete from public.gradebook_locks where decision_id = $1`, [decision.id]);
    await su.query(`delete from public.lock_decisions where id = $1`, [decision.id]);
    await su.query('commit');
    const late = await board.rpc('place_students', { p_school_year_id: year, p_moves: lateMove });
    expect(late.data).toEqual({ placed: 1, graduated: 0, errors: [] });
    const { rows: [old] } = await su.query(`select ended_on::text, end_reason::text from public.enrolments where id = $1`, [heldRow.enrolment_id]);
    expect(old).toEqual({ ended_on: '2026-05-31', end_reason: 'year_end' });
  });
});
