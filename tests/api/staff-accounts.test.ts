// The `staff-accounts` edge function, called through the gateway as real users: the admin board creates
// staff accounts and resets passwords of its own school's people; everybody else is refused and nothing
// is created.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';

const ADMIN = 'bqt@thpt-tandong.edu.vn';

async function call(client: SupabaseClient | null, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
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

/** The current school year of the admin's school, as the database names it (school_years.is_current). */
async function currentYear(admin: SupabaseClient): Promise<{ id: string; school_id: string }> {
  const { data } = await admin.from('school_years').select('id, school_id, is_current').eq('is_current', true);
  return data![0]!;
}

const newEmail = () => `gv.moi-${crypto.randomUUID().slice(0, 8)}@thpt-tandong.edu.vn`;

describe('staff-accounts function', () => {
  let admin: SupabaseClient;
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

// The function names the current year as the database does (the school's latest year started by the
// app's today), not as "starts ≤ today ≤ ends": once a year has ended it stays current until the next one
// starts, for the policies, the admin and this function alike. The pinned day is shared by every test
// file running at the same time, so it is never moved here: two schools of this file's own carry the
// calendars instead. Built with the superuser under a Sở and Phòng of their own (no demo officer sees
// them), with per-run codes, so leftovers harm nobody. They stay behind: their years, roles and account
// records are audited, and the audit log (append-only, never deleted from) references the years and the
// org units, so Postgres refuses to delete them (audit_log_school_year_id_fkey).
describe('staff-accounts function: the current school year is the database\'s', () => {
  const run = crypto.randomBytes(4).toString('hex');
  const fx = { summer: '', future: '' };
  let summerBoard: SupabaseClient;
  let futureBoard: SupabaseClient;

  beforeAll(async () => {
    const su = await superuser();
    try {
      const one = async (sql: string, params: unknown[]) => (await su.query(sql, params)).rows[0].id as string;
      const unit = (kind: string, parent: string | null, tag: string) =>
        one(`insert into public.org_units (kind, parent_id, code, name, school_level) values ($1, $2, $3, $4, $5) returning id`,
          [kind, parent, `sa-${run}-${tag}`, `${tag} ${run}`, kind === 'school' ? 'upper_secondary' : null]);
      const year = (school: string, code: string, dates: [string, string, string, string]) =>
        one(`insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
             values ($1, $2, $3, $4, $5, $6) returning id`, [school, code, ...dates]);
      const board = async (school: string, schoolYear: string) => {
        const user = await createUser();
        await su.query(`insert into public.profiles (id, full_name, email) values ($1, $2, $3)`, [user.id, `Ban quản trị ${run}`, user.email]);
        await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'admin_board')`,
          [user.id, school, schoolYear]);
        return signedIn(user.email, user.password);
      };
      const district = await unit('district', await unit('province', null, 'so'), 'phong');
      // A school in its summer: 2025-2026 ended on 2026-05-31 and 2026-2027 is not there yet.
      fx.summer = await unit('school', district, 'he');
      await year(fx.summer, '2024-2025', ['2024-09-05', '2025-01-15', '2025-01-18', '2025-05-31']);
      summerBoard = await board(fx.summer, await year(fx.summer, '2025-2026', ['2025-09-05', '2026-01-15', '2026-01-18', '2026-05-31']));
      // A new school whose first year starts after the pinned day.
      fx.future = await unit('school', district, 'moi');
      futureBoard = await board(fx.future, await year(fx.future, '2027-2028', ['2027-09-05', '2028-01-15', '2028-01-18', '2028-05-31']));
    } finally {
      await su.end();
    }
  });

  /** The school's years as its board reads them, with the database's is_current. */
  const yearsSeenBy = async (board: SupabaseClient) =>
    (await board.from('school_years').select('code, starts_on, ends_on, is_current').order('starts_on')).data ?? [];

  /** The accounts Postgres records as created by the school's board (account_events `create`). */
  const creationsAt = async (school: string) =>
    ((await serviceClient().from('account_events').select('profile_id').eq('school_id', school).eq('kind', 'create')).data ?? []).map((e) => e.profile_id as string);

  it('the admin board of a school whose latest started year ended before today (2025-2026, in its summer) creates an account: that year is current by SQL', async () => {
    const { data: today } = await anonClient().rpc('app_today');
    const years = await yearsSeenBy(summerBoard);
    expect(years.map((y) => `${y.code}:${y.is_current}`)).toEqual(['2024-2025:false', '2025-2026:true']);
    // The premise: the current year has ended ("starts ≤ today ≤ ends" would have found no year).
    expect(years[1]!.ends_on < today).toBe(true);
    const email = newEmail();
    const res = await call(summerBoard, { action: 'create', email, full_name: 'Trần Thị Hè', password: 'GiaoVien@2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await profileByEmail(email)).toEqual([{ id: res.body.user_id, full_name: 'Trần Thị Hè', email }]);
    expect(await creationsAt(fx.summer)).toContain(res.body.user_id);
  });

  it('the admin board of a school whose only year starts after today has no current year: it is refused and nothing is created, while the summer school\'s board creates', async () => {
    const { data: today } = await anonClient().rpc('app_today');
    const years = await yearsSeenBy(futureBoard);
    expect(years.map((y) => `${y.code}:${y.is_current}`)).toEqual(['2027-2028:false']);
    expect(years[0]!.starts_on > today).toBe(true);
    const refusedEmail = newEmail();
    const refused = await call(futureBoard, { action: 'create', email: refusedEmail, full_name: 'Chưa Đến Năm Học', password: 'GiaoVien@2026' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_admin_board');
    expect(await profileByEmail(refusedEmail)).toEqual([]);
    expect(await canSignIn(refusedEmail, 'GiaoVien@2026')).toBe(false);
    expect(await creationsAt(fx.future)).toEqual([]);
    // Control: the same request by a board whose school has a current year.
    const createdEmail = newEmail();
    const created = await call(summerBoard, { action: 'create', email: createdEmail, full_name: 'Năm Học Đã Bắt Đầu', password: 'GiaoVien@2026' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await profileByEmail(createdEmail)).toHaveLength(1);
    expect(await canSignIn(createdEmail, 'GiaoVien@2026')).toBe(true);
  });
});
