// Where the local auth server must answer as GoTrue (supabase/auth) does, found by running auth-js
// 2.109's own client suites against the stack: features this project keeps switched off (MFA, SSO,
// manual identity linking, id_token and web3 sign-in, anonymous sign-in) answer with the error GoTrue
// gives when they are off, in the shape the `X-Supabase-Api-Version` header asks for; and admin calls
// made with a `supabase_admin` token (GoTrue's default admin roles: service_role, supabase_admin) are
// accepted, while user, anon and other-role tokens are still refused.
import crypto from 'node:crypto';
import * as jose from 'jose';
import type pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, serviceClient, stackInfo, superuser } from '../helpers/stack.ts';

let db: pg.Client;
let user: { id: string; email: string; password: string };
let client: SupabaseClient;
let accessToken: string;

const uniqueEmail = () => `p-${crypto.randomUUID()}@test.local`;

/** A raw call to the auth API with the anon apikey; `version` sends X-Supabase-Api-Version. */
function raw(path: string, init: RequestInit & { token?: string; version?: string } = {}): Promise<Response> {
  const s = stackInfo();
  const headers: Record<string, string> = { apikey: s.anonKey, 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.version) headers['x-supabase-api-version'] = init.version;
  return fetch(`${s.apiUrl}/auth/v1${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}

/** A client that sends `token` as its bearer (what auth-js's own suite does with a supabase_admin JWT). */
function withBearer(token: string): SupabaseClient {
  const s = stackInfo();
  return createClient(s.apiUrl, s.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

const signWithSecret = (claims: Record<string, unknown>) =>
  new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(stackInfo().jwtSecret));

/** An unsigned-looking JWT whose payload names `iss` (GoTrue reads the issuer before verifying). */
const idTokenFrom = (iss: string) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss, sub: '1' })).toString('base64url')}.c2ln`;

beforeAll(async () => {
  db = await superuser();
  user = await createUser();
  client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
  expect(error).toBeNull();
  accessToken = data.session!.access_token;
});

afterAll(async () => {
  await db?.end();
});

describe('auth parity: MFA is off', () => {
  it('a signed-in user enrolling a TOTP or phone factor gets 422 mfa_*_enroll_not_enabled', async () => {
    const totp = await client.auth.mfa.enroll({ factorType: 'totp' });
    expect(totp.error).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled', message: 'MFA enroll is disabled for TOTP' });
    const phone = await client.auth.mfa.enroll({ factorType: 'phone', phone: '+84912345678' });
    expect(phone.error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled', message: 'MFA enroll is disabled for Phone' });
    const webauthn = await raw('/factors', { method: 'POST', token: accessToken, body: JSON.stringify({ factor_type: 'webauthn' }) });
    expect(webauthn.status).toBe(422);
    expect(await webauthn.json()).toEqual({ code: 422, error_code: 'mfa_webauthn_enroll_not_enabled', msg: 'MFA enroll is disabled for WebAuthn' });
    const other = await raw('/factors', { method: 'POST', token: accessToken, body: JSON.stringify({ factor_type: 'sms' }) });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error_code: 'validation_failed', msg: 'factor_type needs to be totp, phone, or webauthn' });
    const { rows } = await db.query(`select 1 from auth.users where id = $1 and phone is not null`, [user.id]);
    expect(rows).toEqual([]);
  });

  it('challenge, verify and unenroll of a factor that cannot exist answer 404 mfa_factor_not_found; a bad id 404 validation_failed', async () => {
    const factorId = crypto.randomUUID();
    const challenge = await client.auth.mfa.challenge({ factorId });
    expect(challenge.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found', message: 'Factor not found' });
    const verify = await client.auth.mfa.verify({ factorId, challengeId: crypto.randomUUID(), code: '123456' });
    expect(verify.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    const unenroll = await client.auth.mfa.unenroll({ factorId });
    expect(unenroll.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    const badId = await raw('/factors/not-a-uuid/challenge', { method: 'POST', token: accessToken, body: '{}' });
    expect(badId.status).toBe(404);
    expect(await badId.json()).toMatchObject({ error_code: 'validation_failed', msg: 'factor_id must be an UUID' });
    const list = await client.auth.mfa.listFactors();
    expect(list.error).toBeNull();
    expect(list.data!.all).toEqual([]);
  });

  it('without a token the factor endpoints answer 401 no_authorization', async () => {
    const res = await raw('/factors', { method: 'POST', body: JSON.stringify({ factor_type: 'totp' }) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: 'no_authorization' });
  });

  it("the service role lists a user's factors (none) and deleting one answers 404 mfa_factor_not_found", async () => {
    const admin = serviceClient();
    const list = await admin.auth.admin.mfa.listFactors({ userId: user.id });
    expect(list.error).toBeNull();
    expect(list.data!.factors).toEqual([]);
    const del = await admin.auth.admin.mfa.deleteFactor({ userId: user.id, id: crypto.randomUUID() });
    expect(del.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    const unknown = await admin.auth.admin.mfa.listFactors({ userId: crypto.randomUUID() });
    expect(unknown.error).toMatchObject({ status: 404, code: 'user_not_found' });
    // A user may not read them through the admin API.
    const asUser = await withBearer(accessToken).auth.admin.mfa.listFactors({ userId: user.id });
    expect(asUser.error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('auth parity: SSO, identity linking, id_token, web3 and anonymous sign-in are off', () => {
  it('signInWithSSO answers 404 saml_provider_disabled, as do the SAML endpoints', async () => {
    const byDomain = await anonClient().auth.signInWithSSO({ domain: 'thpt-demo.edu.vn' });
    expect(byDomain.error).toMatchObject({ status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
    const byId = await anonClient().auth.signInWithSSO({ providerId: crypto.randomUUID() });
    expect(byId.error).toMatchObject({ status: 404, code: 'saml_provider_disabled' });
    for (const [method, path] of [['GET', '/sso/saml/metadata'], ['POST', '/sso/saml/acs']] as const) {
      const res = await raw(path, { method, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ error_code: 'saml_provider_disabled' });
    }
  });

  it('linkIdentity and unlinkIdentity answer 404 manual_linking_disabled to a signed-in user, 401 without a token', async () => {
    const link = await client.auth.linkIdentity({ provider: 'google' });
    expect(link.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
    const identities = await client.auth.getUserIdentities();
    expect(identities.error).toBeNull();
    const unlink = await client.auth.unlinkIdentity(identities.data!.identities[0]!);
    expect(unlink.error).toMatchObject({ status: 404, code: 'manual_linking_disabled' });
    const { rows } = await db.query(`select provider from auth.identities where user_id = $1`, [user.id]);
    expect(rows).toEqual([{ provider: 'email' }]);
    const anonymous = await raw('/user/identities/authorize?provider=google&skip_http_redirect=true');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error_code: 'no_authorization' });
  });

  it('signInWithIdToken answers 400 provider_disabled naming the issuer, and GoTrue\'s other refusals', async () => {
    const auth = anonClient().auth;
    const google = await auth.signInWithIdToken({ provider: 'google', token: idTokenFrom('https://accounts.google.com') });
    expect(google.error).toMatchObject({ status: 400, code: 'provider_disabled', message: 'Provider (issuer "https://accounts.google.com") is not enabled' });
    const apple = await auth.signInWithIdToken({ provider: 'apple', token: idTokenFrom('https://appleid.apple.com') });
    expect(apple.error).toMatchObject({ status: 400, code: 'provider_disabled', message: 'Provider (issuer "https://appleid.apple.com") is not enabled' });
    const garbled = await auth.signInWithIdToken({ provider: 'apple', token: 'not-a-jwt' });
    expect(garbled.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Unable to detect issuer in ID token for Apple provider' });
    const unknown = await auth.signInWithIdToken({ provider: 'so-dien-tu' as 'google', token: idTokenFrom('https://idp.example') });
    expect(unknown.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Custom OIDC provider "so-dien-tu" not allowed' });
    const missing = await raw('/token?grant_type=id_token', { method: 'POST', body: JSON.stringify({ provider: 'google' }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid request', error_description: 'id_token required' });
    // Linking through an id_token needs a signed-in user first, then meets the same disabled provider.
    const linkNoToken = await raw('/token?grant_type=id_token', { method: 'POST', body: JSON.stringify({ provider: 'google', id_token: 'x', link_identity: true }) });
    expect(await linkNoToken.json()).toEqual({ error: 'invalid request', error_description: 'Linking requires a valid user access token in Authorization' });
    const linked = await client.auth.linkIdentity({ provider: 'google', token: idTokenFrom('https://accounts.google.com') });
    expect(linked.error).toMatchObject({ status: 400, code: 'provider_disabled' });
  });

  it('signInWithWeb3 answers 422 web3_provider_disabled', async () => {
    const eth = await anonClient().auth.signInWithWeb3({ chain: 'ethereum', message: 'thpt-demo.edu.vn wants you to sign in', signature: '0x00' as `0x${string}` });
    expect(eth.error).toMatchObject({ status: 422, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' });
    const sol = await raw('/token?grant_type=web3', { method: 'POST', body: JSON.stringify({ chain: 'solana', message: 'x', signature: 'y' }) });
    expect(sol.status).toBe(422);
    expect(await sol.json()).toEqual({ code: 422, error_code: 'web3_provider_disabled', msg: 'Web3 provider is disabled' });
  });

  it('signInAnonymously answers 422 anonymous_provider_disabled and creates no user; signUp with an email stays signup_disabled', async () => {
    const res = await anonClient().auth.signInAnonymously();
    expect(res.error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
    expect(res.data.session).toBeNull();
    const withEmail = await anonClient().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(withEmail.error).toMatchObject({ status: 422, code: 'signup_disabled' });
    expect((await db.query(`select count(*)::int as n from auth.users where is_anonymous`)).rows[0].n).toBe(0);
  });

  it('an unknown grant_type is 400 invalid_credentials "unsupported_grant_type", as in GoTrue', async () => {
    const res = await raw('/token?grant_type=magic', { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'unsupported_grant_type' });
  });
});

describe('auth parity: the error shape follows X-Supabase-Api-Version, echoed on errors only', () => {
  it('2024-01-01 gets { code, message } and the header back; no header gets { code, error_code, msg }; both carry x-sb-error-code', async () => {
    const dated = await raw('/sso', { method: 'POST', version: '2024-01-01', body: JSON.stringify({ domain: 'x.vn' }) });
    expect(dated.status).toBe(404);
    expect(dated.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(dated.headers.get('x-sb-error-code')).toBe('saml_provider_disabled');
    expect(await dated.json()).toEqual({ code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });

    const legacy = await raw('/sso', { method: 'POST', body: JSON.stringify({ domain: 'x.vn' }) });
    expect(legacy.headers.get('x-supabase-api-version')).toBeNull();
    expect(legacy.headers.get('x-sb-error-code')).toBe('saml_provider_disabled');
    expect(await legacy.json()).toEqual({ code: 404, error_code: 'saml_provider_disabled', msg: 'SAML 2.0 is disabled' });

    const ok = await raw('/settings', { version: '2024-01-01' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-supabase-api-version')).toBeNull();
    await ok.body?.cancel();
  });
});

describe('auth parity: admin roles', () => {
  it('a supabase_admin token signed with the project secret creates, reads, lists and deletes users, as GoTrue accepts it', async () => {
    const admin = withBearer(await signWithSecret({ role: 'supabase_admin' }));
    const email = uniqueEmail();
    const created = await admin.auth.admin.createUser({ email, password: 'secret-123', email_confirm: true });
    expect(created.error).toBeNull();
    expect(created.data.user!.email).toBe(email);
    const read = await admin.auth.admin.getUserById(created.data.user!.id);
    expect(read.data.user?.email).toBe(email);
    const list = await admin.auth.admin.listUsers({ perPage: 1000 });
    expect(list.error).toBeNull();
    expect(list.data.users.map((u) => u.email)).toContain(email);
    expect((await admin.auth.admin.deleteUser(created.data.user!.id)).error).toBeNull();
    const { rows } = await db.query(`select 1 from auth.users where email = $1`, [email]);
    expect(rows).toEqual([]);
    // GoTrue records the token's role as the actor.
    const audit = await db.query(
      `select payload->>'actor_username' as actor from auth.audit_log_entries
        where payload->>'action' = 'user_signedup' and payload->'traits'->>'user_email' = $1`,
      [email],
    );
    expect(audit.rows).toEqual([{ actor: 'supabase_admin' }]);
  });

  it('tokens signed with the secret for authenticated, anon or another role are still refused (403 not_admin), and nothing is written', async () => {
    const email = uniqueEmail();
    const tokens = {
      authenticated: await signWithSecret({ role: 'authenticated', aud: 'authenticated', sub: user.id }),
      anon: await signWithSecret({ role: 'anon' }),
      postgres: await signWithSecret({ role: 'postgres' }),
      'user session': accessToken,
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const c = withBearer(token);
      const list = await c.auth.admin.listUsers();
      expect(list.error, kind).toMatchObject({ status: 403, code: 'not_admin' });
      const create = await c.auth.admin.createUser({ email, password: 'secret-123', email_confirm: true });
      expect(create.error, kind).toMatchObject({ status: 403, code: 'not_admin' });
    }
    const { rows } = await db.query(`select 1 from auth.users where email = $1`, [email]);
    expect(rows).toEqual([]);
  });
});
