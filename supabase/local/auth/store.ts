// SQL of the auth server: the GoTrue tables in schema `auth`, reached as supabase_auth_admin.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { IdentityRow, SessionRow, UserRow } from './user-json.ts';
import type { RefreshTokenRow } from './refresh-token.ts';
import { escapeLike } from '../common.ts';

export type Db = pg.Pool | pg.PoolClient;

/** GoTrue's single-tenant instance id. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const AUDIENCE = 'authenticated';

const USER_COLUMNS = `id::text, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
  invited_at, confirmation_sent_at, recovery_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, banned_until, deleted_at, is_anonymous, is_sso_user`;

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function withTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('begin');
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (e) {
    try {
      await client.query('rollback');
    } catch {
      broken = true;
    }
    throw e;
  } finally {
    client.release(broken);
  }
}

// --- users -------------------------------------------------------------------------------------------

/** The account a password sign-in is for (GoTrue's FindUserByEmailAndAudience, minus deleted users). */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users
      where lower(email) = lower($1) and aud = $2 and is_sso_user = false and deleted_at is null
      limit 1`,
    [email, AUDIENCE],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string, forUpdate = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function emailTaken(db: Db, email: string, exceptUserId: string | null): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from auth.users where lower(email) = lower($1) and is_sso_user = false and ($2::uuid is null or id <> $2::uuid) limit 1`,
    [email, exceptUserId],
  );
  return rows.length > 0;
}

export async function phoneTaken(db: Db, phone: string, exceptUserId: string | null): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from auth.users where phone = $1 and ($2::uuid is null or id <> $2::uuid) limit 1`,
    [phone, exceptUserId],
  );
  return rows.length > 0;
}

export async function listUsers(
  db: Db,
  opts: { limit: number; offset: number; filter: string | null },
): Promise<{ users: UserRow[]; total: number }> {
  const filter = opts.filter ? `%${escapeLike(opts.filter)}%` : null;
  const where = `aud = $1 and ($2::text is null or email ilike $2 or raw_user_meta_data ->> 'full_name' ilike $2)`;
  const total = await db.query<{ n: string }>(`select count(*)::text as n from auth.users where ${where}`, [AUDIENCE, filter]);
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where ${where} order by created_at desc, id limit $3 offset $4`,
    [AUDIENCE, filter, opts.limit, opts.offset],
  );
  return { users: rows, total: Number(total.rows[0]?.n ?? 0) };
}

export interface NewUser {
  id: string;
  email: string | null;
  phone: string | null;
  encryptedPassword: string | null;
  emailConfirmedAt: Date | null;
  phoneConfirmedAt: Date | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  bannedUntil: Date | null;
}

export async function insertUser(db: Db, u: NewUser): Promise<void> {
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at,
        phone_confirmed_at, raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at,
        is_sso_user, is_anonymous)
     values ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, now(), now(), false, false)`,
    [
      NIL_UUID, u.id, AUDIENCE, u.email, u.phone, u.encryptedPassword, u.emailConfirmedAt, u.phoneConfirmedAt,
      JSON.stringify(u.appMetadata), JSON.stringify(u.userMetadata), u.bannedUntil,
    ],
  );
}

/** Updates the given columns (trusted names only) and `updated_at`. */
export async function updateUser(db: Db, id: string, fields: Partial<Record<UserColumn, unknown>>): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  const sets = entries.map(([k], i) => `${k} = $${i + 2}${JSON_COLUMNS.has(k) ? '::jsonb' : ''}`);
  const values = entries.map(([k, v]) => (JSON_COLUMNS.has(k) ? JSON.stringify(v) : v));
  await db.query(`update auth.users set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1`, [id, ...values]);
}

type UserColumn =
  | 'email' | 'phone' | 'encrypted_password' | 'email_confirmed_at' | 'phone_confirmed_at' | 'last_sign_in_at'
  | 'raw_app_meta_data' | 'raw_user_meta_data' | 'banned_until' | 'deleted_at' | 'recovery_token' | 'recovery_sent_at';
const JSON_COLUMNS = new Set(['raw_app_meta_data', 'raw_user_meta_data']);

/** The account a recovery link is for (GoTrue's FindUserByRecoveryToken), locked for the verification. */
export async function findUserByRecoveryToken(db: Db, token: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users
      where recovery_token = $1 and recovery_token <> '' and deleted_at is null
      for update`,
    [token],
  );
  return rows[0] ?? null;
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.query(`delete from auth.refresh_tokens where user_id = $1`, [id]);
  await db.query(`delete from auth.users where id = $1`, [id]);
}

// --- identities ------------------------------------------------------------------------------------

export async function findIdentities(db: Db, userId: string): Promise<IdentityRow[]> {
  const { rows } = await db.query<IdentityRow>(
    `select id::text, provider_id, user_id::text, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = $1 order by created_at, id`,
    [userId],
  );
  return rows;
}

