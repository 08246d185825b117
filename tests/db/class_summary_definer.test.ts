// rpc/class_summary reads the class's rows as its owner after its check (20261205101000_class_summary_definer.sql):
// its body, private.class_summary_json, is security definer. For every demo account and every class of the
// demo, both semesters and the year, the answer — summary or refusal, code and message — equals the answer
// with the body made security invoker again inside a rolled-back transaction, i.e. read under the caller's
// row-level security as before the change: nothing more is read, and no refusal changes (another school's
// class stays "Không tìm thấy lớp"). Also: the body called directly answers "Không tìm thấy lớp" to whoever
// may not summarise the class; the caller's role is read from the role setting, so a session of gv.toan gets
// no more by claiming the service role; the service role and the owner read (positive controls).
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { answerOrRefusal, asUserRolledBack } from '../helpers/definer.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

/** As the user, rolled back; `invoker` makes the body security invoker for that transaction only. */
const as = <T,>(claims: { sub: string; role: string }, fn: () => Promise<T>, invoker = false): Promise<T> =>
  asUserRolledBack(db(), claims, fn, invoker ? 'alter function private.class_summary_json(uuid, int) security invoker' : undefined);

/** The summary, or the refusal (SQLSTATE and message). */
const summary = (sql: string, cls: string, semester: number | null) => answerOrRefusal(db(), sql, [cls, semester]);
const PUBLIC = 'select public.class_summary($1, $2) as j';
const BODY = 'select private.class_summary_json($1, $2) as j';

describe('rpc/class_summary as a security definer function', () => {
  it('answers every demo account, for every class and period, what it answered reading under their row-level security', async () => {
    const { rows: classes } = await db().query<{ id: string; name: string; year: string; school: string }>(
      `select c.id, c.name, y.code as year, o.code as school from public.classes c
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where exists (select 1 from public.enrolments e where e.class_id = c.id) order by o.code, y.code, c.name`);
    expect(classes.length).toBeGreaterThan(20);
    const given = new Map<string, number>();
    const refusals = new Set<string>();
    for (const a of DEMO_ACCOUNTS) {
      const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [a.email]);
      const answers = async (invoker: boolean) =>
        as({ sub: u!.id, role: 'authenticated' }, async () => {
          const out: unknown[] = [];
          for (const k of classes) for (const semester of [1, 2, null]) out.push(await summary(PUBLIC, k.id, semester));
          return out;
        }, invoker);
      const now = await answers(false);
      const before = await answers(true);
      let i = 0;
      for (const k of classes) {
        for (const semester of [1, 2, null]) {
          const what = `${a.email} ${k.school} ${k.year} ${k.name} ${semester}`;
          expect(now[i], what).toEqual(before[i]);
          if (typeof now[i] === 'object') given.set(a.email, (given.get(a.email) ?? 0) + 1);
          else refusals.add(String(now[i]).replace(/lớp \S+ xem/, 'lớp … xem'));
          i++;
        }
      }
    }
    // Not vacuous: the principal reads every class of the THPT, the GVCN of 10A1 their classes only, a
    // subject teacher and the family none; both refusals occur.
    const thpt = classes.filter((k) => k.school === 'thpt-tandong').length;
    expect(given.get('hieutruong@thpt-tandong.edu.vn')).toBe(thpt * 3);
    expect(given.get('gvcn.10a1@thpt-tandong.edu.vn')).toBeGreaterThan(0);
    expect(given.get('gvcn.10a1@thpt-tandong.edu.vn')).toBeLessThan(thpt * 3);
    expect(given.get('gv.toan@thpt-tandong.edu.vn')).toBeUndefined();
    expect(given.get('phuhuynh@thpt-tandong.edu.vn')).toBeUndefined();
    expect([...refusals].sort()).toEqual([
      '22023: Không tìm thấy lớp',
      '42501: Chỉ Ban giám hiệu, Ban quản trị và giáo viên chủ nhiệm lớp … xem tổng hợp kết quả của lớp',
    ]);
  });

  it('its body called directly answers "Không tìm thấy lớp" to whoever may not summarise the class, and the summary to its GVCN', async () => {
    const { rows: [k] } = await db().query<{ id: string; teacher: string; gvcn: string }>(
      `select c.id, (select id from auth.users where email = 'gv.toan@thpt-tandong.edu.vn') as teacher,
              (select id from auth.users where email = 'gvcn.10a1@thpt-tandong.edu.vn') as gvcn
       from public.classes c join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`);
    await as({ sub: k!.teacher, role: 'authenticated' }, async () => {
      expect(await summary(BODY, k!.id, 1)).toBe('22023: Không tìm thấy lớp');
    });
    await as({ sub: k!.gvcn, role: 'authenticated' }, async () => {
      expect(((await summary(BODY, k!.id, 1)) as { students: unknown[] }).students.length).toBeGreaterThan(30);
    });
  });

  it('reads the caller\'s role from the role setting: gv.toan claiming the service role is still refused; the service role reads (control)', async () => {
    const { rows: [k] } = await db().query<{ id: string; teacher: string; students: number }>(
      `select c.id, (select id from auth.users where email = 'gv.toan@thpt-tandong.edu.vn') as teacher,
              (select count(*) from public.enrolments e where e.class_id = c.id)::int as students
       from public.classes c join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`);
    await as({ sub: k!.teacher, role: 'authenticated' }, async () => {
      await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: k!.teacher, role: 'service_role' })]);
      expect(String(await summary(PUBLIC, k!.id, 1))).toMatch(/^42501: /);
      expect(await summary(BODY, k!.id, 1)).toBe('22023: Không tìm thấy lớp');
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
