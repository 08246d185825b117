// Issue 11, finding 1: the audit log shows a reader only the rows they read in the rows' own tables.
// One statement writes one entry for all its rows, so the seed (and any bulk write) makes entries about
// hundreds of students; an entry used to be readable whole as soon as ONE of its students was in the
// reader's scope. Tried over HTTP as the demo users on the seed's bulk entries of THPT Tân Đông and on one
// bulk statement made here (the admin board rewriting, unchanged, the family name of the Nguyễns of four
// classes). The oracle is the tables themselves: a row shown through the audit log must be a row the same
// user reads in its table (asked through the API), and every such row of an entry must be shown. Each
// denial has its positive control (the user's own child / own class / own students are shown), and the
// admin board reads the same entries whole.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Narrowed, Tables } from '../../supabase/functions/_shared/database.ts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn, superuser } from '../helpers/stack.ts';

const at = (user: string) => `${user}@thpt-tandong.edu.vn`;
const READERS = {
  'parent (phuhuynh@)': at('phuhuynh'),
  'student (hocsinh@)': at('hocsinh'),
  'subject teacher (gv.toan@)': at('gv.toan'),
  'homeroom teacher (gvcn.10a1@)': at('gvcn.10a1'),
} as const;
type Reader = keyof typeof READERS;
const CHILD_CODE = '7200100001'; // Nguyễn Diệu Quyên, 10A1: phuhuynh@'s child, hocsinh@ herself
const SIBLING_CODE = '7200100163'; // Hồ Công Khoa, 12A1: phuhuynh@'s older child

type AuditRow = Record<string, unknown>;
/** An audit entry as read here: its jsonb row images are arrays of rows (audit.ts writes them so). */
type Entry = Narrowed<Pick<Tables<'audit_log'>, 'id' | 'table_name' | 'row_keys' | 'old_rows' | 'new_rows'>, { old_rows: AuditRow[] | null; new_rows: AuditRow[] | null }>;

let su: pg.Client;
const clients = new Map<string, SupabaseClient<Database>>();
const ids = { school: '', child: '', sibling: '', c10A1: '', c10A2: '', c11A1: '', c12A2: '', toan: '', nguVan: '', year: '', boardEntry: 0 };
/** The audited tables and the column naming a row in row_keys (the trigger's argument). */
const keyOf = new Map<string, string>();
/** The bulk entries under test, read whole by the superuser: the seed's and the board's below. */
let bulk: Entry[] = [];

const rowsOf = (e: Pick<Entry, 'old_rows' | 'new_rows'>) => [...(e.old_rows ?? []), ...(e.new_rows ?? [])];
const keyOfRow = (table: string, r: AuditRow) => String(r[keyOf.get(table)!]);
const client = (email: string) => clients.get(email)!;

/** The keys of `keys` that `c` reads in `table` (asked through the API, in chunks). */
async function readable(c: SupabaseClient<Database>, table: string, keys: string[]): Promise<Set<string>> {
  const column = keyOf.get(table)!;
  const out = new Set<string>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 150) {
    // The table comes from the audit entry itself, so this read is untyped by nature.
    const { data, error } = await (c as unknown as SupabaseClient).from(table).select(column).in(column, unique.slice(i, i + 150));
    if (error) throw new Error(`${table}: ${error.message}`);
    for (const r of (data ?? []) as unknown as AuditRow[]) out.add(String(r[column]));
  }
  return out;
}

/** Per entry of `bulk`, the keys of its rows the user reads in their own table (the oracle). */
const oracle = new Map<string, Map<number, Set<string>>>();
async function expectedFor(email: string): Promise<Map<number, Set<string>>> {
  if (oracle.has(email)) return oracle.get(email)!;
  const byTable = new Map<string, string[]>();
  for (const e of bulk) byTable.set(e.table_name, [...(byTable.get(e.table_name) ?? []), ...rowsOf(e).map((r) => keyOfRow(e.table_name, r))]);
  const seen = new Map<string, Set<string>>();
  for (const [table, keys] of byTable) seen.set(table, await readable(client(email), table, keys));
  const m = new Map(bulk.map((e) => [e.id, new Set(rowsOf(e).map((r) => keyOfRow(e.table_name, r)).filter((k) => seen.get(e.table_name)!.has(k)))]));
  oracle.set(email, m);
  return m;
}

