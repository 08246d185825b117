// Issue 11, finding 2, after the security review of the first fix: three holes shown by real requests.
// 1. A Phòng officer manufactured the BGH role it then relied on: it appointed gvcn.3a@ (or bqt@th-tandong)
//    vice principal, reset the password as "a BGH account of a school under it", removed the role and
//    signed in as them. An officer now resets only accounts whose EVERY role (any year, any school) is a
//    BGH role in schools under it and that are linked to no child's record; a teacher or board member
//    appointed BGH recovers a forgotten password by e-mail.
// 2. Separation of duties: nobody holds a BGH role and admin_board in the same school year (the board
//    made the principal a board member, who then decided an unlock and posted it); and no signed-in user
//    grants a role in a school year that has ended (the Sở gave a teacher a past year's vice principal
//    role, i.e. the right to decide unlocks of a locked year).
// 3. A link to a guardian or student record counts as a tie to that record's school in the "every role in
//    its school" test: the primary school's board could reset an account linked to a THPT child.
// Attacks that get through (on code without the rules) are undone in `finally`; demo passwords are put
// back; resets that must succeed use accounts made here.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACKER_PASSWORD, DEMO_PASSWORD, canSignIn, createdBy, dropMemberships, idOf, passwordHash, restoreDemoPassword, rolesOf, staffAccounts, unitOf, yearsOf,
} from '../helpers/accounts.ts';
import { signedIn, superuser } from '../helpers/stack.ts';

const THPT_BOARD = 'bqt@thpt-tandong.edu.vn';
const TH_BOARD = 'bqt@th-tandong.edu.vn';
const PRINCIPAL = 'hieutruong@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const TH_HOMEROOM = 'gvcn.3a@th-tandong.edu.vn';
const PHONG = 'phong@tanchau.edu.vn';
const SO = 'so@tayninh.edu.vn';

const SOD = 'Một người không thể vừa thuộc Ban giám hiệu vừa thuộc Ban quản trị của trường trong cùng một năm học.';
const ENDED = 'Năm học này đã kết thúc: không gán hay sửa vai trò của năm học đã qua.';

let thptBoard: SupabaseClient<Database>;
let thBoard: SupabaseClient<Database>;
let phong: SupabaseClient<Database>;
let so: SupabaseClient<Database>;
const unit = { thpt: '', th: '' };
const year = { thpt: '', thptPast: '', th: '', thPast: '' };

beforeAll(async () => {
  [thptBoard, thBoard, phong, so] = await Promise.all([signedIn(THPT_BOARD), signedIn(TH_BOARD), signedIn(PHONG), signedIn(SO)]);
  [unit.thpt, unit.th] = await Promise.all([unitOf('thpt-tandong'), unitOf('th-tandong')]);
  const [thpt, th] = await Promise.all([yearsOf(unit.thpt), yearsOf(unit.th)]);
  [year.thpt, year.thptPast, year.th, year.thPast] = [thpt.current, thpt.past!, th.current, th.past!];
});

