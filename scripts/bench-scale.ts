// What the admin's most used screens cost as the data grows (issue 13): on a generated preset
// (scripts/generate.ts --preset district | province), each read the admin and the functions actually
// send — the same select, filters, order, page and count as the screen's hook (`count=exact` for a paged
// list; none for a list read whole, admin/src/providers/dataProvider.ts), through
// PostgREST with postgrest-js (supabase-js's query builder) — timed three ways, side by side:
//   user     the real user, signed in (RLS applies)
//   service  the service role with the filter the user's rights amount to, written out (RLS bypassed);
//            for an RPC, the same call (n/a where the RPC asks who calls and the service role is nobody)
//   sql      the equivalent hand-written SQL over a direct connection (superuser, no HTTP); for an RPC,
//            the function called in SQL as the user (role authenticated + the user's JWT claims), i.e.
//            what PostgREST runs minus HTTP and JSON — except where an RPC replaced a table read (Xếp lớp's
//            rpc/class_enrolments): there the SQL stays the flat join the read amounts to, no rights asked
// and prints p50/p95 of each, user/service and user/sql p95 ratios, the rows each returned, and the
// preset's size. The rows of user and service are checked equal (a benchmark of different answers
// measures nothing). With --explain, EXPLAIN (ANALYZE, BUFFERS) of the slowest case's SQL as the user
// goes to stdout after the table.
//
// With --plan (the stack started with SDT_POSTGREST_PLAN=true), a second table times the same reads in
// the database only: PostgREST's own statement for the user (its plan with `analyze`, RLS applied) against
// the hand-written SQL's EXPLAIN ANALYZE, planning + execution each — the query shapes compared without
// the fixed cost of HTTP, the gateway and PostgREST's per-request work (the first table's floor row).
//
//   node --import tsx scripts/bench-scale.ts [--school school-001] [--runs 100] [--warmup 10] [--explain] [--plan]
//     [--api …] [--db …]    (defaults: the local stack of `npm start`)
//
// Targets (issue 13): user p95 < 50 ms (< 20 ms for single-class reads), user/service ≤ 1.3,
// user/sql ≤ 2. Never run by tests: it needs a generated preset (province: ~14 GB).
import { PostgrestClient } from '@supabase/postgrest-js';
import type { Database } from '../supabase/functions/_shared/database.ts';
import { benchOptions, benchSchool, pct, signIn } from './bench-common.ts';

const o = benchOptions({ runs: 100, warmup: 10 }, ['explain', 'plan']);
const { db, schoolId, yearId } = await benchSchool(o);

// ---------------------------------------------------------------------------------------------------
// Who: picked with the superuser (setup only, never timed).
// ---------------------------------------------------------------------------------------------------
/** A subject teacher (no homeroom) with the most classes this year, one of their class × subject pairs. */
const { rows: [teacher] } = await db.query<{ id: string; email: string; class_ids: string[]; class_id: string; subject_id: string }>(
  `select p.id, p.email, array_agg(distinct a.class_id::text) as class_ids,
          (array_agg(a.class_id order by a.class_id))[1]::text as class_id,
          (array_agg(a.subject_id order by a.class_id))[1]::text as subject_id
   from public.teaching_assignments a join public.profiles p on p.id = a.teacher_id
   where a.school_year_id = $1 and a.ended_at is null
     and not exists (select 1 from public.classes c where c.homeroom_teacher_id = p.id and c.school_year_id = $1)
   group by p.id, p.email order by count(distinct a.class_id) desc, p.email limit 1`,
  [yearId],
);
/** The homeroom teacher of 10A1 and their class. */
const { rows: [homeroom] } = await db.query<{ id: string; email: string; class_id: string }>(
  `select p.id, p.email, c.id as class_id from public.classes c join public.profiles p on p.id = c.homeroom_teacher_id
   where c.school_year_id = $1 and c.name = '10A1'`,
  [yearId],
);
const bghEmail = `bgh@${o.school}.bench.local`;
const { rows: [bgh] } = await db.query<{ id: string }>(`select id from auth.users where email = $1`, [bghEmail]);
const { rows: [officer] } = await db.query<{ id: string; email: string }>(`select id, email from auth.users where email = 'so@bench.local'`);
/** A common family name's unaccented prefix for the search box (what a clerk types: "nguyen van"). */
const SEARCH = 'nguyen van';
if (!teacher || !homeroom || !bgh || !officer) throw new Error('The preset lacks a subject teacher, 10A1, bgh@ or so@bench.local: regenerate it.');