export async function findIdentitiesForUsers(db: Db, userIds: string[]): Promise<Map<string, IdentityRow[]>> {
  const out = new Map<string, IdentityRow[]>();
  if (userIds.length === 0) return out;
  const { rows } = await db.query<IdentityRow>(
    `select id::text, provider_id, user_id::text, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = any($1::uuid[]) order by created_at, id`,
    [userIds],
  );
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push(r);
    out.set(r.user_id, list);
  }
  return out;
}

/** Creates or updates the user's identity of `provider` (GoTrue keeps one per provider). */
export async function upsertIdentity(
  db: Db,
  userId: string,
  provider: 'email' | 'phone',
  data: Record<string, unknown>,
): Promise<void> {
  const { rowCount } = await db.query(
    `update auth.identities set identity_data = identity_data || $3::jsonb, updated_at = now()
      where user_id = $1 and provider = $2`,
    [userId, provider, JSON.stringify(data)],
  );
  if (rowCount) return;
  await db.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1, $2, $3, $4::jsonb, $5, now(), now())`,
    [crypto.randomUUID(), userId, userId, JSON.stringify({ sub: userId, ...data }), provider],
  );
}

/** What a soft delete leaves of identities: no addresses (GoTrue obfuscates them). */
export async function scrubIdentities(db: Db, userId: string): Promise<void> {
  await db.query(
    `update auth.identities set identity_data = jsonb_build_object('sub', $1::text), updated_at = now()
      where user_id = $1::uuid`,
    [userId],
  );
}

// --- sessions and refresh tokens ---------------------------------------------------------------------

/** How a session was opened: GoTrue's authentication methods ('otp' for an e-mailed link). */
export type AuthMethod = 'password' | 'otp';

export async function createSession(
  db: Db,
  userId: string,
  userAgent: string | null,
  ip: string | null,
  method: AuthMethod = 'password',
): Promise<string> {
  const id = crypto.randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', now(), $3, $4::inet)`,
    [id, userId, userAgent, ip],
  );
  await db.query(
    `insert into auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at) values ($1, $2, now(), now())`,
    [id, method],
  );
  return id;
}

/** The session's `amr` claim: how it was opened, oldest first (sessions from before the table: password). */
export async function sessionAmr(db: Db, sessionId: string): Promise<{ method: string; timestamp: number }[]> {
  const { rows } = await db.query<{ method: string; ts: number }>(
    `select authentication_method as method, extract(epoch from created_at)::bigint::int as ts
       from auth.mfa_amr_claims where session_id = $1 order by created_at`,
    [sessionId],
  );
  return rows.map((r) => ({ method: r.method, timestamp: r.ts }));
}

export async function findSession(db: Db, id: string, forUpdate = false): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(
    `select id::text, user_id::text, created_at, updated_at, aal, not_after, refreshed_at
       from auth.sessions where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function touchSession(db: Db, id: string, userAgent: string | null, ip: string | null): Promise<void> {
  await db.query(
    `update auth.sessions set refreshed_at = now(), updated_at = now(), user_agent = coalesce($2, user_agent),
            ip = coalesce($3::inet, ip) where id = $1`,
    [id, userAgent, ip],
  );
}

/** Deletes sessions (their refresh tokens go with them: on delete cascade). */
export async function deleteSessions(
  db: Db,
  where: { sessionId: string } | { userId: string; exceptSessionId?: string },
): Promise<number> {
  if ('sessionId' in where) {
    const r = await db.query(`delete from auth.sessions where id = $1`, [where.sessionId]);
    return r.rowCount ?? 0;
  }
  const r = await db.query(
    `delete from auth.sessions where user_id = $1 and ($2::uuid is null or id <> $2::uuid)`,
    [where.userId, where.exceptSessionId ?? null],
  );
  return r.rowCount ?? 0;
}

export async function insertRefreshToken(
  db: Db,
  t: { token: string; userId: string; sessionId: string; parent: string | null },
): Promise<void> {
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), $4, $5)`,
    [NIL_UUID, t.token, t.userId, t.parent, t.sessionId],
  );
}

const TOKEN_COLUMNS = `id::text, token, user_id, revoked, parent, session_id::text, created_at, updated_at`;

export async function findRefreshToken(db: Db, token: string, forUpdate = false): Promise<RefreshTokenRow | null> {
  const { rows } = await db.query<RefreshTokenRow>(
    `select ${TOKEN_COLUMNS} from auth.refresh_tokens where token = $1${forUpdate ? ' for update' : ''}`,
    [token],
  );
  return rows[0] ?? null;
}

export async function activeRefreshToken(db: Db, sessionId: string): Promise<RefreshTokenRow | null> {
  const { rows } = await db.query<RefreshTokenRow>(
    `select ${TOKEN_COLUMNS} from auth.refresh_tokens where session_id = $1 and revoked = false
      order by id desc limit 1`,
    [sessionId],
  );
  return rows[0] ?? null;
}

