// The read policies' set-valued helpers rewritten to PL/pgSQL by 20261205091000_policy_helpers_plpgsql.sql:
// for every demo account, each helper called as that user (role authenticated, its claims) answers the
// same rows as the SELECT it wraps run as the owner with the same claims — what the security definer SQL
// function answered before. Also: each is PL/pgSQL now, still security definer, still not callable by anon.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { asUser, useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

const HELPERS = [
  'audit_reader_school_ids', 'audit_wide_school_ids', 'dossier_reader_owner_ids', 'dossier_writer_owner_ids',
  'editable_student_ids', 'family_student_ids', 'full_profile_student_ids', 'my_department_teacher_ids',
  'my_dossier_duties', 'my_draft_correction_ids', 'my_headed_department_ids', 'my_headed_departments',
  'my_officer_school_ids', 'my_org_unit_ids', 'my_union_groups', 'nurse_school_ids', 'unopened_year_ids',
  'visible_profile_ids',
];

// Values only: a SETOF function names its column after itself, its SELECT after the column read.
const rowsOf = async (sql: string) => (await db().query(sql)).rows.map((r) => JSON.stringify(Object.values(r))).sort();

describe('the policies\' set-valued helpers in PL/pgSQL', () => {
  it('are PL/pgSQL, security definer, with search_path \'\', and not executable by anon', async () => {
    const { rows } = await db().query<{ proname: string; lanname: string; prosecdef: boolean; proconfig: string[]; anon: boolean }>(
      `select p.proname, l.lanname, p.prosecdef, p.proconfig, has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
       where n.nspname = 'private' and p.proname = any ($1) and p.pronargs = 0 order by 1`, [HELPERS]);
    expect(rows.map((r) => r.proname)).toEqual([...HELPERS].sort());
    for (const r of rows) expect(r, r.proname).toMatchObject({ lanname: 'plpgsql', prosecdef: true, proconfig: ['search_path=""'], anon: false });
  });

  it('answer every demo account what their SELECT answers as the owner', async () => {
    const { rows: bodies } = await db().query<{ proname: string; prosrc: string }>(
      `select p.proname, p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and p.proname = any ($1) and p.pronargs = 0`, [HELPERS]);
    const select = new Map(bodies.map((b) => [b.proname, /return query\n([\s\S]*);\nend$/.exec(b.prosrc)![1]!]));
    let nonEmpty = 0;
    for (const a of DEMO_ACCOUNTS) {
      const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [a.email]);
      await asUser(db(), { sub: u!.id, email: a.email }, async () => {
        for (const name of HELPERS) {
          const got = await rowsOf(`select * from private.${name}()`);
          await db().query('set local role postgres');
          const expected = await rowsOf(select.get(name)!);
          await db().query('set local role authenticated');
          expect(got, `${a.email}: private.${name}()`).toEqual(expected);
          if (got.length > 0) nonEmpty++;
        }
      });
    }
    // Not vacuous: most pairs of account and helper answer something.
    expect(nonEmpty).toBeGreaterThan(DEMO_ACCOUNTS.length * 3);
  });
});
