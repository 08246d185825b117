// The jobs facility through the real stack: the clerk asks to print a class (2025–2026 11A2, final; its
// year transcripts are printed by no other suite); a "worker" takes three of its steps and dies (it
// claims them with a 2-second lease and never reports back); the stack's runner and the `jobs` function
// do the rest, retry the abandoned steps once their lease has expired, and the class ends with every
// student's year archived exactly once. Who may start a job, and who may call the worker, are tried too.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const ids = { school: '', past: '', p11A2: '', c10A1: '' };
let clerk: SupabaseClient<Database>, mathTeacher: SupabaseClient<Database>;

beforeAll(async () => {
  const svc = serviceClient();
  clerk = await signedIn(at('vanthu'));
  mathTeacher = await signedIn(at('gv.toan'));
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.past = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2025-2026'))).id as string;
  const current = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  ids.p11A2 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.past).eq('name', '11A2'))).id as string;
  ids.c10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', current).eq('name', '10A1'))).id as string;
});

async function waitForJob(id: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await clerk.from('jobs').select('status, total, done, failed').eq('id', id).single();
    if (data && (data.status === 'done' || data.status === 'failed')) return data;
    if (Date.now() > deadline) throw new Error(`job ${id} not finished: ${JSON.stringify(data)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('a batch: print a class', () => {
  it('survives a worker that dies holding three steps, and finishes with every student\'s year archived once', async () => {
    const { data: job, error } = await clerk.rpc('create_print_job', { p_class_id: ids.p11A2 });
    expect(error).toBeNull();
    // The dead worker: it takes three of the job's steps under a 2-second lease and never reports back.
    // (Other suites' jobs may be queued first: a step of theirs it takes on the way is retried the same
    // way, after its lease.)
    const abandoned: { id: number }[] = [];
    for (let i = 0; i < 200 && abandoned.length < 3; i++) {
      const { data: taken } = await serviceClient().rpc('claim_job_steps', { p_limit: 1, p_lease_seconds: 2 });
      abandoned.push(...(taken ?? []).filter((s) => s.job_id === job));
    }
    expect(abandoned).toHaveLength(3);

    const done = await waitForJob(job as string);
    const { count: pupils } = await serviceClient().from('enrolments').select('student_id', { count: 'exact', head: true })
      .eq('class_id', ids.p11A2).neq('end_reason', 'class_change');
    expect(done).toEqual({ status: 'done', total: pupils, done: pupils, failed: 0 });

    const { data: steps } = await clerk.from('job_steps').select('id, status, attempts, params').eq('job_id', job as string);
    expect(steps!.every((s) => s.status === 'done')).toBe(true);
    // The abandoned steps were taken again once their lease expired.
    expect(steps!.filter((s) => abandoned.some((a) => a.id === s.id)).map((s) => s.attempts)).toEqual([2, 2, 2]);
    // Every student's 2025–2026 year archived exactly once.
    const students = steps!.map((s) => (s.params as { student_id: string }).student_id);
    const { data: versions } = await serviceClient().from('document_versions').select('student_id, version, status')
      .eq('kind', 'transcript_year').eq('school_year_id', ids.past).in('student_id', students);
    expect(versions).toHaveLength(students.length);
    expect(new Set(versions!.map((v) => v.student_id)).size).toBe(students.length);
    expect(versions!.every((v) => v.version === 1 && v.status === 'current')).toBe(true);
  }, 180_000);

  it('printing one of them afterwards through the function serves the batch\'s version', async () => {
    const { data: step } = await serviceClient().from('job_steps').select('params, result').eq('status', 'done')
      .contains('params', { school_year_id: ids.past }).limit(1).single();
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/print`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${(await clerk.auth.getSession()).data.session!.access_token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ document: 'transcript', student_id: (step!.params as { student_id: string }).student_id, school_year_id: ids.past }),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-verification-code')).toBe((step!.result as { verification_code: string }).verification_code);
  });
});

