// Signing (issue 15), side by side in one run:
//   (a) one signature of one transcript year (2 pages), in this process: the bare cryptographic operation
//       (ECDSA P-256 over a hash) vs the whole signature (incremental update with its appearance, signed
//       attributes, the signature, an RFC 3161 timestamp, the CMS embedded), p50/p95 — with the local
//       signer, and with the remote signer against a fake remote service (HTTP on loopback, approving at
//       once: the time a person takes on their phone is not the product's).
//   (b) a class batch through the running stack (40 files × one signature): `sign` start → the jobs worker
//       prepares the files → approve with the PIN → every file signed, timestamped and recorded; wall time
//       of each phase. Target: under 10 s. Each run signs a (class, subject) of the demo THPT's finished
//       years not yet signed: `npm run db:reset` gives them all back.
//
//   node --experimental-websocket --import tsx scripts/bench-sign.ts [--runs 30] [--warmup 3]
import fs from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import { benchOptions, pct } from './bench-common.ts';
import { assertLocalDatabase, DEMO_PASSWORD } from '../supabase/seed/demo.ts';
import pg from 'pg';
import type { Database } from '../supabase/functions/_shared/database.ts';
import { transcriptDataSchema } from '../supabase/functions/_shared/contracts/print.ts';
import { renderTranscript } from '../supabase/functions/_shared/pdf/render.ts';
import { createRoot, createSchoolCa, createTsa, issueSigning } from '../supabase/functions/_shared/signing/ca.ts';
import { assembleCms, hashToSign, timestampToken } from '../supabase/functions/_shared/signing/cms.ts';
import { embedSignature, prepareSignature, vietnamIso } from '../supabase/functions/_shared/signing/pades.ts';
import { newSerial, signHash } from '../supabase/functions/_shared/signing/pki.ts';
import { LocalSigner, RemoteSigner, type Signer } from '../supabase/functions/_shared/signing/signer.ts';
import { fakeRemoteSigner } from '../tests/helpers/fakeRemoteSigner.ts';

