// Issue 11, finding 2: taking over accounts through role grants and password resets, tried over HTTP
// (REST through supabase-js, the staff-accounts function through the gateway) as the demo users who did
// it. The rules: an admin board grants roles only to people of its own school (any role there, any
// year) or whom it created, never BGH roles (principal, vice principal), which the level above grants
// (the Phòng or Sở officer of a school under it); it resets only passwords of accounts whose every role
// is in its school and that hold no BGH role; BGH passwords are reset by the level above; every reset is
// recorded (account_events, audited) and every grant is audited; nobody changes another person's e-mail.
// Attacks that get through (on code without the rules) are undone in `finally`, so demo accounts keep
// signing in with the demo password; resets that must succeed use accounts made here.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACKER_PASSWORD, DEMO_PASSWORD, canSignIn, createdBy, dropMemberships, freshEmail, idOf, passwordHash, restoreDemoPassword, rolesOf,
  staffAccounts, unitOf, yearsOf,
} from '../helpers/accounts.ts';
import { serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';

const THPT_BOARD = 'bqt@thpt-tandong.edu.vn';
const TH_BOARD = 'bqt@th-tandong.edu.vn';
const PRINCIPAL = 'hieutruong@thpt-tandong.edu.vn';
const VICE = 'phohieutruong@thpt-tandong.edu.vn';
const CLERK = 'vanthu@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const PHONG = 'phong@tanchau.edu.vn';
const SO = 'so@tayninh.edu.vn';

let thptBoard: SupabaseClient<Database>;
let thBoard: SupabaseClient<Database>;
const unit = { thpt: '', th: '', phong: '', so: '' };
const year = { thpt: '', th: '', thPast: '' as string | null };

beforeAll(async () => {
  [thptBoard, thBoard] = await Promise.all([signedIn(THPT_BOARD), signedIn(TH_BOARD)]);
  [unit.thpt, unit.th, unit.phong, unit.so] = await Promise.all([unitOf('thpt-tandong'), unitOf('th-tandong'), unitOf('phong-tanchau'), unitOf('so-tayninh')]);
  const [thpt, th] = await Promise.all([yearsOf(unit.thpt), yearsOf(unit.th)]);
  year.thpt = thpt.current;
  year.th = th.current;
  year.thPast = th.past;
});

/** Account events about a person (service role): the reset and creation records. */
async function eventsAbout(profile: string): Promise<{ kind: string; school_id: string; actor_id: string; actor_role: string }[]> {
  const { data, error } = await serviceClient().from('account_events').select('kind, school_id, actor_id, actor_role').eq('profile_id', profile).order('created_at');
  if (error) throw new Error(`account_events: ${error.message}`);
  return data ?? [];
}

describe('another school\'s admin board cannot take over an account', () => {
  it.each([CLERK, PRINCIPAL, PHONG, SO])('bqt@th-tandong cannot give %s a role in the primary school nor reset their password, who still signs in with their own', async (email) => {
    const target = await idOf(email);
    const before = await passwordHash(target);
    const rolesBefore = await rolesOf(target);
    try {
      const grant = await thBoard.from('memberships').insert({ profile_id: target, org_unit_id: unit.th, school_year_id: year.th, role: 'clerk' }).select('id');
      expect.soft(grant.error?.code, 'the grant is refused').toBe('42501');
      expect.soft(grant.error?.message).toBe('Ban quản trị chỉ gán vai trò cho người của trường: người đã có vai trò ở trường hoặc tài khoản do Ban quản trị của trường tạo.');
      expect.soft(await rolesOf(target)).toEqual(rolesBefore);
      const reset = await staffAccounts(thBoard, { action: 'reset_password', user_id: target, password: ATTACKER_PASSWORD });
      expect.soft(reset.status).toBe(403);
      expect.soft(reset.body.code).toBe('reset_not_allowed');
      expect.soft(reset.body.message).toMatch(/không có quyền đặt lại mật khẩu/);
      expect.soft(await passwordHash(target), 'the password is unchanged').toBe(before);
      expect.soft(await canSignIn(email, ATTACKER_PASSWORD)).toBe(false);
      expect.soft(await canSignIn(email, DEMO_PASSWORD)).toBe(true);
    } finally {
      await dropMemberships({ profile: target, unit: unit.th });
      await restoreDemoPassword(target, before);
    }
  });

  it('bqt@th-tandong cannot grant a role to an account the THPT board created, nor reset it', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Của Trường Khác');
    const grant = await thBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'subject_teacher' }).select('id');
    expect(grant.error?.code).toBe('42501');
    expect(await rolesOf(fresh.id)).toEqual([]);
    const reset = await staffAccounts(thBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
    expect(reset.status).toBe(403);
    expect(await canSignIn(fresh.email, fresh.password)).toBe(true);
  });

  it('control: bqt@th-tandong grants a role to a teacher of its school from last year and to an account it created, and the grants are audited', async () => {
    // A teacher of the primary school in the past year only (set up by provisioning): of the school.
    const su = await superuser();
    let lastYears: string;
    try {
      const created = await serviceClient().auth.admin.createUser({ email: freshEmail('th-tandong.edu.vn', 'gv.cu'), password: 'GiaoVienCu@2025', email_confirm: true });
      lastYears = created.data.user!.id;
      await su.query(`insert into public.profiles (id, full_name, email) values ($1, 'Lâm Thị Cũ', $2)`, [lastYears, created.data.user!.email]);
      await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'subject_teacher')`, [lastYears, unit.th, year.thPast]);
    } finally {
      await su.end();
    }
    const again = await thBoard.from('memberships').insert({ profile_id: lastYears, org_unit_id: unit.th, school_year_id: year.th, role: 'subject_teacher' }).select('id');
    expect(again.error).toBeNull();
    const fresh = await createdBy(thBoard, 'th-tandong.edu.vn', 'Giáo Viên Mới');
    const grant = await thBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'homeroom_teacher' }).select('id');
    expect(grant.error).toBeNull();
    const { data: audit } = await serviceClient().from('audit_log').select('actor_id, table_name, action, row_keys')
      .eq('table_name', 'memberships').contains('row_keys', [grant.data![0]!.id]);
    expect(audit).toEqual([{ actor_id: await idOf(TH_BOARD), table_name: 'memberships', action: 'insert', row_keys: [grant.data![0]!.id] }]);
  });
});

describe('the admin board of the school and BGH accounts', () => {
  it.each([PRINCIPAL, VICE])('bqt@thpt-tandong cannot reset the password of %s, who still signs in with their own', async (email) => {
    const target = await idOf(email);
    const before = await passwordHash(target);
    try {
      const reset = await staffAccounts(thptBoard, { action: 'reset_password', user_id: target, password: ATTACKER_PASSWORD });
      expect.soft(reset.status).toBe(403);
      expect.soft(reset.body.code).toBe('reset_not_allowed');
      expect.soft(reset.body.message).toMatch(/Phòng hoặc Sở GD&ĐT/);
      expect.soft(await passwordHash(target)).toBe(before);
      expect.soft(await canSignIn(email, ATTACKER_PASSWORD)).toBe(false);
      expect.soft(await eventsAbout(target)).toEqual([]);
    } finally {
      await restoreDemoPassword(target, before);
    }
  });

  it('bqt@thpt-tandong cannot grant principal or vice principal, not even to an account it just created; it grants that account a teacher role', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Muốn Làm Hiệu Trưởng');
    try {
      for (const role of ['principal', 'vice_principal'] as const) {
        const grant = await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role }).select('id');
        expect(grant.error?.code, role).toBe('42501');
        expect(grant.error?.message).toBe('Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.');
      }
      expect(await rolesOf(fresh.id)).toEqual([]);
      const teacher = await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'subject_teacher' }).select('id');
      expect(teacher.error).toBeNull();
      // Nor by turning the teacher role into a BGH one.
      const promote = await thptBoard.from('memberships').update({ role: 'principal' }).eq('id', teacher.data![0]!.id).select('id');
      expect(promote.error?.code ?? (promote.data!.length === 0 ? 'hidden' : 'updated')).not.toBe('updated');
      expect((await rolesOf(fresh.id)).map((r) => r.role)).toEqual(['subject_teacher']);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('bqt@thpt-tandong cannot change or remove a BGH membership', async () => {
    const principal = await idOf(PRINCIPAL);
    const { data: rows } = await thptBoard.from('memberships').select('id, role').eq('profile_id', principal).eq('school_year_id', year.thpt);
    expect(rows).toEqual([{ id: expect.any(String), role: 'principal' }]);
    const same = await thptBoard.from('memberships').update({ role: 'principal' }).eq('id', rows![0]!.id).select('id');
    expect(same.data ?? []).toEqual([]);
    // Removal is tried on a BGH role of a throwaway account (set up by provisioning).
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Phó Hiệu Trưởng Tạm');
    const su = await superuser();
    try {
      const { rows: [vp] } = await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'vice_principal') returning id::text`,
        [fresh.id, unit.thpt, year.thpt]);
      const del = await thptBoard.from('memberships').delete().eq('id', vp.id).select('id');
      expect(del.data ?? []).toEqual([]);
      expect((await rolesOf(fresh.id)).map((r) => r.role)).toEqual(['vice_principal']);
    } finally {
      await su.end();
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('bqt@thpt-tandong cannot reset an account that also holds a role in another school', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Dạy Hai Trường');
    const su = await superuser();
    try {
      expect((await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'subject_teacher' })).error).toBeNull();
      await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'subject_teacher')`, [fresh.id, unit.th, year.th]);
      const before = await passwordHash(fresh.id);
      const reset = await staffAccounts(thptBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
      expect(reset.status).toBe(403);
      expect(await passwordHash(fresh.id)).toBe(before);
      expect(await eventsAbout(fresh.id)).toEqual([{ kind: 'create', school_id: unit.thpt, actor_id: await idOf(THPT_BOARD), actor_role: 'admin_board' }]);
    } finally {
      await su.end();
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('bqt@thpt-tandong resets its own teacher\'s password, who signs in with it; the reset is recorded and audited, read by the board and the principal, not by a teacher', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Quên Mật Khẩu');
    try {
      expect((await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'subject_teacher' })).error).toBeNull();
      const reset = await staffAccounts(thptBoard, { action: 'reset_password', user_id: fresh.id, password: 'MatKhauMoi@2026' });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect(await canSignIn(fresh.email, 'MatKhauMoi@2026')).toBe(true);
      expect(await canSignIn(fresh.email, fresh.password)).toBe(false);
      const board = await idOf(THPT_BOARD);
      expect(await eventsAbout(fresh.id)).toEqual([
        { kind: 'create', school_id: unit.thpt, actor_id: board, actor_role: 'admin_board' },
        { kind: 'reset_password', school_id: unit.thpt, actor_id: board, actor_role: 'admin_board' },
      ]);
      const principal = await signedIn(PRINCIPAL);
      for (const reader of [thptBoard, principal]) {
        const { data, error } = await reader.from('account_events').select('kind').eq('profile_id', fresh.id).order('created_at');
        expect(error).toBeNull();
        expect(data).toEqual([{ kind: 'create' }, { kind: 'reset_password' }]);
      }
      const teacher = await signedIn(TEACHER);
      expect((await teacher.from('account_events').select('kind').eq('profile_id', fresh.id)).data ?? []).toEqual([]);
      const { data: reset_ } = await serviceClient().from('account_events').select('id').eq('profile_id', fresh.id).eq('kind', 'reset_password').single();
      const { data: audit } = await serviceClient().from('audit_log').select('actor_id, action').eq('table_name', 'account_events').contains('row_keys', [reset_!.id]);
      expect(audit).toEqual([{ actor_id: board, action: 'insert' }]);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('a teacher cannot reset anybody\'s password, and nothing is recorded', async () => {
    const teacher = await signedIn(TEACHER);
    const colleague = await idOf('gvcn.10a1@thpt-tandong.edu.vn');
    const before = await passwordHash(colleague);
    try {
      const reset = await staffAccounts(teacher, { action: 'reset_password', user_id: colleague, password: ATTACKER_PASSWORD });
      expect(reset.status).toBe(403);
      expect(await passwordHash(colleague)).toBe(before);
      expect(await eventsAbout(colleague)).toEqual([]);
    } finally {
      await restoreDemoPassword(colleague, before);
    }
  });
});

describe('the level above appoints BGH and resets their passwords', () => {
  it('so@tayninh may reset the THPT principal hieutruong@; phong@tanchau (THPT is not under it) and the admin board may not', async () => {
    const principal = await idOf(PRINCIPAL);
    for (const [email, expected] of [[SO, [principal]], [PHONG, []], [THPT_BOARD, []], [TH_BOARD, []]] as const) {
      const client = email === THPT_BOARD ? thptBoard : email === TH_BOARD ? thBoard : await signedIn(email);
      const { data, error } = await client.rpc('resettable_accounts', { p_profile_ids: [principal] });
      expect(error).toBeNull();
      expect(data, email).toEqual(expected);
    }
  });

  it('so@tayninh appoints a new THPT principal created by the board, resets their password (recorded under THPT), and they sign in with it; the board cannot reset them', async () => {
    const so = await signedIn(SO);
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Hiệu Trưởng Mới');
    try {
      const appoint = await so.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'principal' }).select('id');
      expect(appoint.error).toBeNull();
      const byBoard = await staffAccounts(thptBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD });
      expect(byBoard.status).toBe(403);
      const reset = await staffAccounts(so, { action: 'reset_password', user_id: fresh.id, password: 'HieuTruong@2026' });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect(await canSignIn(fresh.email, 'HieuTruong@2026')).toBe(true);
      expect((await eventsAbout(fresh.id)).at(-1)).toEqual({ kind: 'reset_password', school_id: unit.thpt, actor_id: await idOf(SO), actor_role: 'province_officer' });
      // The school's board and BGH read the record of a reset done from above.
      const { data } = await thptBoard.from('account_events').select('kind, actor_role').eq('profile_id', fresh.id).eq('kind', 'reset_password');
      expect(data).toEqual([{ kind: 'reset_password', actor_role: 'province_officer' }]);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('phong@tanchau appoints a vice principal of the primary school under it and resets their password; it cannot appoint anyone at THPT', async () => {
    const phong = await signedIn(PHONG);
    const fresh = await createdBy(thBoard, 'th-tandong.edu.vn', 'Phó Hiệu Trưởng Mới');
    try {
      const appoint = await phong.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'vice_principal' }).select('id');
      expect(appoint.error).toBeNull();
      expect((await staffAccounts(thBoard, { action: 'reset_password', user_id: fresh.id, password: ATTACKER_PASSWORD })).status).toBe(403);
      const reset = await staffAccounts(phong, { action: 'reset_password', user_id: fresh.id, password: 'PhoHieuTruong@2026' });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect(await canSignIn(fresh.email, 'PhoHieuTruong@2026')).toBe(true);
      // An officer grants BGH roles only: not a teacher role, and nothing in a school not under it.
      const teacher = await phong.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.th, school_year_id: year.th, role: 'subject_teacher' }).select('id');
      expect(teacher.error?.code).toBe('42501');
      const thptFresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Không Thuộc Phòng');
      const elsewhere = await phong.from('memberships').insert({ profile_id: thptFresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'principal' }).select('id');
      expect(elsewhere.error?.code).toBe('42501');
      expect(await rolesOf(thptFresh.id)).toEqual([]);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });
});

describe('nobody changes another person\'s e-mail address', () => {
  it('bqt@thpt-tandong cannot change a teacher\'s address in profiles', async () => {
    const teacher = await idOf(TEACHER);
    const res = await thptBoard.from('profiles').update({ email: 'ke.gian@example.com' }).eq('id', teacher).select('id');
    expect(res.error?.code).toBe('42501');
    expect((await serviceClient().from('profiles').select('email').eq('id', teacher).single()).data!.email).toBe(TEACHER);
  });

  it('staff-accounts refuses an address in a password reset, and neither the address nor the password changes', async () => {
    const fresh = await createdBy(thptBoard, 'thpt-tandong.edu.vn', 'Giữ Nguyên Email');
    try {
      expect((await thptBoard.from('memberships').insert({ profile_id: fresh.id, org_unit_id: unit.thpt, school_year_id: year.thpt, role: 'nurse' })).error).toBeNull();
      const res = await staffAccounts(thptBoard, { action: 'reset_password', user_id: fresh.id, password: 'MatKhauMoi@2026', email: 'ke.gian@example.com' });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/email/i);
      const { data } = await serviceClient().auth.admin.getUserById(fresh.id);
      expect(data.user!.email).toBe(fresh.email);
      expect(await canSignIn(fresh.email, fresh.password)).toBe(true);
    } finally {
      await dropMemberships({ profile: fresh.id });
    }
  });

  it('the auth admin API refuses the board\'s own token', async () => {
    const teacher = await idOf(TEACHER);
    const token = (await thptBoard.auth.getSession()).data.session!.access_token;
    const res = await fetch(`${stackInfo().apiUrl}/auth/v1/admin/users/${teacher}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ke.gian@example.com' }),
    });
    expect([401, 403]).toContain(res.status);
    const { data } = await serviceClient().auth.admin.getUserById(teacher);
    expect(data.user!.email).toBe(TEACHER);
  });
});

afterAll(async () => {
  await Promise.all([thptBoard?.auth.signOut({ scope: 'local' }), thBoard?.auth.signOut({ scope: 'local' })]);
});
