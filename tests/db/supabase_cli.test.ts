// Deployability, checked by the real Supabase CLI (2.117.0, database commands need no Docker): every
// migration applies with `supabase db push` to a fresh database that has only what a hosted project
// already has (the local bootstrap: roles, auth and storage schemas), and `supabase migration list`
// then shows each file as applied on the remote side.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../supabase/local/config.ts';
import { listMigrations } from '../../supabase/local/migrate.ts';
import { bootstrapSql } from '../../supabase/local/stack.ts';
import { stackInfo, superuser } from '../helpers/stack.ts';

const run = promisify(execFile);
const supabaseBin = path.join(projectRoot, 'node_modules', '.bin', 'supabase');
const name = `cli_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;

function freshDbUrl(): string {
  const url = new URL(stackInfo().dbUrl);
  url.pathname = `/${name}`;
  url.searchParams.set('sslmode', 'disable');
  return url.toString();
}

/** Runs the CLI from the repository (it finds supabase/config.toml and supabase/migrations there). */
async function supabase(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(supabaseBin, args, {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return `${stdout}\n${stderr}`;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`supabase ${args[0]} ${args[1]} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`, { cause: e });
  }
}

beforeAll(async () => {
  const admin = await superuser('template1');
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  const db = await superuser(name);
  await db.query(fs.readFileSync(bootstrapSql, 'utf8'));
  await db.end();
}, 60_000);

afterAll(async () => {
  const admin = await superuser('template1');
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}, 60_000);

describe('Supabase CLI', () => {
  it('supabase db push applies every migration to a database that has only the hosted bootstrap, and migration list shows them all applied', async () => {
    const files = listMigrations(path.join(projectRoot, 'supabase', 'migrations')).map((m) => m.version);
    expect(files.length).toBeGreaterThan(0);

    const pushed = await supabase('db', 'push', '--db-url', freshDbUrl(), '--yes');
    expect(pushed).toContain('Finished supabase db push.');
    for (const v of files) expect(pushed, `db push did not apply ${v}`).toMatch(new RegExp(`Applying migration ${v}_`));

    const listed = await supabase('migration', 'list', '--db-url', freshDbUrl());
    // Rows of the table: `| local | remote | time |`, each version in backticks; both sides filled = applied.
    const rows = [...listed.matchAll(/^\s*`?(\d{14})?`?\s*\|\s*`?(\d{14})?`?\s*\|/gm)]
      .filter((m) => m[1] || m[2])
      .map((m) => ({ local: m[1] ?? null, remote: m[2] ?? null }));
    expect(rows, listed).toEqual(files.map((v) => ({ local: v, remote: v })));
  }, 120_000);
});
