// auth.users rows as GoTrue serialises them (models.User / models.Identity JSON), and the claims of
// the access tokens issued for them.
import type { AccessTokenInput } from '../keys.ts';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  is_sso_user: boolean;
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  email: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date;
  aal: string;
  not_after: Date | null;
  refreshed_at: Date | null;
}

const iso = (d: Date | null | undefined): string | undefined => (d ? d.toISOString() : undefined);

/** Every user here signs in with email + password; rows inserted by SQL may lack the provider keys. */
export function appMetadata(row: Pick<UserRow, 'raw_app_meta_data'>): Record<string, unknown> {
  return { provider: 'email', providers: ['email'], ...(row.raw_app_meta_data ?? {}) };
}

export function isBanned(row: Pick<UserRow, 'banned_until'>, now: Date): boolean {
  return row.banned_until !== null && row.banned_until.getTime() > now.getTime();
}

/**
 * GoTrue's UpdateUserMetaData / UpdateAppMetaData: a shallow merge where a `null` value removes the key.
 */
export function mergeMetadata(
  current: Record<string, unknown> | null,
  updates: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null || v === undefined) delete out[k];
    // defineProperty: a key named "__proto__" stays a plain key instead of replacing the prototype.
    else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function identityJson(row: IdentityRow): Record<string, unknown> {
  return {
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(row.email ? { email: row.email } : {}),
  };
}

/** The user object of /user, /token and the admin API. Omitted keys are GoTrue's `omitempty` ones. */
export function userJson(row: UserRow, identities: IdentityRow[]): Record<string, unknown> {
  const confirmed = [row.email_confirmed_at, row.phone_confirmed_at].filter((d): d is Date => d !== null);
  const confirmedAt = confirmed.length ? new Date(Math.min(...confirmed.map((d) => d.getTime()))) : null;
  const out: Record<string, unknown> = {
    id: row.id,
    aud: row.aud ?? '',
    role: row.role ?? '',
    email: row.email ?? '',
    email_confirmed_at: iso(row.email_confirmed_at),
    invited_at: iso(row.invited_at),
    phone: row.phone ?? '',
    phone_confirmed_at: iso(row.phone_confirmed_at),
    confirmation_sent_at: iso(row.confirmation_sent_at),
    confirmed_at: iso(confirmedAt),
    recovery_sent_at: iso(row.recovery_sent_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: appMetadata(row),
    user_metadata: row.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    banned_until: iso(row.banned_until),
    deleted_at: iso(row.deleted_at),
    is_anonymous: row.is_anonymous,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** What `signAccessToken` needs for this user and session (the Supabase claims). */
export function accessTokenInput(row: UserRow, sessionId: string): AccessTokenInput {
  return {
    sub: row.id,
    email: row.email,
    phone: row.phone ?? '',
    app_metadata: appMetadata(row),
    user_metadata: row.raw_user_meta_data ?? {},
    session_id: sessionId,
    is_anonymous: row.is_anonymous,
  };
}
