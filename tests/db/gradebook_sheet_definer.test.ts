// rpc/gradebook_sheet reads the sheet's rows as the owner after its check (20261206104000_gradebook_sheet_definer.sql):
// its body, private.gradebook_sheet_json, is security definer and says once what the caller's policies show.
// For every demo account, every class and subject of the demo and every sheet of it (semesters I and II, the
// re-test sheet), the answer — sheet or refusal, code and message — equals the answer of the former
// function: its text in the migration that defined it (20261122002303), run inside a rolled-back
// transaction, reading everything under the caller's row-level security. First, one pupil's entry is moved
// to the class they left (the demo's 11A2 → 11A1 class change), so the entries' narrower rule for a subject
// teacher (the class an entry was recorded in) is exercised: the principal sees it on 11A1's sheet, a
// teacher of 11A1 who does not teach 11A2 does not. Also: the body called directly answers "Không tìm thấy
// lớp" to whoever may not read the sheet; a parent claiming the service role is still refused; the
// service role and the owner read (positive controls).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { answerOrRefusal, asUserRolledBack } from '../helpers/definer.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

/** The former rpc/gradebook_sheet: its statement in the migration that defined it. */
const FORMER = (() => {
  const file = path.join(import.meta.dirname, '../../supabase/migrations/20261122002303_gradebook_sheet_regime.sql');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('create or replace function public.gradebook_sheet(');
  const end = text.indexOf('end $$;', start);
  if (start < 0 || end < 0) throw new Error('the former gradebook_sheet is not in its migration');
  return text.slice(start, end + 'end $$;'.length);
})();

/** As the user, rolled back; `former` puts the former function back for that transaction only. */
const as = <T,>(claims: { sub: string; role: string }, fn: () => Promise<T>, former = false): Promise<T> =>
  asUserRolledBack(db(), claims, fn, former ? FORMER : undefined);

/** The sheet, or the refusal (SQLSTATE and message). */
const sheet = (sql: string, cls: string, subject: string, semester: number | null) => answerOrRefusal(db(), sql, [cls, subject, semester]);
const PUBLIC = 'select public.gradebook_sheet($1, $2, $3) as j';
const BODY = 'select private.gradebook_sheet_json($1, $2, $3) as j';

interface Sheet { students: { student_id: string; entries: { id: string }[] }[] }
const entryIds = (s: unknown): string[] => (s as Sheet).students.flatMap((p) => p.entries.map((e) => e.id));

const moved = { entry: '', student: '', class11A1: '', toan: '' };

beforeAll(async () => {
  // The demo's class change of the current year: a pupil left 11A2 for 11A1; one of their Toán entries of
  // semester I is put back in 11A2, where it would have been recorded before the move.
  const { rows: [m] } = await db().query<{ entry: string; student: string; class11a1: string; class11a2: string; toan: string }>(
    `select x.id as entry, x.student_id as student, x.class_id as class11a1, old.class_id as class11a2, x.subject_id as toan
     from public.enrolments old
     join public.enrolments now on now.student_id = old.student_id and now.school_year_id = old.school_year_id
       and now.start_reason = 'class_change'
     join public.score_entries x on x.student_id = old.student_id and x.class_id = now.class_id and x.semester = 1
     join public.subjects s on s.id = x.subject_id and s.code = 'toan'
     join public.school_years y on y.id = old.school_year_id and y.code = '2026-2027'
     where old.end_reason = 'class_change' order by x.kind, x.seq limit 1`);
  expect(m, 'the demo has a class change with Toán entries').toBeDefined();
  await db().query('update public.score_entries set class_id = $2 where id = $1', [m!.entry, m!.class11a2]);
  Object.assign(moved, { entry: m!.entry, student: m!.student, class11A1: m!.class11a1, toan: m!.toan });
});

