import { describe, expect, it } from 'vitest';
import { accessTokenInput, appMetadata, isBanned, mergeMetadata, userJson, type IdentityRow, type UserRow } from './user-json.ts';

const t = (s: string) => new Date(s);
const row = (over: Partial<UserRow> = {}): UserRow => ({
  id: '11111111-1111-4111-8111-111111111111',
  aud: 'authenticated',
  role: 'authenticated',
  email: 'gv@thpt.edu.vn',
  phone: null,
  encrypted_password: '$2a$10$secret',
  email_confirmed_at: t('2025-01-02T00:00:00Z'),
  phone_confirmed_at: null,
  invited_at: null,
  confirmation_sent_at: null,
  recovery_sent_at: null,
  last_sign_in_at: t('2025-01-03T00:00:00Z'),
  raw_app_meta_data: { provider: 'email', providers: ['email'], school: 'A' },
  raw_user_meta_data: { full_name: 'Cô Lan' },
  created_at: t('2025-01-01T00:00:00Z'),
  updated_at: t('2025-01-03T00:00:00Z'),
  banned_until: null,
  deleted_at: null,
  is_anonymous: false,
  is_sso_user: false,
  ...over,
});
const identity: IdentityRow = {
  id: '22222222-2222-4222-8222-222222222222',
  provider_id: '11111111-1111-4111-8111-111111111111',
  user_id: '11111111-1111-4111-8111-111111111111',
  identity_data: { sub: '11111111-1111-4111-8111-111111111111', email: 'gv@thpt.edu.vn' },
  provider: 'email',
  last_sign_in_at: null,
  created_at: t('2025-01-01T00:00:00Z'),
  updated_at: t('2025-01-01T00:00:00Z'),
  email: 'gv@thpt.edu.vn',
};

describe('user JSON (GoTrue models.User)', () => {
  it('has the fields auth-js reads, never the password hash, and omits empty optional timestamps', () => {
    const json = userJson(row(), [identity]);
    expect(json).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      aud: 'authenticated',
      role: 'authenticated',
      email: 'gv@thpt.edu.vn',
      email_confirmed_at: '2025-01-02T00:00:00.000Z',
      phone: '',
      confirmed_at: '2025-01-02T00:00:00.000Z',
      last_sign_in_at: '2025-01-03T00:00:00.000Z',
      app_metadata: { provider: 'email', providers: ['email'], school: 'A' },
      user_metadata: { full_name: 'Cô Lan' },
      identities: [
        {
          identity_id: '22222222-2222-4222-8222-222222222222',
          id: '11111111-1111-4111-8111-111111111111',
          user_id: '11111111-1111-4111-8111-111111111111',
          identity_data: { sub: '11111111-1111-4111-8111-111111111111', email: 'gv@thpt.edu.vn' },
          provider: 'email',
          created_at: '2025-01-01T00:00:00.000Z',
          updated_at: '2025-01-01T00:00:00.000Z',
          email: 'gv@thpt.edu.vn',
        },
      ],
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-03T00:00:00.000Z',
      is_anonymous: false,
    });
    expect(JSON.stringify(json)).not.toContain('secret');
  });

  it('shows banned_until and deleted_at when set', () => {
    const json = userJson(row({ banned_until: t('2030-01-01T00:00:00Z'), deleted_at: t('2025-02-01T00:00:00Z') }), []);
    expect(json.banned_until).toBe('2030-01-01T00:00:00.000Z');
    expect(json.deleted_at).toBe('2025-02-01T00:00:00.000Z');
  });
});

describe('app_metadata and claims', () => {
  it('rows inserted by SQL without provider keys still say email/password', () => {
    expect(appMetadata({ raw_app_meta_data: {} })).toEqual({ provider: 'email', providers: ['email'] });
    expect(appMetadata({ raw_app_meta_data: null })).toEqual({ provider: 'email', providers: ['email'] });
    expect(appMetadata({ raw_app_meta_data: { school: 'B' } })).toEqual({ provider: 'email', providers: ['email'], school: 'B' });
  });

  it('the access token input carries sub, email, both metadata and the session', () => {
    expect(accessTokenInput(row(), 'sess')).toEqual({
      sub: '11111111-1111-4111-8111-111111111111',
      email: 'gv@thpt.edu.vn',
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'], school: 'A' },
      user_metadata: { full_name: 'Cô Lan' },
      session_id: 'sess',
      is_anonymous: false,
    });
  });

  it('metadata merges key by key and null removes a key', () => {
    expect(mergeMetadata({ a: 1, b: 2 }, { b: 3, c: { d: 4 } })).toEqual({ a: 1, b: 3, c: { d: 4 } });
    expect(mergeMetadata({ a: 1, b: 2 }, { a: null })).toEqual({ b: 2 });
    expect(mergeMetadata(null, { a: 1 })).toEqual({ a: 1 });
    const polluted = mergeMetadata({}, JSON.parse('{"__proto__": {"admin": true}}'));
    expect(JSON.stringify(polluted)).toBe('{"__proto__":{"admin":true}}');
    expect((polluted as { admin?: boolean }).admin).toBeUndefined();
  });

  it('a ban counts only while banned_until is in the future', () => {
    const now = t('2025-06-01T00:00:00Z');
    expect(isBanned({ banned_until: null }, now)).toBe(false);
    expect(isBanned({ banned_until: t('2025-06-02T00:00:00Z') }, now)).toBe(true);
    expect(isBanned({ banned_until: t('2025-05-31T00:00:00Z') }, now)).toBe(false);
  });
});