const size = (
  await db.query<{ schools: string; students: string; score_entries: string; corrections: string; db: string }>(
    `select (select count(*) from public.org_units where kind = 'school') as schools,
            (select count(*) from public.students) as students,
            (select count(*) from public.score_entries) as score_entries,
            (select count(*) from public.correction_requests) as corrections,
            pg_size_pretty(pg_database_size(current_database())) as db`,
  )
).rows[0]!;

// ---------------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------------
type Api = PostgrestClient<Database>;
const api = (token: string, apikey: string): Api =>
  new PostgrestClient<Database>(`${o.api}/rest/v1`, { headers: { apikey, Authorization: `Bearer ${token}` } });
const service = api(o.serviceKey, o.serviceKey);
const tokens = new Map<string, Api>();
async function asUser(email: string): Promise<Api> {
  if (!tokens.has(email)) tokens.set(email, api(await signIn(o, email), o.anonKey));
  return tokens.get(email)!;
}

interface Answer {
  rows: number;
  /** What is compared between user and service (rows and count). */
  body: string;
}
type Read = (client: Api) => PromiseLike<{ data: unknown; error: unknown; count?: number | null }>;

/** Fields that answer for the caller (what they may do with the row): not compared with the service role's. */
const CALLER_FIELDS = new Set(['can_edit', 'allowed_actions']);
const withoutCallerFields = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutCallerFields)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !CALLER_FIELDS.has(k)).map(([k, x]) => [k, withoutCallerFields(x)]))
      : v;

async function answer(run: Read, client: Api, unordered = false): Promise<Answer> {
  const { data, error, count } = await run(client);
  if (error) throw new Error(JSON.stringify(error));
  const rows = Array.isArray(data) ? data.length : data ? 1 : 0;
  const kept = withoutCallerFields(data);
  const compared = unordered && Array.isArray(kept) ? kept.map((r) => JSON.stringify(r)).sort() : kept;
  return { rows, body: JSON.stringify({ data: compared, count: count ?? null }) };
}

interface Sql {
  text: string;
  values: unknown[];
  /** Run as this user (role authenticated + JWT claims), as PostgREST does; else as the superuser. */
  as?: string;
  /** As the superuser (no RLS) with this user's claims: for columns that answer for the caller (allowed_actions). */
  uid?: string;
}

