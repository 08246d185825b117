// The `status` edge function, called through the gateway as a real user.
import { describe, expect, it } from 'vitest';
import { anonClient, signedIn, stackInfo } from '../helpers/stack.ts';

describe('status function', () => {
  it('the principal calls status and gets the versions, the migrations and their identity and role', async () => {
    const client = await signedIn('hieutruong@thpt-tandong.edu.vn');
    const { data, error } = await client.functions.invoke('status');
    expect(error).toBeNull();
    expect(data.postgres_version).toMatch(/^17\./);
    expect(data.postgrest_version).toMatch(/^12\./);
    expect(data.migrations.map((m: { version: string }) => m.version)).toContain('20261122000100');
    expect(data.caller).toMatchObject({ role: 'authenticated', email: 'hieutruong@thpt-tandong.edu.vn', roles: ['principal'] });
    expect(data.caller.full_name).toBeTruthy();
  });

  it('a teacher with two roles gets both', async () => {
    const client = await signedIn('gvcn.10a1@thpt-tandong.edu.vn');
    const { data } = await client.functions.invoke('status');
    expect(data.caller.roles).toEqual(['homeroom_teacher', 'subject_teacher']);
  });

  it('a call without a token is refused with 401 before the function runs', async () => {
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/status`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('Missing authorization header');
  });

  it('the anon key alone identifies as anon, and the database refuses it the status', async () => {
    const { data } = await anonClient().functions.invoke('status');
    expect(data.caller.role).toBe('anon');
    expect(data.migrations).toEqual([]);
    expect(data.database_error).toMatch(/permission denied/);
  });

  it('a signed-out session can no longer call it', async () => {
    const client = await signedIn('cntt@thpt-tandong.edu.vn');
    const { data: s } = await client.auth.getSession();
    const token = s.session!.access_token;
    await client.auth.signOut({ scope: 'local' });
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/status`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });
});
