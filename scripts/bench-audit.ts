// What reading the audit log row by row costs (issue 11, finding 1) on the district preset
// (scripts/generate.ts --preset district). Every entry is reduced, at read time, to the rows the reader
// reads in the table it describes (rpc/audit_entries, 20261122003000); the service role reads entries
// whole. Timed through PostgREST as the real users of one school — the admin board (bgh@, who reads
// everything of the school: its rows must equal the service role's), the homeroom teacher of 10A1, the
// subject teacher with the most classes and a parent of a 10A1 student — side by side with the service
// role making the same call:
//   (a) rpc/entry_history of one cell (what the Sổ điểm grid's "Lịch sử ô" asks);
//   (b) rpc/audit_entries, the newest 50 entries of the school (a "Nhật ký" page);
//   (c) rpc/audit_entries, the newest 50 entries about one student.
// Setup, once per database (superuser, never timed): the generator loads the gradebook without
// triggers, so the school's year of score entries is rewritten, unchanged, one statement per column of
// a class (class × subject × semester × kind × seq: one audited save each, as a teacher's), plus one
// statement over the whole school (every class's Toán ĐĐGck: an import), so the log holds what a year
// of entering makes; and a parent account (phuhuynh@<school>.bench.local) is linked to a 10A1 student.
// Warm-up, then `runs` runs alternating; prints p50/p95 and the p95 ratio.
//
//   NODE_OPTIONS=--experimental-websocket node --import tsx scripts/bench-audit.ts [--api URL] [--db URL] [--runs 50]
import bcrypt from 'bcryptjs';
import { benchOptions, benchSchool, sideBySide, signIn } from './bench-common.ts';
import { DEMO_PASSWORD } from '../supabase/seed/demo.ts';
import { stableId } from '../supabase/seed/school.ts';

const o = benchOptions({ runs: 50, warmup: 5 });
const { api, runs, warmup, school, anonKey, serviceKey } = o;

// ---------------------------------------------------------------------------------------------------
// Setup (superuser, never timed)
// ---------------------------------------------------------------------------------------------------
const { db, schoolId, yearId } = await benchSchool(o);
const { rows: [logged] } = await db.query<{ n: number }>(
  `select count(*)::int as n from public.audit_log where school_id = $1 and school_year_id = $2 and table_name = 'score_entries'`, [schoolId, yearId]);
