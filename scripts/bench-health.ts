// The school health module (issue 16) on the district preset (scripts/generate.ts --preset district, which
// generates every school's health data and its nurse yte@<school>.bench.local; `--health` adds both to a
// preset made before). What the nurse and an officer wait on, side by side in one run:
//   (a) the nurse saves a measurement round of a 40-student class: ONE POST /rest/v1/student_measures
//       with 40 rows (height, weight, blood pressure, heart rate, vision), as MeasureGrid sends a new
//       round (supabase-js insert: `columns=…`, return=minimal). Timed as the nurse (RLS: school_id in
//       private.nurse_school_ids()) and as the service role sending the same request (RLS bypassed); both
//       run the same triggers (nutrition status, class check, audit). Every save is a new round: a date
//       of the current school year, not after public.app_today(), on which the class has no measurement;
//       after each timed save the superuser deletes that round (untimed), so the table keeps its size.
//       Targets: nurse p95 < 100 ms, nurse/service p95 ≤ 1.5.
//   (b) rpc/health_report of the school (1,440 students) and of one class, as the nurse. The RPC asks who
//       calls (nurse/BGH exact, officers masked) and refuses the service role (auth.uid() is null), so
//       the service side cannot make the same call. The fair baseline is the report's own statement —
//       read out of pg_get_functiondef(public.health_report) at run time, so it cannot drift from the
//       function, with the function's variables (the year, the class, masked) bound — run by the
//       superuser over a direct connection: the same work without the caller checks, RLS, PostgREST and
//       HTTP. Against it, on the same transport, the RPC called in SQL as the nurse (role authenticated +
//       the nurse's JWT claims, as PostgREST sets them; no HTTP): that ratio is what being the nurse costs,
//       as user/service is in the other benches, and is the one held to ≤ 1.5. The nurse's call through
//       PostgREST is timed too (the p95 target is on it) and its ratio to the baseline printed: it also
//       holds the HTTP round trip, which (d) measures alone.
//       Targets: nurse p95 (API) < 500 ms, nurse in SQL / baseline p95 ≤ 1.5.
//   (c) the same school's report as the Sở officer (so@bench.local: every count under 5 as "< 5"),
//       against the same baseline with masked = true. Same targets.
//   (d) the HTTP round trip alone: rpc/health_label (computes nothing) as the nurse and the service role.
// The report's counts of the API and of the baseline are checked equal first. Warm-up, then `runs` runs
// rotating the order; prints p50/p95, the ratios and the preset's size. With --explain, EXPLAIN (ANALYZE,
// BUFFERS) of the school report's statement and of the 40-row insert as the nurse (rolled back) go to
// stdout after the table. With --custom-plans, the in-SQL calls run with plan_cache_mode =
// force_custom_plan (what `alter function public.health_report … set plan_cache_mode` would give).
//
//   node --import tsx scripts/bench-health.ts [--runs 100] [--warmup 10] [--school school-01] [--explain] [--custom-plans]
//     [--api http://127.0.0.1:54321] [--db postgres://…54322/postgres]
import { benchOptions, benchSchool, pct, signIn } from './bench-common.ts';

const o = benchOptions({ runs: 100, warmup: 10 }, ['explain', 'custom-plans']);
const { api, runs, warmup, school, anonKey, serviceKey } = o;
const nurseEmail = `yte@${school}.bench.local`;
const officerEmail = 'so@bench.local';

// ---------------------------------------------------------------------------------------------------
// Who and what: picked with the superuser (setup only, never timed).
// ---------------------------------------------------------------------------------------------------
const { db, schoolId, yearId } = await benchSchool(o);
const { rows: [nurse] } = await db.query<{ id: string }>(
  `select p.id from public.profiles p join public.memberships m on m.profile_id = p.id
   where p.email = $1 and m.role = 'nurse' and m.org_unit_id = $2 and m.school_year_id = $3`, [nurseEmail, schoolId, yearId]);
const { rows: [officer] } = await db.query<{ id: string }>(`select id from public.profiles where email = $1`, [officerEmail]);
const { rows: [books] } = await db.query<{ n: number }>(`select count(*)::int as n from public.health_books where school_id = $1`, [schoolId]);
if (!nurse || !officer || !books?.n) {
  throw new Error(`${school} has no nurse ${nurseEmail}, no ${officerEmail} or no health data: run scripts/generate.ts --health.`);
}
// A class of 40 (or the closest) and its students.
const { rows: [cls] } = await db.query<{ id: string; name: string; n: number }>(
  `select c.id, c.name, count(e.student_id)::int as n from public.classes c join public.enrolments e on e.class_id = c.id and e.ended_on is null
   where c.school_year_id = $1 group by c.id, c.name order by abs(count(e.student_id) - 40), c.name limit 1`, [yearId]);
