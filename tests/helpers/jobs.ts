// Waiting for a job of the jobs facility (the stack's runner does its steps), as the service role.
import { serviceClient } from './stack.ts';

/** The job's final status ('done' or 'failed'); throws when it is still running after `timeoutMs`. */
export async function waitForJob(id: string, timeoutMs = 150_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await serviceClient().from('jobs').select('status').eq('id', id).single();
    if (data?.status === 'done' || data?.status === 'failed') return data.status;
    if (Date.now() > deadline) throw new Error(`job ${id} not finished`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The school's latest integrity check once it has finished (the stack's job runner starts one per school
 * when it starts: rpc schedule_integrity_checks), as the service role.
 */
export async function settledIntegrityCheck(schoolCode: string, timeoutMs = 120_000): Promise<{ status: string; finished_at: string; findings: unknown[] }> {
  const svc = serviceClient();
  const { data: school } = await svc.from('org_units').select('id').eq('code', schoolCode).single();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await svc.from('integrity_checks').select('status, finished_at, findings').eq('school_id', school!.id).order('started_at', { ascending: false }).limit(1);
    const last = data?.[0];
    if (last && last.status !== 'running') return last as { status: string; finished_at: string; findings: unknown[] };
    if (Date.now() > deadline) throw new Error(`no finished integrity check of ${schoolCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
