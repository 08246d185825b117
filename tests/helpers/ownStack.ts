// A whole second stack of a test's own (own data folder, ports, database, demo data, admin served), for a
// test that must move the demo's pinned "today" far (the school year cycle: the 2027 summer, then the first
// day of 2027–2028) without disturbing the run's shared stack, where the other suites read the demo's day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { loadConfig } from '../../supabase/local/config.ts';
import { pinToday, startStack, type RunningStack } from '../../supabase/local/stack.ts';
import { DEMO_PASSWORD, freeStackPorts } from './stack.ts';

export interface OwnStack {
  stack: RunningStack;
  adminUrl: string;
  /** A superuser client on its database. Close it with `end()`. */
  superuser(): Promise<pg.Client>;
  /** A supabase-js client of its API signed in as `email` (demo password). */
  signedIn(email: string): Promise<SupabaseClient<Database>>;
  /** Moves its pinned "today". */
  setToday(day: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the demo (seeded on `today`: the seed follows its day, supabase/seed/demo.ts) with the admin. */
export async function startOwnStack(today: string): Promise<OwnStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-own-stack-'));
  const cfg = loadConfig({ SDT_TODAY: today }, { dataDir: path.join(dir, 'data'), ports: await freeStackPorts(), seed: true, logFile: path.join(dir, 'stack.log') });
  let stack: RunningStack;
  try {
    stack = await startStack(cfg, { admin: true, log: () => undefined });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const superuser = async () => {
    const c = new pg.Client({ connectionString: stack.dbUrl });
    await c.connect();
    return c;
  };
  return {
    stack,
    adminUrl: stack.adminUrl,
    superuser,
    signedIn: async (email) => {
      const client = createClient<Database>(stack.apiUrl, stack.keys.anonKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
      const { error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
      if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
      return client;
    },
    setToday: async (day) => {
      const c = await superuser();
      try {
        await pinToday(c, day);
      } finally {
        await c.end();
      }
    },
    stop: async () => {
      await stack.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
