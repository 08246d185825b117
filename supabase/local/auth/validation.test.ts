import { describe, expect, it } from 'vitest';
import { AuthApiError } from './errors.ts';
import {
  adminUserBody,
  banUntil,
  checkPasswordStrength,
  checkRoleAndAud,
  isBcryptHash,
  isUuid,
  normalizeEmail,
  parseBody,
  passwordGrantBody,
  userUpdateBody,
  validateEmail,
  validatePhone,
} from './validation.ts';

function apiError(fn: () => unknown): AuthApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AuthApiError) return e;
    throw e;
  }
  throw new Error('expected an AuthApiError');
}

describe('request bodies', () => {
  it('an empty body is an empty object; unknown fields are ignored; null means absent', () => {
    expect(parseBody(passwordGrantBody, '')).toEqual({});
    expect(parseBody(passwordGrantBody, 'null')).toEqual({});
    expect(parseBody(passwordGrantBody, '{"email":"a@b.vn","password":null,"gotrue_meta_security":{}}')).toEqual({
      email: 'a@b.vn',
      password: null,
    });
  });

  it('what auth-js sends for updateUser parses (code_challenge: null included)', () => {
    const body = parseBody(userUpdateBody, JSON.stringify({ data: { a: 1 }, code_challenge: null, code_challenge_method: null }));
    expect(body.data).toEqual({ a: 1 });
  });

  it.each([
    ['not JSON', '{"email": '],
    ['an array', '[1,2]'],
    ['a string', '"x"'],
    ['a wrong field type', '{"email": 42}'],
    ['metadata that is not an object', '{"user_metadata": [1]}'],
  ])('%s is 400 bad_json', (_label, raw) => {
    const schema = raw.includes('user_metadata') ? adminUserBody : passwordGrantBody;
    const e = apiError(() => parseBody(schema, raw));
    expect(e.status).toBe(400);
    expect(e.code).toBe('bad_json');
  });
});

describe('field rules', () => {
  it('emails are validated like GoTrue and stored lower-case', () => {
    expect(validateEmail('Co.Giao@THPT-TanDong.edu.vn')).toBe('co.giao@thpt-tandong.edu.vn');
    expect(validateEmail('t-1@test.local')).toBe('t-1@test.local');
    for (const bad of ['', 'no-at-sign', 'a@', '@b.vn', 'a b@c.vn', `${'x'.repeat(251)}@b.vn`]) {
      const e = apiError(() => validateEmail(bad));
      expect(e.code, bad).toBe('validation_failed');
      expect(e.status).toBe(400);
    }
    expect(normalizeEmail('  A@B.VN ')).toBe('a@b.vn');
  });

  it('phones are E.164 digits without the plus', () => {
    expect(validatePhone('+84 912 345 678')).toBe('84912345678');
    expect(apiError(() => validatePhone('0912')).code).toBe('validation_failed');
  });

  it('a password needs 6 characters (422 weak_password) and at most 72 bytes', () => {
    expect(() => checkPasswordStrength('123456')).not.toThrow();
    expect(() => checkPasswordStrength('Mật-khẩu')).not.toThrow();
    const weak = apiError(() => checkPasswordStrength('12345'));
    expect(weak.status).toBe(422);
    expect(weak.code).toBe('weak_password');
    expect(weak.extra).toEqual({ weak_password: { reasons: ['length'] } });
    expect(apiError(() => checkPasswordStrength('ệ'.repeat(30))).status).toBe(422); // 90 bytes
  });

  it('recognises UUIDs and bcrypt hashes', () => {
    expect(isUuid('7b0c6f7e-2f1a-4b7e-9c1d-2a3b4c5d6e7f')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isBcryptHash('$2a$10$P8OZ6vkmqCuRrO5p1azDIeisVwGpU1m8QHYUKt8fnEUFiT201Ati2')).toBe(true);
    expect(isBcryptHash('$2b$06$P8OZ6vkmqCuRrO5p1azDIeisVwGpU1m8QHYUKt8fnEUFiT201Ati2')).toBe(true);
    expect(isBcryptHash('plaintext')).toBe(false);
    expect(isBcryptHash(null)).toBe(false);
  });

  it('ban_duration: "none" lifts the ban, a Go duration bans from now, garbage is 400', () => {
    const now = new Date('2025-05-01T00:00:00Z');
    expect(banUntil('none', now)).toBeNull();
    expect(banUntil('24h', now)).toEqual(new Date('2025-05-02T00:00:00Z'));
    expect(banUntil('0', now)).toBeNull();
    const e = apiError(() => banUntil('1 day', now));
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
  });

  it('only role and aud "authenticated" exist here', () => {
    expect(() => checkRoleAndAud(undefined, null)).not.toThrow();
    expect(() => checkRoleAndAud('authenticated', 'authenticated')).not.toThrow();
    expect(apiError(() => checkRoleAndAud('service_role', null)).status).toBe(422);
    expect(apiError(() => checkRoleAndAud(null, 'other')).status).toBe(422);
  });
});