export async function revokeRefreshToken(db: Db, id: string): Promise<void> {
  await db.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`, [id]);
}

export async function revokeSessionTokens(db: Db, sessionId: string): Promise<void> {
  await db.query(
    `update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`,
    [sessionId],
  );
}

export async function deleteRefreshToken(db: Db, id: string): Promise<void> {
  await db.query(`delete from auth.refresh_tokens where id = $1`, [id]);
}

// --- throttles (see throttle.ts) --------------------------------------------------------------------

// Every throttle time comes from the auth server's clock (`now`), the one its decisions measure
// windows with: stamped on insert and compared on read, so a database host whose clock is skewed cannot
// stretch or shorten a lock-out.
const inWindow = (nowParam: string) => `created_at > ${nowParam}::timestamptz - make_interval(secs => $2::double precision / 1000)`;

/** A sign-in attempt, pending until its password check ends (see throttle.ts). */
export async function recordSignInAttempt(db: Db, email: string, ip: string | null, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into auth.sign_in_failures (email, ip, pending, created_at) values ($1, $2::inet, true, $3) returning id::text`,
    [email, ip, now],
  );
  return rows[0]!.id;
}

/** The attempt's password was wrong: from now on it is a failure. */
export async function settleSignInFailure(db: Db, id: string): Promise<void> {
  await db.query(`update auth.sign_in_failures set pending = false where id = $1`, [id]);
}

/** Recorded attempts of `email` in the window, newest first. */
export async function signInAttempts(db: Db, email: string, windowMs: number, exceptId: string, now: Date): Promise<{ at: Date; pending: boolean }[]> {
  const { rows } = await db.query<{ created_at: Date; pending: boolean }>(
    `select created_at, pending from auth.sign_in_failures where email = $1 and ${inWindow('$4')} and id <> $3::bigint
      order by created_at desc, id desc`,
    [email, windowMs, exceptId, now],
  );
  return rows.map((r) => ({ at: r.created_at, pending: r.pending }));
}

/** Recorded attempts from client address `ip` in the window (every account), newest first. */
export async function addressAttempts(db: Db, ip: string, windowMs: number, exceptId: string, now: Date): Promise<{ at: Date; pending: boolean }[]> {
  const { rows } = await db.query<{ created_at: Date; pending: boolean }>(
    `select created_at, pending from auth.sign_in_failures where ip = $1::inet and ${inWindow('$4')} and id <> $3::bigint
      order by created_at desc, id desc`,
    [ip, windowMs, exceptId, now],
  );
  return rows.map((r) => ({ at: r.created_at, pending: r.pending }));
}

export async function deleteSignInAttempt(db: Db, id: string): Promise<void> {
  await db.query(`delete from auth.sign_in_failures where id = $1`, [id]);
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.query(`delete from auth.sign_in_failures where email = $1 and not pending`, [email]);
}

export async function pruneThrottles(db: Db, windowMs: number, now: Date): Promise<void> {
  for (const table of ['auth.sign_in_failures', 'auth.recovery_requests']) {
    await db.query(`delete from ${table} where created_at < $2::timestamptz - make_interval(secs => $1::double precision / 1000)`, [windowMs, now]);
  }
}

export async function recoveryRequests(db: Db, by: { email: string } | { ip: string }, windowMs: number, now: Date): Promise<Date[]> {
  const [column, value] = 'email' in by ? ['email', by.email] : ['ip', by.ip];
  const { rows } = await db.query<{ created_at: Date }>(
    `select created_at from auth.recovery_requests where ${column} = $1${column === 'ip' ? '::inet' : ''} and ${inWindow('$3')}
      order by created_at desc`,
    [value, windowMs, now],
  );
  return rows.map((r) => r.created_at);
}

export async function recordRecoveryRequest(db: Db, email: string, ip: string | null, now: Date): Promise<void> {
  await db.query(`insert into auth.recovery_requests (email, ip, created_at) values ($1, $2::inet, $3)`, [email, ip, now]);
}

// --- audit log ---------------------------------------------------------------------------------------

export interface AuditActor {
  id: string;
  username: string;
}

/** An entry of auth.audit_log_entries, shaped like GoTrue's (payload: actor, action, log_type, traits). */
export async function audit(
  db: Db,
  actor: AuditActor,
  action: string,
  logType: 'account' | 'token' | 'team' | 'user',
  ip: string | null,
  traits?: Record<string, unknown>,
): Promise<void> {
  const payload = {
    actor_id: actor.id,
    actor_username: actor.username,
    actor_via_sso: false,
    action,
    log_type: logType,
    ...(traits ? { traits } : {}),
  };
  await db.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3::json, now(), $4)`,
    [NIL_UUID, crypto.randomUUID(), JSON.stringify(payload), (ip ?? '').slice(0, 64)],
  );
}
