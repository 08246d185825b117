// What the account tests need: the staff-accounts function called over HTTP as a signed-in user, ids of
// demo people and schools, a school's current year, whether someone signs in with a password, and the
// stored password hash (to tell "refused" from "set to the same value" without signing anybody out).
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { expect } from 'vitest';
import { DEMO_PASSWORD, anonClient, serviceClient, stackInfo, superuser } from './stack.ts';

export interface FunctionAnswer { status: number; body: Record<string, unknown> }

/** POST /functions/v1/staff-accounts as `client` (the anon key alone when null). */
export async function staffAccounts(client: SupabaseClient<Database> | null, body: unknown): Promise<FunctionAnswer> {
  const token = client ? (await client.auth.getSession()).data.session!.access_token : stackInfo().anonKey;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/staff-accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The profile id of a demo account (or any account) by e-mail, read with the service role. */
export async function idOf(email: string): Promise<string> {
  const { data, error } = await serviceClient().from('profiles').select('id').eq('email', email).single();
  if (error || !data) throw new Error(`no profile for ${email}: ${error?.message}`);
  return data.id as string;
}

/** The org unit id of a school, Phòng or Sở by its code (thpt-tandong, th-tandong, phong-tanchau, so-tayninh). */
export async function unitOf(code: string): Promise<string> {
  const { data, error } = await serviceClient().from('org_units').select('id').eq('code', code).single();
  if (error || !data) throw new Error(`no org unit ${code}: ${error?.message}`);
  return data.id as string;
}

/** The school's current year (the latest that has started on the pinned today), and a past one if any. */
export async function yearsOf(schoolId: string): Promise<{ current: string; past: string | null }> {
  const svc = serviceClient();
  const { data: today } = await svc.rpc('app_today');
  const { data } = await svc.from('school_years').select('id, starts_on').eq('school_id', schoolId).lte('starts_on', today).order('starts_on', { ascending: false });
  return { current: data![0]!.id as string, past: (data![1]?.id as string | undefined) ?? null };
}

export async function canSignIn(email: string, password: string): Promise<boolean> {
  const { error } = await anonClient().auth.signInWithPassword({ email, password });
  return !error;
}

/** auth.users.encrypted_password: bcrypt with a fresh salt, so any password set changes it. */
export async function passwordHash(id: string): Promise<string> {
  const su = await superuser();
  try {
    const { rows } = await su.query<{ h: string }>(`select encrypted_password as h from auth.users where id = $1`, [id]);
    return rows[0]!.h;
  } finally {
    await su.end();
  }
}

/** Puts a demo account's password back (only needed when a test ran against code that let an attack through). */
export async function restoreDemoPassword(id: string, before: string): Promise<void> {
  if ((await passwordHash(id)) === before) return;
  await serviceClient().auth.admin.updateUserById(id, { password: DEMO_PASSWORD });
}

export const ATTACKER_PASSWORD = 'BiChiemQuyen@2026';

/** A fresh address of a school's domain. */
export const freshEmail = (domain: string, prefix = 'moi') => `${prefix}.${crypto.randomUUID().slice(0, 8)}@${domain}`;

/** An account created through staff-accounts by `board` (so the function records which school created it). */
export async function createdBy(board: SupabaseClient<Database>, domain: string, fullName = 'Tài Khoản Mới'): Promise<{ id: string; email: string; password: string }> {
  const email = freshEmail(domain);
  const password = `Tao-${crypto.randomUUID().slice(0, 8)}@1`;
  const res = await staffAccounts(board, { action: 'create', email, full_name: fullName, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.user_id as string, email, password };
}

/** Memberships of a person as the service role sees them (org unit, role). */
export async function rolesOf(id: string): Promise<{ org_unit_id: string; role: string; school_year_id: string | null }[]> {
  const { data } = await serviceClient().from('memberships').select('org_unit_id, role, school_year_id').eq('profile_id', id);
  return data ?? [];
}

/** Removes memberships a test (or an attack that got through) added, with the superuser. */
export async function dropMemberships(where: { profile: string; unit?: string; role?: string }): Promise<void> {
  const su = await superuser();
  try {
    await su.query(`delete from public.memberships where profile_id = $1 and ($2::uuid is null or org_unit_id = $2) and ($3::text is null or role::text = $3)`,
      [where.profile, where.unit ?? null, where.role ?? null]);
  } finally {
    await su.end();
  }
}

export { DEMO_PASSWORD };
