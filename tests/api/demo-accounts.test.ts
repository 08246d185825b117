// Every demo account of DEMO.md signs in through supabase-js and carries its role from the first day.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { signedIn } from '../helpers/stack.ts';

describe('demo accounts', () => {
  for (const account of DEMO_ACCOUNTS) {
    it(`${account.email} signs in and reads its own roles (${account.roles.join(', ')})`, async () => {
      const client = await signedIn(account.email);
      const { data: answer, error } = await client.rpc('current_user_context');
      expect(error).toBeNull();
      const data = answer as { email: string; full_name: string; memberships: unknown };
      expect(data.email).toBe(account.email);
      expect(data.full_name).toMatch(/^\S+ \S+ \S+$/);
      const roles = new Set((data.memberships as { role: string }[]).map((m) => m.role));
      expect([...roles].sort()).toEqual([...account.roles].sort());
      await client.auth.signOut({ scope: 'local' }); // global would end other tests' sessions of this account
    });
  }

  it('a signed-in user reads only their own memberships', async () => {
    const client = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const { data } = await client.from('memberships').select('profile_id');
    const { data: me } = await client.auth.getUser();
    expect(data!.length).toBeGreaterThan(0);
    expect(new Set(data!.map((r) => r.profile_id))).toEqual(new Set([me.user!.id]));
  });
});
