// Staff accounts: the admin board creates accounts; the admin board (its school's non-BGH people) or the
// Phòng/Sở officer above a school (its BGH) sets a new password. The caller's right is checked AS THE
// CALLER (their client: RLS, rpc authorize_password_reset) before the service-role client is touched.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2';
import { HttpError } from '../_shared/http.ts';
import type { CreateStaffAccount, StaffAccountResponse } from '../../../admin/src/shared/staffAccounts.ts';

/**
 * The schools where the caller is admin board in the school's current year, as the database names it
 * (rpc/current_user_context: the latest year started by the app's today, the rule of every policy and of
 * the admin), read with the caller's own client. Empty → refused.
 */
export async function adminBoardSchools(caller: SupabaseClient, _userId: string): Promise<string[]> {
  const { data, error } = await caller.rpc('current_user_context');
  if (error) throw new HttpError(500, 'internal_error', 'Không đọc được vai trò của người gọi.');
  const memberships = ((data ?? {}) as { memberships?: { org_unit_id: string; org_unit_kind: string; role: string; current: boolean }[] }).memberships ?? [];
  const schools = [...new Set(memberships.filter((m) => m.role === 'admin_board' && m.current && m.org_unit_kind === 'school').map((m) => m.org_unit_id))];
  if (schools.length === 0) {
    throw new HttpError(403, 'not_admin_board', 'Chỉ Ban quản trị của trường mới quản lý tài khoản cán bộ.');
  }
  return schools;
}

/**
 * The school an account is created for: the one named in the body (it must be one of the caller's), or
 * the caller's only school. Postgres records it (account_events `create`): that school's board may then
 * grant the account roles, and no other board may.
 */
export function creatingSchool(schools: string[], requested: string | undefined): string {
  if (requested) {
    if (!schools.includes(requested)) throw new HttpError(403, 'not_in_school', 'Bạn không phải Ban quản trị của trường này.');
    return requested;
  }
  if (schools.length > 1) throw new HttpError(400, 'validation_failed', 'Bạn quản trị nhiều trường: hãy chọn trường tạo tài khoản (school_id).');
  return schools[0]!;
}

/**
 * Checks AS THE CALLER (rpc authorize_password_reset, run with the caller's token) that they may reset
 * this account's password, which also records the reset in Postgres (account_events, audited). The
 * rule lives there: the admin board resets only accounts whose every role is in its school and that hold
 * no BGH role; BGH accounts are reset by the Phòng/Sở officer above the school.
 */
export async function authorizeReset(caller: SupabaseClient, userId: string): Promise<void> {
  const { error } = await caller.rpc('authorize_password_reset', { p_profile_id: userId });
  if (!error) return;
  if (error.code === '42501') throw new HttpError(403, 'reset_not_allowed', error.message);
  console.error(error);
  throw new HttpError(500, 'internal_error', 'Không kiểm tra được quyền đặt lại mật khẩu.');
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

/**
 * Creates the auth user and the profile with the SERVICE ROLE (auth users are beyond any caller), and
 * records which school's board created it and who (account_events, audited): how Postgres knows the
 * board may grant this account roles.
 */
export async function createAccount(service: SupabaseClient, body: CreateStaffAccount, creator: { id: string; school: string }): Promise<StaffAccountResponse> {
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
  // Service role: account_events has no client insert (a board could otherwise claim any account).
  const record = await service.from('account_events')
    .insert({ school_id: creator.school, kind: 'create', profile_id: userId, actor_id: creator.id, actor_role: 'admin_board' });
  if (record.error) {
    await service.from('profiles').delete().eq('id', userId);
    await service.auth.admin.deleteUser(userId);
    throw new HttpError(422, 'create_failed', `Không ghi được việc tạo tài khoản: ${record.error.message}`);
  }
  return generated ? { user_id: userId, password: generated } : { user_id: userId };
}

/** Sets a new password with the SERVICE ROLE, after authorizeReset() accepted (and recorded) it as the caller. */
export async function resetPassword(service: SupabaseClient, userId: string, password: string): Promise<StaffAccountResponse> {
  // Service role: only the auth admin API sets another person's password.
  const { error } = await service.auth.admin.updateUserById(userId, { password });
  if (error) {
    if (error.code === 'weak_password') throw new HttpError(422, 'weak_password', 'Mật khẩu quá yếu.');
    throw new HttpError(422, 'create_failed', `Không đặt lại được mật khẩu: ${error.message}`);
  }
  return { user_id: userId };
}