/** Runs SQL as the superuser (provisioning, setting up links, cleaning up). */
async function su<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await superuser();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('an officer does not manufacture the BGH role it resets by', () => {
  it.each([[TH_HOMEROOM, 'vice_principal'], [TH_BOARD, 'principal']] as const)('phong@tanchau appoints %s %s, but cannot reset their password; they still sign in with their own', async (email, role) => {
    const target = await idOf(email);
    const before = await passwordHash(target);
    try {
      const grant = await phong.from('memberships').insert({ profile_id: target, org_unit_id: unit.th, school_year_id: year.th, role }).select('id');
      // The teacher may be appointed (a real appointment); the board member may not (separation of duties).
      if (email === TH_BOARD) expect.soft(grant.error?.message).toBe(SOD);
      else expect.soft(grant.error).toBeNull();
      const reset = await staffAccounts(phong, { action: 'reset_password', user_id: target, password: ATTACKER_PASSWORD });
      expect.soft(reset.status).toBe(403);
      expect.soft(reset.body.code).toBe('reset_not_allowed');
      expect.soft(await passwordHash(target), 'the password is unchanged').toBe(before);
      await phong.from('memberships').delete().eq('profile_id', target).eq('role', role);
      expect.soft(await canSignIn(email, ATTACKER_PASSWORD)).toBe(false);
      expect.soft(await canSignIn(email, DEMO_PASSWORD)).toBe(true);
    } finally {
      await dropMemberships({ profile: target, unit: unit.th, role });
      await restoreDemoPassword(target, before);
    }
  });

  it('so@tayninh cannot reset a vice principal who also teaches (any year); control: it resets a vice principal who is BGH in every year', async () => {
    const mixed = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Giáo Viên Lên Phó');
    const pure = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Phó Hiệu Trưởng Lâu Năm');
    try {
      // Provisioning: last year's roles (a teacher; a vice principal).
      await su(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $3, $4, 'subject_teacher'), ($2, $3, $4, 'vice_principal')`,
        [mixed.id, pure.id, unit.thpt, year.thptPast]);
      for (const who of [mixed, pure]) {
        const appoint = await so.from('memberships').insert({ profile_id: who.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'vice_principal' }).select('id');
        expect(appoint.error).toBeNull();
      }
      const { data } = await so.rpc('resettable_accounts', { p_profile_ids: [mixed.id, pure.id] });
      expect(data).toEqual([pure.id]);
      const refused = await staffAccounts(so, { action: 'reset_password', user_id: mixed.id, password: ATTACKER_PASSWORD });
      expect(refused.status).toBe(403);
      expect(await canSignIn(mixed.email, mixed.password)).toBe(true);
      const reset = await staffAccounts(so, { action: 'reset_password', user_id: pure.id, password: 'PhoHieuTruong@2026' });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect(await canSignIn(pure.email, 'PhoHieuTruong@2026')).toBe(true);
    } finally {
      await dropMemberships({ profile: mixed.id });
      await dropMemberships({ profile: pure.id });
    }
  });
});

describe('separation of duties and ended years', () => {
  it('bqt@thpt-tandong cannot make the principal a board member, this year or last', async () => {
    const principal = await idOf(PRINCIPAL);
    const rolesBefore = await rolesOf(principal);
    try {
      const now = await thptBoard.from('memberships').insert({ profile_id: principal, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'admin_board' }).select('id');
      expect.soft(now.error?.code).toBe('42501');
      expect.soft(now.error?.message).toBe(SOD);
      const last = await thptBoard.from('memberships').insert({ profile_id: principal, org_unit_id: unit.thpt, school_year_id: year.thptPast, role: 'admin_board' }).select('id');
      expect.soft(last.error?.code).toBe('42501');
      expect.soft(await rolesOf(principal)).toEqual(rolesBefore);
    } finally {
      await dropMemberships({ profile: principal, unit: unit.thpt, role: 'admin_board' });
    }
  });

  it('so@tayninh cannot appoint a board member vice principal of the same year', async () => {
    const board = await idOf(THPT_BOARD);
    try {
      const grant = await so.from('memberships').insert({ profile_id: board, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'vice_principal' }).select('id');
      expect(grant.error?.code).toBe('42501');
      expect(grant.error?.message).toBe(SOD);
    } finally {
      await dropMemberships({ profile: board, unit: unit.thpt, role: 'vice_principal' });
    }
  });

  it('so@tayninh cannot give gv.toan last year\'s vice principal role (the right to decide unlocks of a locked year)', async () => {
    const teacher = await idOf(TEACHER);
    try {
      const grant = await so.from('memberships').insert({ profile_id: teacher, org_unit_id: unit.thpt, school_year_id: year.thptPast, role: 'vice_principal' }).select('id');
      expect(grant.error?.code).toBe('42501');
      expect(grant.error?.message).toBe(ENDED);
    } finally {
      await dropMemberships({ profile: teacher, unit: unit.thpt, role: 'vice_principal' });
    }
  });

  it('the board grants nothing in an ended year, nor moves a role into one; control: it grants admin_board this year to a teacher without a BGH role', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Giáo Viên Vào Ban');
    try {
      const past = await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thptPast, role: 'subject_teacher' }).select('id');
      expect(past.error?.code).toBe('42501');
      expect(past.error?.message).toBe(ENDED);
      const teacher = await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'subject_teacher' }).select('id');
      expect(teacher.error).toBeNull();
      const moved = await thptBoard.from('memberships').update({ school_year_id: year.thptPast }).eq('id', teacher.data![0]!.id).select('id');
      expect(moved.error?.code).toBe('42501');
      const board = await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'admin_board' }).select('id');
      expect(board.error).toBeNull();
      expect((await rolesOf(fresh.id)).map((r) => [r.role, r.school_year_id]).sort()).toEqual([['admin_board', year.thpt], ['subject_teacher', year.thpt]]);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });
});

describe('a link to a child\'s record ties the account to that record\'s school', () => {
  it('bqt@th-tandong resets its teacher\'s password, but not once the account is linked to a THPT guardian or student record', async () => {
    // A session of its own: on code without the rule, the first describe's attack reset this account's password.
    const thBoard = await signedIn(TH_BOARD);
    const fresh = await createdBy(thBoard, 'th-tandong.edu.vn', 'Giáo Viên Có Con Học THPT');
    const [student] = await su<{ id: string }>(`select id::text from public.students where school_id = $1 and profile_id is null order by student_code limit 1`, [unit.thpt]);
    let guardian: string | undefined;
    try {
      expect((await thBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'subject_teacher' })).error).toBeNull();
      const control = await staffAccounts(thBoard, { action: 'reset_password', user_id: fresh.id, password: 'MatKhauMoi@2026' });
      expect(control.status, JSON.stringify(control.body)).toBe(200);
      guardian = (await su<{ id: string }>(`insert into public.guardians (school_id, student_id, relationship, full_name, profile_id) values ($1, $2, 'mother', 'Mẹ Ở Trường Khác', $3) returning id::text`,
        [unit.thpt, student!.id, fresh.id]))[0]!.id;
      const before = await passwordHash(fresh.id);
      const asGuardian = await staffAccounts(thBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
      expect(asGuardian.status).toBe(403);
      expect(await passwordHash(fresh.id)).toBe(before);
      await su(`delete from public.guardians where id = $1`, [guardian]);
      guardian = undefined;
      await su(`update public.students set profile_id = $2 where id = $1`, [student!.id, fresh.id]);
      const asStudent = await staffAccounts(thBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
      expect(asStudent.status).toBe(403);
      expect(await passwordHash(fresh.id)).toBe(before);
      expect(await canSignIn(fresh.email, 'MatKhauMoi@2026')).toBe(true);
    } finally {
      if (guardian) await su(`delete from public.guardians where id = $1`, [guardian]);
      await su(`update public.students set profile_id = null where id = $1 and profile_id = $2`, [student!.id, fresh.id]);
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('control: bqt@thpt-tandong may reset phuhuynh@ (a guardian role and a guardian link, both at THPT); the primary school\'s board may not', async () => {
    const thBoard = await signedIn(TH_BOARD);
    const parent = await idOf('phuhuynh@thpt-tandong.edu.vn');
    expect((await thptBoard.rpc('resettable_accounts', { p_profile_ids: [parent] })).data).toEqual([parent]);
    expect((await thBoard.rpc('resettable_accounts', { p_profile_ids: [parent] })).data).toEqual([]);
  });

  it('phong@tanchau cannot reset a vice principal linked to a child\'s record; control: it resets the same account unlinked', async () => {
    const thBoard = await signedIn(TH_BOARD);
    const fresh = await createdBy(thBoard, 'th-tandong.edu.vn', 'Phó Hiệu Trưởng Là Phụ Huynh');
    const [student] = await su<{ id: string }>(`select id::text from public.students where school_id = $1 and profile_id is null order by student_code limit 1`, [unit.th]);
    let guardian: string | undefined;
    try {
      expect((await phong.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'vice_principal' })).error).toBeNull();
      guardian = (await su<{ id: string }>(`insert into public.guardians (school_id, student_id, relationship, full_name, profile_id) values ($1, $2, 'father', 'Cha Là Phó Hiệu Trưởng', $3) returning id::text`,
        [unit.th, student!.id, fresh.id]))[0]!.id;
      const refused = await staffAccounts(phong, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
      expect(refused.status).toBe(403);
      expect(await canSignIn(fresh.email, fresh.password)).toBe(true);
      await su(`delete from public.guardians where id = $1`, [guardian]);
      guardian = undefined;
      const reset = await staffAccounts(phong, { action: 'reset_password', user_id: fresh.id, password: 'PhoHieuTruong@2026' });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    } finally {
      if (guardian) await su(`delete from public.guardians where id = $1`, [guardian]);
      await dropMemberships({ profile: fresh.id });
    }
  });
});

afterAll(async () => {
  await Promise.all([thptBoard, thBoard, phong, so].map((c) => c?.auth.signOut({ scope: 'local' })));
});
