// What row-level security costs on the district preset (scripts/generate.ts --preset district): three
// everyday reads through PostgREST, each timed as the real user (signed in, RLS applies) and as the
// service role running the SAME explicit filter (RLS bypassed), with the rows checked identical.
//   (a) a subject teacher lists the students of the classes they teach
//   (b) a homeroom teacher lists their class with enrolments and students embedded
//   (c) BGH lists grade 10 (classes with enrolments and students embedded)
// Embeds name their foreign key: the composite same-school keys (migration 001001) make plain embeds
// ambiguous (PGRST201).
// Page size 50, ordered; warm-up, then `runs` runs side by side; prints p50/p95 and the ratio.
// Targets: p95 < 50 ms; ratio ≤ 1.5 (or difference < 5 ms).
//
//   node --import tsx scripts/bench-rls.ts [--api http://127.0.0.1:54321] [--db postgres://…54322/postgres] [--runs 200]
import { benchOptions, benchSchool, sideBySide, signIn } from './bench-common.ts';

const o = benchOptions({ runs: 200, warmup: 20 });
const { api, runs, warmup, school, anonKey, serviceKey } = o;

// ---------------------------------------------------------------------------------------------------
// Who and what: picked with the superuser (setup only, never timed).
// ---------------------------------------------------------------------------------------------------
const { db, yearId } = await benchSchool(o);
// (a) the subject teacher of the school with the most classes (none of them their homeroom class).
const { rows: [teacher] } = await db.query<{ email: string; id: string; class_ids: string[] }>(
  `select p.email, p.id, array_agg(distinct a.class_id::text) as class_ids
   from public.teaching_assignments a join public.profiles p on p.id = a.teacher_id
   where a.school_year_id = $1 and a.ended_at is null
     and not exists (select 1 from public.classes c where c.homeroom_teacher_id = p.id and c.school_year_id = $1)
   group by p.email, p.id order by count(distinct a.class_id) desc, p.email limit 1`, [yearId]);
// (b) the homeroom teacher of 10A1.
const { rows: [homeroom] } = await db.query<{ email: string; class_id: string }>(
  `select p.email, c.id as class_id from public.classes c join public.profiles p on p.id = c.homeroom_teacher_id
   where c.school_year_id = $1 and c.name = '10A1'`, [yearId]);
await db.end();
const bgh = `bgh@${school}.bench.local`;

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------
async function get(path: string, apikey: string, token: string): Promise<{ ms: number; rows: unknown[] }> {
  const t0 = performance.now();
  const res = await fetch(`${api}/rest/v1/${path}`, { headers: { apikey, authorization: `Bearer ${token}` } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return { ms, rows: JSON.parse(text) as unknown[] };
}

/** Canonical form for comparison: arrays of objects sorted by id, recursively. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a = v.map(canonical);
    return a.every((x) => x && typeof x === 'object' && 'id' in (x as object))
      ? a.sort((x, y) => String((x as { id: string }).id).localeCompare(String((y as { id: string }).id))) : a;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}

const cases: { name: string; who: string; path: string }[] = [
  {
    name: '(a) subject teacher: students of their classes',
    who: teacher!.email,
    path: `students?select=id,student_code,family_name,middle_name,given_name,gender,birth_date,enrolments!inner(class_id)` +
      `&enrolments.class_id=in.(${teacher!.class_ids.join(',')})&order=id&limit=50`,
  },
  {
    name: '(b) homeroom teacher: class with enrolments + students',
    who: homeroom!.email,
    path: `enrolments?class_id=eq.${homeroom!.class_id}&select=id,student_id,started_on,start_reason,ended_on,end_reason,` +
      `students(id,student_code,full_name,gender,birth_date)&order=id&limit=50`,
  },
  {
    name: '(c) BGH: grade 10 classes with enrolments + students',
    who: bgh,
    path: `classes?school_year_id=eq.${yearId}&grade=eq.10&select=id,name,homeroom_teacher_id,` +
      `enrolments(id,started_on,ended_on,students(id,student_code,full_name,birth_date))&order=name&limit=50`,
  },
];

console.log(`RLS benchmark on ${school} (${api}), ${runs} runs after ${warmup} warm-up, page size 50\n`);
const results: string[] = [];
let failed = false;
for (const c of cases) {
  const token = await signIn(o, c.who);
  const asUser = await get(c.path, anonKey, token);
  const asService = await get(c.path, serviceKey, serviceKey);
  const same = JSON.stringify(canonical(asUser.rows)) === JSON.stringify(canonical(asService.rows));
  if (!same || asUser.rows.length === 0) {
    failed = true;
    console.error(`${c.name}: rows differ or empty (user ${asUser.rows.length}, service ${asService.rows.length})`);
  }
  const { u50, u95, s50, s95 } = await sideBySide(o,
    async () => (await get(c.path, anonKey, token)).ms,
    async () => (await get(c.path, serviceKey, serviceKey)).ms);
  const ratio = u95 / s95;
  const ok = u95 < 50 && (ratio <= 1.5 || u95 - s95 < 5);
  if (!ok) failed = true;
  results.push(`| ${c.name} | ${c.who} | ${asUser.rows.length} | ${u50.toFixed(1)} / ${u95.toFixed(1)} | ${s50.toFixed(1)} / ${s95.toFixed(1)} | ${ratio.toFixed(2)} | ${same ? 'yes' : 'NO'} | ${ok ? 'ok' : 'MISSED'} |`);
}
console.log('| query | as | rows | user p50 / p95 (ms) | service p50 / p95 (ms) | p95 ratio | same rows | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) console.log(r);
process.exitCode = failed ? 1 : 0;
