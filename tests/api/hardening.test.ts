// Hardening of the public surface: failed sign-ins throttled per account and per client address with
// short lockouts, the OpenAPI description kept from anon and users, and the admin served with a
// Content-Security-Policy. Sprayers are played from their own loopback addresses (helpers/net.ts) so
// the rest of the suite, signing in from 127.0.0.1, is never slowed down.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { createUser, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { fetchFrom, freshLoopbackAddress } from '../helpers/net.ts';

let db: pg.Client;
beforeAll(async () => {
  db = await superuser();
});
afterAll(async () => {
  await db?.end();
});

const uniqueEmail = () => `t-${crypto.randomUUID()}@test.local`;

function clientFrom(address: string) {
  return createClient<Database>(stackInfo().apiUrl, stackInfo().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchFrom(address) },
  });
}

function rawSignIn(from: typeof fetch, email: string, password: string) {
  return from(`${stackInfo().apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: stackInfo().anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

describe('sign-in throttle', () => {
  it('a password sprayer (one address, one guess at each of many accounts) is stopped at 30 failures; others sign in meanwhile', async () => {
    const address = freshLoopbackAddress();
    const sprayer = clientFrom(address);
    const victims = await Promise.all(Array.from({ length: 3 }, () => createUser()));
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 30; i++) {
      const email = i < victims.length ? victims[i]!.email : uniqueEmail();
      codes.push((await sprayer.auth.signInWithPassword({ email, password: 'SoDienTu@2025' })).error?.code);
    }
    expect(codes).toEqual(Array(30).fill('invalid_credentials'));
    // The 31st guess, even a right password, is refused from that address.
    const stopped = await rawSignIn(fetchFrom(address), victims[0]!.email, victims[0]!.password);
    expect(stopped.status).toBe(429);
    expect((await stopped.json()).error_code).toBe('over_request_rate_limit');
    const retryAfter = Number(stopped.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(5 * 60);

    // The victims themselves, from their own addresses, are not locked out.
    for (const v of victims) await signedIn(v.email, v.password);
    // Once the failures are older than the window, the address may try again.
    await db.query(`update auth.sign_in_failures set created_at = created_at - interval '6 minutes' where ip = $1::inet`, [address]);
    expect((await rawSignIn(fetchFrom(address), victims[0]!.email, victims[0]!.password)).status).toBe(200);
  });

  it('five wrong guesses at one account lock it for at most five minutes, and successful sign-ins never count', async () => {
    const user = await createUser();
    // Many successful sign-ins first: they leave no trace in the throttle.
    for (let i = 0; i < 8; i++) await signedIn(user.email, user.password);
    const { rows } = await db.query(`select count(*)::int as n from auth.sign_in_failures where email = $1`, [user.email]);
    expect(rows[0].n).toBe(0);

    const guesser = fetchFrom(freshLoopbackAddress());
    for (let i = 0; i < 5; i++) expect((await rawSignIn(guesser, user.email, `sai-${i}`)).status).toBe(400);
    const locked = await rawSignIn(fetchFrom(freshLoopbackAddress()), user.email, user.password);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(5 * 60);
    await db.query(`update auth.sign_in_failures set created_at = created_at - interval '6 minutes' where email = $1`, [user.email]);
    await signedIn(user.email, user.password);
  });

  it('sign-ins running at the same time are not failures: eight parallel sign-ins of one account from one address all succeed', async () => {
    const user = await createUser();
    const from = fetchFrom(freshLoopbackAddress());
    const answers = await Promise.all(Array.from({ length: 8 }, () => rawSignIn(from, user.email, user.password)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    const { rows } = await db.query(`select count(*)::int as n from auth.sign_in_failures where email = $1`, [user.email]);
    expect(rows[0].n).toBe(0);
  });
});

describe('the OpenAPI description (GET /rest/v1/)', () => {
  it('is refused to the anon key and to a signed-in teacher, with a message', async () => {
    const teacher = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const token = (await teacher.auth.getSession()).data.session!.access_token;
    for (const [who, headers] of [
      ['anon', { apikey: stackInfo().anonKey }],
      ['anon with Accept openapi', { apikey: stackInfo().anonKey, accept: 'application/openapi+json' }],
      ['a teacher', { apikey: stackInfo().anonKey, authorization: `Bearer ${token}` }],
    ] as const) {
      for (const path of ['/rest/v1/', '/rest/v1', '/rest/v1/?select=*']) {
        const res = await fetch(`${stackInfo().apiUrl}${path}`, { headers });
        const text = await res.text();
        expect([401, 403, 404], `${who} ${path}: ${text.slice(0, 120)}`).toContain(res.status);
        expect(text).not.toContain('swagger');
        expect(text).not.toContain('"paths"');
      }
    }
  });

  it('is served to the service role (tooling)', async () => {
    const key = stackInfo().serviceRoleKey;
    const res = await fetch(`${stackInfo().apiUrl}/rest/v1/`, { headers: { apikey: key, authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { paths?: Record<string, unknown> };
    expect(Object.keys(body.paths ?? {})).toContain('/students');
  });
});

describe('query plans (Accept: application/vnd.pgrst.plan+json)', () => {
  it('are not served: a plan would count rows the caller may not read; the same read as JSON answers (control)', async () => {
    const teacher = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const plain = await teacher.from('students').select('id');
    expect(plain.error).toBeNull();
    expect(plain.data!.length).toBeGreaterThan(0);
    const asked = await teacher.from('students').select('id').explain({ analyze: true, format: 'json' });
    expect(asked.error).not.toBeNull();
    expect(JSON.stringify(asked.data ?? null)).not.toMatch(/Rows Removed|Execution Time|"Plan"/);
  });
});

describe('the admin is served with a Content-Security-Policy', () => {
  it('no inline script, connect-src limited to its API origin, no framing', async () => {
    for (const path of ['/', '/index.html', '/#/login']) {
      const res = await fetch(`${stackInfo().apiUrl}${path}`);
      await res.body?.cancel();
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(
        csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)]),
      ) as Record<string, string[]>;
      expect(directives['default-src'], path).toEqual(["'self'"]);
      expect(directives['script-src'], path).toEqual(["'self'"]);
      // blob: is the downloaded evidence file the PDF preview reads; it reaches no server.
      expect(directives['connect-src'], path).toEqual(["'self'", new URL(stackInfo().apiUrl).origin, 'blob:']);
      expect(directives['object-src'], path).toEqual(["'none'"]);
      expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
      expect(directives['base-uri'], path).toEqual(["'self'"]);
    }
  });
});
