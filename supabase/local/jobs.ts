// The local stack's driver of the jobs facility: what Supabase Cron (pg_cron + pg_net) does on a hosted
// project (docs/JOBS.md). It posts to /functions/v1/jobs with the service role key — through the
// gateway, exactly as the scheduler reaches the hosted function —, again at once while the worker finds
// steps to do, every `intervalMs` when it finds none; `concurrency` calls at a time (two by default:
// while one step renders, the other uploads and records — skip-locked claims keep them apart, as
// several cron schedules do on a hosted project). It holds no state: a step whose worker died is
// claimed again by a later call once its lease has expired.
// It also asks for the week's integrity checks (rpc schedule_integrity_checks: a school whose last check
// is a week old by the app's clock) and the calendar's backups (rpc schedule_backups: a semester or year
// that has just ended) when it starts and every `scheduleMs` (an hour), as a hosted project's daily cron
// entries do (docs/JOBS.md).
export interface JobRunner {
  stop(): Promise<void>;
}

export function startJobRunner(opts: {
  apiUrl: string;
  serviceKey: string;
  intervalMs?: number;
  scheduleMs?: number;
  concurrency?: number;
  log?: (line: string) => void;
}): JobRunner {
  const intervalMs = opts.intervalMs ?? 2000;
  const scheduleMs = opts.scheduleMs ?? 3_600_000;
  let stopped = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(t);
        wakers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      t.unref();
      wakers.add(wake);
    });
  const loop = async () => {
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
  };
  const schedule = async () => {
    while (!stopped) {
      for (const rpc of ['schedule_integrity_checks', 'schedule_backups']) {
        try {
          const res = await fetch(`${opts.apiUrl}/rest/v1/rpc/${rpc}`, {
            method: 'POST',
            headers: { apikey: opts.serviceKey, Authorization: `Bearer ${opts.serviceKey}`, 'Content-Type': 'application/json' },
            body: '{}',
          });
          if (!res.ok) opts.log?.(`${rpc}: ${res.status} ${await res.text()}`);
        } catch (e) {
          if (!stopped) opts.log?.(`${rpc}: ${String(e)}`);
        }
      }
      await sleep(scheduleMs);
    }
  };
  const loops = [...Array.from({ length: opts.concurrency ?? 2 }, () => loop()), schedule()];
  return {
    stop: async () => {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
    },
  };
}
