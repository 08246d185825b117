// Forged, expired and misdirected tokens are refused by PostgREST, storage and functions alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { badTokens } from '../helpers/tokens.ts';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';

let tokens: Record<string, string>;

beforeAll(async () => {
  const s = stackInfo();
  const principal = await signedIn('hieutruong@thpt-tandong.edu.vn');
  const { data } = await principal.auth.getUser();
  tokens = await badTokens(s.jwtSecret, data.user!.id);
  // A private bucket holding one object, so a refusal can't pass because there was nothing to read.
  const admin = serviceClient();
  await admin.storage.createBucket('tokens-test', { public: false });
  await admin.storage.from('tokens-test').upload('a.txt', new Blob(['bí mật'], { type: 'text/plain' }), { upsert: true });
});

function call(service: 'rest' | 'storage' | 'functions', token: string): Promise<Response> {
  const s = stackInfo();
  const headers = { apikey: s.anonKey, Authorization: `Bearer ${token}` };
  if (service === 'rest') return fetch(`${s.apiUrl}/rest/v1/org_units?select=name`, { headers });
  if (service === 'storage') return fetch(`${s.apiUrl}/storage/v1/object/tokens-test/a.txt`, { headers });
  return fetch(`${s.apiUrl}/functions/v1/status`, { method: 'POST', headers });
}

describe('every backend refuses a bad token', () => {
  it('positive control: the service-role key reads from all three', async () => {
    const key = stackInfo().serviceRoleKey;
    for (const service of ['rest', 'storage', 'functions'] as const) {
      const res = await call(service, key);
      expect(res.status, service).toBe(200);
      await res.body?.cancel();
    }
  });

  for (const kind of ['signed with another secret', 'alg none', 'expired', 'wrong audience', 'service_role claimed without the key', 'a superuser role claimed', 'ES256 from a key the project never published']) {
    for (const service of ['rest', 'storage', 'functions'] as const) {
      it(`${service} refuses a token ${kind}`, async () => {
        const res = await call(service, tokens[kind]!);
        const body = await res.text();
        expect(res.status, body).toBeGreaterThanOrEqual(400);
        expect(res.status, body).toBeLessThan(500);
        expect(body).not.toContain('bí mật');
        expect(body).not.toContain('Sở GD&ĐT');
      });
    }
  }
});
