// Hardening of issue 11, finding 9 (the SQL parts):
//   * TRUNCATE skips row and statement triggers, so a role that may truncate an audited table can empty
//     it with no audit entry: no API role (anon, authenticated, service_role) holds TRUNCATE (nor
//     TRIGGER, REFERENCES) on any table whose triggers write the audit log — every such table is listed
//     from the catalogue, so a table audited later is checked too (private.enable_audit revokes them);
//   * private.reads_all_gradebooks(), which lets the result views answer for the whole school, trusted a
//     setting (`sdt.reads_all_gradebooks`) that any SQL session may set, and the `role` claim that any SQL
//     session may put in request.jwt.claims. Over HTTP a client can set neither (PostgREST sets the claims
//     from a verified token and exposes no set_config); the exposure is every SQL session of an API role
//     — what PostgREST itself opens for each request, and what any integration holding `authenticated`
//     gets: there gv.toan's session read class_summary and student_results of a class, which the
//     views refuse him, computed from the one subject he reads, i.e. wrong results presented as the
//     school's. It now trusts only who the session is (the service role, or the owner of the gradebook
//     tables, i.e. a security-definer function of this schema or a maintenance session).
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, serviceClient, signedIn, useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();
const API_ROLES = ['anon', 'authenticated', 'service_role'];
const ids = { teacher: '', c10A1: '' };

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db().query<T>(sql, params)).rows;
}

beforeAll(async () => {
  ids.teacher = (await rows<{ id: string }>(`select id from public.profiles where email = 'gv.toan@thpt-tandong.edu.vn'`))[0]!.id;
  ids.c10A1 = (await rows<{ id: string }>(`select c.id from public.classes c join public.school_years y on y.id = c.school_year_id
    join public.org_units o on o.id = c.school_id where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`))[0]!.id;
});

describe('audited tables cannot be truncated by an API role', () => {
  /** Every table with a trigger that calls an audit function of the private schema. */
  const audited = () => rows<{ tbl: string }>(
    `select distinct format('%I.%I', tn.nspname, c.relname) as tbl from pg_trigger t join pg_proc p on p.oid = t.tgfoid
     join pg_namespace n on n.oid = p.pronamespace join pg_class c on c.oid = t.tgrelid join pg_namespace tn on tn.oid = c.relnamespace where n.nspname = 'private' and p.proname like 'audit%' and not t.tgisinternal order by 1`);

  it('no API role holds TRUNCATE, TRIGGER or REFERENCES on any table whose triggers write the audit log', async () => {
    const tables = (await audited()).map((r) => r.tbl);
    expect(tables.length).toBeGreaterThan(25);
    expect(tables).toEqual(expect.arrayContaining(['public.students', 'public.enrolments', 'public.score_entries', 'public.memberships']));
    const held = await rows<{ tbl: string; role: string; privilege: string }>(
      `select t.tbl, r.role, p.privilege from unnest($1::text[]) t (tbl) cross join unnest($2::text[]) r (role)
       cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES']) p (privilege)
       where has_table_privilege(r.role, t.tbl, p.privilege) order by 1, 2, 3`, [tables, API_ROLES]);
    expect(held).toEqual([]);
  });

  it('the service role truncating enrolments is refused (permission denied) and the rows stay', async () => {
    const [before] = await rows<{ n: number }>(`select count(*)::int as n from public.enrolments`);
    const outcome = await asUser(db(), { sub: ids.teacher, role: 'service_role' }, () => db().query(`truncate public.enrolments cascade`))
      .then(() => 'truncated', (e: { code: string; message: string }) => `${e.code} ${e.message}`);
    expect(outcome).toBe('42501 permission denied for table enrolments');
    expect(await rows(`select count(*)::int as n from public.enrolments`)).toEqual([before]);
  });

  it('a table audited later gets the same: private.enable_audit revokes TRUNCATE from every API role', async () => {
    const c = db();
    await c.query('begin');
    try {
      await c.query(`create table public.hardening_probe (id uuid primary key default gen_random_uuid(), school_id uuid not null)`);
      await c.query(`grant all on public.hardening_probe to anon, authenticated, service_role`);
      await c.query(`select private.enable_audit('public.hardening_probe')`);
      const held = await rows(`select r from unnest($1::text[]) r where has_table_privilege(r, 'public.hardening_probe', 'TRUNCATE')`, [API_ROLES]);
      expect(held).toEqual([]);
    } finally {
      await c.query('rollback');
    }
  });
});

describe('private.reads_all_gradebooks() trusts no setting a session can make', () => {
  const asTeacher = <T>(fn: () => Promise<T>) => asUser(db(), { sub: ids.teacher }, fn);
  /** What class_summary answers gv.toan: a refusal code, or the summary's students. */
  const summary = async () => {
    await db().query('savepoint summary');
    return db().query(`select public.class_summary($1, 1) -> 'students' as s`, [ids.c10A1]).then(
      (r) => `${(r.rows[0].s as unknown[] | null)?.length ?? 0} students`,
      async (e: { code: string }) => { await db().query('rollback to savepoint summary'); return e.code; });
  };
  const results = async () => (await db().query(`select count(*)::int as n from public.student_results where class_id = $1 and semester = 1`, [ids.c10A1])).rows[0].n as number;

  it('over HTTP a client cannot call set_config (PostgREST exposes no such function)', async () => {
    // Untyped: set_config is not in the API (that is the point), so the typed client has no such rpc.
    const res = await ((await signedIn('gv.toan@thpt-tandong.edu.vn')) as unknown as SupabaseClient).rpc('set_config', { setting_name: 'sdt.reads_all_gradebooks', new_value: 'on', is_local: true });
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('PGRST202');
  });

  it('gv.toan\'s SQL session cannot read 10A1\'s class summary or student results, with or without sdt.reads_all_gradebooks = on', async () => {
    await asTeacher(async () => {
      expect(await summary()).toBe('42501');
      expect(await results()).toBe(0);
    });
    await asTeacher(async () => {
      await db().query(`select set_config('sdt.reads_all_gradebooks', 'on', true)`);
      expect(await summary()).toBe('42501');
      expect(await results()).toBe(0);
    });
  });

  it('nor by putting role "service_role" into its own claims while it runs as authenticated', async () => {
    await asUser(db(), { sub: ids.teacher }, async () => {
      await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: ids.teacher, role: 'service_role' })]);
      expect((await db().query(`select current_user::text as u`)).rows[0].u).toBe('authenticated');
      expect(await summary()).toBe('42501');
      expect(await results()).toBe(0);
    });
  });

  it('control: the service role (through the API, and a service_role session) and the owner read every result of 10A1', async () => {
    const { data, error } = await serviceClient().from('student_results').select('student_id').eq('class_id', ids.c10A1).eq('semester', 1);
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(30);
    await asUser(db(), { sub: ids.teacher, role: 'service_role' }, async () => {
      expect(await results()).toBeGreaterThan(30);
    });
    expect(await results()).toBeGreaterThan(30);
  });
});
