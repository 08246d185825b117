import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_JWT_SECRET } from './config.ts';
import { loadKeys, makeApiKey, signAccessToken, verifyJwt, type StackKeys } from './keys.ts';

// The keys every Supabase CLI project has locally; ours must be the same so any tool works against it.
const CLI_ANON =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const CLI_SERVICE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

let dir: string;
let keys: StackKeys;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-keys-'));
  keys = await loadKeys(dir, CLI_JWT_SECRET);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const user = { sub: crypto.randomUUID(), email: 'a@b.vn', app_metadata: {}, user_metadata: {}, session_id: crypto.randomUUID() };

describe('API keys and tokens', () => {
  it('with the CLI secret, the anon and service-role keys are the Supabase CLI local keys', () => {
    expect(makeApiKey('anon', CLI_JWT_SECRET)).toBe(CLI_ANON);
    expect(makeApiKey('service_role', CLI_JWT_SECRET)).toBe(CLI_SERVICE);
  });

  it('the signing key persists in the data folder across loads', async () => {
    const again = await loadKeys(dir, CLI_JWT_SECRET);
    expect(again.signing.kid).toBe(keys.signing.kid);
    expect(again.jwks.keys[0]).not.toHaveProperty('d'); // the public JWKS never carries the private part
  });

  it('a user access token has the Supabase claims, lives one hour and verifies', async () => {
    const { token } = await signAccessToken(keys, user, { issuer: 'http://127.0.0.1:54321/auth/v1', expiresIn: 3600 });
    const claims = await verifyJwt(keys, token);
    for (const k of ['sub', 'role', 'aud', 'email', 'app_metadata', 'user_metadata', 'session_id', 'aal', 'iat', 'exp', 'iss']) {
      expect(claims).toHaveProperty(k);
    }
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(jose.decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: keys.signing.kid });
  });

  it('refuses alg none, another secret, an expired token and a wrong audience', async () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url')}.`;
    await expect(verifyJwt(keys, none)).rejects.toThrow(/algorithm/);
    const other = await new jose.SignJWT({ role: 'service_role' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(40)));
    await expect(verifyJwt(keys, other)).rejects.toThrow(/signature/);
    const secret = new TextEncoder().encode(CLI_JWT_SECRET);
    const expired = await new jose.SignJWT({ role: 'authenticated', aud: 'authenticated' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(secret);
    await expect(verifyJwt(keys, expired)).rejects.toThrow(/expired/);
    const wrongAud = await new jose.SignJWT({ role: 'authenticated', aud: 'somebody-else' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);
    await expect(verifyJwt(keys, wrongAud)).rejects.toThrow(/audience/);
    await expect(verifyJwt(keys, 'not-a-jwt')).rejects.toThrow();
  });
});
