// The local auth server: the subset of Supabase Auth's (GoTrue's) HTTP API that supabase-js uses,
// over GoTrue's own tables in schema `auth`. The gateway mounts it at /auth/v1 (and strips that
// prefix) after checking the `apikey` header (except on GET /verify, the mailed link); every other
// header (Authorization, the API version header) arrives untouched.
//
//   GET  /health, /settings, /.well-known/jwks.json
//   POST /token?grant_type=password | refresh_token          (grants.ts)
//   GET|PUT /user, POST /logout?scope=global|local|others    (account.ts)
//   POST /recover, GET|POST /verify                          (recovery.ts: the forgotten password)
//   GET|POST /admin/users, GET|PUT|DELETE /admin/users/:id,
//   GET /admin/users/:id/factors                             (admin.ts, GoTrue's admin roles only)
//   POST /signup, /factors…, /sso…, /user/identities…, the id_token, web3 and pkce grants: answered
//   with GoTrue's errors for features that are off (disabled.ts) — accounts are created by the board.
//
// Never throws to Node: every failure becomes a JSON error in GoTrue's shape (errors.ts); database
// and other unexpected errors are logged and answered as a bare 500. Text that Postgres cannot hold
// (U+0000) is refused as 400 validation_failed wherever it comes in (body or query).
//
// Deliberate differences from upstream GoTrue (each one stricter):
// - Failed password checks are throttled per account and per client address (throttle.ts); a banned
//   or unconfirmed account is reported only after the right password (GoTrue reports a ban first).
// - Changing the own password needs the current one (GoTrue's "require current password when
//   updating", off by default there), except in a session opened by a recovery link.
// - Recovery links carry 224 random bits and no mailed code (recovery.ts).
// - Refresh-token reuse: 10 s interval, and only for the parent of the active token; any other reuse
//   ends the session (refresh-token.ts). GoTrue's v1 tokens let the parent through at any time.
// - /user and /logout need the session of the token's `session_id` to exist (GoTrue accepts tokens
//   without one), and /user refuses a banned user (403 user_banned).
// - PUT /user: changing the own email or phone is refused (422): the address is how a forgotten
//   password is recovered, so only an administrator changes it (admin API).
// - Only role/aud `authenticated`; only the email provider; no signup, OTP codes, magic links, OAuth, MFA
//   (the disabled ones answer GoTrue's disabled-feature errors; the others the 404 below).
// - Unparsable bodies are 400 `bad_json` (GoTrue's code), oversized ones 413.
import type http from 'node:http';
import type pg from 'pg';
import type { StackKeys } from '../keys.ts';
import * as account from './account.ts';
import * as admin from './admin.ts';
import * as grants from './grants.ts';
import type { MailerOptions } from './mailer.ts';
import * as recovery from './recovery.ts';
import * as disabled from './disabled.ts';
import { AuthApiError, internalError, notFound } from './errors.ts';
import { requireAdmin } from './guards.ts';
import { checkQueryText } from './validation.ts';
import { makeCtx, sendError, sendJson, type Ctx } from './http.ts';

export interface AuthServerOptions {
  /** Connected as supabase_auth_admin (owner of schema auth). */
  pool: pg.Pool;
  keys: StackKeys;
  /** `iss` of issued access tokens (Supabase: `<api url>/auth/v1`). */
  issuer: string;
  /** Seconds an access token lives. */
  jwtExpiry: number;
  /** GoTrue's Site URL (where the admin is served): recovery links lead back there. */
  siteUrl: string;
  /** The SMTP server recovery mail goes to (the local mail catcher); null: links are only logged. */
  mailer: MailerOptions | null;
  /** Where internal errors are logged (never sent to clients). Defaults to stderr. */
  log?: (line: string) => void;
}

/** Reported by /health. */
export const AUTH_SERVER_VERSION = 'v2-sdt-local';

