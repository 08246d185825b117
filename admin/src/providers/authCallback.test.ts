import { describe, expect, it } from 'vitest';
import { callbackRoute, readAuthCallback } from './authCallback.ts';

describe('auth callback in the URL', () => {
  it('a recovery redirect with a session is a recovery callback and lands on the reset page', () => {
    const cb = readAuthCallback('#access_token=a.b.c&expires_at=1&expires_in=3600&refresh_token=r&sb=&token_type=bearer&type=recovery');
    expect(cb).toEqual({ kind: 'recovery' });
    expect(callbackRoute(cb)).toBe('#/reset-password');
  });

  it('a used or expired link is an error callback naming the code', () => {
    const cb = readAuthCallback('#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=');
    expect(cb).toEqual({ kind: 'error', code: 'otp_expired' });
    expect(callbackRoute(cb)).toBe('#/reset-password?error=otp_expired');
  });

  it('the admin\'s own routes and an empty hash are not callbacks', () => {
    for (const hash of ['', '#', '#/login', '#/students?error=x', '#/reset-password']) {
      expect(readAuthCallback(hash), hash).toEqual({ kind: 'none' });
      expect(callbackRoute(readAuthCallback(hash))).toBeNull();
    }
  });
});