describe('who may start a batch, follow it, and drive the worker', () => {
  it('gv.toan@ may not print 11A2; a year in progress is refused with a sentence; the clerk\'s job is not his to read', async () => {
    const refused = await mathTeacher.rpc('create_print_job', { p_class_id: ids.p11A2 });
    expect(refused.error?.code).toBe('42501');
    expect(refused.error?.message).toBe('Bạn không có quyền in học bạ của lớp này.');
    const draft = await clerk.rpc('create_print_job', { p_class_id: ids.c10A1 });
    expect(draft.error?.code).toBe('22023');
    expect(draft.error?.message).toBe('Năm học 2026-2027 của lớp 10A1 chưa khoá sổ: chỉ in được bản nháp của từng học sinh.');
    const { data: mine } = await clerk.from('jobs').select('id').eq('school_id', ids.school);
    expect(mine!.length).toBeGreaterThan(0);
    // Not the clerk's nor anyone's but his own (he creates jobs of his own when he signs: issue 15).
    const { data: me } = await mathTeacher.auth.getUser();
    const { data: his } = await mathTeacher.from('jobs').select('id').neq('created_by', me.user!.id);
    expect(his).toEqual([]);
  });

  it('the worker answers the service role only; nobody else can claim or finish steps', async () => {
    const call = async (token: string) => {
      const res = await fetch(`${stackInfo().apiUrl}/functions/v1/jobs`, {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' }, body: '{}',
      });
      return { status: res.status, body: (await res.json()) as { claimed?: number; message?: string } };
    };
    const asClerk = await call((await clerk.auth.getSession()).data.session!.access_token);
    expect(asClerk.status).toBe(403);
    expect((await call(stackInfo().anonKey)).status).toBe(403);
    const asService = await call(stackInfo().serviceRoleKey);
    expect(asService.status).toBe(200);
    expect(typeof asService.body.claimed).toBe('number');
    expect((await clerk.rpc('claim_job_steps', { p_limit: 1, p_lease_seconds: 60 })).error?.code).toBe('42501');
    expect((await anonClient().rpc('finish_job_step', { p_step_id: 1, p_ok: true })).error?.code).toBe('42501');
  });
});

describe('who reads the jobs, their steps, the archive and the register of copies (leak paths, with positive controls)', () => {
  it('the office and BGH read the school\'s; IT staff the archive only; another school\'s board, a subject teacher and a parent nothing — rows, counts, embeds and files', async () => {
    const svc = serviceClient();
    const { data: version } = await svc.from('document_versions').select('id, student_id, storage_path')
      .eq('school_id', ids.school).eq('school_year_id', ids.past).eq('kind', 'transcript_year').limit(1).single();
    expect(version).not.toBeNull();
    const { error: applied } = await clerk.from('copy_applications').insert({
      school_id: ids.school, student_id: version!.student_id!, applicant_name: 'Lê Văn Tâm', applicant_relation: 'Cha', reason: 'Mất học bạ' });
    expect(applied).toBeNull();
    // THPT Tân Đông's rows only: another school's board reads its own school's archive and jobs (other suites make some).
    const count = async (c: SupabaseClient<Database>, table: 'jobs' | 'job_steps' | 'document_versions' | 'copy_applications') =>
      (await c.from(table).select('*', { count: 'exact', head: true }).eq('school_id', ids.school)).count ?? -1;
    // `others`: only jobs and steps someone else created count (a signer reads the jobs that prepare
    // their own signatures: issue 15).
    const seen = async (email: string, others = false) => {
      const c = await signedIn(email);
      const { data: me } = await c.auth.getUser();
      const file = await c.storage.from('documents').download(version!.storage_path);
      const jobs = others ? ((await c.from('jobs').select('id').eq('school_id', ids.school).neq('created_by', me.user!.id)).data ?? []).length : await count(c, 'jobs');
      const own = [...((await c.from('jobs').select('id').eq('created_by', me.user!.id)).data ?? []).map((j) => j.id), crypto.randomUUID()];
      const steps = others ? ((await c.from('job_steps').select('id').eq('school_id', ids.school).not('job_id', 'in', `(${own.join(',')})`)).data ?? []).length : await count(c, 'job_steps');
      return {
        jobs: jobs > 0, steps: steps > 0,
        versions: (await count(c, 'document_versions')) > 0, copies: (await count(c, 'copy_applications')) > 0,
        file: !file.error && (file.data?.size ?? 0) > 0,
      };
    };
    const all = { jobs: true, steps: true, versions: true, copies: true, file: true };
    const nothing = { jobs: false, steps: false, versions: false, copies: false, file: false };
    expect(await seen(at('vanthu'))).toEqual(all);
    expect(await seen(at('bqt'))).toEqual(all);
    expect(await seen(at('hieutruong'))).toEqual(all);
    expect(await seen(at('cntt'))).toEqual({ ...nothing, versions: true, file: true });
    for (const email of [at('gv.toan'), at('phuhuynh'), at('yte'), 'bqt@th-tandong.edu.vn', 'phong@tanchau.edu.vn']) {
      expect(await seen(email, true), email).toEqual(nothing);
    }
    // Embeds: gv.toan reads his 11A1 students (positive control) but no archived version through them.
    const { data: students } = await mathTeacher.from('students').select('id, document_versions(id)').limit(50);
    expect(students!.length).toBeGreaterThan(10);
    expect(students!.every((s) => (s.document_versions as unknown[]).length === 0)).toBe(true);
  }, 60_000);
});
