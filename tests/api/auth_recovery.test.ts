// Accounts looking after themselves through the auth API, as the admin does it with supabase-js:
// a forgotten password recovered through the e-mailed link (GoTrue's /recover → mail → /verify →
// PUT /user), and a password changed with the current one. The mail goes over SMTP to the stack's
// local mail catcher and is read back through its API. Every test makes its own users.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { anonClient, createUser, stackInfo, superuser } from '../helpers/stack.ts';
import { mailsTo, verifyLink, waitForMail } from '../helpers/mail.ts';
import { fetchFrom, freshLoopbackAddress } from '../helpers/net.ts';

let db: pg.Client;
beforeAll(async () => {
  db = await superuser();
});
afterAll(async () => {
  await db?.end();
});

const uniqueEmail = () => `t-${crypto.randomUUID()}@test.local`;
const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

async function signIn(email: string, password: string) {
  const client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  return { client, session: data.session, error };
}

async function auditActions(userId: string): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>(
    `select payload ->> 'action' as action from auth.audit_log_entries
      where payload ->> 'actor_id' = $1 order by created_at, id`,
    [userId],
  );
  return rows.map((r) => r.action);
}

/** Follows the mailed link as a browser would, without following the redirect. */
async function openLink(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

describe('forgotten password (POST /recover, the mailed link, GET /verify)', () => {
  it('a teacher who forgot her password gets a mail whose link signs her in; she sets a new one without the old', async () => {
    const user = await createUser();
    const redirectTo = `${stackInfo().adminUrl}`;
    const { error } = await anonClient().auth.resetPasswordForEmail(user.email, { redirectTo });
    expect(error).toBeNull();

    const mail = await waitForMail(user.email);
    expect(mail.subject).toMatch(/mật khẩu/i);
    const link = verifyLink(mail);
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`${stackInfo().apiUrl}/auth/v1/verify`);
    expect(url.searchParams.get('type')).toBe('recovery');
    expect(url.searchParams.get('redirect_to')).toBe(redirectTo);

    // GoTrue's implicit flow: a 303 to redirect_to with the session in the fragment.
    const landing = await openLink(link);
    expect(landing.origin + landing.pathname).toBe(new URL(redirectTo).origin + '/');
    const fragment = new URLSearchParams(landing.hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(Number(fragment.get('expires_in'))).toBe(3600);
    const accessToken = fragment.get('access_token')!;
    const refreshToken = fragment.get('refresh_token')!;
    expect(accessToken).toBeTruthy();

    // The session of the link may set a new password without the forgotten one.
    const client = createClient<Database>(stackInfo().apiUrl, stackInfo().anonKey, noSession);
    const set = await client.auth.setSession({ access_token: accessToken, refresh_token: refreshToken });
    expect(set.error).toBeNull();
    expect(set.data.user?.id).toBe(user.id);
    const updated = await client.auth.updateUser({ password: 'Mat-khau-moi-2026' });
    expect(updated.error).toBeNull();

    expect((await signIn(user.email, user.password)).error?.code).toBe('invalid_credentials');
    expect((await signIn(user.email, 'Mat-khau-moi-2026')).error).toBeNull();

    // The link works once.
    const again = await openLink(link);
    const err = new URLSearchParams(again.hash.slice(1));
    expect(err.get('error_code')).toBe('otp_expired');
    expect(err.get('access_token')).toBeNull();

    // Audited as GoTrue does it.
    const actions = await auditActions(user.id);
    expect(actions).toEqual(expect.arrayContaining(['user_recovery_requested', 'login', 'user_updated_password']));
    expect(actions.indexOf('user_recovery_requested')).toBeLessThan(actions.lastIndexOf('user_updated_password'));
  });

  it('an unknown address gets the same 200 {} as a known one, and no mail is sent', async () => {
    const known = await createUser();
    const unknown = uniqueEmail();
    const ask = (email: string) =>
      fetch(`${stackInfo().apiUrl}/auth/v1/recover`, {
        method: 'POST',
        headers: { apikey: stackInfo().anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
    const a = await ask(known.email);
    const b = await ask(unknown);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(await a.json()).toEqual({});
    expect(await b.json()).toEqual({});
    await waitForMail(known.email);
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('asking again for the same address within a minute is refused with 429, whether or not it has an account', async () => {
    const known = await createUser();
    for (const email of [known.email, uniqueEmail()]) {
      const anon = anonClient();
      expect((await anon.auth.resetPasswordForEmail(email)).error).toBeNull();
      const again = await anon.auth.resetPasswordForEmail(email);
      expect(again.error?.status).toBe(429);
      expect(again.error?.code).toBe('over_email_send_rate_limit');
    }
    await waitForMail(known.email);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(known.email)).toHaveLength(1);
  });

  it('one client address asking for many addresses is stopped with 429 and Retry-After', async () => {
    const from = fetchFrom(freshLoopbackAddress());
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 22; i++) {
      const res = await from(`${stackInfo().apiUrl}/auth/v1/recover`, {
        method: 'POST',
        headers: { apikey: stackInfo().anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail() }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = Number(res.headers.get('retry-after'));
      await res.body?.cancel();
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('a link asking to go to another site sends the user to the site URL instead', async () => {
    const user = await createUser();
    const { error } = await anonClient().auth.resetPasswordForEmail(user.email, { redirectTo: 'https://ke-gian.example/steal' });
    expect(error).toBeNull();
    const link = verifyLink(await waitForMail(user.email));
    const landing = await openLink(link);
    expect(landing.origin).toBe(new URL(stackInfo().adminUrl).origin);
  });

  it('a made-up or malformed token is answered with otp_expired, never a 500', async () => {
    for (const token of ['0'.repeat(56), 'x', '%00']) {
      const res = await fetch(`${stackInfo().apiUrl}/auth/v1/verify?token=${token}&type=recovery&redirect_to=${encodeURIComponent(stackInfo().adminUrl)}`, { redirect: 'manual' });
      expect(res.status, token).toBe(303);
      expect(new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1)).get('error_code'), token).toBe('otp_expired');
    }
    const post = await fetch(`${stackInfo().apiUrl}/auth/v1/verify`, {
      method: 'POST',
      headers: { apikey: stackInfo().anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'recovery', token_hash: 'f'.repeat(56) }),
    });
    expect(post.status).toBe(403);
    expect((await post.json()).error_code).toBe('otp_expired');
  });
});

describe('own password change (PUT /user with current_password)', () => {
  it('a teacher changes her password only with the right current one; a wrong one is refused and changes nothing', async () => {
    const user = await createUser();
    const { client } = await signIn(user.email, user.password);

    const missing = await client.auth.updateUser({ password: 'Mat-khau-moi-1' });
    expect(missing.error?.status).toBe(400);
    expect(missing.error?.code).toBe('current_password_required');

    const wrong = await client.auth.updateUser({ password: 'Mat-khau-moi-1', current_password: 'khong-dung' });
    expect(wrong.error?.status).toBe(400);
    expect(wrong.error?.code).toBe('current_password_invalid');
    expect((await signIn(user.email, user.password)).error).toBeNull();

    const right = await client.auth.updateUser({ password: 'Mat-khau-moi-1', current_password: user.password });
    expect(right.error).toBeNull();
    expect((await signIn(user.email, 'Mat-khau-moi-1')).error).toBeNull();
    expect((await signIn(user.email, user.password)).error?.code).toBe('invalid_credentials');
    expect(await auditActions(user.id)).toContain('user_updated_password');
  });
});
