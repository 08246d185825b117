// The `staff-accounts` edge function, called through the gateway as real users: the admin board creates
// staff accounts and resets passwords of its own school's people; everybody else is refused and nothing
// is created.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';

const ADMIN = 'bqt@thpt-tandong.edu.vn';

async function call(client: SupabaseClient<Database> | null, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = client ? (await client.auth.getSession()).data.session!.access_token : stackInfo().anonKey;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/staff-accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function profileByEmail(email: string) {
  const { data } = await serviceClient().from('profiles').select('id, full_name, email').eq('email', email);
  return data ?? [];
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const { error } = await anonClient().auth.signInWithPassword({ email, password });
  return !error;
}

/** The current school year of the admin's school, as the admin reads it. */
async function currentYear(admin: SupabaseClient<Database>): Promise<{ id: string; school_id: string }> {
  const { data: today } = await admin.rpc('app_today');
  const { data } = await admin.from('school_years').select('id, school_id, starts_on').lte('starts_on', today).order('starts_on', { ascending: false }).limit(1);
  return data![0]!;
}

const newEmail = () => `gv.moi-${crypto.randomUUID().slice(0, 8)}@thpt-tandong.edu.vn`;

describe('staff-accounts function', () => {
  let admin: SupabaseClient<Database>;
  beforeAll(async () => {
    admin = await signedIn(ADMIN);
  });

  it('the admin board creates a teacher account that can sign in, with its profile', async () => {
    const email = newEmail();
    const res = await call(admin, { action: 'create', email, full_name: 'Lê Thị Mai', password: 'GiaoVien@2026' });
    expect(res.status).toBe(201);
    expect(res.body.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await profileByEmail(email)).toEqual([{ id: res.body.user_id, full_name: 'Lê Thị Mai', email }]);
    expect(await canSignIn(email, 'GiaoVien@2026')).toBe(true);
  });

  it('the admin board creates an account without a password and gets a generated one', async () => {
    const email = newEmail();
    const res = await call(admin, { action: 'create', email: email.toUpperCase(), full_name: 'Phan Văn Hùng' });
    expect(res.status).toBe(201);
    expect(typeof res.body.password).toBe('string');
    expect(await canSignIn(email, res.body.password as string)).toBe(true);
  });

  it('the admin board is refused an email already in use, in Vietnamese', async () => {
    const res = await call(admin, { action: 'create', email: 'gv.toan@thpt-tandong.edu.vn', full_name: 'Trùng Email', password: 'GiaoVien@2026' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'email_exists', message: 'Email đã được sử dụng.' });
  });

  it('a subject teacher is refused with 403 and no account is created', async () => {
    const teacher = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const email = newEmail();
    const res = await call(teacher, { action: 'create', email, full_name: 'Không Được Tạo', password: 'GiaoVien@2026' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_admin_board');
    expect(await profileByEmail(email)).toEqual([]);
    expect(await canSignIn(email, 'GiaoVien@2026')).toBe(false);
  });

  it('the anon key alone is refused and nothing is created', async () => {
    const email = newEmail();
    const res = await call(null, { action: 'create', email, full_name: 'Ẩn Danh', password: 'GiaoVien@2026' });
    expect(res.status).toBe(403);
    expect(await profileByEmail(email)).toEqual([]);
  });

  it('the admin board is refused a malformed email with a Vietnamese message and nothing is created', async () => {
    const res = await call(admin, { action: 'create', email: 'khong-phai-email', full_name: 'Sai Email', password: 'GiaoVien@2026' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'validation_failed', message: 'Email không hợp lệ' });
    expect(await profileByEmail('khong-phai-email')).toEqual([]);
  });

  it('the admin board resets the password of a person it gave a role in its school', async () => {
    const email = newEmail();
    const created = await call(admin, { action: 'create', email, full_name: 'Đỗ Văn Nam', password: 'GiaoVien@2026' });
    const userId = created.body.user_id as string;
    const year = await currentYear(admin);
    const grant = await admin.from('memberships').insert({ profile_id: userId, org_unit_id: year.school_id, school_year_id: year.id, role: 'subject_teacher' });
    expect(grant.error).toBeNull();
    const res = await call(admin, { action: 'reset_password', user_id: userId, password: 'MatKhauMoi@2026' });
    expect(res.status).toBe(200);
    expect(await canSignIn(email, 'MatKhauMoi@2026')).toBe(true);
    expect(await canSignIn(email, 'GiaoVien@2026')).toBe(false);
  });

  it('the admin board cannot reset the password of another school\'s teacher, which stays unchanged', async () => {
    const other = await signedIn('gvcn.3a@th-tandong.edu.vn');
    const { data } = await other.auth.getUser();
    const res = await call(admin, { action: 'reset_password', user_id: data.user!.id, password: 'BiChiemQuyen@1' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('reset_not_allowed');
    expect(await canSignIn('gvcn.3a@th-tandong.edu.vn', 'BiChiemQuyen@1')).toBe(false);
    expect(await canSignIn('gvcn.3a@th-tandong.edu.vn', 'SoDienTu@2025')).toBe(true);
  });

  it('the admin board cannot reset the password of an account with no role in its school', async () => {
    const email = newEmail();
    const created = await call(admin, { action: 'create', email, full_name: 'Chưa Có Vai Trò', password: 'GiaoVien@2026' });
    const res = await call(admin, { action: 'reset_password', user_id: created.body.user_id, password: 'MatKhauMoi@2026' });
    expect(res.status).toBe(403);
    expect(await canSignIn(email, 'GiaoVien@2026')).toBe(true);
  });

  it('a teacher cannot reset a colleague\'s password', async () => {
    const teacher = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const colleague = await signedIn('gvcn.10a1@thpt-tandong.edu.vn');
    const { data } = await colleague.auth.getUser();
    const res = await call(teacher, { action: 'reset_password', user_id: data.user!.id, password: 'BiChiemQuyen@1' });
    expect(res.status).toBe(403);
    expect(await canSignIn('gvcn.10a1@thpt-tandong.edu.vn', 'BiChiemQuyen@1')).toBe(false);
  });
});