const { rows: students } = await db.query<{ id: string }>(
  `select e.student_id as id from public.enrolments e where e.class_id = $1 and e.ended_on is null order by e.student_id`, [cls!.id]);
// The dates a new round can take: the current year up to today, none the class already has a row on.
const { rows: dates } = await db.query<{ d: string }>(
  `select d::date::text as d from public.school_years y, generate_series(y.starts_on, least(y.ends_on, public.app_today()), interval '1 day') d
   where y.id = $1 and not exists (select 1 from public.student_measures m
                                   where m.school_id = y.school_id and m.measured_on = d::date
                                     and m.student_id in (select e.student_id from public.enrolments e where e.class_id = $2))
   order by d desc`, [yearId, cls!.id]);
if (!dates.length) throw new Error('No free date for a new round in the current year.');
const size = (await db.query<{ schools: string; students: string; measures: string; screenings: string; visits: string; db: string }>(
  `select (select count(*) from public.org_units where kind = 'school') as schools, (select count(*) from public.students) as students,
          (select count(*) from public.student_measures) as measures, (select count(*) from public.health_screenings) as screenings,
          (select count(*) from public.clinic_visits) as visits, pg_size_pretty(pg_database_size(current_database())) as db`)).rows[0]!;

// The report's statement, out of the function itself: `with pupils as (…) select jsonb_agg(…) into rows
// from grouped g;` with the variables as parameters ($1 year, $2 class, $3 masked) and its wrapper.
const { rows: [def] } = await db.query<{ src: string }>(
  `select pg_get_functiondef('public.health_report(uuid, uuid, uuid)'::regprocedure) as src`);
