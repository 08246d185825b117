// Forged and broken tokens, each of which every backend (PostgREST, storage, functions) must refuse.
import * as jose from 'jose';

const enc = (s: string) => new TextEncoder().encode(s);

export async function badTokens(jwtSecret: string, sub: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const user = { sub, role: 'authenticated', aud: 'authenticated', email: 'x@y.vn', session_id: crypto.randomUUID() };
  const other = enc('another-secret-that-is-also-at-least-32-characters');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const { privateKey } = await jose.generateKeyPair('ES256');
  return {
    'signed with another secret': await new jose.SignJWT(user).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(other),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...user, role: 'service_role', exp: now + 3600 })}.`,
    expired: await new jose.SignJWT(user).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(enc(jwtSecret)),
    'wrong audience': await new jose.SignJWT({ ...user, aud: 'another-project' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc(jwtSecret)),
    'service_role claimed without the key': await new jose.SignJWT({ role: 'service_role', iss: 'supabase-demo' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(other),
    // Correctly signed, but naming a database role no API caller may take.
    'a superuser role claimed': await new jose.SignJWT({ ...user, role: 'postgres' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc(jwtSecret)),
    'ES256 from a key the project never published': await new jose.SignJWT({ ...user, role: 'service_role' }).setProtectedHeader({ alg: 'ES256', kid: 'forged' }).setExpirationTime('1h').sign(privateKey),
  };
}