/** Counts per table of rows in `entries` that `email` does not read in their table. */
async function foreignRows(email: string, entries: Entry[]): Promise<Record<string, number>> {
  const expected = await expectedFor(email);
  const out: Record<string, number> = {};
  for (const e of entries) {
    const allowed = expected.get(e.id);
    for (const r of rowsOf(e)) {
      if (allowed && allowed.has(keyOfRow(e.table_name, r))) continue;
      out[e.table_name] = (out[e.table_name] ?? 0) + 1;
    }
  }
  return out;
}

/** One entry as `c` reads it through rpc/audit_entries (null: not shown at all). */
async function entryAs(c: SupabaseClient<Database>, id: number): Promise<Entry | null> {
  const { data, error } = await c.rpc('audit_entries', { p_id: id });
  if (error) throw new Error(`audit_entries ${id}: ${error.message}`);
  const rows = data as Entry[];
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0] ?? null;
}

beforeAll(async () => {
  su = await superuser();
  await Promise.all([...Object.values(READERS), at('bqt')].map(async (email) => clients.set(email, await signedIn(email))));
  const q = async (sql: string, params: unknown[] = []) => (await su.query(sql, params)).rows;
  ids.school = (await q(`select id from public.org_units where code = 'thpt-tandong'`))[0].id;
  ids.child = (await q(`select id from public.students where student_code = $1`, [CHILD_CODE]))[0].id;
  ids.sibling = (await q(`select id from public.students where student_code = $1`, [SIBLING_CODE]))[0].id;
  ids.year = (await q(`select id from public.school_years where school_id = $1 and code = '2026-2027'`, [ids.school]))[0].id;
  for (const [k, name] of [['c10A1', '10A1'], ['c10A2', '10A2'], ['c11A1', '11A1'], ['c12A2', '12A2']] as const) {
    ids[k] = (await q(`select id from public.classes where school_year_id = $1 and name = $2`, [ids.year, name]))[0].id;
  }
  ids.toan = (await q(`select id from public.subjects where code = 'toan' and school_level = 'upper_secondary'`))[0].id;
  ids.nguVan = (await q(`select id from public.subjects where code = 'ngu_van' and school_level = 'upper_secondary'`))[0].id;
  for (const r of await q(`select c.relname as t, split_part(encode(g.tgargs, 'escape'), '\\000', 1) as k
                           from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'audit_insert'`)) keyOf.set(r.t, r.k || 'id');

  // The bulk statement of this test: the admin board rewrites, unchanged, the family name of every
  // Nguyễn enrolled in 10A1, 10A2, 11A1 and 12A2 this year — one PATCH, one statement, one entry.
  const before = Number((await q(`select coalesce(max(id), 0) as m from public.audit_log`))[0].m);
  const enrolled = (await q(`select student_id from public.enrolments where class_id = any ($1)`, [[ids.c10A1, ids.c10A2, ids.c11A1, ids.c12A2]])).map((r) => r.student_id);
  const { data: patched, error } = await client(at('bqt')).from('students').update({ family_name: 'Nguyễn' })
    .eq('family_name', 'Nguyễn').in('id', enrolled).select('id');
  if (error) throw new Error(`the board's bulk update: ${error.message}`);
  expect(patched!.length).toBeGreaterThan(40);
  const mine = await q(`select id from public.audit_log where id > $1 and table_name = 'students' and school_id = $2 and jsonb_array_length(new_rows) = $3`,
    [before, ids.school, patched!.length]);
  expect(mine).toHaveLength(1);
  ids.boardEntry = Number(mine[0].id);

  // The seed's bulk entries about students (their record, details, guardians, classes, re-tests).
  bulk = (await q(`select id::int, table_name, row_keys, old_rows, new_rows from public.audit_log
                   where school_id = $1 and (id = $2 or (actor_id is null and table_name in ('students', 'student_details', 'guardians', 'enrolments', 'score_entries')
                     and jsonb_array_length(coalesce(new_rows, '[]')) + jsonb_array_length(coalesce(old_rows, '[]')) > 1))
                   order by id`, [ids.school, ids.boardEntry])) as Entry[];
  expect(new Set(bulk.map((e) => e.table_name))).toEqual(new Set(['students', 'student_details', 'guardians', 'enrolments', 'score_entries']));
}, 120_000);