const body = /\n\s*(with pupils as \([\s\S]*?\s+from grouped g);/.exec(def!.src)?.[1];
if (!body || !/ into rows\b/.test(body)) throw new Error('health_report changed shape: update the baseline of bench-health.ts');
const reportSql = `select jsonb_build_object(
    'school', (select jsonb_build_object('id', o.id, 'name', o.name) from public.org_units o where o.id = $4::uuid),
    'school_year', (select jsonb_build_object('id', y.id, 'code', y.code) from public.school_years y where y.id = $1::uuid),
    'class', (select jsonb_build_object('id', c.id, 'name', c.name) from public.classes c where c.id = $2::uuid),
    'masked', $3::boolean, 'today', public.app_today(),
    'rows', coalesce((${body.replace(/ into rows\b/, '').replace(/\byr\.id\b/g, () => '$1::uuid').replace(/\bp_class_id\b/g, () => '$2::uuid')
    .replace(/\bmasked\b/g, () => '$3::boolean')}), '[]')) as report`;

// ---------------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------------
type Who = { apikey: string; token: string };
const service: Who = { apikey: serviceKey, token: serviceKey };
const nurseWho: Who = { apikey: anonKey, token: await signIn(o, nurseEmail) };
const officerWho: Who = { apikey: anonKey, token: await signIn(o, officerEmail) };

const COLUMNS = ['school_id', 'school_year_id', 'class_id', 'student_id', 'measured_on', 'height_cm', 'weight_kg',
  'systolic', 'diastolic', 'heart_rate', 'vision_left', 'vision_right'];
let round = 0;
/** One new round of the class in one request; the round is deleted afterwards (untimed). */
async function saveRound(as: Who): Promise<number> {
  const on = dates[round % dates.length]!.d;
  round += 1;
  const rows = students.map((s, k) => {
    const v = (round * 7 + k * 13) % 100; // different values every round
    return {
      school_id: schoolId, school_year_id: yearId, class_id: cls!.id, student_id: s.id, measured_on: on,
      height_cm: 150 + (v % 30) + (k % 10) / 10, weight_kg: 42 + (v % 25) + (v % 10) / 10,
      systolic: 100 + (v % 20), diastolic: 60 + (v % 15), heart_rate: 70 + (v % 20),
      vision_left: 6 + (v % 5), vision_right: 6 + ((v + 2) % 5),
    };
  });
  const t0 = performance.now();
  const res = await fetch(`${api}/rest/v1/student_measures?columns=${COLUMNS.join(',')}`, {
    method: 'POST', headers: { apikey: as.apikey, authorization: `Bearer ${as.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 201) throw new Error(`POST student_measures: ${res.status} ${text}`);
  const { rowCount } = await db.query(`delete from public.student_measures where class_id = $1 and measured_on = $2`, [cls!.id, on]);
  if (rowCount !== students.length) throw new Error(`saved ${rowCount} of ${students.length} rows on ${on}`);
  return ms;
}

async function rpc<T>(fn: string, args: object, as: Who): Promise<{ ms: number; body: T }> {
  const t0 = performance.now();
  const res = await fetch(`${api}/rest/v1/rpc/${fn}`, {
    method: 'POST', headers: { apikey: as.apikey, authorization: `Bearer ${as.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${fn}: ${res.status} ${text}`);
  return { ms, body: JSON.parse(text) as T };
}

interface Report { masked: boolean; rows: { total: boolean; enrolled: number | string; examined: number | string }[] }
const total = (r: Report) => r.rows.find((x) => x.total);
async function report(as: Who, classId: string | null, masked: boolean): Promise<number> {
  const { ms, body } = await rpc<Report>('health_report', { p_school_id: schoolId, p_school_year_id: yearId, p_class_id: classId }, as);
  if (body.masked !== masked || !total(body)) throw new Error(`health_report: masked ${body.masked}, total ${JSON.stringify(total(body))}`);
  return ms;
}
/** The report's statement as the superuser (no checks, no RLS, no HTTP). */
async function baseline(classId: string | null, masked: boolean): Promise<{ ms: number; report: Report }> {
  const t0 = performance.now();
  const { rows: [r] } = await db.query<{ report: Report }>(reportSql, [yearId, classId, masked, schoolId]);
  return { ms: performance.now() - t0, report: r!.report };
}
/** Runs `text` as a user: role authenticated and their JWT claims, as PostgREST sets them; rolled back. */
async function asUserSql<T extends object>(userId: string, text: string, values: unknown[]): Promise<{ ms: number; rows: T[] }> {
  await db.query('begin');
  try {
    await db.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true),
                           set_config('plan_cache_mode', $2, true)`,
      [JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' }), o.flags['custom-plans'] ? 'force_custom_plan' : 'auto']);
    const t0 = performance.now();
    const r = await db.query<T>(text, values);
    return { ms: performance.now() - t0, rows: r.rows };
  } finally {
    await db.query('rollback');
  }
}
const reportInSql = async (userId: string, classId: string | null) =>
  (await asUserSql(userId, `select public.health_report($1, $2, $3)`, [schoolId, yearId, classId])).ms;

// ---------------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------------
interface Case {
  name: string;
  who: string;
  /** User p95 target (ms); null: not a target, shown for reading the others. */
  target: number | null;
  baseName: string;
  /** The user's call through the API. */
  user: () => Promise<number>;
  /** The baseline: the service role through the API (same transport as `user`), or the statement in SQL. */
  base: () => Promise<number>;
  /** The same call in SQL as the user (no HTTP): compared with a baseline in SQL. */
  sql?: () => Promise<number>;
  /** Checks, before timing, that user and baseline give the same answer. */
  same?: () => Promise<boolean>;
}
const same = (classId: string | null, masked: boolean, as: Who) => async () => {
  const u = (await rpc<Report>('health_report', { p_school_id: schoolId, p_school_year_id: yearId, p_class_id: classId }, as)).body;
  const b = (await baseline(classId, masked)).report;
  return JSON.stringify(u.rows) === JSON.stringify(b.rows) && u.masked === b.masked;
};
const label = async (as: Who) => (await rpc<string>('health_label', { p_value: 'normal' }, as)).ms;
const cases: Case[] = [
  { name: `(a) save a round: POST student_measures, ${cls!.name}, ${students.length} rows`, who: nurseEmail, target: 100,
    baseName: 'service role, same POST', user: () => saveRound(nurseWho), base: () => saveRound(service) },
  { name: `(b) rpc health_report, school (${books!.n} students)`, who: nurseEmail, target: 500, baseName: 'superuser, its statement',
    user: () => report(nurseWho, null, false), base: async () => (await baseline(null, false)).ms,
    sql: () => reportInSql(nurse!.id, null), same: same(null, false, nurseWho) },
  { name: `(b) rpc health_report, class ${cls!.name}`, who: nurseEmail, target: 500, baseName: 'superuser, its statement',
    user: () => report(nurseWho, cls!.id, false), base: async () => (await baseline(cls!.id, false)).ms,
    sql: () => reportInSql(nurse!.id, cls!.id), same: same(cls!.id, false, nurseWho) },
  { name: `(c) rpc health_report, school, masked`, who: officerEmail, target: 500, baseName: 'superuser, its statement (masked)',
    user: () => report(officerWho, null, true), base: async () => (await baseline(null, true)).ms,
    sql: () => reportInSql(officer!.id, null), same: same(null, true, officerWho) },
  { name: '(d) HTTP round trip: rpc health_label', who: nurseEmail, target: null, baseName: 'service role, same call',
    user: () => label(nurseWho), base: () => label(service) },
];

console.log(`Health benchmark on ${school} of ${size.schools} schools: ${Number(size.students).toLocaleString('en')} students, ` +
  `${Number(size.measures).toLocaleString('en')} measurements, ${Number(size.screenings).toLocaleString('en')} screenings, ` +
  `${Number(size.visits).toLocaleString('en')} clinic visits, database ${size.db} (${api}); ${runs} runs after ${warmup} warm-up, ` +
  `rotating the order${o.flags['custom-plans'] ? '; in-SQL calls with plan_cache_mode = force_custom_plan' : ''}.\n`);
const f = (n: number) => n.toFixed(1);
const lines: string[] = [];
let failed = false;
for (const c of cases) {
  const agrees = c.same ? await c.same() : null;
  const u: number[] = [];
  const b: number[] = [];
  const q: number[] = [];
  const runners: [number[], () => Promise<number>][] = [[u, c.user], [b, c.base], ...(c.sql ? [[q, c.sql] as [number[], () => Promise<number>]] : [])];
  for (let i = 0; i < warmup; i++) for (const [, run] of runners) await run();
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < runners.length; k++) {
      const [into, run] = runners[(i + k) % runners.length]!;
      into.push(await run());
    }
  }
  const u95 = pct(u, 95);
  const b95 = pct(b, 95);
  // The ratio held to ≤ 1.5 compares like with like: API with API, SQL with SQL.
  const ratio = (c.sql ? pct(q, 95) : u95) / b95;
  const ok = c.target === null || (u95 < c.target && ratio <= 1.5 && agrees !== false);
  if (!ok) failed = true;
  lines.push(`| ${c.name} | ${c.who} | ${f(pct(u, 50))} / ${f(u95)} | ${c.sql ? `${f(pct(q, 50))} / ${f(pct(q, 95))}` : 'n/a'} | ` +
    `${c.baseName}: ${f(pct(b, 50))} / ${f(b95)} | ${ratio.toFixed(2)} | ${c.sql ? (u95 / b95).toFixed(2) : 'n/a'} | ` +
    `${agrees === null ? 'n/a' : agrees ? 'yes' : 'NO'} | ${c.target === null ? '—' : `p95 < ${c.target} ms, ratio ≤ 1.5: ${ok ? 'ok' : 'MISSED'}`} |`);
  process.stderr.write(`[bench-health] ${c.name}: done\n`);
}
console.log('| call | as | user, API p50 / p95 (ms) | user, in SQL p50 / p95 (ms) | baseline p50 / p95 (ms) | ' +
  'p95 ratio, same transport (API/API or SQL/SQL) | p95 ratio user API / baseline | same counts | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const l of lines) console.log(l);

if (o.flags.explain) {
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the school report's statement (superuser, masked false):\n`);
  const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${reportSql}`, [yearId, null, false, schoolId]);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the ${students.length}-row insert as the nurse (rolled back):\n`);
  const on = dates[0]!.d;
  const values = students.map((s, k) => `('${schoolId}', '${yearId}', '${cls!.id}', '${s.id}', '${on}', ${160 + (k % 20)}, ${50 + (k % 15)}, 110, 70, 80, 10, 9)`);
  const ins = await asUserSql<{ 'QUERY PLAN': string }>(nurse!.id,
    `explain (analyze, buffers) insert into public.student_measures (${COLUMNS.join(', ')}) values ${values.join(', ')}`, []);
  console.log(ins.rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await db.end();
process.exitCode = failed ? 1 : 0;