const SETTINGS = {
  external: {
    anonymous_users: false,
    apple: false,
    azure: false,
    bitbucket: false,
    discord: false,
    facebook: false,
    figma: false,
    fly: false,
    github: false,
    gitlab: false,
    google: false,
    keycloak: false,
    kakao: false,
    linkedin_oidc: false,
    notion: false,
    slack_oidc: false,
    spotify: false,
    twitch: false,
    twitter: false,
    workos: false,
    zoom: false,
    email: true,
    phone: false,
  },
  disable_signup: true,
  mailer_autoconfirm: false,
  phone_autoconfirm: false,
  sms_provider: '',
  saml_enabled: false,
};

/** Known GoTrue endpoints that need a mailer, SMS or OAuth: answered plainly instead of 404. */
const UNSUPPORTED = new Set([
  '/otp', '/magiclink', '/resend', '/invite', '/reauthenticate', '/authorize', '/callback', '/passkeys',
]);

export function createAuthHandler(opts: AuthServerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const log = opts.log ?? ((line: string) => process.stderr.write(`[auth] ${line}\n`));
  // An idle pooled connection that dies (e.g. Postgres restarting) must not crash the process.
  if (opts.pool.listenerCount('error') === 0) {
    opts.pool.on('error', (e) => log(`idle database connection error: ${e.message}`));
  }
  return (req, res) => {
    let ctx: Ctx;
    try {
      ctx = makeCtx({ ...opts, log }, req, res);
    } catch (e) {
      log(`bad request: ${String(e)}`);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 400, error_code: 'validation_failed', msg: 'Bad request' }));
      return;
    }
    req.on('error', () => undefined);
    route(ctx).catch((e: unknown) => {
      if (e instanceof AuthApiError) {
        if (e.status >= 500) log(`${ctx.method} ${ctx.path}: ${e.msg}`);
        sendError(ctx, e);
        return;
      }
      log(`${ctx.method} ${ctx.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      sendError(ctx, internalError());
    });
  };
}

async function route(ctx: Ctx): Promise<void> {
  const { method, path } = ctx;
  const is = (m: string, p: string) => method === m && path === p;
  // The mailed link answers every bad token with a redirect (recovery.ts checks its own parameters).
  if (path === '/verify' && (method === 'GET' || method === 'POST')) return recovery.verify(ctx);
  checkQueryText(ctx.query);

  if (is('GET', '/health')) {
    return sendJson(ctx, 200, {
      version: AUTH_SERVER_VERSION,
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    });
  }
  if (is('GET', '/settings')) return sendJson(ctx, 200, SETTINGS);
  if (is('GET', '/.well-known/jwks.json')) {
    return sendJson(ctx, 200, ctx.opts.keys.jwks, { 'Cache-Control': 'public, max-age=600' });
  }
  if (is('POST', '/token')) return grants.tokenEndpoint(ctx);
  if (is('GET', '/user')) return account.getUser(ctx);
  if (is('PUT', '/user')) return account.updateUser(ctx);
  if (is('POST', '/logout')) return account.logout(ctx);
  if (is('POST', '/recover')) return recovery.recover(ctx);
  if (is('POST', '/signup')) return disabled.signup(ctx);
  if (disabled.isSsoPath(path)) return disabled.sso();
  if (disabled.isIdentitiesPath(path)) return disabled.identities(ctx);
  if (disabled.isFactorsPath(path)) return disabled.factors(ctx);
  if (await admin.adminRoute(ctx)) return;
  if (path.startsWith('/admin/')) {
    // GoTrue checks the admin role before anything under /admin.
    await requireAdmin(ctx);
    throw notFound('validation_failed', `${path} is not supported by the local auth server`);
  }
  if (UNSUPPORTED.has(path)) throw notFound('validation_failed', `${path} is not supported by the local auth server`);
  if (['/health', '/settings', '/.well-known/jwks.json', '/token', '/user', '/logout', '/signup', '/recover', '/verify'].includes(path)) {
    throw new AuthApiError(405, 'validation_failed', `Method ${method} is not allowed on ${path}`);
  }
  throw notFound('not_found', 'Not Found');
}