afterAll(async () => {
  await su?.end();
});

describe('reading the audit_log table directly', () => {
  it.each(Object.keys(READERS) as Reader[])('%s: GET /rest/v1/audit_log?select=table_name,new_rows shows no row outside its scope (the table is not an API read path)', async (who) => {
    const c = client(READERS[who]);
    const { data, error } = await c.from('audit_log').select('id, table_name, row_keys, old_rows, new_rows').in('id', bulk.map((e) => e.id));
    // The leak, counted per table: rows of the bulk entries the reader does not read in their own table.
    expect(await foreignRows(READERS[who], (data ?? []) as Entry[]), `${who}: rows outside its scope`).toEqual({});
    expect(error?.code, 'direct reads are refused').toBe('42501');
    // Positive control: the entries exist and the service role reads them whole.
    const { data: all } = await serviceClient().from('audit_log').select('id').in('id', bulk.map((e) => e.id));
    expect(all).toHaveLength(bulk.length);
  });

  it('an embed of the audit entry from a correction item is refused too', async () => {
    const { data, error } = await client(at('gvcn.10a1')).from('correction_items').select('id, audit_log(new_rows)').limit(1);
    expect(data).toBeNull();
    expect(error?.code).toBe('42501');
  });
});

describe('rpc/audit_entries: each entry reduced to the rows the reader reads in their tables', () => {
  it.each(Object.keys(READERS) as Reader[])('%s sees exactly the rows of the bulk entries it reads in their tables, and no other', async (who) => {
    const email = READERS[who];
    const expected = await expectedFor(email);
    let shown = 0, hidden = 0;
    for (const e of bulk) {
      const got = await entryAs(client(email), e.id);
      const want = expected.get(e.id)!;
      const gotKeys = got ? rowsOf(got).map((r) => keyOfRow(e.table_name, r)) : [];
      expect(new Set(gotKeys), `${who}: entry ${e.id} (${e.table_name})`).toEqual(want);
      if (want.size === 0) expect(got, `${who}: entry ${e.id} with no readable row is not shown`).toBeNull();
      else {
        expect(got!.row_keys.slice().sort()).toEqual([...want].sort());
        // The rows shown are the audited rows themselves, unchanged.
        const original = new Map(rowsOf(e).map((r) => [JSON.stringify(r), r]));
        for (const r of rowsOf(got!)) expect(original.has(JSON.stringify(r))).toBe(true);
      }
      shown += want.size;
      hidden += rowsOf(e).length - want.size;
    }
    // Positive control: it does see rows of the bulk entries; denial: most rows stay hidden.
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(shown);
  });

  it.each(['parent (phuhuynh@)', 'student (hocsinh@)'] as Reader[])('%s reads the children\'s own records, details and guardians in the seed\'s entries and in the board\'s, nobody else\'s', async (who) => {
    const c = client(READERS[who]);
    // The parent's two children; the student only herself.
    const own = who === 'parent (phuhuynh@)' ? [ids.child, ids.sibling].sort() : [ids.child];
    for (const table of ['students', 'student_details', 'guardians']) {
      const seed = bulk.find((e) => e.table_name === table && e.id !== ids.boardEntry)!;
      const got = await entryAs(c, seed.id);
      expect(got, `${who}: the seed's ${table} entry`).not.toBeNull();
      const students = new Set(rowsOf(got!).map((r) => String(table === 'students' ? r.id : r.student_id)));
      expect([...students].sort()).toEqual(own);
      expect(rowsOf(seed).length).toBeGreaterThan(100);
    }
    const board = await entryAs(c, ids.boardEntry);
    expect(board!.new_rows!.map((r) => r.student_code)).toEqual([CHILD_CODE]);
    expect(board!.old_rows!.map((r) => r.student_code)).toEqual([CHILD_CODE]);
  });

  it('the subject teacher (gv.toan@) sees in the seed\'s students entry the students he teaches (all of this year\'s 10A1), not the rest of the school', async () => {
    const c = client(at('gv.toan'));
    const seed = bulk.find((e) => e.table_name === 'students' && e.id !== ids.boardEntry)!;
    const shown = new Set(rowsOf((await entryAs(c, seed.id))!).map((r) => String(r.id)));
    expect(shown).toEqual(await readable(c, 'students', seed.row_keys));
    const roster = (await su.query(`select student_id from public.enrolments where class_id = $1`, [ids.c10A1])).rows.map((r) => r.student_id as string);
    expect(roster.length).toBeGreaterThan(30);
    expect(roster.filter((s) => !shown.has(s))).toEqual([]);
    // On main he read every student of the school here.
    expect(seed.row_keys.length - shown.size).toBeGreaterThan(100);
  });

  it('the homeroom teacher (gvcn.10a1@) sees details and guardians only of her classes\' students, and re-test rows only of entries she reads', async () => {
    const email = at('gvcn.10a1');
    const c = client(email);
    const { rows } = await su.query(`select e.student_id from public.enrolments e join public.classes k on k.id = e.class_id
                                     join public.profiles p on p.id = k.homeroom_teacher_id where p.email = $1`, [email]);
    const hers = new Set(rows.map((r) => r.student_id as string));
    for (const table of ['student_details', 'guardians']) {
      const seed = bulk.find((e) => e.table_name === table)!;
      const students = rowsOf((await entryAs(c, seed.id))!).map((r) => String(r.student_id));
      expect(students.length).toBeGreaterThan(0);
      expect(students.filter((s) => !hers.has(s)), `${table}: students not of her classes`).toEqual([]);
    }
    let shown = 0, hidden = 0;
    for (const e of bulk.filter((x) => x.table_name === 'score_entries')) {
      const got = await entryAs(c, e.id);
      const mine = await readable(c, 'score_entries', rowsOf(e).map((r) => String(r.id)));
      expect(new Set(rowsOf(got ?? { old_rows: null, new_rows: null }).map((r) => String(r.id)))).toEqual(mine);
      shown += mine.size;
      hidden += rowsOf(e).length - mine.size;
    }
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  });

  it('the admin board reads the same bulk entries whole (control)', async () => {
    for (const e of bulk) {
      const got = await entryAs(client(at('bqt')), e.id);
      expect(got).toMatchObject({ id: e.id, table_name: e.table_name, row_keys: e.row_keys, old_rows: e.old_rows, new_rows: e.new_rows });
    }
  });

  it('anon reaches neither the reader nor the table', async () => {
    const rpc = await anonClient().rpc('audit_entries', { p_id: ids.boardEntry });
    expect(rpc.data).toBeNull();
    expect(rpc.error?.code).toBe('42501');
    const table = await anonClient().from('audit_log').select('id').eq('id', ids.boardEntry);
    expect(table.data).toBeNull();
    expect(table.error?.code).toBe('42501');
    // Control: the entry is there for the admin board.
    expect(await entryAs(client(at('bqt')), ids.boardEntry)).not.toBeNull();
  });

  it('the filters find an entry by table and student, newest first, and an unknown id shows nothing', async () => {
    const c = client(at('phuhuynh'));
    const { data, error } = await c.rpc('audit_entries', { p_school_id: ids.school, p_table_name: 'students', p_student_id: ids.child, p_limit: 5 });
    expect(error).toBeNull();
    const list = data as Entry[];
    expect(list[0]!.id).toBe(ids.boardEntry);
    expect(list.map((e) => e.id)).toEqual([...list.map((e) => e.id)].sort((a, b) => b - a));
    // Each entry is about the child; its rows shown are the parent's children's only (the seed's entry holds both).
    expect(list.every((e) => rowsOf(e).some((r) => r.id === ids.child))).toBe(true);
    expect(list.every((e) => rowsOf(e).every((r) => r.id === ids.child || r.id === ids.sibling))).toBe(true);
    expect(await entryAs(c, 2 ** 40)).toBeNull();
  });
});

