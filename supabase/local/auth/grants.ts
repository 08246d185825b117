// POST /token: the password grant and the refresh-token grant (the other grants: disabled.ts).
import bcrypt from 'bcryptjs';
import { signAccessToken } from '../keys.ts';
import * as disabled from './disabled.ts';
import { AuthApiError, badRequest, internalError, unprocessable } from './errors.ts';
import { sendJson, type Ctx } from './http.ts';
import * as store from './store.ts';
import { decideRefresh, generateRefreshToken } from './refresh-token.ts';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, RETENTION_MS, throttleDecision } from './throttle.ts';
import { accessTokenInput, isBanned, userJson, type UserRow } from './user-json.ts';
import { checkSignInEmail, isBcryptHash, parseBody, passwordGrantBody, refreshGrantBody } from './validation.ts';

export const BCRYPT_COST = 10;

/**
 * Compared against when the address has no account (or no usable hash), so that a wrong password and
 * an unknown address take the same time. Cost 10, like every hash this server writes.
 */
const DUMMY_HASH = bcrypt.hashSync('dummy password that never matches', BCRYPT_COST);

/** bcrypt in GoTrue's `$2a$` flavour (bcryptjs computes $2a$ and $2b$ identically). */
export async function hashPassword(password: string): Promise<string> {
  const salt = (await bcrypt.genSalt(BCRYPT_COST)).replace(/^\$2b\$/, '$2a$');
  return bcrypt.hash(password, salt);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const usable = isBcryptHash(hash);
  const ok = await bcrypt.compare(password, usable ? hash : DUMMY_HASH);
  return usable && ok;
}

let lastPrune = 0;

export async function tokenEndpoint(ctx: Ctx): Promise<void> {
  const grant = ctx.query.get('grant_type');
  if (grant === 'password') return passwordGrant(ctx);
  if (grant === 'refresh_token') return refreshGrant(ctx);
  // Sign-in methods this project keeps off answer as GoTrue does when they are off (disabled.ts).
  if (grant === 'id_token') return disabled.idTokenGrant(ctx);
  if (grant === 'web3') return disabled.web3Grant();
  if (grant === 'pkce') return disabled.pkceGrant(ctx);
  throw badRequest('invalid_credentials', 'unsupported_grant_type');
}

/** Signs the access token of `sessionId` (its `amr` from the session) and answers GoTrue's session JSON. */
export async function issueSession(user: UserRow, sessionId: string, refreshToken: string, ctx: Ctx): Promise<Record<string, unknown>> {
  const { pool, keys, issuer, jwtExpiry } = ctx.opts;
  const amr = await store.sessionAmr(pool, sessionId);
  const { token, expiresAt } = await signAccessToken(keys, { ...accessTokenInput(user, sessionId), amr }, {
    issuer,
    expiresIn: jwtExpiry,
  });
  const identities = await store.findIdentities(pool, user.id);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: jwtExpiry,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, identities),
  };
}

async function sessionResponse(ctx: Ctx, user: UserRow, sessionId: string, refreshToken: string): Promise<void> {
  sendJson(ctx, 200, await issueSession(user, sessionId, refreshToken, ctx));
}

/**
 * A password check under the throttles of throttle.ts (per account `email`, per client address):
 * 429 `over_request_rate_limit` with Retry-After when over a limit; otherwise `check` runs, pending
 * meanwhile, and a failure is kept. A success forgets this attempt and the account's failures.
 */
export async function throttledPasswordCheck(ctx: Ctx, email: string, check: () => Promise<boolean>): Promise<boolean> {
  const { pool } = ctx.opts;
  const now = new Date();
  if (now.getTime() - lastPrune > 5 * 60_000) {
    lastPrune = now.getTime();
    await store.pruneThrottles(pool, RETENTION_MS, now);
  }
  const attemptId = await store.recordSignInAttempt(pool, email, ctx.ip, now);
  const account = await store.signInAttempts(pool, email, ACCOUNT_FAILURES.windowMs, attemptId, now);
  const address = ctx.ip ? await store.addressAttempts(pool, ctx.ip, ADDRESS_FAILURES.windowMs, attemptId, now) : null;
  const decision = throttleDecision(account, address, now);
  if (decision.throttled) {
    await store.deleteSignInAttempt(pool, attemptId);
    const msg =
      decision.scope === 'address'
        ? 'Too many failed sign-in attempts from this address. Try again later.'
        : 'Too many failed sign-in attempts for this account. Try again later.';
    throw new AuthApiError(429, 'over_request_rate_limit', msg, {}, { 'Retry-After': String(decision.retryAfter) });
  }
  const ok = await check();
  if (ok) {
    await store.deleteSignInAttempt(pool, attemptId);
    await store.clearSignInFailures(pool, email);
  } else {
    await store.settleSignInFailure(pool, attemptId);
  }
  return ok;
}