const o = benchOptions({ runs: 30, warmup: 3 });
const font = fs.readFileSync('node_modules/@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const now = new Date();

// ── (a) in this process ──
const root = await createRoot(now);
const ca = await createSchoolCa(now, 'Trường THPT Tân Đông', root, 'http://127.0.0.1/crl/root.crl');
const tsa = await createTsa(now, root, 'http://127.0.0.1/crl/root.crl');
const person = await issueSigning(now, { commonName: 'Nguyễn Văn Toán' }, ca, 'http://127.0.0.1/crl/ca.crl');
const chain = [person.certificate, ca.certificate, root.certificate];
const data = transcriptDataSchema.parse(JSON.parse(fs.readFileSync('tests/fixtures/transcript-thpt.json', 'utf8')));
const one = { ...data, years: data.years.slice(0, 1) };
const base = await renderTranscript(one, { issuedOn: data.today }, false);
const slot = `sig.${one.years[0]!.school_year_id}.homeroom`;

// The fake remote service (the VNPT SmartCA / Viettel MySign shape RemoteSigner speaks), approving at once.
const fake = await fakeRemoteSigner({ clientId: 'bench', clientSecret: 'bench', credentialId: 'gv.toan', key: person.key, chain });
const remote = new RemoteSigner({ baseUrl: fake.url, clientId: 'bench', clientSecret: 'bench', credentialId: 'gv.toan' });
const local = new LocalSigner(person.key, chain);

async function oneSignature(signer: Signer): Promise<number> {
  const t = performance.now();
  const p = await prepareSignature(base, { place: { slot }, appearance: { kind: 'person', name: 'Nguyễn Văn Toán', time: vietnamIso(now) }, signerName: 'Nguyễn Văn Toán', reason: 'Bench', location: 'Tân Đông', signingTime: now, font });
  const tx = await signer.start([await hashToSign(p.digest, chain[0]!)], 'Bench');
  const r = await signer.poll(tx.transactionId);
  if (r.status !== 'approved') throw new Error(r.status);
  const ts = await timestampToken({ data: r.signatures[0]!, tsa: { key: tsa.key, chain: [tsa.certificate, root.certificate] }, serial: newSerial(), at: now });
  embedSignature(p, await assembleCms({ documentDigest: p.digest, chain: r.chain, signature: r.signatures[0]!, timestampToken: ts }));
  return performance.now() - t;
}
const bare = () => {
  const h = crypto.getRandomValues(new Uint8Array(32));
  const t = performance.now();
  signHash(person.key, h);
  return performance.now() - t;
};

const series: Record<string, number[]> = { bare: [], local: [], remote: [] };
const firstLocal = await oneSignature(local);
for (let i = 0; i < o.warmup; i++) {
  bare();
  await oneSignature(local);
  await oneSignature(remote);
}
for (let i = 0; i < o.runs; i++) {
  series.bare!.push(bare());
  series.local!.push(await oneSignature(local));
  series.remote!.push(await oneSignature(remote));
}
await fake.close();
const f = (n: number) => n.toFixed(n < 10 ? 2 : 0).padStart(7);
console.log(`Signing bench (${o.runs} runs after ${o.warmup} warm-up; ECDSA P-256, SHA-256)\n`);
console.log('(a) one signature of a transcript year (2 pages)        first     p50     p95   ratio p50 to bare');
console.log(`    bare ECDSA over a hash (noble)                              ${f(pct(series.bare!, 50))} ${f(pct(series.bare!, 95))}`);
console.log(`    whole signature, local signer                     ${f(firstLocal)} ${f(pct(series.local!, 50))} ${f(pct(series.local!, 95))}   ${(pct(series.local!, 50) / pct(series.bare!, 50)).toFixed(0)}×`);
console.log(`    whole signature, remote signer (fake, loopback)           ${f(pct(series.remote!, 50))} ${f(pct(series.remote!, 95))}   ${(pct(series.remote!, 50) / pct(series.bare!, 50)).toFixed(0)}×`);

// ── (b) a class batch through the stack ──
const db = new pg.Client({ connectionString: o.dbUrl });
await db.connect();
await assertLocalDatabase(db);
const { rows: [target] } = await db.query<{ class_id: string; class_name: string; year: string; subject_id: string; subject: string; teacher_id: string; email: string; school_id: string; n: number }>(`
  select c.id as class_id, c.name as class_name, y.code as year, s.id as subject_id, s.name as subject, a.teacher_id, p.email, c.school_id,
         (select count(*)::int from public.enrolments e where e.class_id = c.id and e.end_reason is distinct from 'class_change') as n
  from public.classes c join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = c.school_id
  join public.teaching_assignments a on a.class_id = c.id and a.ended_at is null
  join public.subjects s on s.id = a.subject_id and s.category <> 'topic'
  join public.profiles p on p.id = a.teacher_id
  where o.code = 'thpt-tandong' and y.code in ('2024-2025', '2025-2026') and private.gradebook_locked(y.id, null, c.id, null)
    -- a GVCN signs their own subject with the class (one signature per person per file), not as a subject batch
    and c.homeroom_teacher_id is distinct from a.teacher_id
    and not exists (select 1 from public.signatures g where g.class_id = c.id and g.role = 'subject' and g.subject_id = s.id)
    and not exists (select 1 from public.signing_batches b where b.class_id = c.id and b.subject_id = s.id)
  order by n desc, y.code, c.name, s.sort_order limit 1`);
if (!target) throw new Error('Every subject of the finished years is signed: npm run db:reset gives them back.');
const password = `Bench-${target.teacher_id}`;
if (!['gv.toan@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn'].includes(target.email)) {
  await db.query(`update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 4)) where id = $1`, [target.teacher_id, password]);
}
const login = async (email: string, pw = DEMO_PASSWORD) => {
  const c = createClient<Database>(o.api, o.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await c.auth.signInWithPassword({ email, password: pw });
  if (error) throw new Error(`${email}: ${error.message}`);
  return c;
};
const teacher = await login(target.email, ['gv.toan@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn'].includes(target.email) ? DEMO_PASSWORD : password);
const [board, principal, clerk] = await Promise.all([login('bqt@thpt-tandong.edu.vn'), login('hieutruong@thpt-tandong.edu.vn'), login('vanthu@thpt-tandong.edu.vn')]);
const call = async (c: typeof teacher, body: unknown) => {
  const token = (await c.auth.getSession()).data.session!.access_token;
  const res = await fetch(`${o.api}/functions/v1/sign`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, apikey: o.anonKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() as Record<string, unknown> };
};
const PIN = '975310';
const { rows: [has] } = await db.query(`select id from public.certificates where profile_id = $1 and status = 'active'`, [target.teacher_id]);
if (has) {
  await call(board, { action: 'revoke', certificate_id: has.id, reason: 'Cấp lại cho bench' });
}
const { data: request, error: requestError } = await board.rpc('request_certificate', { p_school_id: target.school_id, p_profile_id: target.teacher_id });
if (requestError) throw new Error(requestError.message);
const activated = await call(teacher, { action: 'activate', request_id: request, pin: PIN });
if (activated.status !== 201) throw new Error(JSON.stringify(activated.json));
const waitJob = async (id: string) => {
  for (;;) {
    const { rows: [j] } = await db.query(`select status from public.jobs where id = $1`, [id]);
    if (j.status === 'done' || j.status === 'failed') return j.status as string;
    await new Promise((r) => setTimeout(r, 200));
  }
};
const { data: printJob, error: printError } = await clerk.rpc('create_print_job', { p_class_id: target.class_id });
if (printError) throw new Error(printError.message);
await waitJob(printJob as string);
const today = (await db.query(`select public.app_today()::text as d`)).rows[0].d as string;
const until = new Date(new Date(`${today}T00:00:00Z`).getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
const { error: windowError } = await principal.rpc('open_signing_window', { p_class_id: target.class_id, p_opens_on: today, p_closes_on: until });
if (windowError) throw new Error(windowError.message);

const t0 = performance.now();
const started = await call(teacher, { action: 'start', class_id: target.class_id, role: 'subject', subject_id: target.subject_id });
if (started.status !== 202) throw new Error(JSON.stringify(started.json));
for (;;) {
  const { rows: [b] } = await db.query(`select status from public.signing_batches where id = $1`, [started.json.batch_id]);
  if (b.status !== 'preparing') break;
  await new Promise((r) => setTimeout(r, 100));
}
const t1 = performance.now();
const approved = await call(teacher, { action: 'approve', batch_id: started.json.batch_id, pin: PIN });
const t2 = performance.now();
if (approved.status !== 200) throw new Error(JSON.stringify(approved.json));
console.log(`\n(b) a class batch through the stack: ${target.year} ${target.class_name} – ${target.subject} (${target.email}), ${approved.json.signed} files × one signature`);
console.log(`    start + the jobs worker's preparation ${((t1 - t0) / 1000).toFixed(1)} s, approval (sign, timestamp, store, record) ${((t2 - t1) / 1000).toFixed(1)} s`);
console.log(`    wall ${((t2 - t0) / 1000).toFixed(1)} s   (target < 10 s)`);
await db.end();
