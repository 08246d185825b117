// What the benchmark scripts share: their options, the school they measure on the district preset,
// signing in a bench account, percentiles, and timing a user and the service role side by side.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CLI_JWT_SECRET } from '../supabase/local/config.ts';
import { makeApiKey } from '../supabase/local/keys.ts';
import { DEMO_PASSWORD, assertLocalDatabase } from '../supabase/seed/demo.ts';

export interface BenchOptions {
  api: string;
  dbUrl: string;
  runs: number;
  warmup: number;
  /** The generated school's code (`school-01`). */
  school: string;
  anonKey: string;
  serviceKey: string;
  /** The script's own on/off switches (`--explain`), by name. */
  flags: Record<string, boolean>;
}

/**
 * `--api --db --runs --warmup --school` (or SDT_API_URL / SDT_DB_URL), with the local stack's defaults,
 * and the script's own `flags` (booleans).
 */
export function benchOptions(defaults: { runs: number; warmup: number }, flags: readonly string[] = []): BenchOptions {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' }, db: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' }, school: { type: 'string' },
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])),
    },
  });
  const secret = process.env.SDT_JWT_SECRET ?? CLI_JWT_SECRET;
  return {
    api: values.api ?? process.env.SDT_API_URL ?? 'http://127.0.0.1:54321',
    dbUrl: values.db ?? process.env.SDT_DB_URL ?? 'postgres://postgres:postgres@127.0.0.1:54322/postgres',
    runs: Number(values.runs ?? defaults.runs),
    warmup: Number(values.warmup ?? defaults.warmup),
    school: values.school ?? 'school-01',
    anonKey: makeApiKey('anon', secret),
    serviceKey: makeApiKey('service_role', secret),
    flags: Object.fromEntries(flags.map((flag) => [flag, (values as Record<string, unknown>)[flag] === true])),
  };
}

/** A superuser connection to a local database (setup only, never timed) and the school's current year. */
export async function benchSchool(o: BenchOptions): Promise<{ db: pg.Client; schoolId: string; yearId: string }> {
  const db = new pg.Client({ connectionString: o.dbUrl });
  await db.connect();
  await assertLocalDatabase(db);
  const { rows: [ctx] } = await db.query<{ school_id: string; year_id: string }>(
    `select o.id as school_id, y.id as year_id from public.org_units o join public.school_years y on y.school_id = o.id
     where o.code = $1 and y.id in (select private.current_school_year_ids())`, [o.school]);
  if (!ctx) throw new Error(`No school ${o.school} with a current year: run scripts/generate.ts --preset district first.`);
  return { db, schoolId: ctx.school_id, yearId: ctx.year_id };
}

/** An access token for a bench account (demo password). */
export async function signIn(o: BenchOptions, email: string): Promise<string> {
  const res = await fetch(`${o.api}/auth/v1/token?grant_type=password`, {
    method: 'POST', headers: { apikey: o.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { access_token?: string; msg?: string };
  if (!body.access_token) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** The p-th percentile (nearest rank). */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * Times `asUser` and `asService` (each returns its milliseconds) after `warmup` rounds, `runs` times,
 * alternating which goes first so neither always gets the warmer cache. p50/p95 of each.
 */
export async function sideBySide(o: BenchOptions, asUser: () => Promise<number>, asService: () => Promise<number>) {
  for (let i = 0; i < o.warmup; i++) {
    await asUser();
    await asService();
  }
  const u: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    if (i % 2) {
      u.push(await asUser());
      s.push(await asService());
    } else {
      s.push(await asService());
      u.push(await asUser());
    }
  }
  return { u50: pct(u, 50), u95: pct(u, 95), s50: pct(s, 50), s95: pct(s, 95) };
}
