// How auth and API errors are read: which sign-in failure to explain to the user, and which API error
// means the session is gone (so the user is signed out) rather than a refused action.

export interface LoginErrorMessage {
  /** An i18n key under `login.errors`. */
  key: 'login.errors.invalid_credentials' | 'login.errors.too_many_attempts' | 'login.errors.network' | 'login.errors.unknown';
  params?: Record<string, string>;
}

/** A failed sign-in: `message` is in the language of the moment, `reason` lets the page re-translate it. */
export class LoginError extends Error {
  override name: string;
  constructor(readonly reason: LoginErrorMessage, title: string, message: string) {
    super(message);
    this.name = title;
  }
}

interface ErrorLike {
  name?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  message?: string;
  context?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return error !== null && typeof error === 'object' ? (error as ErrorLike) : { message: String(error) };
}

/** The message for a failed `signInWithPassword` (supabase-js AuthError: `status`, `code`). */
export function loginErrorMessage(error: unknown): LoginErrorMessage {
  const e = asErrorLike(error);
  if (e.status === 429 || e.code === 'over_request_rate_limit') return { key: 'login.errors.too_many_attempts' };
  if (e.code === 'invalid_credentials' || /invalid login credentials/i.test(e.message ?? '')) {
    return { key: 'login.errors.invalid_credentials' };
  }
  // No HTTP answer at all (server down, offline): supabase-js reports status 0 or a fetch TypeError.
  if (e.name === 'AuthRetryableFetchError' || e.status === 0 || /failed to fetch|fetch failed|networkerror/i.test(e.message ?? '')) {
    return { key: 'login.errors.network' };
  }
  return { key: 'login.errors.unknown', params: { message: e.message ?? String(error) } };
}

/** i18n keys (under `account.errors`) for a failed password change, reset or recovery request. */
export type PasswordErrorKey =
  | 'account.errors.current_password_invalid'
  | 'account.errors.current_password_required'
  | 'account.errors.weak_password'
  | 'account.errors.same_password'
  | 'account.errors.too_many_attempts'
  | 'account.errors.recovery_too_soon'
  | 'account.errors.session_missing'
  | 'account.errors.network'
  | 'account.errors.unknown';

/** What to tell the user when `updateUser({ password })` or `resetPasswordForEmail` fails. */
export function passwordErrorKey(error: unknown): PasswordErrorKey {
  const e = asErrorLike(error);
  switch (e.code) {
    case 'current_password_invalid':
      return 'account.errors.current_password_invalid';
    case 'current_password_required':
      return 'account.errors.current_password_required';
    case 'weak_password':
      return 'account.errors.weak_password';
    case 'same_password':
      return 'account.errors.same_password';
    case 'over_email_send_rate_limit':
      return 'account.errors.recovery_too_soon';
    case 'over_request_rate_limit':
      return 'account.errors.too_many_attempts';
    case 'session_not_found':
    case 'session_expired':
      return 'account.errors.session_missing';
  }
  if (e.name === 'AuthSessionMissingError') return 'account.errors.session_missing';
  if (e.status === 429) return 'account.errors.too_many_attempts';
  if (e.name === 'AuthRetryableFetchError' || e.status === 0 || /failed to fetch|fetch failed|networkerror/i.test(e.message ?? '')) {
    return 'account.errors.network';
  }
  return 'account.errors.unknown';
}

// PostgREST's JWT errors: PGRST301 (token invalid or expired), PGRST302 (anonymous access refused),
// PGRST303 (claims rejected).
const JWT_ERROR_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303']);
const JWT_MESSAGE = /\bjwt\b|token (is )?expired|invalid (access )?token|session (not found|missing|expired)/i;

function httpStatus(e: ErrorLike): number | undefined {
  if (typeof e.status === 'number') return e.status;
  if (typeof e.statusCode === 'number' && !Number.isNaN(e.statusCode)) return e.statusCode;
  // supabase-js FunctionsHttpError carries the Response in `context`.
  const context = e.context as { status?: unknown } | undefined;
  return typeof context?.status === 'number' ? context.status : undefined;
}

/**
 * True when an API error means the session is no longer valid: any 401, a 403 about the token, or a
 * PostgREST JWT error. A 403 for a refused row (RLS, `42501`) is not one: the user stays signed in.
 */
export function isSessionError(error: unknown): boolean {
  if (error === null || error === undefined) return false;
  const e = asErrorLike(error);
  if (e.code !== undefined && JWT_ERROR_CODES.has(e.code)) return true;
  const status = httpStatus(e);
  if (status === 401) return true;
  return status === 403 && JWT_MESSAGE.test(e.message ?? '');
}
