import { describe, expect, it } from 'vitest';
import { decideRefresh, generateRefreshToken, REFRESH_TOKEN_REUSE_INTERVAL_MS, type RefreshTokenRow } from './refresh-token.ts';

const now = new Date('2025-03-01T08:00:00Z');
const token = (over: Partial<RefreshTokenRow> = {}): RefreshTokenRow => ({
  id: '1',
  token: 'parentToken',
  user_id: 'u',
  revoked: false,
  parent: null,
  session_id: 's',
  created_at: new Date(now.getTime() - 60_000),
  updated_at: new Date(now.getTime() - 60_000),
  ...over,
});
const user = { banned_until: null, deleted_at: null };
const session = { not_after: null };

describe('refresh token format', () => {
  it('is 24 alphanumerics and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const t = generateRefreshToken();
      expect(t).toMatch(/^[A-Za-z0-9]{24}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(2000);
  });
});

describe('refresh decision', () => {
  it('an unrevoked token of a live session rotates', () => {
    expect(decideRefresh({ token: token(), user, session, active: null, now })).toEqual({ kind: 'rotate' });
  });

  it('the parent of the active token, within the 10 s interval, gets the active token (concurrent refresh)', () => {
    const revoked = token({ revoked: true, updated_at: new Date(now.getTime() - 2_000) });
    const active = { token: 'childToken', parent: 'parentToken' };
    expect(decideRefresh({ token: revoked, user, session, active, now })).toEqual({ kind: 'return_active', token: 'childToken' });
  });

  it('the same parent after the interval is reuse', () => {
    const revoked = token({ revoked: true, updated_at: new Date(now.getTime() - REFRESH_TOKEN_REUSE_INTERVAL_MS - 1) });
    const active = { token: 'childToken', parent: 'parentToken' };
    expect(decideRefresh({ token: revoked, user, session, active, now }).kind).toBe('reuse_detected');
  });

  it('an older ancestor is reuse even within the interval', () => {
    const revoked = token({ revoked: true, updated_at: new Date(now.getTime() - 1_000) });
    const active = { token: 'grandchild', parent: 'childToken' };
    expect(decideRefresh({ token: revoked, user, session, active, now }).kind).toBe('reuse_detected');
    expect(decideRefresh({ token: revoked, user, session, active: null, now }).kind).toBe('reuse_detected');
  });

  it('a banned user is refused with user_banned, a deleted one as not found (and the session ends)', () => {
    const banned = { banned_until: new Date(now.getTime() + 1000), deleted_at: null };
    expect(decideRefresh({ token: token(), user: banned, session, active: null, now })).toMatchObject({ kind: 'error', code: 'user_banned' });
    const expiredBan = { banned_until: new Date(now.getTime() - 1000), deleted_at: null };
    expect(decideRefresh({ token: token(), user: expiredBan, session, active: null, now })).toEqual({ kind: 'rotate' });
    const deleted = { banned_until: null, deleted_at: now };
    expect(decideRefresh({ token: token(), user: deleted, session, active: null, now })).toMatchObject({
      kind: 'error',
      code: 'refresh_token_not_found',
      endSession: true,
    });
    expect(decideRefresh({ token: token(), user: null, session, active: null, now })).toMatchObject({ code: 'refresh_token_not_found' });
  });

  it('a missing session is session_not_found; a session past not_after is session_expired', () => {
    expect(decideRefresh({ token: token(), user, session: null, active: null, now })).toMatchObject({ code: 'session_not_found' });
    expect(decideRefresh({ token: token(), user, session: { not_after: now }, active: null, now })).toMatchObject({ code: 'session_expired' });
  });
});
