import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { makeApiKey, type StackKeys } from '../keys.ts';
import { identify, signUploadToken, signUrlToken, verifyUploadToken, verifyUrlToken } from './auth.ts';

const secret = 'test-secret-that-is-at-least-32-characters-long';
const enc = (s: string) => new TextEncoder().encode(s);
// Only the HS256 secret matters here; ES256 user tokens are covered by the API tests.
const keys = { jwtSecret: secret, signing: { publicJwk: {} } } as unknown as StackKeys;
const hs = (claims: jose.JWTPayload, key = secret) =>
  new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc(key));

describe('identify', () => {
  it('accepts the API keys and user tokens of the three API roles', async () => {
    expect(await identify(keys, `Bearer ${makeApiKey('anon', secret)}`)).toMatchObject({ role: 'anon', sub: null });
    expect(await identify(keys, `bearer ${makeApiKey('service_role', secret)}`)).toMatchObject({ role: 'service_role' });
    const user = await hs({ sub: 'u1', role: 'authenticated', aud: 'authenticated' });
    expect(await identify(keys, `Bearer ${user}`)).toMatchObject({ role: 'authenticated', sub: 'u1' });
  });

  it.each([
    ['no header', undefined],
    ['not bearer', 'Basic abc'],
    ['garbage', 'Bearer abc'],
  ])('refuses %s', async (_, header) => {
    await expect(identify(keys, header)).rejects.toMatchObject({ status: 403, code: 'AccessDenied', error: 'Unauthorized' });
  });

  it('refuses other roles, no role, other secrets and expired tokens', async () => {
    for (const token of [
      await hs({ role: 'postgres' }),
      await hs({ role: 'supabase_storage_admin' }),
      await hs({ sub: 'x' }),
      await hs({ role: 'service_role' }, 'another-secret-that-is-at-least-32-characters'),
      await new jose.SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(enc(secret)),
      await hs({ role: 'authenticated', aud: 'elsewhere' }),
    ]) {
      await expect(identify(keys, `Bearer ${token}`)).rejects.toMatchObject({ status: 403 });
    }
  });
});

describe('URL tokens', () => {
  it('round-trips a download grant and refuses upload grants and identity tokens as one', async () => {
    expect(await verifyUrlToken(keys, await signUrlToken(keys, 'b/k.pdf', 60))).toBe('b/k.pdf');
    const upload = await signUploadToken(keys, { url: 'b/k.pdf', owner: 'u1', upsert: false }, 60);
    await expect(verifyUrlToken(keys, upload)).rejects.toMatchObject({ code: 'InvalidSignature' });
    await expect(verifyUrlToken(keys, makeApiKey('anon', secret))).rejects.toMatchObject({ code: 'InvalidSignature' });
    await expect(verifyUrlToken(keys, await hs({ url: 'b/k.pdf', role: 'service_role' }))).rejects.toMatchObject({ code: 'InvalidSignature' });
    await expect(verifyUrlToken(keys, await hs({ url: 'b/k.pdf' }, 'another-secret-that-is-at-least-32-characters'))).rejects.toMatchObject({ code: 'InvalidSignature' });
  });

  it('reports expiry as ExpiredToken', async () => {
    const expired = await new jose.SignJWT({ url: 'b/k' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 1).sign(enc(secret));
    await expect(verifyUrlToken(keys, expired)).rejects.toMatchObject({ code: 'ExpiredToken', status: 400 });
  });

  it('round-trips an upload grant and refuses a download grant as one', async () => {
    const t = await signUploadToken(keys, { url: 'b/k.pdf', owner: 'u1', upsert: true }, 60);
    expect(await verifyUploadToken(keys, t)).toEqual({ url: 'b/k.pdf', owner: 'u1', upsert: true });
    await expect(verifyUploadToken(keys, await signUrlToken(keys, 'b/k.pdf', 60))).rejects.toMatchObject({ code: 'InvalidSignature' });
  });
});
