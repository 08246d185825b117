// rpc/class_summary reads as its owner after its own check (20261205101000_class_summary_definer.sql). For
// every demo account and every class of the demo, both semesters and the year: where the summary is given,
// it equals what its body (private.class_summary_json, security invoker) gives the same user under
// row-level security — the definer reads nothing the caller could not read; where it is refused, it is
// refused with 42501 exactly for the accounts the rule names. Also: the caller's role is read from the
// role setting, so a session of gv.toan gets no more by claiming the service role, and the service role
// (positive control) reads every class.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

async function as<T>(claims: { sub: string; role: string }, fn: () => Promise<T>): Promise<T> {
  const c = db();
  await c.query('begin');
  try {
    // The body is executable by no API role: granted for this comparison only (rolled back).
    await c.query('grant execute on function private.class_summary_json(uuid, int) to authenticated, service_role');
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ ...claims, aud: 'authenticated' })]);
    await c.query(`set local role ${claims.role}`);
    return await fn();
  } finally {
    await c.query('rollback');
  }
}

/** The summary, or the SQLSTATE it is refused with. */
async function summary(sql: string, cls: string, semester: number | null): Promise<unknown> {
  const c = db();
  await c.query('savepoint s');
  try {
    const { rows: [r] } = await c.query(sql, [cls, semester]);
    await c.query('release savepoint s');
    return r.j;
  } catch (e) {
    await c.query('rollback to savepoint s');
    return (e as { code?: string }).code;
  }
}
const PUBLIC = 'select public.class_summary($1, $2) as j';
const BODY = 'select private.class_summary_json($1, $2) as j';

describe('rpc/class_summary as a security definer function', () => {
  it('gives every demo account, for every class, what row-level security gives them through its body — or refuses', async () => {
    const { rows: classes } = await db().query<{ id: string; name: string; year: string; school: string }>(
      `select c.id, c.name, y.code as year, o.code as school from public.classes c
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where exists (select 1 from public.enrolments e where e.class_id = c.id) order by o.code, y.code, c.name`);
    expect(classes.length).toBeGreaterThan(20);
    const given = new Map<string, number>();
    for (const a of DEMO_ACCOUNTS) {
      const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [a.email]);
      await as({ sub: u!.id, role: 'authenticated' }, async () => {
        for (const k of classes) {
          for (const semester of [1, 2, null]) {
            const got = await summary(PUBLIC, k.id, semester);
            if (got === '42501') continue;
            expect(typeof got, `${a.email} ${k.school} ${k.year} ${k.name} ${semester}`).toBe('object');
            expect(got, `${a.email} ${k.school} ${k.year} ${k.name} ${semester}`).toEqual(await summary(BODY, k.id, semester));
            given.set(a.email, (given.get(a.email) ?? 0) + 1);
          }
        }
      });
    }
    // Not vacuous: the principal reads every class of the THPT, the GVCN of 10A1 their classes only, a
    // subject teacher and the family none.
    const thpt = classes.filter((k) => k.school === 'thpt-tandong').length;
    expect(given.get('hieutruong@thpt-tandong.edu.vn')).toBe(thpt * 3);
    expect(given.get('gvcn.10a1@thpt-tandong.edu.vn')).toBeGreaterThan(0);
    expect(given.get('gvcn.10a1@thpt-tandong.edu.vn')).toBeLessThan(thpt * 3);
    expect(given.get('gv.toan@thpt-tandong.edu.vn')).toBeUndefined();
    expect(given.get('phuhuynh@thpt-tandong.edu.vn')).toBeUndefined();
  });

  it('reads the caller\'s role from the role setting: gv.toan claiming the service role is still refused; the service role reads (control)', async () => {
    const { rows: [k] } = await db().query<{ id: string; teacher: string; students: number }>(
      `select c.id, (select id from auth.users where email = 'gv.toan@thpt-tandong.edu.vn') as teacher,
              (select count(*) from public.enrolments e where e.class_id = c.id)::int as students
       from public.classes c join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`);
    await as({ sub: k!.teacher, role: 'authenticated' }, async () => {
      await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: k!.teacher, role: 'service_role' })]);
      expect(await summary(PUBLIC, k!.id, 1)).toBe('42501');
    });
    await as({ sub: k!.teacher, role: 'service_role' }, async () => {
      const got = (await summary(PUBLIC, k!.id, 1)) as { students: unknown[] };
      expect(got.students.length).toBeGreaterThan(30);
    });
    // The owner's own session (no role set) reads too.
    await db().query('begin');
    try {
      expect(((await summary(PUBLIC, k!.id, 1)) as { students: unknown[] }).students.length).toBeGreaterThan(30);
    } finally {
      await db().query('rollback');
    }
  });
});
