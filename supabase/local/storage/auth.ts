// Who is calling: the bearer token verified exactly as PostgREST verifies it (keys.ts `verifyJwt`), and
// only the three API roles accepted. Also the signed-URL tokens: HS256 with the project's JWT secret
// carrying `{ url: "<bucket>/<key>", iat, exp }`, as Supabase Storage makes them.
import * as jose from 'jose';
import { JwtError, verifyJwt, type Claims, type StackKeys } from '../keys.ts';
import { ERRORS } from './errors.ts';
import { bearerToken } from '../common.ts';

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface Caller {
  role: ApiRole;
  claims: Claims;
  /** The token's `sub`, when there is one (users); null for the API keys. */
  sub: string | null;
}

export { isUuid } from '../common.ts';

/** Verifies the Authorization header. Throws a StorageError (403 AccessDenied, as the real server). */
export async function identify(keys: StackKeys, authorization: string | string[] | undefined): Promise<Caller> {
  const token = bearerToken(authorization);
  if (!token) throw ERRORS.accessDenied('invalid JWT: no bearer token provided');
  let claims: Claims;
  try {
    claims = await verifyJwt(keys, token);
  } catch (e) {
    throw ERRORS.accessDenied(e instanceof JwtError ? e.message : 'invalid JWT');
  }
  const role = claims.role;
  if (typeof role !== 'string' || !(API_ROLES as readonly string[]).includes(role)) {
    throw ERRORS.accessDenied(`invalid JWT: role ${JSON.stringify(role ?? null)} is not allowed`);
  }
  return { role: role as ApiRole, claims, sub: typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : null };
}

const secretKey = (keys: StackKeys) => new TextEncoder().encode(keys.jwtSecret);

/** Verifies a signed-URL or signed-upload token (HS256, project secret, expiry required). */
async function verifyGrantToken(keys: StackKeys, token: string): Promise<jose.JWTPayload> {
  try {
    return (await jose.jwtVerify(token, secretKey(keys), { algorithms: ['HS256'], requiredClaims: ['exp'] })).payload;
  } catch (e) {
    if (e instanceof jose.errors.JWTExpired) throw ERRORS.expiredToken();
    throw ERRORS.invalidSignature(`Invalid signature: ${e instanceof Error ? e.message : 'invalid token'}`);
  }
}

/** A signed-URL token for `<bucket>/<key>` valid for `expiresIn` seconds. */
export async function signUrlToken(keys: StackKeys, url: string, expiresIn: number): Promise<string> {
  return new jose.SignJWT({ url })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(secretKey(keys));
}

/** Verifies a signed-URL token and returns the `<bucket>/<key>` it grants. */
export async function verifyUrlToken(keys: StackKeys, token: string): Promise<string> {
  const payload = await verifyGrantToken(keys, token);
  // An identity token (it carries a role) or an upload grant is never a download grant.
  if (typeof payload.url !== 'string' || payload.role !== undefined || payload.upload !== undefined) {
    throw ERRORS.invalidSignature();
  }
  return payload.url;
}

export interface UploadGrant {
  url: string;
  owner: string | null;
  upsert: boolean;
}

/** A signed upload URL token: `{ url, owner, upsert, upload: true }`, HS256 with the project secret. */
export async function signUploadToken(keys: StackKeys, grant: UploadGrant, expiresIn: number): Promise<string> {
  return new jose.SignJWT({ url: grant.url, owner: grant.owner ?? undefined, upsert: grant.upsert, upload: true })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(secretKey(keys));
}

export async function verifyUploadToken(keys: StackKeys, token: string): Promise<UploadGrant> {
  const payload = await verifyGrantToken(keys, token);
  if (payload.upload !== true || typeof payload.url !== 'string' || payload.role !== undefined) {
    throw ERRORS.invalidSignature();
  }
  return {
    url: payload.url,
    owner: typeof payload.owner === 'string' ? payload.owner : null,
    upsert: payload.upsert === true,
  };
}
