// The restore drill on a generated school (issue 19), through the running stack as the people who do it:
// IT staff back the school up (the job: snapshot, encrypted parts, archived files, manifest), the data
// are changed and deleted, IT staff request a restore, the principal approves, the job loads the parts
// into a fresh schema, checks them (every table's hash, every audit chain) and replaces the school's data.
// Prints the sizes and the time of each phase, then checks, as the database owner, that every restored
// table equals the backup's hash and every chain of the school verifies.
//
//   node --experimental-websocket --import tsx scripts/drill-restore.ts [--school school-01]
// on the district preset (node --import tsx scripts/generate.ts --preset district) under `npm start`.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../supabase/functions/_shared/database.ts';
import { DEMO_PASSWORD } from '../supabase/seed/demo.ts';
import { benchOptions, benchSchool, signIn } from './bench-common.ts';

const o = benchOptions({ runs: 1, warmup: 0 });
const { db, schoolId, yearId } = await benchSchool(o);
const svc = createClient<Database>(o.api, o.serviceKey, { auth: { persistSession: false } });
const as = async (email: string): Promise<SupabaseClient<Database>> =>
  createClient<Database>(o.api, o.anonKey, { global: { headers: { Authorization: `Bearer ${await signIn(o, email)}` } }, auth: { persistSession: false } });
const ms = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

// IT staff of the school (the generator makes none): an account of the drill's own.
const itEmail = `cntt@${o.school}.bench.local`;
const created = await svc.auth.admin.createUser({ email: itEmail, password: DEMO_PASSWORD, email_confirm: true });
const itId = created.data.user?.id ?? (await db.query(`select id from auth.users where email = $1`, [itEmail])).rows[0].id;
await db.query(`insert into public.profiles (id, full_name, email) values ($1, 'Cán bộ CNTT', $2) on conflict (id) do nothing`, [itId, itEmail]);
await db.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'it_staff') on conflict do nothing`, [itId, schoolId, yearId]);
const it = await as(itEmail);
const principal = await as(`bgh@${o.school}.bench.local`);

async function job(id: string): Promise<{ status: string; steps: { seq: number; params: { part: string }; created_at: string; updated_at: string }[] }> {
  for (;;) {
    const { data } = await svc.from('jobs').select('status').eq('id', id).single();
    if (data?.status === 'done' || data?.status === 'failed') {
      const { data: steps } = await svc.from('job_steps').select('seq, params, created_at, updated_at, error').eq('job_id', id).order('seq');
      if (data.status === 'failed') console.log(steps?.filter((s) => s.error).slice(0, 3));
      return { status: data.status, steps: steps as never };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
/** Seconds spent in each kind of step (from the first step's start to each kind's last finish). */
function phases(steps: { params: { part: string }; created_at: string; updated_at: string }[]): string {
  const start = Math.min(...steps.map((s) => Date.parse(s.created_at)));
  const byPart = new Map<string, number>();
  for (const s of steps) byPart.set(s.params.part, Math.max(byPart.get(s.params.part) ?? 0, Date.parse(s.updated_at)));
  return [...byPart].map(([part, end]) => `${part} done at ${((end - start) / 1000).toFixed(1)} s`).join(', ');
}

const size = (await db.query(`select (select count(*) from public.score_entries where school_id = $1) as scores,
                                     (select count(*) from public.students where school_id = $1) as students,
                                     (select count(*) from public.audit_log where school_id = $1) as audit,
                                     pg_size_pretty(pg_database_size(current_database())) as db`, [schoolId])).rows[0];
console.log(`school ${o.school}: ${size.students} students, ${size.scores} score entries, ${size.audit} audit entries; database ${size.db}`);

// ── backup ──
let t = performance.now();
const { data: started, error: startError } = await it.rpc('start_backup', { p_school_id: schoolId, p_kind: 'year', p_school_year_id: yearId });
if (startError) throw new Error(startError.message);
const backupJob = await job((started as { job_id: string }).job_id);
const backupTime = ms(t);
const { data: backup } = await svc.from('backups').select('id, status, row_count, byte_size, manifest').eq('id', (started as { backup_id: string }).backup_id).single();
const manifest = backup!.manifest as { tables: Record<string, { rows: number; sha256: string; restored: boolean }>; files: { kind: string }[] };
console.log(`backup: ${backupJob.status} in ${backupTime} — ${backup!.row_count} rows, ${(Number(backup!.byte_size) / 1_048_576).toFixed(1)} MB encrypted, ` +
  `${manifest.files.filter((f) => f.kind === 'part').length} parts, ${manifest.files.filter((f) => f.kind === 'object').length} archived files; ${phases(backupJob.steps)}`);

// ── change and delete ──
await db.query(`update public.students set family_name = family_name || ' (sai)' where id in (select id from public.students where school_id = $1 order by id limit 50)`, [schoolId]);
await db.query(`delete from public.guardians where id in (select id from public.guardians where school_id = $1 order by id limit 50)`, [schoolId]);

// ── restore ──
t = performance.now();
const { data: requestId, error: requestError } = await it.rpc('request_restore', { p_backup_id: backup!.id, p_reason: 'Diễn tập khôi phục dữ liệu (scripts/drill-restore.ts)' });
if (requestError) throw new Error(requestError.message);
const { data: decided, error: decideError } = await principal.rpc('decide_restore', { p_request_id: requestId as string, p_approve: true, p_note: 'Diễn tập' });
if (decideError) throw new Error(decideError.message);
const decideTime = ms(t);
t = performance.now();
const restoreJob = await job((decided as { job_id: string }).job_id);
const restoreTime = ms(t);
const { data: request } = await svc.from('restore_requests').select('status, report').eq('id', requestId as string).single();
console.log(`restore: request + decision (fresh schema made) ${decideTime}; job ${restoreJob.status} in ${restoreTime} → ${request!.status}; ${phases(restoreJob.steps)}`);

// ── verify as the owner ──
t = performance.now();
await db.query(`set timezone = 'UTC'`);
const bad: string[] = [];
for (const [table, m] of Object.entries(manifest.tables)) {
  if (!m.restored) continue;
  const { rows: [h] } = await db.query(
    `select count(*)::int as n, private.rows_hash(array_agg(extensions.digest(convert_to(to_jsonb(x)::text, 'UTF8'), 'sha256'))) as sha from public.${table} x where x.school_id = $1`, [schoolId]);
  if (h.n !== m.rows || h.sha !== m.sha256) bad.push(`${table} (${h.n} rows, backup ${m.rows})`);
}
const { rows: chains } = await db.query(`select school_year_key from public.audit_chains where school_id = $1`, [schoolId]);
let broken = 0;
for (const c of chains) {
  const year = c.school_year_key === '00000000-0000-0000-0000-000000000000' ? null : c.school_year_key;
  if ((await db.query(`select public.verify_audit_chain($1, $2) as b`, [schoolId, year])).rows[0].b !== null) broken++;
}
const entry = (await db.query(`select count(*)::int as n from public.audit_log where school_id = $1 and table_name = 'restore_requests' and new_rows -> 0 ->> 'status' = 'applied'`, [schoolId])).rows[0].n;
console.log(`verified in ${ms(t)}: ${Object.values(manifest.tables).filter((m) => m.restored).length} restored tables, ${bad.length ? `DIFFERENT: ${bad.join(', ')}` : 'every one equals the backup'}; ` +
  `${chains.length} audit chains, ${broken} broken; restore entries in the audit log: ${entry}`);
await db.end();
process.exit(bad.length || broken || request!.status !== 'applied' ? 1 : 0);
