// The one-machine stack: Postgres → bootstrap → (backup) → migrations → demo seed → PostgREST, auth,
// storage, functions, gateway (+ the built admin). Used by `npm start` and by the test harness.
// "Ready" means every backend answered its health check. Any child that dies takes the stack down.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { apiUrl, dbUrl, mailUrl, projectRoot, siteUrl, type StackConfig } from './config.ts';
import { loadKeys, type StackKeys } from './keys.ts';
import { ensureCluster, startPostgres, clusterDir } from './postgres.ts';
import { hasExited, Supervisor, type Child } from './processes.ts';
import { applyMigrations, appliedVersions, pendingMigrations } from './migrate.ts';
import { startPostgrest } from './postgrest.ts';
import { listFunctions, startFunctions, waitForPort, portIsFree, type EdgeFunction } from './functions.ts';
import { startJobRunner, type JobRunner } from './jobs.ts';
import { createGateway } from './gateway.ts';
import { startMailCatcher, MAIL_FROM } from './mail.ts';
import { createAuthHandler } from './auth/server.ts';
import { createStorageHandler } from './storage/server.ts';
import { ensureAdminBuilt, adminDistDir } from './admin-build.ts';
import { seedDemo } from '../seed/demo.ts';

export const bootstrapSql = path.join(projectRoot, 'supabase', 'local', 'sql', 'bootstrap.sql');

export interface StartOptions {
  /** Build (if stale) and serve the admin. Default: cfg.serveAdmin. */
  admin?: boolean;
  /** Called after migrations and seed, before any service connects (e.g. to clone a template database). */
  beforeServices?: (cfg: StackConfig) => Promise<void>;
  log?: (line: string) => void;
  /** Aborting it (Ctrl-C during start-up) stops what was started and rejects the start. */
  signal?: AbortSignal;
}

export interface RunningStack {
  cfg: StackConfig;
  keys: StackKeys;
  apiUrl: string;
  adminUrl: string;
  dbUrl: string;
  /** The mail catcher's web inbox (and its API under /api). */
  mailUrl: string;
  functions: EdgeFunction[];
  seeded: boolean;
  /** The child processes (Postgres, PostgREST, one Deno per function). */
  pids(): { name: string; pid: number }[];
  /** Resolves when a child died unexpectedly (with its description). Never rejects. */
  died: Promise<string>;
  stop(): Promise<void>;
}

class StartError extends Error {}

function listen(server: http.Server, host: string, port: number, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new StartError(e.code === 'EADDRINUSE' ? `Port ${port} (${name}) is already in use` : `${name}: ${e.message}`)),
    );
    server.listen(port, host, () => resolve());
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitHealthy(name: string, url: string, child: Child | null, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && hasExited(child)) throw new StartError(`${name} exited during start-up:\n${child.tail()}`);
    if (await httpOk(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new StartError(`${name} did not answer its health check (${url}) within ${timeoutMs / 1000} s`);
}

/** A cold copy of the cluster, taken with Postgres stopped, before new migrations touch data. */
function backupCluster(cfg: StackConfig, label: string): string {
  const dir = path.join(cfg.dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const file = path.join(dir, `${stamp}_before_${label}.tar.gz`);
  execFileSync('tar', ['-czf', file, '-C', cfg.dataDir, path.basename(clusterDir(cfg))]);
  return file;
}

async function connectSuperuser(cfg: StackConfig): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: dbUrl(cfg) });
  client.on('error', () => undefined); // a shutdown during start-up surfaces as the failing query's error
  await client.connect();
  return client;
}

/**
 * Pins public.app_today() to `today`, or lets it follow the real clock (null). Applied at every start,
 * so the setting in use is always the one the environment names (SDT_TODAY).
 */
