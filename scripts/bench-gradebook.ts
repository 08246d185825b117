// The gradebook on the district preset (scripts/generate.ts --preset district, which enters a full year
// of scores): the two calls a teacher waits on, each timed as the real user through PostgREST (signed in,
// RLS and the RPC's checks apply) and as the service role making the same call (RLS bypassed; the RPCs
// let the service role through their caller checks), side by side.
//   (a) the assigned subject teacher saves a whole column (ĐĐGtx 1 of semester I) of the largest class
//       through rpc/save_score_entries: every iteration changes every value, so each save really writes
//       (and runs the table's rule, lock and audit triggers), with the versions returned by the previous
//       save, as the grid does. Target p95 < 150 ms.
//   (b) the homeroom teacher of a 40-student class reads rpc/class_summary for semester I and for the
//       year. Target p95 < 100 ms.
// Warm-up, then `runs` runs alternating user and service role; prints p50/p95 and the p95 ratio.
//
//   node --import tsx scripts/bench-gradebook.ts [--api http://127.0.0.1:54321] [--db postgres://…54322/postgres] [--runs 100]
import { benchOptions, benchSchool, sideBySide, signIn } from './bench-common.ts';

const o = benchOptions({ runs: 100, warmup: 10 });
const { api, runs, warmup, school, anonKey, serviceKey } = o;

// ---------------------------------------------------------------------------------------------------
// Who and what: picked with the superuser (setup only, never timed).
// ---------------------------------------------------------------------------------------------------
const { db, yearId } = await benchSchool(o);
// (a) the largest class, its Toán column and the teacher assigned to it.
const { rows: [col] } = await db.query<{ class_id: string; class_name: string; subject_id: string; email: string; n: number }>(
  `select c.id as class_id, c.name as class_name, s.id as subject_id, p.email, count(e.student_id)::int as n
   from public.classes c
   join public.enrolments e on e.class_id = c.id and e.ended_on is null
   join public.subjects s on s.school_level = 'upper_secondary' and s.code = 'toan'
   join public.teaching_assignments a on a.class_id = c.id and a.subject_id = s.id and a.ended_at is null and 1 between a.from_semester and a.to_semester
   join public.profiles p on p.id = a.teacher_id
   where c.school_year_id = $1
   group by c.id, c.name, s.id, p.email order by count(e.student_id) desc, c.name limit 1`, [yearId]);
const { rows: current } = await db.query<{ student_id: string; version: number | null }>(
  `select e.student_id, x.version from public.enrolments e
   left join public.score_entries x on x.student_id = e.student_id and x.subject_id = $2 and x.school_year_id = $3
     and x.semester = 1 and x.kind = 'tx' and x.seq = 1
   where e.class_id = $1 and e.ended_on is null order by e.student_id`, [col!.class_id, col!.subject_id, yearId]);
// (b) a class of 40 (or the closest) and its homeroom teacher.
const { rows: [hr] } = await db.query<{ class_id: string; class_name: string; email: string; n: number }>(
  `select c.id as class_id, c.name as class_name, p.email, count(e.student_id)::int as n
   from public.classes c join public.profiles p on p.id = c.homeroom_teacher_id
   join public.enrolments e on e.class_id = c.id and e.ended_on is null
   where c.school_year_id = $1 group by c.id, c.name, p.email order by abs(count(e.student_id) - 40), c.name limit 1`, [yearId]);
const { rows: [entries] } = await db.query<{ n: string }>(`select count(*)::text as n from public.score_entries`);
await db.end();

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------
async function rpc<T>(fn: string, args: object, apikey: string, token: string): Promise<{ ms: number; body: T }> {
  const t0 = performance.now();
  const res = await fetch(`${api}/rest/v1/rpc/${fn}`, {
    method: 'POST', headers: { apikey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${fn}: ${res.status} ${text}`);
  return { ms, body: JSON.parse(text) as T };
}

type Who = { apikey: string; token: string };
interface Case { name: string; who: string; target: number; call: (as: Who) => Promise<number> }

// (a) one column; versions carried from save to save (both callers write the same cells, in turn).
const versions = new Map(current.map((r) => [r.student_id, r.version]));
let iteration = 0;
async function saveColumn(as: Who): Promise<number> {
  iteration += 1;
  const changes = current.map((r, k) => ({
    student_id: r.student_id, kind: 'tx', seq: 1,
    value: ((iteration * 7 + k * 3) % 91 + 10) / 10, // 1.0 … 10.0, different every iteration
    version: versions.get(r.student_id) ?? null,
  }));
  const { ms, body } = await rpc<{ saved: number; entries: { student_id: string; version: number }[] }>('save_score_entries', {
    p_class_id: col!.class_id, p_subject_id: col!.subject_id, p_semester: 1, p_changes: changes,
  }, as.apikey, as.token);
  if (body.saved !== changes.length || body.entries.length !== changes.length) throw new Error(`saved ${body.saved} of ${changes.length}`);
  for (const e of body.entries) versions.set(e.student_id, e.version);
  return ms;
}
async function summary(as: Who, semester: number | null): Promise<number> {
  const { ms, body } = await rpc<{ students: unknown[] }>('class_summary', { p_class_id: hr!.class_id, p_semester: semester }, as.apikey, as.token);
  if (body.students.length < hr!.n) throw new Error(`class_summary returned ${body.students.length} of ${hr!.n} students`);
  return ms;
}

const cases: Case[] = [
  { name: `(a) save_score_entries: ${col!.class_name} Toán, TX1 HK I, ${current.length} students`, who: col!.email, target: 150, call: (as) => saveColumn(as) },
  { name: `(b) class_summary ${hr!.class_name} (${hr!.n} students), HK I`, who: hr!.email, target: 100, call: (as) => summary(as, 1) },
  { name: `(b) class_summary ${hr!.class_name} (${hr!.n} students), year`, who: hr!.email, target: 100, call: (as) => summary(as, null) },
];

console.log(`Gradebook benchmark on ${school} (${api}; ${Number(entries!.n).toLocaleString('en')} score entries in the database), ` +
  `${runs} runs after ${warmup} warm-up\n`);
const service: Who = { apikey: serviceKey, token: serviceKey };
const results: string[] = [];
let failed = false;
for (const c of cases) {
  const user: Who = { apikey: anonKey, token: await signIn(o, c.who) };
  const { u50, u95, s50, s95 } = await sideBySide(o, () => c.call(user), () => c.call(service));
  const ok = u95 < c.target;
  if (!ok) failed = true;
  results.push(`| ${c.name} | ${c.who} | ${u50.toFixed(1)} / ${u95.toFixed(1)} | ${s50.toFixed(1)} / ${s95.toFixed(1)} | ${(u95 / s95).toFixed(2)} | < ${c.target} ms: ${ok ? 'ok' : 'MISSED'} |`);
}
console.log('| call | as | user p50 / p95 (ms) | service p50 / p95 (ms) | p95 ratio | target (user p95) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of results) console.log(r);
process.exitCode = failed ? 1 : 0;
