// Bad input through the gateway: every answer is a 4xx with a message a developer can act on, never a
// 500 and never a body parsed that nobody should send. Raw HTTP, as an attacker would send it.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser, serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';

const api = (p: string) => `${stackInfo().apiUrl}${p}`;
const json = (extra: Record<string, string> = {}) => ({ apikey: stackInfo().anonKey, 'content-type': 'application/json', ...extra });

async function expectClear4xx(res: Response, label: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
  const body = JSON.parse(text) as Record<string, unknown>;
  const message = String(body.msg ?? body.message ?? body.error_description ?? '');
  expect(message.length, `${label}: a message`).toBeGreaterThan(5);
  return body;
}

describe('the auth server and bad input', () => {
  it('a NUL byte in the sign-in e-mail is a 400 with a message, not a 500', async () => {
    const res = await fetch(api('/auth/v1/token?grant_type=password'), {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ email: 'hieutruong\u0000@thpt-tandong.edu.vn', password: 'x' }),
    });
    const body = await expectClear4xx(res, 'NUL in email');
    expect(res.status).toBe(400);
    expect(body.error_code).toBe('validation_failed');
  });

  it('NUL bytes, wrong types, huge and malformed fields anywhere in the auth API are 4xx', async () => {
    const user = await createUser();
    const client = await signedIn(user.email, user.password);
    const token = (await client.auth.getSession()).data.session!.access_token;
    const service = stackInfo().serviceRoleKey;
    const cases: [string, string, RequestInit][] = [
      ['NUL in password', '/auth/v1/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: user.email, password: 'a\u0000b' }) }],
      ['an e-mail of 300 characters', '/auth/v1/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: `${'a'.repeat(300)}@x.vn`, password: 'x' }) }],
      ['NUL in a refresh token', '/auth/v1/token?grant_type=refresh_token', { method: 'POST', body: JSON.stringify({ refresh_token: 'ab\u0000cd' }) }],
      ['invalid JSON', '/auth/v1/token?grant_type=password', { method: 'POST', body: '{"email":' }],
      ['a JSON array', '/auth/v1/token?grant_type=password', { method: 'POST', body: '[1,2]' }],
      ['numbers for strings', '/auth/v1/recover', { method: 'POST', body: JSON.stringify({ email: 12 }) }],
      ['NUL in a recovery address', '/auth/v1/recover', { method: 'POST', body: JSON.stringify({ email: 'a\u0000@x.vn' }) }],
      ['NUL in user metadata', '/auth/v1/user', { method: 'PUT', body: JSON.stringify({ data: { ten: 'Lan\u0000' } }), headers: { authorization: `Bearer ${token}` } }],
      ['NUL in a metadata key', '/auth/v1/user', { method: 'PUT', body: JSON.stringify({ data: { 'k\u0000': 1 } }), headers: { authorization: `Bearer ${token}` } }],
      ['NUL in admin-created metadata', '/auth/v1/admin/users', { method: 'POST', body: JSON.stringify({ email: `t-${crypto.randomUUID()}@test.local`, password: 'secret-123', user_metadata: { x: '\u0000' } }), headers: { apikey: service, authorization: `Bearer ${service}` } }],
      ['NUL in an admin user filter', '/auth/v1/admin/users?filter=%00', { method: 'GET', headers: { apikey: service, authorization: `Bearer ${service}` } }],
      ['a bad logout scope', '/auth/v1/logout?scope=%00', { method: 'POST', headers: { authorization: `Bearer ${token}` } }],
      ['a verify without a type', '/auth/v1/verify', { method: 'POST', body: JSON.stringify({ token_hash: 'abc' }) }],
    ];
    for (const [label, path, init] of cases) {
      const res = await fetch(api(path), { ...init, headers: { ...json(), ...(init.headers as Record<string, string>) } });
      await expectClear4xx(res, label);
    }
    // The server is still answering, and the user's metadata is unchanged.
    expect((await client.auth.getUser()).data.user?.user_metadata).toEqual({});
  });
});

describe('the gateway caps request bodies', () => {
  it('a 30 MB RPC body is refused with 413 before PostgREST parses it, and REST keeps answering', async () => {
    const big = JSON.stringify({ p: 'x'.repeat(30 * 1024 * 1024) });
    const res = await fetch(api('/rest/v1/rpc/app_today'), { method: 'POST', headers: json(), body: big });
    const body = await expectClear4xx(res, '30 MB RPC');
    expect(res.status).toBe(413);
    expect(String(body.message)).toMatch(/\d+ ?(MB|bytes)/);
    const after = await fetch(api('/rest/v1/rpc/app_today'), { method: 'POST', headers: json(), body: '{}' });
    expect(after.status).toBe(200);
    await after.body?.cancel();
  });

  it('a body sent in chunks without a length is cut at the same cap', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(api('/rest/v1/rpc/app_today'), { method: 'POST', headers: json(), body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    await res.body?.cancel();
  });

  it('uploads to storage keep their bucket limits: 3 MB goes into a 5 MB bucket, 6 MB is refused by the bucket', async () => {
    const admin = serviceClient();
    const bucket = `bi-${crypto.randomUUID().slice(0, 8)}`;
    expect((await admin.storage.createBucket(bucket, { public: false, fileSizeLimit: 5 * 1024 * 1024 })).error).toBeNull();
    const ok = await admin.storage.from(bucket).upload('ba-mb.bin', new Uint8Array(3 * 1024 * 1024), { contentType: 'application/octet-stream' });
    expect(ok.error).toBeNull();
    const over = await admin.storage.from(bucket).upload('sau-mb.bin', new Uint8Array(6 * 1024 * 1024), { contentType: 'application/octet-stream' });
    expect((over.error as unknown as { statusCode?: string })?.statusCode).toBe('413');
  });
});
