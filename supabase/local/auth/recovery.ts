// Password recovery, GoTrue's implicit flow (what supabase-js 2.109 uses by default):
//   POST /recover {email}?redirect_to=…  → 200 {} always; for an account, a mail whose link is
//   GET  /verify?token=…&type=recovery&redirect_to=…  → 303 to redirect_to with the session in the URL
//        fragment (#access_token=…&refresh_token=…&expires_in=…&expires_at=…&token_type=bearer&type=recovery),
//        which supabase-js reads (detectSessionInUrl) and announces as PASSWORD_RECOVERY; an invalid or
//        used link goes to redirect_to#error=access_denied&error_code=otp_expired&error_description=…
//   POST /verify {type: 'recovery', token_hash} → the same session as JSON (verifyOtp).
// The session is marked `amr: otp` (auth.mfa_amr_claims): it may set a new password without the old one.
//
// Differences from GoTrue, each stricter: the link token is 224 random bits (GoTrue hashes the address
// with a six-digit code, and mails the code too); no code is mailed, so POST /verify with email + token
// is refused; the per-address frequency limit applies to unknown addresses as well (GoTrue's 429 would
// otherwise tell which addresses have accounts); mail is sent after the answer, so a known address does
// not answer slower than an unknown one; PKCE is refused (the admin uses the implicit flow).
import crypto from 'node:crypto';
import { AuthApiError, badRequest, forbidden } from './errors.ts';
import { issueSession } from './grants.ts';
import { sendJson, type Ctx } from './http.ts';
import { recoveryMail, sendMail } from './mailer.ts';
import * as store from './store.ts';
import { generateRefreshToken } from './refresh-token.ts';
import { overLimit, RECOVERY_PER_ADDRESS, RECOVERY_PER_EMAIL } from './throttle.ts';
import { isBanned, type UserRow } from './user-json.ts';
import { parseBody, recoverBody, validateEmail, verifyBody } from './validation.ts';

/** GOTRUE_MAILER_OTP_EXP: how long a recovery link works (the Supabase CLI's and hosted default, 1 hour). */
export const RECOVERY_LINK_TTL_MS = 3600_000;

const TOKEN_RE = /^[0-9a-f]{56}$/;

/**
 * GoTrue's GetReferrer + IsRedirectURLValid: `redirect_to` when it goes back to the site (same origin
 * as the Site URL) or to an allowed redirect URL (prefix), else the Site URL.
 */
export function redirectTarget(requested: string | null | undefined, siteUrl: string, allowList: string[] = []): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!requested || /[\u0000-\u001f\u007f]/.test(requested)) return siteUrl;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return siteUrl;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return siteUrl;
  // url.href: percent-encoded, so it is always a valid Location header.
  if (url.origin === new URL(siteUrl).origin) return url.href;
  return allowList.some((allowed) => url.href.startsWith(allowed)) ? url.href : siteUrl;
}