async function passwordGrant(ctx: Ctx): Promise<void> {
  const { pool } = ctx.opts;
  const params = parseBody(passwordGrantBody, await ctx.body());
  if (params.email && params.phone) {
    throw unprocessable('validation_failed', 'Only an email address or phone number should be provided on login.');
  }
  if (params.phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!params.email) throw badRequest('validation_failed', 'missing email or phone');
  const email = checkSignInEmail(params.email);
  const password = params.password ?? '';

  const user = await store.findUserByEmail(pool, email);
  // Same work whether or not the account exists: one bcrypt comparison at cost 10.
  const valid = await throttledPasswordCheck(ctx, email, () => verifyPassword(password, user?.encrypted_password ?? null));
  if (!user || !valid) throw badRequest('invalid_credentials', 'Invalid login credentials');

  // Checked only after the password: a stranger learns nothing about a banned or unconfirmed account.
  if (isBanned(user, new Date())) throw badRequest('user_banned', 'User is banned');
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

  const refreshToken = generateRefreshToken();
  const { signedIn, sessionId } = await store.withTx(pool, async (tx) => {
    const sessionId = await store.createSession(tx, user.id, ctx.userAgent, ctx.ip, 'password');
    await store.insertRefreshToken(tx, { token: refreshToken, userId: user.id, sessionId, parent: null });
    const fields: Parameters<typeof store.updateUser>[2] = { last_sign_in_at: new Date() };
    // Hashes imported with a lower cost (pgcrypto's gen_salt('bf') defaults to 6) are upgraded.
    if (bcrypt.getRounds(user.encrypted_password!) < BCRYPT_COST) fields.encrypted_password = await hashPassword(password);
    await store.updateUser(tx, user.id, fields);
    await store.audit(tx, { id: user.id, username: user.email ?? '' }, 'login', 'account', ctx.ip, { provider: 'email' });
    const signedIn = await store.findUserById(tx, user.id);
    if (!signedIn) throw internalError('Database error granting user');
    return { signedIn, sessionId };
  });
  await sessionResponse(ctx, signedIn, sessionId, refreshToken);
}

async function refreshGrant(ctx: Ctx): Promise<void> {
  const { pool } = ctx.opts;
  const params = parseBody(refreshGrantBody, await ctx.body());
  if (!params.refresh_token) throw badRequest('validation_failed', 'refresh_token required');
  const presented = params.refresh_token;

  const notFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const first = await store.findRefreshToken(pool, presented);
  if (!first) throw notFound();

  // Lock order: the session first, then its token — the same order as deleting a session (which
  // cascades to its tokens), so a refresh racing a sign-out cannot deadlock. The session lock also
  // serialises concurrent refreshes of one session.
  let failure: AuthApiError | null = null;
  const result = await store.withTx(pool, async (tx) => {
    const session = first.session_id ? await store.findSession(tx, first.session_id, true) : null;
    const token = await store.findRefreshToken(tx, presented, true);
    if (!token) {
      failure = notFound();
      return null;
    }
    const user = await store.findUserById(tx, token.user_id);
    const active = session ? await store.activeRefreshToken(tx, session.id) : null;
    const decision = decideRefresh({ token, user, session, active, now: new Date() });
    const actor = { id: token.user_id, username: user?.email ?? '' };

    switch (decision.kind) {
      case 'error':
        if (decision.endSession && session) await store.deleteSessions(tx, { sessionId: session.id });
        if (!session && decision.code === 'session_not_found') await store.deleteRefreshToken(tx, token.id);
        failure = badRequest(decision.code, decision.msg);
        return null;
      case 'reuse_detected':
        // Committed although the request fails: the stolen-token family must stay dead.
        await store.revokeSessionTokens(tx, session!.id);
        await store.deleteSessions(tx, { sessionId: session!.id });
        await store.audit(tx, actor, 'token_revoked', 'token', ctx.ip, { reason: 'refresh_token_reuse' });
        failure = badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
        return null;
      case 'return_active':
        await store.touchSession(tx, session!.id, ctx.userAgent, ctx.ip);
        return { user: user!, sessionId: session!.id, refreshToken: decision.token };
      case 'rotate': {
        const next = generateRefreshToken();
        await store.revokeRefreshToken(tx, token.id);
        await store.insertRefreshToken(tx, { token: next, userId: token.user_id, sessionId: session!.id, parent: token.token });
        await store.touchSession(tx, session!.id, ctx.userAgent, ctx.ip);
        await store.audit(tx, actor, 'token_refreshed', 'token', ctx.ip);
        return { user: user!, sessionId: session!.id, refreshToken: next };
      }
    }
  });
  if (failure) throw failure;
  if (!result) throw internalError();
  await sessionResponse(ctx, result.user, result.sessionId, result.refreshToken);
}
