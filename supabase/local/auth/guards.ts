// Who is calling: a signed-in user (GoTrue's requireAuthentication) or an admin role (requireAdmin).
import { JwtError, verifyJwt, type Claims } from '../keys.ts';
import { forbidden, unauthorized, badRequest } from './errors.ts';
import type { Ctx } from './http.ts';
import { findSession, findUserById } from './store.ts';
import { isBanned, type SessionRow, type UserRow } from './user-json.ts';
import { isUuid } from './validation.ts';
import { bearerToken as bearerOf } from '../common.ts';

export function bearerToken(ctx: Ctx): string {
  const token = bearerOf(ctx.req.headers.authorization);
  if (!token) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
  return token;
}

async function verified(ctx: Ctx, token: string): Promise<Claims> {
  try {
    return await verifyJwt(ctx.opts.keys, token);
  } catch (e) {
    if (e instanceof JwtError) {
      if (e.code === 'no_authorization') throw unauthorized('no_authorization', e.message);
      throw forbidden('bad_jwt', e.message);
    }
    throw e;
  }
}

export interface Caller {
  claims: Claims;
  user: UserRow;
  session: SessionRow;
}

/**
 * A user's access token whose user and session still exist. Unlike upstream GoTrue, a token without a
 * `session_id` claim is refused (every token this server signs has one), and a banned user is refused
 * (403 user_banned) unless `allowBanned` (logout stays possible).
 */
export async function requireUser(ctx: Ctx, opts: { allowBanned?: boolean } = {}): Promise<Caller> {
  const claims = await verified(ctx, bearerToken(ctx));
  if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(ctx.opts.pool, claims.sub);
  if (!user || user.deleted_at) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const sid = claims.session_id;
  const session = isUuid(sid) ? await findSession(ctx.opts.pool, sid) : null;
  if (!session || session.user_id !== user.id) {
    throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  const now = new Date();
  if (session.not_after && session.not_after.getTime() <= now.getTime()) {
    throw forbidden('session_expired', 'Session has expired');
  }
  if (!opts.allowBanned && isBanned(user, now)) throw forbidden('user_banned', 'User is banned');
  return { claims, user, session };
}

/**
 * GoTrue's default admin roles (GOTRUE_JWT_ADMIN_ROLES unset): the service-role key, and a token the
 * platform signs with the project secret for `supabase_admin` (auth-js's own test suite uses one).
 */
export const ADMIN_ROLES: readonly string[] = ['service_role', 'supabase_admin'];

/** The admin API: a verified token whose `role` claim is one of ADMIN_ROLES; anything else 403 not_admin. */
export async function requireAdmin(ctx: Ctx): Promise<Claims> {
  const claims = await verified(ctx, bearerToken(ctx));
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) throw forbidden('not_admin', 'User not allowed');
  return claims;
}