export async function pinToday(su: pg.Client, today: string | null): Promise<void> {
  if (today === null) {
    await su.query(`delete from private.settings where key = 'pinned_today'`);
  } else {
    await su.query(
      `insert into private.settings (key, value) values ('pinned_today', $1)
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [today],
    );
  }
}

export async function startStack(cfg: StackConfig, opts: StartOptions = {}): Promise<RunningStack> {
  const log = opts.log ?? ((l: string) => console.log(l));
  let resolveDied!: (why: string) => void;
  const died = new Promise<string>((r) => (resolveDied = r));
  const sup = new Supervisor(cfg.logFile, (child, code, signal) => {
    const why = `${child.name} stopped unexpectedly (code ${code}, signal ${signal})\n${child.tail()}`;
    resolveDied(why);
  });
  const servers: http.Server[] = [];
  // Each step is bounded: a request still holding a pool client, or a connection that will not close,
  // must not keep the stack from stopping (the children are what must never be left running).
  const bounded = (what: string, p: Promise<unknown>, ms = 3000) =>
    Promise.race([p, new Promise((r) => setTimeout(r, ms).unref())]).then(() => undefined, (e) => log(`stop: ${what}: ${String(e)}`));
  let jobs: JobRunner | null = null;
  const stop = async () => {
    await bounded('jobs runner', jobs?.stop() ?? Promise.resolve());
    await bounded('servers', Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))));
    await bounded('pools', Promise.all(poolsList.map((p) => p.end())));
    await sup.stopAll();
  };
  const poolsList: pg.Pool[] = [];

  let su: pg.Client | null = null;
  // The admin build stops with the start: on Ctrl-C, or when the start fails.
  const buildAbort = new AbortController();
  opts.signal?.addEventListener('abort', () => buildAbort.abort(), { once: true });
  const checkAborted = () => {
    if (opts.signal?.aborted) throw new StartError('The start was interrupted.');
  };
  try {
    const wantAdmin = opts.admin ?? cfg.serveAdmin;
    const taken: string[] = [];
    const fnPorts = listFunctions().map((name, i) => [`function ${name}`, cfg.ports.functions + 1 + i] as const);
    for (const [name, port] of [...Object.entries(cfg.ports), ...fnPorts]) {
      if (!(await portIsFree(cfg.host, port))) taken.push(`${port} (${name})`);
    }
    if (taken.length) {
      throw new StartError(
        `${taken.map((t) => `Port ${t} is already in use on ${cfg.host}.`).join('\n')}\n` +
          'Another Sổ điện tử or Supabase stack may be running; stop it, or choose other ports with ' +
          'SDT_API_PORT, SDT_DB_PORT, SDT_POSTGREST_PORT, SDT_POSTGREST_ADMIN_PORT, SDT_AUTH_PORT, SDT_STORAGE_PORT, SDT_FUNCTIONS_PORT.',
      );
    }
    const adminBuild = wantAdmin ? ensureAdminBuilt(log, buildAbort.signal) : Promise.resolve(null);
    adminBuild.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile

    // The mail catcher takes a few seconds to load: started first, awaited with the others at the end.
    const mail = startMailCatcher(cfg, sup);

    fs.mkdirSync(cfg.dataDir, { recursive: true });
    const created = await ensureCluster(cfg, () => undefined);
    if (created) log(`Created a new Postgres cluster in ${clusterDir(cfg)}`);
    let pgChild = await startPostgres(cfg, sup);
    checkAborted();

    su = await connectSuperuser(cfg);
    await su.query(fs.readFileSync(bootstrapSql, 'utf8'));
    // Internal service roles log in with the database password, as in Supabase's local setup.
    for (const role of ['authenticator', 'supabase_auth_admin', 'supabase_storage_admin']) {
      await su.query(`alter role ${role} with login password ${pg.escapeLiteral(cfg.dbPassword)}`);
    }
    const pending = await pendingMigrations(su, cfg.migrationsDir);
    const hadMigrations = (await appliedVersions(su)).size > 0;
    if (pending.length && hadMigrations) {
      await su.end();
      await sup.stopOne(pgChild);
      const file = backupCluster(cfg, pending[0]!.version);
      log(`Backed up the database before ${pending.length} new migration(s): ${file}`);
      pgChild = await startPostgres(cfg, sup);
      su = await connectSuperuser(cfg);
    }
    await applyMigrations(su, pending);
    if (pending.length) log(`Applied ${pending.length} migration(s): ${pending.map((m) => path.basename(m.file)).join(', ')}`);
    checkAborted();

    // Today is pinned before the demo loads: the seed's own "today" (health rounds, notices, defaults such
    // as a decision's date) is then the pinned day, not the day the stack happens to start.
    await pinToday(su, cfg.today);
    const seeded = cfg.seed ? await seedDemo(su, { log }) : false;
    await su.end();
    su = null;
    if (opts.beforeServices) await opts.beforeServices(cfg);
    checkAborted();

    const keys = await loadKeys(cfg.dataDir, cfg.jwtSecret);
    const postgrest = startPostgrest(cfg, keys, sup);

    // A short connection timeout: while Postgres is down a request fails fast instead of hanging.
    const poolOptions = { max: 10, connectionTimeoutMillis: 5000 };
    const authPool = new pg.Pool({ connectionString: dbUrl(cfg, cfg.dbName, 'supabase_auth_admin'), ...poolOptions });
    const storagePool = new pg.Pool({ connectionString: dbUrl(cfg, cfg.dbName, 'supabase_storage_admin'), ...poolOptions });
    poolsList.push(authPool, storagePool);
    for (const p of poolsList) p.on('error', (e) => log(`[pool] ${e.message}`));
    const authServer = http.createServer(
      createAuthHandler({
        pool: authPool,
        keys,
        issuer: cfg.issuer,
        jwtExpiry: cfg.jwtExpiry,
        siteUrl: siteUrl(cfg),
        mailer: { smtpHost: cfg.host, smtpPort: cfg.ports.mailSmtp, from: MAIL_FROM },
      }),
    );
    const storageServer = http.createServer(
      createStorageHandler({ pool: storagePool, keys, root: path.join(cfg.dataDir, 'storage'), publicUrl: apiUrl(cfg) }),
    );
    servers.push(authServer, storageServer);
    await listen(authServer, cfg.host, cfg.ports.auth, 'auth');
    await listen(storageServer, cfg.host, cfg.ports.storage, 'storage');

    const functions = startFunctions(cfg, keys, sup);
    const adminDir = (await adminBuild) ? adminDistDir : null;
    checkAborted();
    const gateway = createGateway(
      {
        host: cfg.host,
        postgrest: cfg.ports.postgrest,
        auth: cfg.ports.auth,
        storage: cfg.ports.storage,
        functions: new Map(functions.map((f) => [f.name, f.port])),
        adminDir,
        adminConfig: { supabaseUrl: apiUrl(cfg), anonKey: keys.anonKey },
      },
      keys,
    );
    servers.push(gateway);
    await listen(gateway, cfg.host, cfg.ports.gateway, 'gateway');

    await Promise.all([
      waitHealthy('PostgREST', `http://${cfg.host}:${cfg.ports.postgrestAdmin}/ready`, postgrest),
      waitHealthy('auth', `http://${cfg.host}:${cfg.ports.auth}/health`, null),
      waitHealthy('storage', `http://${cfg.host}:${cfg.ports.storage}/status`, null),
      waitHealthy('mail catcher', `${mailUrl(cfg)}/api/healthz`, mail, 60_000),
      ...functions.map((f) => waitForPort(cfg.host, f.port, f.child)),
    ]);
    checkAborted();
    // The jobs worker's scheduler (Supabase Cron's part on a hosted project).
    if (functions.some((f) => f.name === 'jobs')) jobs = startJobRunner({ apiUrl: apiUrl(cfg), serviceKey: keys.serviceRoleKey, log });
    return {
      cfg,
      keys,
      apiUrl: apiUrl(cfg),
      adminUrl: `${apiUrl(cfg)}/`,
      dbUrl: dbUrl(cfg),
      mailUrl: mailUrl(cfg),
      functions,
      seeded,
      died,
      stop,
      pids: () => sup.pids(),
    };
  } catch (e) {
    buildAbort.abort();
    await su?.end().catch(() => undefined);
    await stop().catch(() => undefined);
    throw e;
  }
}