if (logged!.n < 100) {
  const t0 = performance.now();
  console.log(`Writing a year of audited saves in ${school} (once)…`);
  await db.query(`
    do $$
    declare col record;
    begin
      for col in select distinct class_id, subject_id, semester, kind, seq from public.score_entries
                 where school_id = '${schoolId}' and school_year_id = '${yearId}' order by 1, 2, 3, 4, 5
      loop
        update public.score_entries set score = score
        where class_id = col.class_id and subject_id = col.subject_id and semester is not distinct from col.semester
          and kind = col.kind and seq = col.seq;
      end loop;
      update public.score_entries set score = score
      where school_id = '${schoolId}' and school_year_id = '${yearId}' and semester = 1 and kind = 'ck'
        and subject_id = (select id from public.subjects where school_level = 'upper_secondary' and code = 'toan');
    end $$`);
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

// The parent: the first guardian of the first student (by code) of this year's 10A1.
const parentEmail = `phuhuynh@${school}.bench.local`;
const { rows: [child] } = await db.query<{ student_id: string; guardian_id: string; class_id: string }>(
  `select e.student_id, g.id as guardian_id, e.class_id from public.enrolments e
   join public.classes c on c.id = e.class_id join public.students s on s.id = e.student_id
   join public.guardians g on g.student_id = e.student_id
   where c.school_year_id = $1 and c.name = '10A1' order by s.student_code, g.relationship limit 1`, [yearId]);
const parentId = stableId('bench', parentEmail);
await db.query('begin');
await db.query(`insert into auth.users (id, instance_id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
                  raw_user_meta_data, created_at, updated_at)
                values ($1, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', $2, $3, now(),
                  '{"provider":"email","providers":["email"]}', '{"full_name":"Phụ huynh thử tải"}', now(), now()) on conflict do nothing`,
  [parentId, parentEmail, bcrypt.hashSync(DEMO_PASSWORD, 10)]);
await db.query(`insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
                values ($1::text, $2::uuid, jsonb_build_object('sub', $1::text, 'email', $3::text, 'email_verified', true), 'email', now(), now())
                on conflict do nothing`, [parentId, parentId, parentEmail]);
await db.query(`insert into public.profiles (id, full_name, email) values ($1, 'Phụ huynh thử tải', $2) on conflict do nothing`, [parentId, parentEmail]);
await db.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'guardian') on conflict do nothing`,
  [parentId, schoolId, yearId]);
await db.query(`update public.guardians set profile_id = $1 where id = $2 and profile_id is distinct from $1`, [parentId, child!.guardian_id]);
await db.query('commit');

// The homeroom teacher of 10A1; the subject teacher with the most classes whose sheets hold entries
// (none of them its homeroom class).
const { rows: [homeroom] } = await db.query<{ email: string }>(
  `select p.email from public.classes c join public.profiles p on p.id = c.homeroom_teacher_id where c.id = $1`, [child!.class_id]);
const { rows: [teacher] } = await db.query<{ email: string; class_id: string; subject_id: string; student_id: string }>(
  `with scored as (
     select a.* from public.teaching_assignments a
     where a.school_year_id = $1 and a.ended_at is null
       and exists (select 1 from public.score_entries x where x.class_id = a.class_id and x.subject_id = a.subject_id)
       and not exists (select 1 from public.classes c where c.homeroom_teacher_id = a.teacher_id and c.school_year_id = $1)
   ), t as (
     select teacher_id, count(distinct class_id) as n from scored group by teacher_id order by n desc, teacher_id limit 1
   )
   select p.email, a.class_id, a.subject_id, (select e.student_id from public.enrolments e where e.class_id = a.class_id order by e.student_id limit 1) as student_id
   from t join public.profiles p on p.id = t.teacher_id join scored a on a.teacher_id = t.teacher_id
   order by a.class_id, a.subject_id limit 1`, [yearId]);
const { rows: [toan] } = await db.query<{ id: string }>(`select id from public.subjects where school_level = 'upper_secondary' and code = 'toan'`);
const { rows: [stats] } = await db.query<{ entries: number; rows: number; size: string; school_entries: number; school_rows: number; biggest: number }>(
  `select count(*)::int as entries,
          sum(jsonb_array_length(coalesce(old_rows, '[]')) + jsonb_array_length(coalesce(new_rows, '[]')))::int as rows,
          pg_size_pretty(pg_total_relation_size('public.audit_log')) as size,
          count(*) filter (where school_id = $1)::int as school_entries,
          sum(jsonb_array_length(coalesce(old_rows, '[]')) + jsonb_array_length(coalesce(new_rows, '[]'))) filter (where school_id = $1)::int as school_rows,
          max(jsonb_array_length(coalesce(old_rows, '[]')) + jsonb_array_length(coalesce(new_rows, '[]'))) filter (where school_id = $1)::int as biggest
   from public.audit_log`, [schoolId]);
await db.end();

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------
type Entry = { id?: number; audit_id?: number; old_rows?: unknown[] | null; new_rows?: unknown[] | null };
async function rpc(fn: string, args: object, token: string): Promise<{ ms: number; body: Entry[] }> {
  const t0 = performance.now();
  const res = await fetch(`${api}/rest/v1/rpc/${fn}`, {
    method: 'POST', headers: { apikey: token === serviceKey ? serviceKey : anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${fn}: ${res.status} ${text}`);
  return { ms, body: JSON.parse(text) as Entry[] };
}
const rowsOf = (es: Entry[]) => es.reduce((n, e) => n + (e.old_rows?.length ?? 0) + (e.new_rows?.length ?? 0), 0);
const idOf = (e: Entry) => e.id ?? e.audit_id;

