// Errors of the auth server, answered the way GoTrue (Supabase Auth) answers them.
//
// GoTrue negotiates the error shape with the `X-Supabase-Api-Version` request header
// (internal/api/errors.go, HandleResponseError):
//   - no header, or a date before 2024-01-01: `{ code: <http status>, error_code, msg }`;
//   - 2024-01-01 or later (auth-js always sends `2024-01-01`): `{ code: <error code>, message }`, and
//     the negotiated version is echoed back in the response header — auth-js then reads `code`.
// Both shapes carry the same error code, so raw `fetch` callers and supabase-js see the same thing.
// As in GoTrue, the version header is echoed on error answers only, and every error with a code also
// carries it in `x-sb-error-code` (weak_password only in the initial shape). OAuth-style errors (the
// id_token grant's missing parameters) are `{ error, error_description }` with 400 in either version.

export const API_VERSION_HEADER = 'x-supabase-api-version';
/** The only dated API version GoTrue knows besides the initial one. */
export const API_VERSION_2024 = '2024-01-01';

export type ApiVersion = 'initial' | typeof API_VERSION_2024;

export class AuthApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly msg: string,
    /** Extra top-level fields of the body, e.g. `weak_password: { reasons }`. */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
    this.name = 'AuthApiError';
  }
}

/** GoTrue's OAuthError: `{ error, error_description }`, always 400, whatever the API version. */
export class OAuthError extends AuthApiError {
  constructor(
    readonly oauthError: string,
    readonly description: string,
  ) {
    super(400, '', description);
    this.name = 'OAuthError';
  }
}

export const badRequest = (code: string, msg: string) => new AuthApiError(400, code, msg);
export const unauthorized = (code: string, msg: string) => new AuthApiError(401, code, msg);
export const forbidden = (code: string, msg: string) => new AuthApiError(403, code, msg);
export const notFound = (code: string, msg: string) => new AuthApiError(404, code, msg);
export const unprocessable = (code: string, msg: string) => new AuthApiError(422, code, msg);
/** A 500 whose message never carries internals (those go to the server log only). */
export const internalError = (msg = 'Unexpected failure, please check server logs for more information') =>
  new AuthApiError(500, 'unexpected_failure', msg);

export function weakPassword(msg: string, reasons: string[]): AuthApiError {
  return new AuthApiError(422, 'weak_password', msg, { weak_password: { reasons } });
}

/**
 * GoTrue's DetermineClosestAPIVersion: the header is a `YYYY-MM-DD` date; the answer is the newest
 * known version not after it. A malformed header falls back to the initial version.
 */
export function negotiateApiVersion(header: string | string[] | undefined): ApiVersion {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return 'initial';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return 'initial';
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(t)) return 'initial';
  return t >= Date.UTC(2024, 0, 1) ? API_VERSION_2024 : 'initial';
}

export function errorBody(err: AuthApiError, version: ApiVersion): Record<string, unknown> {
  if (err instanceof OAuthError) return { error: err.oauthError, error_description: err.description };
  if (version === API_VERSION_2024) {
    return { code: err.code, message: err.msg, ...err.extra };
  }
  return { code: err.status, error_code: err.code, msg: err.msg, ...err.extra };
}

/** Headers GoTrue adds to an error answer: the negotiated version (if dated) and `x-sb-error-code`. */
export function errorHeaders(err: AuthApiError, version: ApiVersion): Record<string, string> {
  const h: Record<string, string> = {};
  if (version === API_VERSION_2024) h[API_VERSION_HEADER] = API_VERSION_2024;
  const coded = !(err instanceof OAuthError) && err.code !== '';
  if (coded && !(err.code === 'weak_password' && version === API_VERSION_2024)) h['x-sb-error-code'] = err.code;
  return h;
}
