// The bootstrap gives the bare database what a Supabase database has; checked in a database of this
// file's own, cloned from the migrated and seeded template.
import { describe, expect, it } from 'vitest';
import { asUser, useClonedDb } from '../helpers/stack.ts';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';

const db = useClonedDb();

async function principalId(): Promise<string> {
  const { rows } = await db().query<{ id: string }>(`select id from auth.users where email = 'hieutruong@thpt-tandong.edu.vn'`);
  return rows[0]!.id;
}

describe('Supabase bootstrap', () => {
  it('has the Supabase roles, with only service_role bypassing RLS and authenticator able to switch to each', async () => {
    const { rows } = await db().query<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `select rolname, rolbypassrls, rolcanlogin from pg_roles where rolname in ('anon','authenticated','service_role','authenticator') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ]);
    const members = await db().query<{ r: string }>(
      `select r.rolname as r from pg_auth_members m join pg_roles r on r.oid = m.roleid join pg_roles u on u.oid = m.member
       where u.rolname = 'authenticator' order by 1`,
    );
    expect(members.rows.map((x) => x.r)).toEqual(['anon', 'authenticated', 'service_role']);
  });

  it('auth.uid(), auth.role() and auth.jwt() read request.jwt.claims, not the legacy settings', async () => {
    const sub = await principalId();
    const got = await asUser(db(), { sub, email: 'hieutruong@thpt-tandong.edu.vn' }, async () => {
      await db().query(`select set_config('request.jwt.claim.sub', '00000000-0000-0000-0000-000000000000', true)`);
      return (await db().query(`select auth.uid() as uid, auth.role() as role, auth.jwt() ->> 'email' as email, current_user as pg_role`)).rows[0];
    });
    expect(got).toEqual({ uid: sub, role: 'authenticated', email: 'hieutruong@thpt-tandong.edu.vn', pg_role: 'authenticated' });
  });

  it('the extensions schema holds pgcrypto and uuid-ossp', async () => {
    const { rows } = await db().query<{ extname: string; nspname: string }>(
      `select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname in ('pgcrypto','uuid-ossp') order by 1`,
    );
    expect(rows).toEqual([{ extname: 'pgcrypto', nspname: 'extensions' }, { extname: 'uuid-ossp', nspname: 'extensions' }]);
  });

  it('a subject teacher reads their own memberships and nobody else\'s; anon reads none', async () => {
    const { rows: t } = await db().query<{ id: string }>(`select id from auth.users where email = 'gv.toan@thpt-tandong.edu.vn'`);
    const sub = t[0]!.id;
    const mine = await asUser(db(), { sub }, async () => (await db().query(`select distinct profile_id from public.memberships`)).rows);
    expect(mine).toEqual([{ profile_id: sub }]);
    const total = (await db().query<{ n: number }>(`select count(distinct profile_id)::int as n from public.memberships`)).rows[0]!.n;
    expect(total).toBeGreaterThan(10); // the positive control: there are others to hide
    await db().query('begin');
    await db().query('set local role anon');
    await expect(db().query('select * from public.memberships')).rejects.toThrow(/permission denied/);
    await db().query('rollback');
  });

  it('demo passwords are bcrypt hashes in auth.users.encrypted_password', async () => {
    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    const { rows } = await db().query<{ h: string }>(`select encrypted_password as h from auth.users where email = any($1)`, [emails]);
    expect(rows.length).toBe(DEMO_ACCOUNTS.length);
    for (const r of rows) expect(r.h).toMatch(/^\$2[aby]\$10\$/);
  });
});