/** POST /recover. */
export async function recover(ctx: Ctx): Promise<void> {
  const { pool } = ctx.opts;
  const params = parseBody(recoverBody, await ctx.body());
  if (!params.email) throw badRequest('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(params.email);
  if (params.code_challenge) {
    throw badRequest('validation_failed', 'The PKCE flow is not supported by the local auth server; use the implicit flow');
  }
  const redirectTo = redirectTarget(ctx.query.get('redirect_to'), ctx.opts.siteUrl);

  const now = new Date();
  const perEmail = overLimit(await store.recoveryRequests(pool, { email }, RECOVERY_PER_EMAIL.windowMs, now), now, RECOVERY_PER_EMAIL);
  if (perEmail !== null) {
    throw new AuthApiError(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${perEmail} seconds.`, {}, { 'Retry-After': String(perEmail) });
  }
  if (ctx.ip) {
    const perAddress = overLimit(await store.recoveryRequests(pool, { ip: ctx.ip }, RECOVERY_PER_ADDRESS.windowMs, now), now, RECOVERY_PER_ADDRESS);
    if (perAddress !== null) {
      throw new AuthApiError(429, 'over_request_rate_limit', 'Too many password recovery requests from this address. Try again later.', {}, { 'Retry-After': String(perAddress) });
    }
  }
  await store.recordRecoveryRequest(pool, email, ctx.ip, now);

  const user = await store.findUserByEmail(pool, email);
  if (!user || !user.email) {
    sendJson(ctx, 200, {});
    return;
  }
  const token = crypto.createHash('sha224').update(user.email + crypto.randomBytes(32).toString('hex')).digest('hex');
  await store.withTx(pool, async (tx) => {
    await store.updateUser(tx, user.id, { recovery_token: token, recovery_sent_at: new Date() });
    await store.audit(tx, { id: user.id, username: user.email ?? '' }, 'user_recovery_requested', 'user', ctx.ip);
  });
  sendJson(ctx, 200, {});

  const link = `${ctx.opts.issuer}/verify?token=${token}&type=recovery&redirect_to=${encodeURIComponent(redirectTo)}`;
  const mailer = ctx.opts.mailer;
  if (!mailer) {
    ctx.opts.log?.(`no mailer configured; recovery link for ${user.email}: ${link}`);
    return;
  }
  sendMail(mailer, recoveryMail(user.email, { ConfirmationURL: link, SiteURL: ctx.opts.siteUrl })).catch((e: unknown) =>
    ctx.opts.log?.(`recovery mail to ${user.email} could not be sent: ${e instanceof Error ? e.message : String(e)}`),
  );
}

/** The user a recovery token names, checked as GoTrue's verifyTokenHash does; the token is used up. */
async function redeem(ctx: Ctx, type: string, token: string): Promise<{ user: UserRow; sessionId: string; refreshToken: string }> {
  if (type !== 'recovery') throw badRequest('validation_failed', 'Unsupported verification type');
  const expired = () => forbidden('otp_expired', 'Email link is invalid or has expired');
  if (!TOKEN_RE.test(token)) throw expired();
  const { pool } = ctx.opts;
  return store.withTx(pool, async (tx) => {
    const user = await store.findUserByRecoveryToken(tx, token);
    if (!user) throw expired();
    if (isBanned(user, new Date())) throw forbidden('user_banned', 'User is banned');
    const sentAt = user.recovery_sent_at?.getTime() ?? 0;
    if (Date.now() - sentAt > RECOVERY_LINK_TTL_MS) throw expired();
    const actor = { id: user.id, username: user.email ?? '' };
    // The link works once (GoTrue's user.Recover), and proves the mailbox: an unconfirmed address is
    // confirmed, and the account's sign-in failures are forgotten.
    await store.updateUser(tx, user.id, {
      recovery_token: '',
      last_sign_in_at: new Date(),
      ...(user.email_confirmed_at ? {} : { email_confirmed_at: new Date() }),
    });
    await store.clearSignInFailures(tx, (user.email ?? '').toLowerCase());
    await store.audit(tx, actor, 'login', 'account', ctx.ip, { provider: 'email', method: 'recovery' });
    const sessionId = await store.createSession(tx, user.id, ctx.userAgent, ctx.ip, 'otp');
    const refreshToken = generateRefreshToken();
    await store.insertRefreshToken(tx, { token: refreshToken, userId: user.id, sessionId, parent: null });
    const after = await store.findUserById(tx, user.id);
    return { user: after ?? user, sessionId, refreshToken };
  });
}

/** GoTrue's oauthErrorMap: the OAuth error name of a status, for redirects. */
const OAUTH_ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error' };

function redirect(ctx: Ctx, location: string): void {
  ctx.res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  ctx.res.end();
}

/** GET /verify (the mailed link) and POST /verify (verifyOtp with a token hash). */
export async function verify(ctx: Ctx): Promise<void> {
  if (ctx.method === 'GET') {
    const type = ctx.query.get('type') ?? '';
    const token = ctx.query.get('token') ?? '';
    if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
    if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
    const target = redirectTarget(ctx.query.get('redirect_to'), ctx.opts.siteUrl);
    const base = target.split('#')[0]!;
    try {
      const { user, sessionId, refreshToken } = await redeem(ctx, type, token);
      const session = await issueSession(user, sessionId, refreshToken, ctx);
      const fragment = new URLSearchParams({
        access_token: String(session.access_token),
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: refreshToken,
        token_type: 'bearer',
        type,
        sb: '',
      });
      redirect(ctx, `${base}#${fragment}`);
    } catch (e) {
      if (!(e instanceof AuthApiError) || e.status >= 500) throw e;
      const fragment = new URLSearchParams({
        ...(OAUTH_ERRORS[e.status] ? { error: OAUTH_ERRORS[e.status]! } : {}),
        error_code: e.code,
        error_description: e.msg,
        sb: '',
      });
      redirect(ctx, `${base}#${fragment}`);
    }
    return;
  }
  const params = parseBody(verifyBody, await ctx.body());
  if (!params.type) throw badRequest('validation_failed', 'Verify requires a verification type');
  if (params.token || params.email || params.phone) {
    throw badRequest('validation_failed', 'Only a token_hash and type are accepted here: this server mails links, not codes');
  }
  if (!params.token_hash) throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
  const { user, sessionId, refreshToken } = await redeem(ctx, params.type, params.token_hash);
  sendJson(ctx, 200, await issueSession(user, sessionId, refreshToken, ctx));
}

