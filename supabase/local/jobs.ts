// The local stack's driver of the jobs facility: what Supabase Cron (pg_cron + pg_net) does on a hosted
// project (docs/JOBS.md). It posts to /functions/v1/jobs with the service role key — through the
// gateway, exactly as the scheduler reaches the hosted function —, again at once while the worker finds
// steps to do, every `intervalMs` when it finds none. It holds no state: a step whose worker died is
// claimed again by a later call once its lease has expired.
export interface JobRunner {
  stop(): Promise<void>;
}

export function startJobRunner(opts: { apiUrl: string; serviceKey: string; intervalMs?: number; log?: (line: string) => void }): JobRunner {
  const intervalMs = opts.intervalMs ?? 2000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref();
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        const res = await fetch(`${opts.apiUrl}/functions/v1/jobs`, {
          method: 'POST',
          headers: { apikey: opts.serviceKey, Authorization: `Bearer ${opts.serviceKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ limit: 2 }),
        });
        const body = (await res.json().catch(() => ({}))) as { claimed?: number; message?: string };
        if (!res.ok) opts.log?.(`jobs: ${res.status} ${body.message ?? ''}`);
        claimed = body.claimed ?? 0;
      } catch (e) {
        if (!stopped) opts.log?.(`jobs: ${String(e)}`);
      }
      if (claimed === 0 && !stopped) await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