describe('rpc/entry_history: a cell\'s history only for whoever reads the cell', () => {
  /** A re-test cell of the seed's bulk entries (a class, a subject), and the history as `c` reads it. */
  async function cell(where: string): Promise<{ student_id: string; subject_id: string; school_year_id: string }> {
    const { rows } = await su.query(`select r ->> 'student_id' as student_id, r ->> 'subject_id' as subject_id, a.school_year_id
      from public.audit_log a cross join jsonb_array_elements(a.new_rows) r join public.classes k on k.id = (r ->> 'class_id')::uuid
      join public.subjects s on s.id = (r ->> 'subject_id')::uuid
      where a.school_id = $1 and a.table_name = 'score_entries' and jsonb_array_length(a.new_rows) > 1 and r ->> 'kind' = 'retest' and ${where}
      order by a.id, k.name limit 1`, [ids.school]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }
  const history = async (c: SupabaseClient<Database>, x: { student_id: string; subject_id: string; school_year_id: string }) => {
    const { data, error } = await c.rpc('entry_history', { p_student_id: x.student_id, p_subject_id: x.subject_id,
      p_school_year_id: x.school_year_id, p_semester: null, p_kind: 'retest', p_seq: 1 });
    expect(error).toBeNull();
    return data as { action: string; new_value: string }[];
  };

  it('the homeroom teacher of 10A1 gets no history of another class\'s Toán re-test written by the same statement as her class\'s', async () => {
    const other = await cell(`k.name <> '10A1' and s.code = 'toan' and (r ->> 'student_id')::uuid not in (select e.student_id from public.enrolments e
      join public.classes h on h.id = e.class_id join public.profiles p on p.id = h.homeroom_teacher_id where p.email = '${at('gvcn.10a1')}')`);
    // She does not read that score entry in its table…
    const { data: inTable } = await client(at('gvcn.10a1')).from('score_entries').select('id').eq('student_id', other.student_id).eq('subject_id', other.subject_id).eq('kind', 'retest');
    expect(inTable).toEqual([]);
    // …nor its history.
    expect(await history(client(at('gvcn.10a1')), other)).toEqual([]);
    // Control: the admin board reads that cell's history; the teacher reads her own class's.
    const whole = await history(client(at('bqt')), other);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ action: 'insert' });
    const mine = await history(client(at('gvcn.10a1')), await cell(`k.name = '10A1' and k.homeroom_teacher_id = (select id from public.profiles where email = '${at('gvcn.10a1')}')`));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.new_value).not.toBe('');
  });

  it('the parent gets no history of a cell of another child', async () => {
    const other = await cell(`k.name <> '10A1'`);
    expect(await history(client(at('phuhuynh')), other)).toEqual([]);
    expect(await history(client(at('bqt')), other)).toHaveLength(1);
  });
});

describe('the hash chains', () => {
  it('verify_audit_chain returns null on every chain (every school and year), the board\'s bulk entry included', async () => {
    const { rows } = await su.query(`select school_id, nullif(school_year_key, '00000000-0000-0000-0000-000000000000') as year, last_seq
                                     from public.audit_chains order by school_id, school_year_key`);
    expect(rows.length).toBeGreaterThan(6);
    expect(rows.some((r) => r.school_id === ids.school && r.year === null)).toBe(true);
    for (const r of rows) {
      const { data, error } = await serviceClient().rpc('verify_audit_chain', { p_school_id: r.school_id, p_school_year_id: r.year });
      expect(error, `${r.school_id} ${r.year}`).toBeNull();
      expect(data, `chain ${r.school_id} ${r.year} (${r.last_seq} entries)`).toBeNull();
    }
  });
});
