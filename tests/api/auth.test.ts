// The local auth server through supabase-js (auth-js 2.109) and the gateway, as the admin and the
// functions use it: password sign-in and its throttle, refresh-token rotation and reuse detection,
// /user and its refusals, self-service updates, sign-out scopes, the admin API, bans and deletion,
// JWKS. Every test makes its own users (unique emails), so tests never depend on each other.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jose from 'jose';
import type pg from 'pg';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { anonClient, createUser, serviceClient, stackInfo, superuser } from '../helpers/stack.ts';
import { badTokens } from '../helpers/tokens.ts';
import { fetchFrom, freshLoopbackAddress } from '../helpers/net.ts';

/** An anon client whose requests come from a loopback address of its own (helpers/net.ts), so its
 * deliberate failures count against no other test's client address. */
function anonFromOwnAddress(): SupabaseClient<Database> {
  const s = stackInfo();
  return createClient<Database>(s.apiUrl, s.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchFrom(freshLoopbackAddress()) },
  });
}

let db: pg.Client;

beforeAll(async () => {
  db = await superuser();
});

afterAll(async () => {
  await db?.end();
});

const uniqueEmail = () => `t-${crypto.randomUUID()}@test.local`;
const authUrl = (p: string) => `${stackInfo().apiUrl}/auth/v1${p}`;

/** Signs in on a fresh client; throws if refused. */
async function signIn(email: string, password: string): Promise<{ client: SupabaseClient<Database>; session: Session }> {
  const client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`sign-in as ${email} failed: ${error?.message}`);
  return { client, session: data.session };
}

/** A refresh on a fresh client, so auth-js's own de-duplication and failure cache play no part. */
function refresh(refreshToken: string) {
  return anonClient().auth.refreshSession({ refresh_token: refreshToken });
}

function getUserWith(token: string) {
  return anonClient().auth.getUser(token);
}

