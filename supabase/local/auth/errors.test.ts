import { describe, expect, it } from 'vitest';
import { AuthApiError, errorBody, negotiateApiVersion, weakPassword } from './errors.ts';

describe('API version negotiation (GoTrue DetermineClosestAPIVersion)', () => {
  it('no header or a malformed one is the initial version', () => {
    expect(negotiateApiVersion(undefined)).toBe('initial');
    expect(negotiateApiVersion('')).toBe('initial');
    expect(negotiateApiVersion('yesterday')).toBe('initial');
    expect(negotiateApiVersion('2024-1-1')).toBe('initial');
  });
  it('a date before 2024-01-01 is the initial version; that date or later is 2024-01-01', () => {
    expect(negotiateApiVersion('2023-12-31')).toBe('initial');
    expect(negotiateApiVersion('2024-01-01')).toBe('2024-01-01');
    expect(negotiateApiVersion(['2030-06-15'])).toBe('2024-01-01');
  });
});

describe('error bodies', () => {
  const err = new AuthApiError(400, 'invalid_credentials', 'Invalid login credentials');
  it('the initial version answers { code: status, error_code, msg }', () => {
    expect(errorBody(err, 'initial')).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });
  it('2024-01-01 answers { code: error code, message }, which auth-js reads', () => {
    expect(errorBody(err, '2024-01-01')).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });
  it('a weak password carries its reasons in both shapes', () => {
    const weak = weakPassword('Password should be at least 6 characters.', ['length']);
    expect(weak.status).toBe(422);
    expect(errorBody(weak, 'initial')).toMatchObject({ code: 422, error_code: 'weak_password', weak_password: { reasons: ['length'] } });
    expect(errorBody(weak, '2024-01-01')).toMatchObject({ code: 'weak_password', weak_password: { reasons: ['length'] } });
  });
});
