// What a test needs from the running stack: URLs, keys, clients acting as somebody, and databases of
// its own cloned from the migrated, seeded template.
import crypto from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
export { freeStackPorts } from '../../supabase/local/common.ts';

export interface StackInfo {
  apiUrl: string;
  adminUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** Superuser URL of the stack's database (the one PostgREST serves). */
  dbUrl: string;
  /** Name of the template database (migrated + demo data) that DB tests clone. */
  templateDb: string;
  dataDir: string;
  /** The local mail catcher's web inbox and API (MailDev), where the auth server's mail lands. */
  mailUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export { DEMO_PASSWORD } from '../../supabase/seed/demo.ts';
import { DEMO_PASSWORD } from '../../supabase/seed/demo.ts';

export function stackInfo(): StackInfo {
  const info = inject('stack');
  if (!info) throw new Error('The stack was not started (SDT_TEST_NO_STACK is set?)');
  return info;
}

const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

export function anonClient(): SupabaseClient<Database> {
  const s = stackInfo();
  return createClient<Database>(s.apiUrl, s.anonKey, noSession);
}

export function serviceClient(): SupabaseClient<Database> {
  const s = stackInfo();
  return createClient<Database>(s.apiUrl, s.serviceRoleKey, noSession);
}

/** A supabase-js client signed in as the given account (demo password by default). */
export async function signedIn(email: string, password = DEMO_PASSWORD): Promise<SupabaseClient<Database>> {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
  return client;
}

/** Creates a confirmed user through the admin API; unique email unless given. */
export async function createUser(opts: { email?: string; password?: string } = {}): Promise<{ id: string; email: string; password: string }> {
  const email = opts.email ?? `t-${crypto.randomUUID()}@test.local`;
  const password = opts.password ?? `Pw-${crypto.randomUUID()}`;
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
  if (error || !data.user) throw new Error(`createUser failed: ${error?.message}`);
  return { id: data.user.id, email, password };
}

/** The items of the caller's start-page section of `role` (rpc/my_start_page); [] when there is no such section. */
export async function startItems(client: SupabaseClient<Database>, role: string): Promise<Record<string, unknown>[]> {
  const { data, error } = await client.rpc('my_start_page');
  if (error) throw new Error(`my_start_page: ${error.message}`);
  return (data as { sections: { role: string; items: Record<string, unknown>[] }[] }).sections.find((s) => s.role === role)?.items ?? [];
}

/** A superuser client on the stack's own database. Close it with `end()`. */
export async function superuser(database?: string): Promise<pg.Client> {
  const url = new URL(stackInfo().dbUrl);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/**
 * Runs statements as the database owner on a connection of their own (a clean-up of what a test made that no
 * API may delete: a student, its enrolment — retention, migration 20261205010000).
 */
export async function asOwner(statements: [sql: string, params?: unknown[]][]): Promise<void> {
  const su = await superuser();
  try {
    for (const [sql, params] of statements) await su.query(sql, params);
  } finally {
    await su.end();
  }
}

/** A database of the test's own, cloned from the migrated template (demo data included). */
export async function cloneTemplateDb(): Promise<{ name: string; connect: () => Promise<pg.Client>; drop: () => Promise<void> }> {
  const name = `t_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await superuser('template1');
  await admin.query(`create database ${name} template ${stackInfo().templateDb}`);
  await admin.end();
  return {
    name,
    connect: () => superuser(name),
    drop: async () => {
      const c = await superuser('template1');
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A database of this test file's own, cloned from the template in beforeAll and dropped in afterAll.
 * Returns a getter for its superuser client.
 */
export function useClonedDb(): () => pg.Client {
  let db: Awaited<ReturnType<typeof cloneTemplateDb>> | undefined;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    db = await cloneTemplateDb();
    client = await db.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  return () => {
    if (!client) throw new Error('the cloned database is not ready (use it inside tests or hooks)');
    return client;
  };
}

/**
 * Runs `fn` inside a transaction acting as a signed-in user, exactly as PostgREST would: role
 * `authenticated` and `request.jwt.claims`. Rolled back afterwards.
 */
export async function asUser<T>(client: pg.Client, claims: { sub: string; role?: string; email?: string }, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'authenticated', aud: 'authenticated', ...claims })]);
    await client.query(`set local role ${claims.role ?? 'authenticated'}`);
    return await fn();
  } finally {
    await client.query('rollback');
  }
}
