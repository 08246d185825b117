// The start itself, on a second stack of its own (own data folder, ports and migrations folder):
// migrations applied once, a backup before new migrations touch data, a failed migration named and
// leaving the database as it was, a taken port named, a dying child reported, nothing left running.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbUrl, loadConfig, projectRoot, type StackConfig } from '../../supabase/local/config.ts';
import { startStack, type RunningStack } from '../../supabase/local/stack.ts';
import { freeStackPorts } from '../helpers/stack.ts';


const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let dir: string;
let cfg: StackConfig;
const running = new Set<RunningStack>();

/** Starts this file's stack; afterAll stops any that a failed assertion left running. */
async function start(): Promise<RunningStack> {
  const stack = await startStack(cfg, { admin: false, log: () => undefined });
  running.add(stack);
  const stop = stack.stop;
  stack.stop = async () => {
    running.delete(stack);
    await stop();
  };
  return stack;
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  // Postgres is stopped between starts; the tests read through a short-lived stack.
  const stack = await start();
  const c = new pg.Client({ connectionString: dbUrl(cfg) });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
    await stack.stop();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-start-'));
  const migrationsDir = path.join(dir, 'migrations');
  fs.cpSync(path.join(projectRoot, 'supabase', 'migrations'), migrationsDir, { recursive: true });
  // Beside the run's own stack: the functions' ports must miss its ports as well as this stack's.
  const ports = await freeStackPorts();
  cfg = loadConfig({}, { dataDir: path.join(dir, 'data'), ports, migrationsDir, seed: true, logFile: path.join(dir, 'stack.log') });
});

afterAll(async () => {
  for (const stack of running) await stack.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts on an empty data folder with the demo accounts, and stopping leaves no process running', async () => {
    const stack = await start();
    expect(stack.seeded).toBe(true);
    const pids = stack.pids();
    expect(pids.map((p) => p.name)).toEqual(expect.arrayContaining(['postgres', 'postgrest', 'fn:status', 'mail']));
    const res = await fetch(`${stack.apiUrl}/auth/v1/health`);
    expect(res.status).toBe(200);
    await stack.stop();
    expect(pids.filter((p) => alive(p.pid))).toEqual([]);
  });

  it('a second start keeps the data, applies nothing twice and takes no backup', async () => {
    const stack = await start();
    expect(stack.seeded).toBe(false);
    await stack.stop();
    expect(fs.existsSync(path.join(cfg.dataDir, 'backups'))).toBe(false);
  });

  it('before a new migration touches a database with data, a backup is taken; the migration is applied once', async () => {
    fs.writeFileSync(path.join(cfg.migrationsDir, '29990101000000_extra_table.sql'), 'create table public.t_extra (id int primary key);');
    const rows = await query<{ version: string }>(`select version from supabase_migrations.schema_migrations where version like '2999%'`);
    expect(rows).toEqual([{ version: '29990101000000' }]);
    const backups = fs.readdirSync(path.join(cfg.dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/before_29990101000000\.tar\.gz$/);
    expect(fs.statSync(path.join(cfg.dataDir, 'backups', backups[0]!)).size).toBeGreaterThan(100_000);
  });

  it('a failed migration stops the start naming the file and the Postgres error, and changes nothing', async () => {
    fs.writeFileSync(path.join(cfg.migrationsDir, '29990101000001_good_then_bad_a.sql'), 'create table public.t_first (id int);');
    fs.writeFileSync(path.join(cfg.migrationsDir, '29990101000002_broken.sql'), 'create table public.t_broken (id int);\nselect 1/0;');
    await expect(start()).rejects.toThrow(/Migration 29990101000002_broken\.sql failed.*: division by zero/);
    fs.rmSync(path.join(cfg.migrationsDir, '29990101000001_good_then_bad_a.sql'));
    fs.rmSync(path.join(cfg.migrationsDir, '29990101000002_broken.sql'));
    const rows = await query<{ first: string | null; broken: string | null; n: number }>(
      `select to_regclass('public.t_first')::text as first, to_regclass('public.t_broken')::text as broken,
              (select count(*)::int from supabase_migrations.schema_migrations where version like '2999%') as n`,
    );
    expect(rows).toEqual([{ first: null, broken: null, n: 1 }]);
  });

  it('a port already taken is named in a clear message and nothing is started', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(cfg.ports.gateway, '127.0.0.1', () => r()));
    try {
      await expect(start()).rejects.toThrow(new RegExp(`Port ${cfg.ports.gateway} \\(gateway\\)`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    // Postgres was not started: its port is still free.
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once('error', reject).listen(cfg.ports.db, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });

  it('a child that dies is reported with its name', async () => {
    const stack = await start();
    const pids = stack.pids();
    const pgrst = pids.find((p) => p.name === 'postgrest')!;
    process.kill(pgrst.pid, 'SIGKILL');
    const why = await stack.died;
    expect(why).toMatch(/^postgrest stopped unexpectedly/);
    await stack.stop();
    expect(pids.filter((p) => alive(p.pid))).toEqual([]);
  });
});