/** A raw call to the auth API with the anon apikey (and no API version header: legacy error shape). */
function raw(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const s = stackInfo();
  const headers: Record<string, string> = { apikey: s.anonKey, 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(authUrl(path), { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}

async function userRow(id: string) {
  const { rows } = await db.query(
    `select email, encrypted_password, raw_app_meta_data, raw_user_meta_data, banned_until, deleted_at, last_sign_in_at
       from auth.users where id = $1`,
    [id],
  );
  return rows[0];
}

async function sessionExists(sessionId: string): Promise<boolean> {
  const { rows } = await db.query(`select 1 from auth.sessions where id = $1`, [sessionId]);
  return rows.length === 1;
}

const sessionIdOf = (accessToken: string) => jose.decodeJwt(accessToken).session_id as string;

describe('password sign-in', () => {
  it('a user signs in with email and password and gets a session whose access token carries the Supabase claims', async () => {
    const admin = serviceClient();
    const email = uniqueEmail();
    const password = 'Mật-khẩu-123';
    const { data: created, error: createError } = await admin.auth.admin.createUser({
      email,
      password,
      email_confirm: true,
      user_metadata: { full_name: 'Nguyễn Thị Hoa' },
      app_metadata: { school_code: 'THPT-TD' },
    });
    expect(createError).toBeNull();
    const id = created.user!.id;

    const { session } = await signIn(email.toUpperCase(), password); // addresses compare case-insensitively
    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(3600);
    expect(session.refresh_token.length).toBeGreaterThanOrEqual(12);
    expect(session.user.id).toBe(id);
    expect(session.user.email).toBe(email);
    expect(session.user.identities?.[0]?.provider).toBe('email');

    const header = jose.decodeProtectedHeader(session.access_token);
    expect(header.alg).toBe('ES256');
    expect(header.kid).toBeTruthy();
    const claims = jose.decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      sub: id,
      role: 'authenticated',
      aud: 'authenticated',
      email,
      aal: 'aal1',
      iss: authUrl(''),
      app_metadata: { provider: 'email', providers: ['email'], school_code: 'THPT-TD' },
      user_metadata: { full_name: 'Nguyễn Thị Hoa' },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(60);
    expect(session.expires_at).toBe(claims.exp);

    // The session and its refresh token are rows of auth.sessions / auth.refresh_tokens.
    const sid = claims.session_id as string;
    expect(await sessionExists(sid)).toBe(true);
    const { rows: tokens } = await db.query(`select session_id::text, revoked, user_id from auth.refresh_tokens where token = $1`, [
      session.refresh_token,
    ]);
    expect(tokens).toEqual([{ session_id: sid, revoked: false, user_id: id }]);
    expect((await userRow(id)).last_sign_in_at).not.toBeNull();

    // The stored hash is bcrypt, cost 10.
    expect((await userRow(id)).encrypted_password).toMatch(/^\$2a\$10\$/);
  });

  it('a wrong password and an unknown email both get 400 invalid_credentials, in comparable time', async () => {
    // Two accounts, three wrong passwords each: six samples a side without reaching the throttle (5).
    const users = [await createUser(), await createUser()];
    const anon = anonFromOwnAddress();
    const timed = async (email: string, password: string) => {
      const t = performance.now();
      const { error } = await anon.auth.signInWithPassword({ email, password });
      return { ms: performance.now() - t, error };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await timed(users[i % 2]!.email, 'not-the-password');
      const b = await timed(uniqueEmail(), 'not-the-password');
      for (const r of [a, b]) {
        expect(r.error?.status).toBe(400);
        expect(r.error?.code).toBe('invalid_credentials');
        expect(r.error?.message).toBe('Invalid login credentials');
      }
      wrong.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const ratio = median(wrong) / median(unknown);
    expect(ratio, `wrong ${wrong.map(Math.round)} ms vs unknown ${unknown.map(Math.round)} ms`).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);

    // Without the API version header, the legacy GoTrue shape: { code: status, error_code, msg }.
    const res = await raw('/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: uniqueEmail(), password: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });

  it('after five failed sign-ins the right password is refused with 429 over_request_rate_limit until the window passes', async () => {
    const user = await createUser();
    const bystander = await createUser();
    const anon = anonFromOwnAddress();
    for (let i = 0; i < 5; i++) {
      const { error } = await anon.auth.signInWithPassword({ email: user.email, password: `wrong-${i}` });
      expect(error?.code).toBe('invalid_credentials');
    }
    const locked = await anon.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(locked.error?.status).toBe(429);
    expect(locked.error?.code).toBe('over_request_rate_limit');
    expect(locked.data.session).toBeNull();
    // The raw answer says when to come back.
    const res = await raw('/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await res.body?.cancel();

    // Another account is not affected.
    await signIn(bystander.email, bystander.password);

    // Once the failures are older than 5 minutes, the account opens again.
    await db.query(`update auth.sign_in_failures set created_at = created_at - interval '6 minutes' where email = $1`, [user.email]);
    await signIn(user.email, user.password);
  });

  it('an account whose email was never confirmed cannot sign in (400 email_not_confirmed)', async () => {
    const email = uniqueEmail();
    const { error } = await serviceClient().auth.admin.createUser({ email, password: 'secret-123' });
    expect(error).toBeNull();
    const res = await anonClient().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(res.error?.code).toBe('email_not_confirmed');
  });

  it('anyone calling signUp is refused (422 signup_disabled): accounts are created by the admin board', async () => {
    const { data, error } = await anonClient().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('signup_disabled');
    expect(data.user).toBeNull();
  });
});

describe('refresh tokens', () => {
  it('a refresh rotates the token: the used one is revoked and the new one names it as parent', async () => {
    const user = await createUser();
    const { session } = await signIn(user.email, user.password);
    const { data, error } = await refresh(session.refresh_token);
    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(sessionIdOf(next.access_token)).toBe(sessionIdOf(session.access_token));
    const { rows } = await db.query(`select token, revoked, parent from auth.refresh_tokens where token = any($1) order by id`, [
      [session.refresh_token, next.refresh_token],
    ]);
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: next.refresh_token, revoked: false, parent: session.refresh_token },
    ]);
    const me = await getUserWith(next.access_token);
    expect(me.data.user?.id).toBe(user.id);
  });

  it('a reused refresh token is refused (400 refresh_token_already_used) and ends the session: its access tokens stop working', async () => {
    const user = await createUser();
    const { session } = await signIn(user.email, user.password);
    const second = (await refresh(session.refresh_token)).data.session!;
    const third = (await refresh(second.refresh_token)).data.session!;
    expect(third).toBeTruthy();

    // The first token, two rotations old, comes back: reuse.
    const reused = await refresh(session.refresh_token);
    expect(reused.error?.status).toBe(400);
    expect(reused.error?.code).toBe('refresh_token_already_used');
    expect(reused.data.session).toBeNull();

    // The whole session is gone: the newest refresh token and every access token of it fail.
    expect(await sessionExists(sessionIdOf(session.access_token))).toBe(false);
    const latest = await refresh(third.refresh_token);
    expect(latest.error?.code).toBe('refresh_token_not_found');
    for (const token of [session.access_token, third.access_token]) {
      const me = await getUserWith(token);
      expect(me.data.user).toBeNull();
      expect(me.error).not.toBeNull();
    }
    const res = await raw('/user', { token: third.access_token });
    expect(res.status).toBe(403);
    expect((await res.json()).error_code).toBe('session_not_found');

    // The user can still sign in again.
    await signIn(user.email, user.password);
  });

  it('within the 10 s reuse interval, the parent of the active token gets the active token back (two tabs refreshing at once)', async () => {
    const user = await createUser();
    const { session } = await signIn(user.email, user.password);
    const [a, b] = await Promise.all([refresh(session.refresh_token), refresh(session.refresh_token)]);
    expect(a.error).toBeNull();
    expect(b.error).toBeNull();
    expect(a.data.session!.refresh_token).toBe(b.data.session!.refresh_token);
    const { rows } = await db.query(`select count(*)::int as n from auth.refresh_tokens where session_id = $1`, [
      sessionIdOf(session.access_token),
    ]);
    expect(rows[0].n).toBe(2); // no fork: one child only
    expect((await getUserWith(b.data.session!.access_token)).data.user?.id).toBe(user.id);
  });

  it('an unknown refresh token is refused with 400 refresh_token_not_found', async () => {
    const { error } = await refresh('nonexistenttoken1234');
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('refresh_token_not_found');
  });
});

describe('GET /user', () => {
  it('a signed-in user reads their own user object', async () => {
    const user = await createUser();
    const { client } = await signIn(user.email, user.password);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      is_anonymous: false,
    });
    for (const k of ['email_confirmed_at', 'confirmed_at', 'last_sign_in_at', 'created_at', 'updated_at'] as const) {
      expect(Date.parse(data.user![k] as string), k).not.toBeNaN();
    }
    expect(data.user!.identities).toHaveLength(1);
  });

  it('tokens signed with another secret, with alg none, expired, for another audience or by an unpublished key are refused (bad_jwt)', async () => {
    const user = await createUser();
    const tokens = await badTokens(stackInfo().jwtSecret, user.id);
    for (const kind of ['signed with another secret', 'alg none', 'expired', 'wrong audience', 'ES256 from a key the project never published']) {
      const { data, error } = await getUserWith(tokens[kind]!);
      expect(data.user, kind).toBeNull();
      expect([401, 403], kind).toContain(error?.status);
      expect(error?.code, kind).toBe('bad_jwt');
    }
  });

  it('the anon and service-role API keys are refused at /user with 403: they name no user', async () => {
    for (const key of [stackInfo().anonKey, stackInfo().serviceRoleKey]) {
      const { data, error } = await getUserWith(key);
      expect(data.user).toBeNull();
      expect(error?.status).toBe(403);
      expect(error?.code).toBe('bad_jwt');
    }
  });

  it('a request without a token is refused with 401 no_authorization', async () => {
    const res = await raw('/user');
    expect(res.status).toBe(401);
    expect((await res.json()).error_code).toBe('no_authorization');
  });
});

describe('PUT /user (a user updating themself)', () => {
  it('a user changes their own password and user_metadata (merged); the old password stops working', async () => {
    const admin = serviceClient();
    const email = uniqueEmail();
    const { data: created } = await admin.auth.admin.createUser({
      email,
      password: 'old-secret-1',
      email_confirm: true,
      user_metadata: { full_name: 'Trần Văn Bình', nickname: 'Bình' },
    });
    const id = created.user!.id;
    const { client } = await signIn(email, 'old-secret-1');
    const { data, error } = await client.auth.updateUser({
      password: 'new-secret-2',
      current_password: 'old-secret-1',
      data: { phone_ext: '12', nickname: null },
    });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toEqual({ full_name: 'Trần Văn Bình', phone_ext: '12' });
    expect((await userRow(id)).raw_user_meta_data).toEqual({ full_name: 'Trần Văn Bình', phone_ext: '12' });

    const old = await anonClient().auth.signInWithPassword({ email, password: 'old-secret-1' });
    expect(old.error?.code).toBe('invalid_credentials');
    await signIn(email, 'new-secret-2');
  });

  it('a password shorter than 6 characters is refused with 422 weak_password, the same password with 422 same_password', async () => {
    const user = await createUser();
    const { client } = await signIn(user.email, user.password);
    const weak = await client.auth.updateUser({ password: '12345', current_password: user.password });
    expect(weak.error?.status).toBe(422);
    expect(weak.error?.code).toBe('weak_password');
    const same = await client.auth.updateUser({ password: user.password, current_password: user.password });
    expect(same.error?.status).toBe(422);
    expect(same.error?.code).toBe('same_password');
    await signIn(user.email, user.password);
  });

  it('a user cannot set their own app_metadata: 403 not_admin, and auth.users is unchanged', async () => {
    const admin = serviceClient();
    const email = uniqueEmail();
    const { data: created } = await admin.auth.admin.createUser({
      email,
      password: 'secret-123',
      email_confirm: true,
      app_metadata: { school_code: 'THCS-A' },
      user_metadata: { full_name: 'Lê Văn C' },
    });
    const id = created.user!.id;
    const before = await userRow(id);
    const { client, session } = await signIn(email, 'secret-123');

    // Through supabase-js, alone and mixed with an allowed change: the whole request is refused.
    for (const attrs of [{ app_metadata: { role: 'admin' } }, { data: { x: 1 }, app_metadata: { school_code: 'OTHER' } }]) {
      const { error } = await client.auth.updateUser(attrs as never);
      expect(error?.status).toBe(403);
      expect(error?.code).toBe('not_admin');
    }
    // And raw, bypassing the client.
    const res = await raw('/user', { method: 'PUT', token: session.access_token, body: JSON.stringify({ app_metadata: { role: 'admin' } }) });
    expect(res.status).toBe(403);
    await res.body?.cancel();

    const after = await userRow(id);
    expect(after.raw_app_meta_data).toEqual(before.raw_app_meta_data);
    expect(after.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email'], school_code: 'THCS-A' });
    expect(after.raw_user_meta_data).toEqual({ full_name: 'Lê Văn C' });
  });

  it('a user cannot change their own email (it is how a forgotten password is recovered): 422, the address is unchanged', async () => {
    const user = await createUser();
    const { client } = await signIn(user.email, user.password);
    const { error } = await client.auth.updateUser({ email: uniqueEmail() });
    expect(error?.status).toBe(422);
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  it('changing the password signs out the user\'s other sessions, not this one', async () => {
    const user = await createUser();
    const a = await signIn(user.email, user.password);
    const b = await signIn(user.email, user.password);
    const { error } = await a.client.auth.updateUser({ password: 'brand-new-secret', current_password: user.password });
    expect(error).toBeNull();
    expect((await getUserWith(a.session.access_token)).data.user?.id).toBe(user.id);
    expect((await getUserWith(b.session.access_token)).data.user).toBeNull();
    expect((await refresh(b.session.refresh_token)).error).not.toBeNull();
  });
});

describe('sign-out', () => {
  it('local sign-out ends only this session; the user\'s other session keeps working', async () => {
    const user = await createUser();
    const a = await signIn(user.email, user.password);
    const b = await signIn(user.email, user.password);
    const { error } = await a.client.auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    expect((await getUserWith(a.session.access_token)).data.user).toBeNull();
    expect((await refresh(a.session.refresh_token)).error).not.toBeNull();
    expect((await getUserWith(b.session.access_token)).data.user?.id).toBe(user.id);
    expect((await refresh(b.session.refresh_token)).error).toBeNull();
  });

  it('global sign-out ends every session of the user', async () => {
    const user = await createUser();
    const a = await signIn(user.email, user.password);
    const b = await signIn(user.email, user.password);
    const { error } = await a.client.auth.signOut(); // default scope: global
    expect(error).toBeNull();
    for (const s of [a.session, b.session]) {
      expect((await getUserWith(s.access_token)).data.user).toBeNull();
      expect((await refresh(s.refresh_token)).error?.code).toBe('refresh_token_not_found');
    }
    const { rows } = await db.query(`select count(*)::int as n from auth.sessions where user_id = $1`, [user.id]);
    expect(rows[0].n).toBe(0);
  });

  it('sign-out of the others keeps this session only', async () => {
    const user = await createUser();
    const a = await signIn(user.email, user.password);
    const b = await signIn(user.email, user.password);
    const { error } = await a.client.auth.signOut({ scope: 'others' });
    expect(error).toBeNull();
    expect((await getUserWith(a.session.access_token)).data.user?.id).toBe(user.id);
    expect((await getUserWith(b.session.access_token)).data.user).toBeNull();
  });
});

describe('admin API', () => {
  it('the service role creates, lists, reads, updates and deletes users', async () => {
    const admin = serviceClient().auth.admin;
    const email = uniqueEmail();
    const created = await admin.createUser({
      email,
      password: 'secret-123',
      email_confirm: true,
      user_metadata: { full_name: 'Phạm Thị D' },
      app_metadata: { school_code: 'TH-B' },
    });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'], school_code: 'TH-B' },
      user_metadata: { full_name: 'Phạm Thị D' },
    });
    expect(created.data.user!.identities?.[0]).toMatchObject({ provider: 'email', user_id: id, identity_data: { email, sub: id } });

    // The same address again (any case): 422 email_exists.
    const dup = await admin.createUser({ email: email.toUpperCase(), password: 'secret-123' });
    expect(dup.error?.status).toBe(422);
    expect(dup.error?.code).toBe('email_exists');

    // Listing pages through everybody, newest first.
    await createUser();
    const page1 = await admin.listUsers({ page: 1, perPage: 1 });
    if (page1.error) throw page1.error;
    expect(page1.data.users).toHaveLength(1);
    expect(page1.data.aud).toBe('authenticated');
    expect(page1.data.total).toBeGreaterThanOrEqual(2);
    expect(page1.data.nextPage).toBe(2);
    const everyone = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(everyone.data.users.some((u) => u.id === id)).toBe(true);

    const read = await admin.getUserById(id);
    expect(read.data.user?.email).toBe(email);

    const updated = await admin.updateUserById(id, {
      password: 'another-secret-4',
      app_metadata: { role_hint: 'teacher' },
      user_metadata: { full_name: 'Phạm Thị Dung' },
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user!.app_metadata).toMatchObject({ school_code: 'TH-B', role_hint: 'teacher', provider: 'email' });
    expect(updated.data.user!.user_metadata).toEqual({ full_name: 'Phạm Thị Dung' });
    const { session } = await signIn(email, 'another-secret-4');
    // The new app_metadata is in the next token.
    expect(jose.decodeJwt(session.access_token).app_metadata).toMatchObject({ role_hint: 'teacher' });

    const newEmail = uniqueEmail();
    const moved = await admin.updateUserById(id, { email: newEmail });
    expect(moved.data.user?.email).toBe(newEmail);
    await signIn(newEmail, 'another-secret-4');

    const deleted = await admin.deleteUser(id);
    expect(deleted.error).toBeNull();
    const gone = await admin.getUserById(id);
    expect(gone.error?.status).toBe(404);
    expect(gone.error?.code).toBe('user_not_found');
    expect(await userRow(id)).toBeUndefined();
  });

  it('a soft delete keeps the row with deleted_at, frees the address and refuses sign-in', async () => {
    const user = await createUser();
    const { error } = await serviceClient().auth.admin.deleteUser(user.id, true);
    expect(error).toBeNull();
    const row = await userRow(user.id);
    expect(row.deleted_at).not.toBeNull();
    expect(row.email).not.toBe(user.email);
    expect(row.encrypted_password).toBeNull();
    const res = await anonClient().auth.signInWithPassword({ email: user.email, password: user.password });
    expect(res.error?.code).toBe('invalid_credentials');
    // The address can be given to a new account.
    await createUser({ email: user.email });
  });

  it('the admin API is refused with the anon key and with a user\'s token (403 not_admin), and nothing is written', async () => {
    const user = await createUser();
    const { session } = await signIn(user.email, user.password);
    const s = stackInfo();
    const withAnonKey = createClient<Database>(s.apiUrl, s.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const withUserToken = createClient<Database>(s.apiUrl, s.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${session.access_token}` } },
    });
    const email = uniqueEmail();
    for (const client of [withAnonKey, withUserToken]) {
      const list = await client.auth.admin.listUsers();
      expect(list.error?.status).toBe(403);
      expect(list.error?.code).toBe('not_admin');
      const create = await client.auth.admin.createUser({ email, password: 'secret-123', email_confirm: true });
      expect(create.error?.code).toBe('not_admin');
      const update = await client.auth.admin.updateUserById(user.id, { app_metadata: { role: 'admin' } });
      expect(update.error?.code).toBe('not_admin');
      const del = await client.auth.admin.deleteUser(user.id);
      expect(del.error?.code).toBe('not_admin');
    }
    const { rows } = await db.query(`select 1 from auth.users where email = $1`, [email]);
    expect(rows).toHaveLength(0);
    expect((await userRow(user.id)).raw_app_meta_data).toEqual({ provider: 'email', providers: ['email'] });
  });
});

describe('banned and deleted users', () => {
  it('a banned user cannot sign in or refresh, and their access token stops working; lifting the ban restores access', async () => {
    const user = await createUser();
    const { session } = await signIn(user.email, user.password);
    const admin = serviceClient().auth.admin;
    const banned = await admin.updateUserById(user.id, { ban_duration: '24h' });
    expect(banned.error).toBeNull();
    expect(Date.parse(banned.data.user!.banned_until!)).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const r = await refresh(session.refresh_token);
    expect(r.error?.code).toBe('user_banned');
    const me = await getUserWith(session.access_token);
    expect(me.error?.status).toBe(403);
    expect(me.error?.code).toBe('user_banned');
    const again = await anonClient().auth.signInWithPassword({ email: user.email, password: user.password });
    expect(again.error?.code).toBe('user_banned');
    // A stranger guessing the password still only sees invalid_credentials.
    const guess = await anonClient().auth.signInWithPassword({ email: user.email, password: 'wrong-guess' });
    expect(guess.error?.code).toBe('invalid_credentials');

    await admin.updateUserById(user.id, { ban_duration: 'none' });
    expect((await userRow(user.id)).banned_until).toBeNull();
    expect((await refresh(session.refresh_token)).error).toBeNull();
  });

  it('a hard-deleted or soft-deleted user cannot refresh and their access token stops working', async () => {
    const admin = serviceClient().auth.admin;
    for (const soft of [false, true]) {
      const user = await createUser();
      const { session } = await signIn(user.email, user.password);
      const { error } = await admin.deleteUser(user.id, soft);
      expect(error).toBeNull();
      const r = await refresh(session.refresh_token);
      expect(r.error?.code, `soft=${soft}`).toBe('refresh_token_not_found');
      const me = await getUserWith(session.access_token);
      expect(me.data.user, `soft=${soft}`).toBeNull();
      expect(me.error?.status, `soft=${soft}`).toBe(403);
    }
  });
});

describe('keys and service endpoints', () => {
  it('the JWKS lists the ES256 public key, and a user access token verifies with it', async () => {
    const res = await fetch(authUrl('/.well-known/jwks.json'));
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: jose.JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]!.d).toBeUndefined(); // never the private part

    const user = await createUser();
    const { client, session } = await signIn(user.email, user.password);
    const remote = jose.createRemoteJWKSet(new URL(authUrl('/.well-known/jwks.json')));
    const { payload, protectedHeader } = await jose.jwtVerify(session.access_token, remote, {
      issuer: authUrl(''),
      audience: 'authenticated',
      algorithms: ['ES256'],
    });
    expect(payload.sub).toBe(user.id);
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);

    // supabase-js verifies it locally with the same JWKS (what functions do).
    const claims = await client.auth.getClaims(session.access_token);
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(user.id);
  });

  it('health and settings answer like GoTrue', async () => {
    const health = await (await raw('/health')).json();
    expect(health).toMatchObject({ name: 'GoTrue' });
    const settings = await (await raw('/settings')).json();
    expect(settings).toMatchObject({ disable_signup: true, external: { email: true, phone: false } });
  });

  it('a malformed body is a JSON 400, an oversized one 413, and the server keeps answering', async () => {
    const bad = await raw('/token?grant_type=password', { method: 'POST', body: '{"email": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, error_code: 'bad_json' });

    const wrongType = await raw('/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: 42, password: [] }) });
    expect(wrongType.status).toBe(400);
    await wrongType.body?.cancel();

    const huge = await raw('/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    await huge.body?.cancel();

    const grant = await raw('/token?grant_type=magic', { method: 'POST', body: '{}' });
    expect(grant.status).toBe(400);
    await grant.body?.cancel();

    const health = await raw('/health');
    expect(health.status).toBe(200);
    await health.body?.cancel();
  });
});
