// Staff accounts for the admin board: create an auth user + profile, or set a new password. The caller's
// right is checked AS THE CALLER (their client, RLS) before the service-role client is touched.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2';
import { HttpError } from '../_shared/http.ts';
import type { CreateStaffAccount, StaffAccountResponse } from '../../../admin/src/shared/staffAccounts.ts';

/**
 * The schools where the caller is admin board in a school year that is running today, read through the
 * caller's own client (memberships RLS: a person reads their own roles). Empty → refused.
 */
export async function adminBoardSchools(caller: SupabaseClient, userId: string): Promise<string[]> {
  const today = await caller.rpc('app_today');
  if (today.error) throw new HttpError(500, 'internal_error', 'Không đọc được ngày hiện tại.');
  const { data, error } = await caller
    .from('memberships')
    .select('org_unit_id, school_years!memberships_school_year_id_fkey!inner(starts_on, ends_on)')
    .eq('profile_id', userId)
    .eq('role', 'admin_board')
    .lte('school_years.starts_on', today.data)
    .gte('school_years.ends_on', today.data);
  if (error) throw new HttpError(500, 'internal_error', 'Không đọc được vai trò của người gọi.');
  const schools = [...new Set((data ?? []).map((m) => m.org_unit_id as string))];
  if (schools.length === 0) {
    throw new HttpError(403, 'not_admin_board', 'Chỉ Ban quản trị của trường mới quản lý tài khoản cán bộ.');
  }
  return schools;
}

/**
 * Whether `userId` holds a role in one of `schools`, read AS THE CALLER: the admin board reads the
 * memberships of its own school only (memberships_select), so another school's person is invisible.
 */
export async function assertPersonOfSchools(caller: SupabaseClient, userId: string, schools: string[]): Promise<void> {
  const { data, error } = await caller.from('memberships').select('id').eq('profile_id', userId).in('org_unit_id', schools).limit(1);
  if (error) throw new HttpError(500, 'internal_error', 'Không đọc được vai trò của người dùng.');
  if (!data || data.length === 0) {
    throw new HttpError(403, 'not_in_school', 'Người dùng này không thuộc trường của bạn.');
  }
}

function mapAuthError(error: { code?: string; message: string }): never {
  if (error.code === 'email_exists' || /already been registered|already registered/i.test(error.message)) {
    throw new HttpError(409, 'email_exists', 'Email đã được sử dụng.');
  }
  if (error.code === 'weak_password') throw new HttpError(422, 'weak_password', 'Mật khẩu quá yếu.');
  throw new HttpError(422, 'create_failed', `Không tạo được tài khoản: ${error.message}`);
}

/** A random first password (the admin board hands it over; the person changes it). */
export function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `Sdt-${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14)}`;
}

/** Creates the auth user and the profile with the SERVICE ROLE (auth users are beyond any caller). */
export async function createAccount(service: SupabaseClient, body: CreateStaffAccount): Promise<StaffAccountResponse> {
  const generated = body.password ? undefined : randomPassword();
  const password = body.password ?? generated!;
  // Service role: the auth admin API; called only after adminBoardSchools() accepted the caller.
  const created = await service.auth.admin.createUser({
    email: body.email,
    password,
    email_confirm: true,
    user_metadata: { full_name: body.full_name },
  });
  if (created.error || !created.data.user) mapAuthError(created.error ?? { message: 'no user' });
  const userId = created.data.user.id;
  // Service role: profiles have no insert policy for users (a profile is tied to an auth user).
  const profile = await service.from('profiles').insert({ id: userId, full_name: body.full_name, email: body.email });
  if (profile.error) {
    // Nothing half-made: without its profile the account is removed again.
    await service.auth.admin.deleteUser(userId);
    throw new HttpError(422, 'create_failed', `Không tạo được hồ sơ: ${profile.error.message}`);
  }
  return generated ? { user_id: userId, password: generated } : { user_id: userId };
}

/** Sets a new password with the SERVICE ROLE, after assertPersonOfSchools() accepted the target. */
export async function resetPassword(service: SupabaseClient, userId: string, password: string): Promise<StaffAccountResponse> {
  // Service role: only the auth admin API sets another person's password.
  const { error } = await service.auth.admin.updateUserById(userId, { password });
  if (error) {
    if (error.code === 'weak_password') throw new HttpError(422, 'weak_password', 'Mật khẩu quá yếu.');
    throw new HttpError(422, 'create_failed', `Không đặt lại được mật khẩu: ${error.message}`);
  }
  return { user_id: userId };
}