describe('rpc/gradebook_sheet with a security-definer body', () => {
  // ≈ 36,000 calls (17 accounts × 356 class subjects × 3 sheets, now and former): a minute alone, more
  // beside other files.
  it('answers every demo account, for every sheet of the demo, what the former function answered under their row-level security', { timeout: 300_000 }, async () => {
    const { rows: sheets } = await db().query<{ class_id: string; subject_id: string; what: string }>(
      `select cs.class_id, cs.subject_id, o.code || ' ' || y.code || ' ' || c.name || ' ' || s.code as what
       from public.class_subjects cs join public.classes c on c.id = cs.class_id join public.subjects s on s.id = cs.subject_id
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
       where exists (select 1 from public.enrolments e where e.class_id = c.id) order by 1, 2`);
    expect(sheets.length).toBeGreaterThan(100);
    const given = new Map<string, number>();
    const refusals = new Set<string>();
    const seen = new Map<string, boolean>(); // who saw the moved entry on 11A1's Toán sheet of semester I
    for (const a of DEMO_ACCOUNTS) {
      const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [a.email]);
      const answers = (former: boolean) =>
        as({ sub: u!.id, role: 'authenticated' }, async () => {
          const out: unknown[] = [];
          for (const k of sheets) for (const semester of [1, 2, null]) out.push(await sheet(PUBLIC, k.class_id, k.subject_id, semester));
          return out;
        }, former);
      const now = await answers(false);
      const before = await answers(true);
      let i = 0;
      for (const k of sheets) {
        for (const semester of [1, 2, null]) {
          expect(now[i], `${a.email} ${k.what} ${semester}`).toEqual(before[i]);
          if (typeof now[i] === 'object') {
            given.set(a.email, (given.get(a.email) ?? 0) + 1);
            if (k.class_id === moved.class11A1 && k.subject_id === moved.toan && semester === 1) seen.set(a.email, entryIds(now[i]).includes(moved.entry));
          } else refusals.add(String(now[i]).replace(/môn .* lớp \S+:/, 'môn … lớp …:').replace(/Lớp \S+ không/, 'Lớp … không'));
          i++;
        }
      }
    }
    // Not vacuous: the principal reads every sheet of the THPT, gv.toan some, the family none; the moved
    // entry is on 11A1's sheet for the principal, not for gv.toan (who teaches 11A1's Toán but not 11A2's);
    // every refusal occurs (a parent reads their child's class but not its subjects).
    const thpt = sheets.filter((k) => k.what.startsWith('thpt-tandong ')).length;
    expect(given.get('hieutruong@thpt-tandong.edu.vn')).toBe(thpt * 3);
    expect(given.get('gv.toan@thpt-tandong.edu.vn')).toBeGreaterThan(0);
    expect(given.get('gv.toan@thpt-tandong.edu.vn')).toBeLessThan(thpt * 3);
    expect(given.get('phuhuynh@thpt-tandong.edu.vn')).toBeUndefined();
    expect(seen.get('hieutruong@thpt-tandong.edu.vn')).toBe(true);
    expect(seen.get('gv.toan@thpt-tandong.edu.vn')).toBe(false);
    expect([...refusals].sort()).toEqual([
      '22023: Không tìm thấy lớp',
      '22023: Lớp … không học môn này',
      '42501: Bạn không được phân công dạy môn … lớp …: không xem được sổ điểm này',
    ]);
  });

  it('its body called directly answers "Không tìm thấy lớp" to whoever may not read the sheet, and the sheet to its teacher', async () => {
    const { rows: [k] } = await db().query<{ gvToan: string; parent: string }>(
      `select (select id from auth.users where email = 'gv.toan@thpt-tandong.edu.vn') as "gvToan",
              (select id from auth.users where email = 'phuhuynh@thpt-tandong.edu.vn') as parent`);
    await as({ sub: k!.parent, role: 'authenticated' }, async () => {
      expect(await sheet(BODY, moved.class11A1, moved.toan, 1)).toBe('22023: Không tìm thấy lớp');
    });
    await as({ sub: k!.gvToan, role: 'authenticated' }, async () => {
      const got = await sheet(BODY, moved.class11A1, moved.toan, 1);
      expect((got as Sheet).students.length).toBeGreaterThan(30);
      expect(entryIds(got)).not.toContain(moved.entry);
    });
  });

  it('reads the caller\'s role from the role setting: a parent claiming the service role is refused; the service role and the owner read (controls)', async () => {
    const { rows: [k] } = await db().query<{ parent: string }>(`select id as parent from auth.users where email = 'phuhuynh@thpt-tandong.edu.vn'`);
    await as({ sub: k!.parent, role: 'authenticated' }, async () => {
      await db().query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: k!.parent, role: 'service_role' })]);
      expect(String(await sheet(PUBLIC, moved.class11A1, moved.toan, 1))).toMatch(/^(22023|42501): /);
      expect(await sheet(BODY, moved.class11A1, moved.toan, 1)).toBe('22023: Không tìm thấy lớp');
    });
    await as({ sub: k!.parent, role: 'service_role' }, async () => {
      expect(entryIds(await sheet(PUBLIC, moved.class11A1, moved.toan, 1))).toContain(moved.entry);
    });
    // The owner's own session (no role set) reads too.
    await db().query('begin');
    try {
      expect(entryIds(await sheet(PUBLIC, moved.class11A1, moved.toan, 1))).toContain(moved.entry);
    } finally {
      await db().query('rollback');
    }
  });
});
