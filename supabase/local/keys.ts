// Keys of the local stack, mirroring a Supabase project:
// - the legacy HS256 JWT secret signs the `anon` and `service_role` API keys (as the Supabase CLI does);
// - user access tokens are signed with an asymmetric ES256 key, published by the auth server at
//   /auth/v1/.well-known/jwks.json, as hosted Supabase does with its signing keys. Functions therefore
//   verify callers through the auth API / JWKS, never with the shared secret.
// PostgREST receives a JWK set holding both, so it accepts both kinds of token.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as jose from 'jose';

export interface SigningKey {
  kid: string;
  privateJwk: jose.JWK;
  publicJwk: jose.JWK;
}

export interface StackKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  signing: SigningKey;
  /** Public JWKS served by the auth server (asymmetric keys only, like hosted Supabase). */
  jwks: { keys: jose.JWK[] };
  /** The JWK set given to PostgREST: the symmetric secret plus the public signing key. */
  postgrestJwks: { keys: jose.JWK[] };
  /**
   * The functions' SIGNING_MASTER_KEY (issue 15: it seals the local CA's private keys): 32 random bytes,
   * base64, kept in `<dataDir>/keys/` — beside the stack's other keys, never in the database or its backups.
   */
  signingMasterKey: string;
  /** The functions' BACKUP_KEY (issue 19: it encrypts the backups), made like the signing master key. */
  backupKey: string;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/**
 * An API key exactly as the Supabase CLI makes it: HS256 over {"iss":"supabase-demo","role":…,"exp":…}.
 * With the CLI's default secret this reproduces the CLI's well-known local anon and service-role keys.
 */
export function makeApiKey(role: 'anon' | 'service_role', secret: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: 'supabase-demo', role, exp: 1983812996 }));
  const sig = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** Reads the ES256 signing key from `<dataDir>/keys/signing-key.json`, creating it on first use. */
export async function loadSigningKey(dataDir: string): Promise<SigningKey> {
  const file = path.join(dataDir, 'keys', 'signing-key.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SigningKey;
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const kid = crypto.randomUUID();
  const common = { kid, alg: 'ES256', use: 'sig' };
  const key: SigningKey = {
    kid,
    privateJwk: { ...(await jose.exportJWK(privateKey)), ...common, key_ops: ['sign'] },
    publicJwk: { ...(await jose.exportJWK(publicKey)), ...common, key_ops: ['verify'] },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600 });
  return key;
}

/** Reads the master key of the signing keys from `<dataDir>/keys/signing-master.key`, creating it on first use. */
export function loadSigningMasterKey(dataDir: string, name = 'signing-master.key'): string {
  const file = path.join(dataDir, 'keys', name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = crypto.randomBytes(32).toString('base64');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function loadKeys(dataDir: string, jwtSecret: string): Promise<StackKeys> {
  const signing = await loadSigningKey(dataDir);
  return {
    signingMasterKey: loadSigningMasterKey(dataDir),
    backupKey: loadSigningMasterKey(dataDir, 'backup.key'),
    jwtSecret,
    anonKey: makeApiKey('anon', jwtSecret),
    serviceRoleKey: makeApiKey('service_role', jwtSecret),
    signing,
    jwks: { keys: [signing.publicJwk] },
    postgrestJwks: {
      keys: [{ kty: 'oct', k: b64url(jwtSecret), alg: 'HS256' }, signing.publicJwk],
    },
  };
}

export class JwtError extends Error {
  constructor(message: string, readonly code: 'bad_jwt' | 'no_authorization' = 'bad_jwt') {
    super(message);
  }
}

export type Claims = jose.JWTPayload & {
  role?: string;
  email?: string;
  session_id?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  aal?: string;
};

/**
 * Verifies a token the way PostgREST is configured to: HS256 with the project secret or ES256 with the
 * published signing key; `alg: none` and every other algorithm refused; `exp` enforced; when the token
 * carries `aud` it must include `authenticated` (tokens without `aud`, like the API keys, pass).
 */
export async function verifyJwt(keys: StackKeys, token: string): Promise<Claims> {
  let header: jose.ProtectedHeaderParameters;
  try {
    header = jose.decodeProtectedHeader(token);
  } catch {
    throw new JwtError('invalid JWT: unable to parse or verify signature');
  }
  try {
    let payload: jose.JWTPayload;
    if (header.alg === 'HS256') {
      ({ payload } = await jose.jwtVerify(token, new TextEncoder().encode(keys.jwtSecret), { algorithms: ['HS256'] }));
    } else if (header.alg === 'ES256') {
      const key = await jose.importJWK(keys.signing.publicJwk, 'ES256');
      ({ payload } = await jose.jwtVerify(token, key, { algorithms: ['ES256'] }));
    } else {
      throw new JwtError(`invalid JWT: algorithm ${String(header.alg)} is not accepted`);
    }
    if (payload.aud !== undefined) {
      const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!aud.includes('authenticated')) throw new JwtError('invalid JWT: wrong audience');
    }
    return payload as Claims;
  } catch (e) {
    if (e instanceof JwtError) throw e;
    if (e instanceof jose.errors.JWTExpired) throw new JwtError('invalid JWT: token is expired');
    throw new JwtError('invalid JWT: unable to parse or verify signature');
  }
}

export interface AccessTokenInput {
  sub: string;
  email: string | null;
  phone?: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  session_id: string;
  is_anonymous?: boolean;
  /** How the session was opened (GoTrue's `amr`); a password sign-in when absent or empty. */
  amr?: { method: string; timestamp: number }[];
}

/** Signs a user access token with the same claims as Supabase Auth issues. */
export async function signAccessToken(
  keys: StackKeys,
  input: AccessTokenInput,
  opts: { issuer: string; expiresIn: number },
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + opts.expiresIn;
  const key = await jose.importJWK(keys.signing.privateJwk, 'ES256');
  const token = await new jose.SignJWT({
    iss: opts.issuer,
    sub: input.sub,
    aud: 'authenticated',
    exp,
    iat,
    email: input.email ?? '',
    phone: input.phone ?? '',
    app_metadata: input.app_metadata,
    user_metadata: input.user_metadata,
    role: 'authenticated',
    aal: 'aal1',
    amr: input.amr?.length ? input.amr : [{ method: 'password', timestamp: iat }],
    session_id: input.session_id,
    is_anonymous: input.is_anonymous ?? false,
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.signing.kid, typ: 'JWT' })
    .sign(key);
  return { token, expiresAt: exp };
}
