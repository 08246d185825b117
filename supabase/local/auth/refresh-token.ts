// Refresh tokens: format and the rotation / reuse decision.
//
// Rotation: every use of a refresh token revokes it and issues a child (`parent` = the used token).
//
// Reuse interval: 10 seconds (GoTrue's default GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL). auth-js
// 2.109 no longer takes a cross-tab lock and relies on the server to resolve concurrent refreshes, so
// two tabs refreshing the same token at once must both succeed: a revoked token presented within 10 s
// of its revocation, while its own child is still the session's active token, gets that active token
// back (no new token is minted). Anything else presented revoked — older than 10 s, or an ancestor
// further up the chain — is reuse: the whole session is ended (its refresh tokens revoked and the
// session row deleted, so its access tokens stop working at /user) and the request is refused with
// 400 `refresh_token_already_used`. This is stricter than upstream GoTrue's v1 tokens, which hand the
// active token to the active token's parent at any time.
import crypto from 'node:crypto';
import type { SessionRow, UserRow } from './user-json.ts';
import { isBanned } from './user-json.ts';

export const REFRESH_TOKEN_REUSE_INTERVAL_MS = 10_000;
/** GoTrue's v1 tokens are 12 alphanumerics; these are 24 (≈ 143 bits), same alphabet. */
export const REFRESH_TOKEN_LENGTH = 24;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateRefreshToken(length = REFRESH_TOKEN_LENGTH): string {
  let out = '';
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      // 62 * 4 = 248: rejection sampling keeps every character equally likely.
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  parent: string | null;
  session_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export type RefreshDecision =
  | { kind: 'rotate' }
  | { kind: 'return_active'; token: string }
  | { kind: 'reuse_detected' }
  | { kind: 'error'; code: string; msg: string; endSession: boolean };

export interface RefreshInputs {
  token: RefreshTokenRow;
  /** Null when the user row is gone. */
  user: Pick<UserRow, 'banned_until' | 'deleted_at'> | null;
  /** Null when the session row is gone. */
  session: Pick<SessionRow, 'not_after'> | null;
  /** The session's newest unrevoked token, if any. */
  active: Pick<RefreshTokenRow, 'token' | 'parent'> | null;
  now: Date;
}

export function decideRefresh({ token, user, session, active, now }: RefreshInputs): RefreshDecision {
  if (!user || user.deleted_at) {
    return { kind: 'error', code: 'refresh_token_not_found', msg: 'Invalid Refresh Token: Refresh Token Not Found', endSession: true };
  }
  if (isBanned({ banned_until: user.banned_until }, now)) {
    return { kind: 'error', code: 'user_banned', msg: 'Invalid Refresh Token: User Banned', endSession: false };
  }
  if (!session) {
    return { kind: 'error', code: 'session_not_found', msg: 'Invalid Refresh Token: No Valid Session Found', endSession: false };
  }
  if (session.not_after && session.not_after.getTime() <= now.getTime()) {
    return { kind: 'error', code: 'session_expired', msg: 'Invalid Refresh Token: Session Expired', endSession: false };
  }
  if (!token.revoked) return { kind: 'rotate' };
  const withinInterval = now.getTime() - token.updated_at.getTime() < REFRESH_TOKEN_REUSE_INTERVAL_MS;
  if (withinInterval && active && active.parent === token.token) {
    return { kind: 'return_active', token: active.token };
  }
  return { kind: 'reuse_detected' };
}
