import { describe, expect, it } from 'vitest';
import { isSessionError, loginErrorMessage, passwordErrorKey } from './authErrors.ts';

describe('loginErrorMessage', () => {
  it('tells a user who typed a wrong password that email or password is wrong', () => {
    expect(loginErrorMessage({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' }).key)
      .toBe('login.errors.invalid_credentials');
    expect(loginErrorMessage({ status: 400, message: 'Invalid login credentials' }).key).toBe('login.errors.invalid_credentials');
  });

  it('tells a throttled user to wait 15 minutes', () => {
    expect(loginErrorMessage({ status: 429, code: 'over_request_rate_limit', message: 'Too many requests' }).key)
      .toBe('login.errors.too_many_attempts');
  });

  it('tells a user whose server is unreachable to check the network', () => {
    expect(loginErrorMessage({ name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' }).key).toBe('login.errors.network');
  });

  it('passes any other reason through', () => {
    expect(loginErrorMessage({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' }))
      .toEqual({ key: 'login.errors.unknown', params: { message: 'Email not confirmed' } });
  });
});

describe('isSessionError', () => {
  it('signs out on an expired token from PostgREST', () => {
    expect(isSessionError({ code: 'PGRST301', message: 'JWT expired', statusCode: Number.NaN })).toBe(true);
  });

  it('signs out on any 401', () => {
    expect(isSessionError({ statusCode: 401, message: 'Unauthorized' })).toBe(true);
    expect(isSessionError({ name: 'FunctionsHttpError', message: 'x', context: new Response(null, { status: 401 }) })).toBe(true);
  });

  it('signs out on a 403 about the token', () => {
    expect(isSessionError({ status: 403, message: 'invalid JWT: unable to parse or verify signature' })).toBe(true);
  });

  it('keeps the user signed in when a row is refused by RLS', () => {
    expect(isSessionError({ code: '42501', statusCode: 42501, message: 'new row violates row-level security policy' })).toBe(false);
    expect(isSessionError({ status: 403, message: 'permission denied for table scores' })).toBe(false);
    expect(isSessionError({ status: 500, message: 'boom' })).toBe(false);
    expect(isSessionError(undefined)).toBe(false);
  });
});

describe('passwordErrorKey', () => {
  it('names a wrong or missing current password, a weak or unchanged new one, and the throttles', () => {
    expect(passwordErrorKey({ status: 400, code: 'current_password_invalid' })).toBe('account.errors.current_password_invalid');
    expect(passwordErrorKey({ status: 400, code: 'current_password_required' })).toBe('account.errors.current_password_required');
    expect(passwordErrorKey({ status: 422, code: 'weak_password' })).toBe('account.errors.weak_password');
    expect(passwordErrorKey({ status: 422, code: 'same_password' })).toBe('account.errors.same_password');
    expect(passwordErrorKey({ status: 429, code: 'over_email_send_rate_limit' })).toBe('account.errors.recovery_too_soon');
    expect(passwordErrorKey({ status: 429, code: 'over_request_rate_limit' })).toBe('account.errors.too_many_attempts');
    expect(passwordErrorKey({ name: 'AuthSessionMissingError', message: 'Auth session missing!' })).toBe('account.errors.session_missing');
    expect(passwordErrorKey({ name: 'AuthRetryableFetchError', status: 0 })).toBe('account.errors.network');
    expect(passwordErrorKey(new Error('boom'))).toBe('account.errors.unknown');
  });
});