const cell = (student: string, subject: string) => ({ p_student_id: student, p_subject_id: subject, p_school_year_id: yearId, p_semester: 1, p_kind: 'tx', p_seq: 1 });
// `reads`: whether the user reads the cell of (a) in score_entries (a parent does not: the family sees
// published results, rpc/my_results), so its history must be empty.
const who = [
  { role: 'admin board', email: `bgh@${school}.bench.local`, student: child!.student_id, subject: toan!.id, whole: true, reads: true },
  { role: 'homeroom teacher', email: homeroom!.email, student: child!.student_id, subject: toan!.id, whole: false, reads: true },
  { role: 'subject teacher', email: teacher!.email, student: teacher!.student_id, subject: teacher!.subject_id, whole: false, reads: true },
  { role: 'parent', email: parentEmail, student: child!.student_id, subject: toan!.id, whole: false, reads: false },
];

console.log(`Audit log read by row on ${school} (${api}), ${runs} runs after ${warmup} warm-up`);
console.log(`audit_log: ${stats!.entries} entries, ${stats!.rows} rows, ${stats!.size}; ${school}: ${stats!.school_entries} entries, ` +
  `${stats!.school_rows} rows, the largest ${stats!.biggest} rows\n`);
const results: string[] = [];
let failed = false;
for (const u of who) {
  const token = await signIn(o, u.email);
  const reads = [
    { name: '(a) entry_history of a cell', fn: 'entry_history', args: cell(u.student, u.subject) },
    { name: '(b) newest 50 of the school', fn: 'audit_entries', args: { p_school_id: schoolId, p_limit: 50 } },
    { name: '(c) newest 50 about a student', fn: 'audit_entries', args: { p_school_id: schoolId, p_student_id: u.student, p_limit: 50 } },
  ];
  for (const r of reads) {
    const mine = await rpc(r.fn, r.args, token);
    const all = await rpc(r.fn, r.args, serviceKey);
    // The reader's entries are among the service role's (every entry of the school); the admin board's
    // are the same entries with the same rows.
    // (audit_entries pages differ: the user's 50 newest readable entries reach further back.)
    const allIds = new Set(all.body.map(idOf));
    const subset = r.fn === 'audit_entries' || mine.body.every((e) => allIds.has(idOf(e)));
    const same = JSON.stringify(mine.body) === JSON.stringify(all.body);
    const expectEmpty = r.fn === 'entry_history' && !u.reads;
    if ((u.whole && !same) || !subset || (mine.body.length === 0) !== expectEmpty || all.body.length === 0) {
      failed = true;
      console.error(`${u.role} ${r.name}: ${mine.body.length} entries (service ${all.body.length}), ${u.whole ? 'not the same as the service role\'s' : 'unexpected'}`);
    }
    const { u50, u95, s50, s95 } = await sideBySide(o, async () => (await rpc(r.fn, r.args, token)).ms, async () => (await rpc(r.fn, r.args, serviceKey)).ms);
    const shown = (es: Entry[]) => (r.fn === 'entry_history' ? `${es.length}` : `${es.length} / ${rowsOf(es)}`);
    results.push(`| ${r.name} | ${u.role} | ${shown(mine.body)} | ${shown(all.body)} | ` +
      `${u50.toFixed(1)} / ${u95.toFixed(1)} | ${s50.toFixed(1)} / ${s95.toFixed(1)} | ${(u95 / s95).toFixed(2)} |`);
  }
}
console.log('| read | as | entries (/ rows) shown | service role: entries (/ rows) | user p50 / p95 (ms) | service p50 / p95 (ms) | p95 ratio |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) console.log(r);

// Nothing of this touched what the entries hold: every chain of the school still verifies (not timed
// as a read; it rehashes every entry).
const check = await benchSchool(o);
const t0 = performance.now();
const { rows: chains } = await check.db.query<{ year: string | null; broken: string | null }>(
  `select nullif(c.school_year_key, '00000000-0000-0000-0000-000000000000') as year,
          public.verify_audit_chain(c.school_id, nullif(c.school_year_key, '00000000-0000-0000-0000-000000000000')) as broken
   from public.audit_chains c where c.school_id = $1`, [check.schoolId]);
await check.db.end();
const broken = chains.filter((c) => c.broken !== null);
if (broken.length > 0) failed = true;
console.log(`\nverify_audit_chain on ${school}'s ${chains.length} chains: ${broken.length === 0 ? 'all intact' : `BROKEN ${JSON.stringify(broken)}`} ` +
  `(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
process.exitCode = failed ? 1 : 0;
