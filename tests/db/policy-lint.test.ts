// Lint of the security rules of the house style, read from the catalogue of a database cloned from the
// migrated template: RLS on every public table, no always-true write policy, invoker views, fixed
// search_path on every security-definer function, policies `to authenticated`, one permissive policy
// per table and command, a comment on every policy, and an index on every column policies filter on.
// Each check lists offenders, so a failure names what to fix.
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

async function list(sql: string): Promise<string[]> {
  const { rows } = await db().query<{ x: string }>(sql);
  return rows.map((r) => r.x).sort();
}

/** Policies that are deliberately not `to authenticated` (none so far): "table.policy" → why. */
const NOT_AUTHENTICATED_EXCEPTIONS: Record<string, string> = {};

/** Columns a policy or its helpers filter on; where a public table has one, an index must lead with it. */
const FILTER_COLUMNS = ['school_id', 'school_year_id', 'class_id', 'student_id', 'profile_id', 'teacher_id',
  'org_unit_id', 'homeroom_teacher_id', 'actor_id', 'department_id'];

describe('policy lint (public schema)', () => {
  it('has the tables and policies to lint (positive control)', async () => {
    const tables = await list(`select c.relname as x from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`);
    expect(tables).toEqual(expect.arrayContaining(['students', 'memberships', 'audit_log', 'teaching_assignments']));
    const policies = await list(`select tablename || '.' || policyname as x from pg_policies where schemaname = 'public'`);
    expect(policies.length).toBeGreaterThan(30);
  });

  it('enables row-level security on every table', async () => {
    expect(await list(`select c.relname as x from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`)).toEqual([]);
  });

  it('has no insert, update or delete policy whose using or with check is literally true, and a with check on every write', async () => {
    expect(await list(`select tablename || '.' || policyname as x from pg_policies where schemaname = 'public'
                       and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
                       and (btrim(coalesce(qual, '')) in ('true', '(true)') or btrim(coalesce(with_check, '')) in ('true', '(true)'))`)).toEqual([]);
    expect(await list(`select tablename || '.' || policyname as x from pg_policies where schemaname = 'public'
                       and cmd in ('INSERT', 'UPDATE') and with_check is null`)).toEqual([]);
  });

  it('makes every view security_invoker', async () => {
    expect(await list(`select c.relname as x from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind in ('v', 'm')
                       and not exists (select 1 from unnest(coalesce(c.reloptions, '{}')) o where o in ('security_invoker=true', 'security_invoker=on', 'security_invoker=1'))`)).toEqual([]);
  });

  it('fixes search_path on every security-definer function in public and private', async () => {
    const definers = await list(`select n.nspname || '.' || p.proname as x from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                                 where n.nspname in ('public', 'private') and p.prosecdef`);
    expect(definers.length, 'there are security-definer functions to check').toBeGreaterThan(5);
    expect(await list(`select n.nspname || '.' || p.proname as x from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                       where n.nspname in ('public', 'private') and p.prosecdef
                       and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`)).toEqual([]);
  });

  it('gives no security-definer function of private to anon or public', async () => {
    expect(await list(`select p.proname as x from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                       where n.nspname = 'private' and p.prosecdef
                       and (has_function_privilege('anon', p.oid, 'execute'))`)).toEqual([]);
  });

  it('lets no API role write the audit log or its chain heads (only the trigger does)', async () => {
    expect(await list(`select r.rolname || ' ' || p.priv || ' ' || t.tbl as x
                       from unnest(array['anon', 'authenticated', 'service_role']) r(rolname)
                       cross join unnest(array['insert', 'update', 'delete', 'truncate']) p(priv)
                       cross join unnest(array['public.audit_log', 'public.audit_chains']) t(tbl)
                       where has_table_privilege(r.rolname, t.tbl, p.priv)`)).toEqual([]);
    // Positive control: the privilege check itself sees grants (service_role writes students).
    expect((await db().query(`select has_table_privilege('service_role', 'public.students', 'insert') as ok`)).rows[0].ok).toBe(true);
  });

  it('writes every policy `to authenticated`', async () => {
    const offenders = await list(`select tablename || '.' || policyname as x from pg_policies where schemaname = 'public' and roles <> '{authenticated}'`);
    expect(offenders.filter((p) => !(p in NOT_AUTHENTICATED_EXCEPTIONS))).toEqual([]);
  });

  it('has at most one permissive policy per table and command', async () => {
    expect(await list(`with p as (
                         select tablename, policyname, unnest(case cmd when 'ALL' then array['SELECT','INSERT','UPDATE','DELETE'] else array[cmd] end) as cmd
                         from pg_policies where schemaname = 'public' and permissive = 'PERMISSIVE')
                       select tablename || '.' || cmd || ': ' || string_agg(policyname, ', ' order by policyname) as x
                       from p group by tablename, cmd having count(*) > 1`)).toEqual([]);
  });

  it('comments every policy', async () => {
    expect(await list(`select c.relname || '.' || pol.polname as x from pg_policy pol
                       join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and obj_description(pol.oid, 'pg_policy') is null`)).toEqual([]);
  });

  it('indexes every column policies filter on (an index leading with it)', async () => {
    const { rows } = await db().query<{ x: string }>(
      `select c.relname || '.' || a.attname as x
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname = any ($1)
         and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)
       order by 1`, [FILTER_COLUMNS]);
    expect(rows.map((r) => r.x)).toEqual([]);
  });
});