async function runSql(sql: Sql, explain: boolean | 'json' = false): Promise<{ rows: number; plan?: string }> {
  const text = explain === 'json' ? `explain (analyze, format json) ${sql.text}` : explain ? `explain (analyze, buffers) ${sql.text}` : sql.text;
  const who = sql.as ?? sql.uid;
  if (!who) {
    const r = await db.query(text, sql.values);
    return { rows: r.rowCount ?? 0, plan: planText(r.rows, explain) };
  }
  await db.query('begin');
  try {
    await db.query(`select set_config('role', $2, true), set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: who, role: 'authenticated', aud: 'authenticated' }),
      sql.as ? 'authenticated' : 'none',
    ]);
    const r = await db.query(text, sql.values);
    return { rows: r.rowCount ?? 0, plan: planText(r.rows, explain) };
  } finally {
    await db.query('rollback');
  }
}

const planText = (rows: { 'QUERY PLAN': unknown }[], explain: boolean | 'json'): string | undefined =>
  explain === 'json' ? JSON.stringify(rows[0]!['QUERY PLAN']) : explain ? rows.map((x) => x['QUERY PLAN']).join('\n') : undefined;

/** Planning + execution time (ms) of an EXPLAIN (ANALYZE, FORMAT JSON) answer, PostgREST's or Postgres'. */
function planMs(plan: unknown): number {
  const [p] = plan as { 'Planning Time': number; 'Execution Time': number }[];
  if (typeof p?.['Execution Time'] !== 'number') throw new Error(`not a plan with analyze: ${JSON.stringify(plan).slice(0, 200)}`);
  return p['Planning Time'] + p['Execution Time'];
}

/** The database's time of PostgREST's own statement for this read (its plan, `analyze`; RLS applied). */
async function postgrestDbMs(run: Read, client: Api): Promise<number> {
  type Explainable = { explain(options: { analyze: boolean; format: 'json' }): PromiseLike<{ data: unknown; error: unknown }> };
  const { data, error } = await (run(client) as unknown as Explainable).explain({ analyze: true, format: 'json' });
  if (error) throw new Error(`PostgREST served no plan (start the stack with SDT_POSTGREST_PLAN=true): ${JSON.stringify(error)}`);
  return planMs(data);
}

interface Case {
  name: string;
  /** Reads one class (target < 20 ms). */
  oneClass: boolean;
  who: string;
  user: Read;
  service: Read | null;
  sql: Sql;
  /** The user/SQL comparison for the EXPLAIN: the hand-written SQL as the user. */
  explainAs?: string;
  /** The screen asks in no order (it sorts the rows itself): user and service rows are compared as sets. */
  unordered?: boolean;
}

// The screens' reads. Selects, filters and order are the hooks' own (file named on each); the student
// list is filtered by the user's schools (their memberships'), as StudentList does.
const STUDENT_LIST = 'id, school_id, student_code, full_name, gender, birth_date, can_edit'; // pages/students/StudentList.tsx (view student_list)
const STUDENT_LIST_SQL = 'id, school_id, student_code, full_name, gender, birth_date';
const INBOX = // pages/correction_requests/useCorrections.ts
  '*, allowed_actions, requester:profiles!correction_requests_requested_by_fkey(full_name), classes(name), subjects(name), correction_items(count)';
/** The Vietnamese order of a student list: given, family, middle name, student code (StudentList's sorters). */
const byName = <Q extends { order: (column: 'given_name' | 'family_name' | 'middle_name' | 'student_code', options: { ascending: boolean }) => Q }>(q: Q): Q =>
  q
    .order('given_name', { ascending: true })
    .order('family_name', { ascending: true })
    .order('middle_name', { ascending: true })
    .order('student_code', { ascending: true });

const PAGE = 20;
const cases: Case[] = [
  {
    // Not a screen: the fixed cost of any request (HTTP, the gateway, PostgREST's transaction and JWT, JSON),
    // against which the other rows' user/sql ratios are read. A read whose SQL costs less than this floor
    // cannot have user/sql ≤ 2 by making the SQL faster.
    name: 'Sàn: the smallest request (rpc app_today)',
    oneClass: true,
    who: teacher.email,
    user: (c) => c.rpc('app_today'),
    service: (c) => c.rpc('app_today'),
    sql: { text: 'select public.app_today()', values: [], as: teacher.id },
  },
  {
    name: 'GV bộ môn: Học sinh, trang 1 (students of their classes, Vietnamese order, 20, count)',
    oneClass: false,
    who: teacher.email,
    user: (c) => byName(c.from('student_list').select(STUDENT_LIST, { count: 'exact' }).eq('school_id', schoolId)).range(0, PAGE - 1),
    // The same rows written out: students enrolled in the classes they teach.
    service: (c) =>
      byName(
        c.from('student_list').select(`${STUDENT_LIST}, enrolments!inner()`, { count: 'exact' }).eq('school_id', schoolId).in('enrolments.class_id', teacher.class_ids),
      ).range(0, PAGE - 1),
    sql: {
      text: `select ${STUDENT_LIST_SQL}, count(*) over () from public.students s
             where s.id in (select e.student_id from public.enrolments e where e.class_id = any($1::uuid[]))
             order by given_name, family_name, middle_name, student_code limit ${PAGE}`,
      values: [teacher.class_ids],
    },
  },
  {
    name: 'GV bộ môn: Sổ điểm (rpc gradebook_sheet, one class × subject, HK I)',
    oneClass: true,
    who: teacher.email,
    user: (c) => c.rpc('gradebook_sheet', { p_class_id: teacher.class_id, p_subject_id: teacher.subject_id, p_semester: 1 }),
    service: (c) => c.rpc('gradebook_sheet', { p_class_id: teacher.class_id, p_subject_id: teacher.subject_id, p_semester: 1 }),
    sql: { text: `select public.gradebook_sheet($1, $2, 1)`, values: [teacher.class_id, teacher.subject_id], as: teacher.id },
  },
  {
    name: 'GVCN: Xếp lớp, their class (rpc class_enrolments: enrolments + students + details, flat)',
    oneClass: true,
    who: homeroom.email,
    user: (c) => c.rpc('class_enrolments', { p_class_id: homeroom.class_id }),
    service: (c) => c.rpc('class_enrolments', { p_class_id: homeroom.class_id }),
    // The raw SQL: the same flat join with no rights asked (not the function).
    sql: {
      text: `select e.id, e.class_id, e.student_id, e.started_on, e.start_reason, e.ended_on, e.end_reason, e.end_note,
                    s.full_name, s.student_code, s.gender, s.birth_date, d.student_id is not null as details_shown, d.birth_place, d.ethnicity
             from public.enrolments e join public.students s on s.id = e.student_id
             left join public.student_details d on d.student_id = s.id
             where e.class_id = $1`,
      values: [homeroom.class_id],
    },
    explainAs: homeroom.id,
    unordered: true, // EnrolmentList sorts ended rows last, then by Vietnamese name, itself
  },
  {
    name: 'GVCN: Kết quả, HK I (rpc class_summary)',
    oneClass: true,
    who: homeroom.email,
    user: (c) => c.rpc('class_summary', { p_class_id: homeroom.class_id, p_semester: 1 }),
    service: (c) => c.rpc('class_summary', { p_class_id: homeroom.class_id, p_semester: 1 }),
    sql: { text: `select public.class_summary($1, 1)`, values: [homeroom.class_id], as: homeroom.id },
  },
  {
    name: 'GVCN: Kết quả, cả năm (rpc class_summary)',
    oneClass: true,
    who: homeroom.email,
    user: (c) => c.rpc('class_summary', { p_class_id: homeroom.class_id }),
    service: (c) => c.rpc('class_summary', { p_class_id: homeroom.class_id }),
    sql: { text: `select public.class_summary($1)`, values: [homeroom.class_id], as: homeroom.id },
  },
  {
    name: 'BGH: Học sinh, trang 20 (Vietnamese order, 20, count)',
    oneClass: false,
    who: bghEmail,
    user: (c) => byName(c.from('student_list').select(STUDENT_LIST, { count: 'exact' }).eq('school_id', schoolId)).range(19 * PAGE, 20 * PAGE - 1),
    service: (c) => byName(c.from('student_list').select(STUDENT_LIST, { count: 'exact' }).eq('school_id', schoolId)).range(19 * PAGE, 20 * PAGE - 1),
    sql: {
      text: `select ${STUDENT_LIST_SQL}, count(*) over () from public.students where school_id = $1
             order by given_name, family_name, middle_name, student_code offset ${19 * PAGE} limit ${PAGE}`,
      values: [schoolId],
    },
    explainAs: bgh.id,
  },
  {
    name: `BGH: Học sinh, search "${SEARCH}" without diacritics (20, count)`,
    oneClass: false,
    who: bghEmail,
    user: (c) => byName(c.from('student_list').select(STUDENT_LIST, { count: 'exact' }).eq('school_id', schoolId).ilike('search_text', `%${SEARCH}%`)).range(0, PAGE - 1),
    service: (c) =>
      byName(c.from('student_list').select(STUDENT_LIST, { count: 'exact' }).eq('school_id', schoolId).ilike('search_text', `%${SEARCH}%`)).range(0, PAGE - 1),
    sql: {
      text: `select ${STUDENT_LIST_SQL}, count(*) over () from public.students where school_id = $1 and search_text ilike $2
             order by given_name, family_name, middle_name, student_code limit ${PAGE}`,
      values: [schoolId, `%${SEARCH}%`],
    },
    explainAs: bgh.id,
  },
  {
    name: 'BGH: Tiến độ nhập điểm, HK I (rpc gradebook_progress)',
    oneClass: false,
    who: bghEmail,
    user: (c) => c.rpc('gradebook_progress', { p_school_year_id: yearId, p_semester: 1 }),
    service: null, // asks who calls first: the service role is nobody
    sql: { text: `select * from public.gradebook_progress($1, 1)`, values: [yearId], as: bgh.id },
  },
  {
    name: 'BGH: Yêu cầu sửa điểm, inbox (every request readable, newest first)',
    oneClass: false,
    who: bghEmail,
    user: (c) => c.from('correction_requests').select(INBOX).order('updated_at', { ascending: false }).order('id'),
    service: (c) => c.from('correction_requests').select(INBOX).eq('school_id', schoolId).order('updated_at', { ascending: false }).order('id'),
    sql: {
      text: `select r.*, public.allowed_actions(r), p.full_name, c.name, s.name, (select count(*) from public.correction_items i where i.request_id = r.id)
             from public.correction_requests r join public.profiles p on p.id = r.requested_by
             join public.classes c on c.id = r.class_id join public.subjects s on s.id = r.subject_id
             where r.school_id = $1 order by r.updated_at desc, r.id`,
      values: [schoolId],
      uid: bgh.id, // allowed_actions answers for the BGH
    },
    explainAs: bgh.id,
  },
  {
    name: 'Sở: Tổng hợp trường (rpc school_summaries, every school)',
    oneClass: false,
    who: officer.email,
    user: (c) => c.rpc('school_summaries'),
    service: null, // counts the caller's schools: the service role oversees none
    sql: { text: `select * from public.school_summaries()`, values: [], as: officer.id },
  },
];

// ---------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

interface Result {
  c: Case;
  rows: { user: number; service: number | null; sql: number };
  same: boolean | null;
  user: number[];
  service: number[];
  sql: number[];
  /** --plan: PostgREST's statement and the hand-written SQL, in the database. */
  dbUser: number[];
  dbSql: number[];
}

console.log(
  `Scale benchmark on ${o.school} of ${size.schools} schools: ${Number(size.students).toLocaleString('en')} students, ` +
    `${Number(size.score_entries).toLocaleString('en')} score entries, ${size.corrections} correction requests, database ${size.db}; ` +
    `${o.runs} runs after ${o.warmup} warm-up, rotating user / service / sql.\n`,
);
const results: Result[] = [];
for (const c of cases) {
  const client = await asUser(c.who);
  const u = await answer(c.user, client, c.unordered);
  const s = c.service ? await answer(c.service, service, c.unordered) : null;
  const q = await runSql(c.sql);
  const r: Result = { c, rows: { user: u.rows, service: s?.rows ?? null, sql: q.rows }, same: s ? s.body === u.body : null, user: [], service: [], sql: [], dbUser: [], dbSql: [] };
  const runners: [number[], () => Promise<unknown>][] = [
    [r.user, () => answer(c.user, client)],
    ...(c.service ? [[r.service, () => answer(c.service!, service)] as [number[], () => Promise<unknown>]] : []),
    [r.sql, () => runSql(c.sql)],
  ];
  const dbRunners: [number[], () => Promise<number>][] = o.flags.plan
    ? [[r.dbUser, () => postgrestDbMs(c.user, client)], [r.dbSql, async () => planMs(JSON.parse((await runSql(c.sql, 'json')).plan!))]]
    : [];
  for (let i = 0; i < o.warmup; i++) for (const [, run] of [...runners, ...dbRunners]) await run();
  for (let i = 0; i < o.runs; i++) {
    // Rotate the order so no mode always runs on the cache another warmed.
    for (let k = 0; k < runners.length; k++) {
      const [into, run] = runners[(i + k) % runners.length]!;
      into.push(await timed(run));
    }
    for (const [into, run] of dbRunners) into.push(await run());
  }
  results.push(r);
  process.stderr.write(`[bench-scale] ${c.name}: done\n`);
}

const f = (n: number) => n.toFixed(1);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log('| read | as | rows user / service / sql | user p50 / p95 ms | service p50 / p95 ms | sql p50 / p95 ms | user/service p95 | user/sql p95 | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
let worst: Result | null = null;
for (const r of results) {
  const u95 = pct(r.user, 95);
  const s95 = r.service.length ? pct(r.service, 95) : null;
  const q95 = pct(r.sql, 95);
  const ok = u95 < (r.c.oneClass ? 20 : 50) && (s95 === null || u95 / s95 <= 1.3) && u95 / q95 <= 2 && r.same !== false;
  if (!worst || u95 > pct(worst.user, 95)) worst = r;
  console.log(
    `| ${r.c.name} | ${r.c.who} | ${r.rows.user} / ${r.rows.service ?? 'n/a'} / ${r.rows.sql}${r.same === false ? ' (DIFFER)' : ''} | ` +
      `${f(pct(r.user, 50))} / ${f(u95)} | ${s95 === null ? 'n/a' : `${f(pct(r.service, 50))} / ${f(s95)}`} | ${f(pct(r.sql, 50))} / ${f(q95)} | ` +
      `${s95 === null ? 'n/a' : ratio(u95, s95)} | ${ratio(u95, q95)} | ${ok ? 'ok' : 'MISSED'} |`,
  );
}
if (o.flags.plan) {
  console.log('\nIn the database only (--plan): PostgREST\'s statement for the user (RLS applied) against the hand-written SQL, planning + execution:\n');
  console.log('| read | PostgREST statement p50 / p95 ms | hand-written SQL p50 / p95 ms | PostgREST/SQL p95 | ≤ 2 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const u95 = pct(r.dbUser, 95);
    const q95 = pct(r.dbSql, 95);
    const f2 = (n: number) => n.toFixed(2);
    console.log(`| ${r.c.name} | ${f2(pct(r.dbUser, 50))} / ${f2(u95)} | ${f2(pct(r.dbSql, 50))} / ${f2(q95)} | ${ratio(u95, q95)} | ${u95 / q95 <= 2 ? 'ok' : 'MISSED'} |`);
  }
}
if (o.flags.explain && worst) {
  const sql = { ...worst.c.sql, as: worst.c.sql.as ?? worst.c.explainAs };
  console.log(`\nEXPLAIN ANALYZE of the slowest read's SQL${sql.as ? ' as the user' : ''} (${worst.c.name}):\n`);
  console.log((await runSql(sql, true)).plan);
}
await db.end();
