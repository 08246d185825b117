// jobs: the worker of the jobs facility (migration 20261203001400_jobs.sql, docs/JOBS.md). Called by a
// scheduler with the service role key — Supabase Cron (pg_cron + pg_net) on a hosted project, the stack's
// runner locally (supabase/local/jobs.ts) —, never by a user. Each call claims a few steps under a lease,
// does them, records each outcome, and answers how many it did: one call stays far under the hosted
// per-request limits (a step is one document), and a call that dies leaves its steps to be claimed again.
import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { runStep } from './steps.ts';

const bodySchema = z.strictObject({
  limit: z.number().int().min(1).max(10).default(2),
  lease_seconds: z.number().int().min(1).max(600).default(60),
});

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'service_role') throw new HttpError(403, 'not_allowed', 'Chỉ bộ lập lịch của hệ thống gọi được chức năng này.');
    const parsed = bodySchema.safeParse(await req.json().catch(() => ({})));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Yêu cầu không hợp lệ.');
    // The caller is the service role itself (checked above): the worker acts on recorded jobs.
    const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data: steps, error } = await service.rpc('claim_job_steps', { p_limit: parsed.data.limit, p_lease_seconds: parsed.data.lease_seconds });
    if (error) throw new Error(`claim: ${error.message}`);
    let done = 0;
    for (const step of steps ?? []) {
      try {
        const result = await runStep(service, step);
        await service.rpc('finish_job_step', { p_step_id: step.id, p_ok: true, p_result: result });
        done++;
      } catch (e) {
        const message = e instanceof HttpError ? e.message : e instanceof Error ? e.message : String(e);
        await service.rpc('finish_job_step', { p_step_id: step.id, p_ok: false, p_error: message.slice(0, 500) });
      }
    }
    return json(200, { claimed: steps?.length ?? 0, done });
  }),
);
