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
