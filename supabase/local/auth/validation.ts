// Request bodies and field rules of the auth API, mirroring GoTrue's.
//
// GoTrue decodes bodies into Go structs: unknown fields are ignored, `null` means "absent", and a body
// that is not a JSON object or whose fields have the wrong JSON type fails as 400 `bad_json`.
// Semantic checks (email format, UUIDs, ban durations) fail as 400 `validation_failed`; password rules
// as 422 `weak_password`.
import { z } from 'zod';
import { AuthApiError, badRequest, unprocessable, weakPassword } from './errors.ts';
import { parseGoDuration } from './duration.ts';

const optString = z.string().nullish();
const optBool = z.boolean().nullish();
const jsonObject = z.record(z.string(), z.unknown());

export const passwordGrantBody = z.object({
  email: optString,
  phone: optString,
  password: optString,
});

export const refreshGrantBody = z.object({
  refresh_token: optString,
});

export const userUpdateBody = z.object({
  email: optString,
  phone: optString,
  password: optString,
  data: jsonObject.nullish(),
  app_metadata: jsonObject.nullish(),
  nonce: optString,
  channel: optString,
  code_challenge: optString,
  code_challenge_method: optString,
  current_password: optString,
});

export const recoverBody = z.object({
  email: optString,
  code_challenge: optString,
  code_challenge_method: optString,
  gotrue_meta_security: z.object({ captcha_token: optString }).nullish(),
});

export const verifyBody = z.object({
  type: optString,
  token: optString,
  token_hash: optString,
  email: optString,
  phone: optString,
  redirect_to: optString,
});

export const adminUserBody = z.object({
  id: optString,
  aud: optString,
  role: optString,
  email: optString,
  phone: optString,
  password: optString,
  password_hash: optString,
  email_confirm: optBool,
  phone_confirm: optBool,
  user_metadata: jsonObject.nullish(),
  app_metadata: jsonObject.nullish(),
  ban_duration: optString,
});

export const adminDeleteBody = z.object({
  should_soft_delete: optBool,
});

export type PasswordGrantBody = z.infer<typeof passwordGrantBody>;
export type UserUpdateBody = z.infer<typeof userUpdateBody>;
export type AdminUserBody = z.infer<typeof adminUserBody>;

/** Parses a raw request body (a string, possibly empty) against a schema, as GoTrue would. */
export function parseBody<S extends z.ZodType>(schema: S, raw: string): z.infer<S> {
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`);
    }
  }
  if (value === null) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected a JSON object');
  }
  const nul = pathOfNul(value);
  if (nul !== null) throw badRequest('validation_failed', `${nul || 'body'}: text must not contain NUL (\\u0000) characters`);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : 'body';
    throw badRequest('bad_json', `Could not parse request body as JSON: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/**
 * Where a NUL character sits in a parsed body (keys or string values, at any depth), or null. Postgres
 * text and jsonb cannot hold U+0000: left in, it would fail as a database error (a 500) instead of
 * being refused as the caller's mistake.
 */
export function pathOfNul(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const here = at ? `${at}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const found = pathOfNul(v, here);
    if (found !== null) return found;
  }
  return null;
}

/** Query parameters are text too: refused the same way. */
export function checkQueryText(query: URLSearchParams): void {
  for (const [k, v] of query) {
    if (k.includes('\u0000') || v.includes('\u0000')) throw badRequest('validation_failed', `${k}: text must not contain NUL (\\u0000) characters`);
  }
}

// checkmail's format check, which GoTrue uses (a domain without a dot, like test.local's parts, is fine).
const EMAIL_RE =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, at most 255 characters, plausible format; stored lower-case. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_RE.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** The key a sign-in attempt is looked up and throttled by (GoTrue compares LOWER(email)). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The address of a password sign-in. No format check (an unknown or odd address is simply "invalid
 * login credentials", as in GoTrue), but one no account can have is refused before any lookup.
 */
export function checkSignInEmail(email: string): string {
  const key = normalizeEmail(email);
  if (key.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  return key;
}

/** GoTrue's formatPhoneNumber + validatePhone: E.164 digits without the plus sign. */
export function validatePhone(phone: string): string {
  const digits = phone.trim().replace(/^\+/, '').replace(/[\s-]/g, '');
  if (!/^[1-9]\d{1,14}$/.test(digits)) {
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  }
  return digits;
}

/** GoTrue's default minimum password length (GOTRUE_PASSWORD_MIN_LENGTH, Supabase CLI default 6). */
export const PASSWORD_MIN_LENGTH = 6;
/** bcrypt only reads 72 bytes; GoTrue refuses longer passwords rather than silently truncating. */
export const PASSWORD_MAX_BYTES = 72;

export function checkPasswordStrength(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw weakPassword(`Password should be at least ${PASSWORD_MIN_LENGTH} characters.`, ['length']);
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw unprocessable('validation_failed', `Password cannot be longer than ${PASSWORD_MAX_BYTES} characters`);
  }
}

export { isUuid } from '../common.ts';

/** A bcrypt hash as GoTrue, pgcrypto and bcryptjs write them ($2a$, $2b$, $2y$; cost 04–31). */
const BCRYPT_RE = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
export const isBcryptHash = (s: unknown): s is string => typeof s === 'string' && BCRYPT_RE.test(s);

/**
 * The admin API's `ban_duration`: "none" lifts a ban, otherwise a Go duration from now. Returns the
 * new `banned_until` (null = not banned). A zero or negative duration also means "not banned".
 */
export function banUntil(banDuration: string, now: Date): Date | null {
  if (banDuration === 'none') return null;
  let ms: number;
  try {
    ms = parseGoDuration(banDuration);
  } catch (e) {
    throw badRequest('validation_failed', `invalid format for ban duration: ${(e as Error).message}`);
  }
  if (ms <= 0) return null;
  const until = new Date(now.getTime() + ms);
  if (Number.isNaN(until.getTime())) throw badRequest('validation_failed', 'invalid format for ban duration: too long');
  return until;
}

/** Only `authenticated` users exist here: signed tokens always carry role and aud `authenticated`. */
export function checkRoleAndAud(role: string | null | undefined, aud: string | null | undefined): void {
  if (role && role !== 'authenticated') {
    throw unprocessable('validation_failed', `The local auth server only creates users with role "authenticated" (got "${role}")`);
  }
  if (aud && aud !== 'authenticated') {
    throw unprocessable('validation_failed', `The local auth server only serves the audience "authenticated" (got "${aud}")`);
  }
}

export function isAuthApiError(e: unknown): e is AuthApiError {
  return e instanceof AuthApiError;
}
