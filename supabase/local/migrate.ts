// Migrations from supabase/migrations/, named and recorded as the Supabase CLI does
// (`YYYYMMDDHHMMSS_name.sql`, table supabase_migrations.schema_migrations), so `supabase db push`
// treats the local and a hosted database alike. All pending files run in one transaction: a failure
// names the file and the Postgres error and leaves the database exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

const FILE_RE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export function listMigrations(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((f) => {
    const m = FILE_RE.exec(f);
    if (!m) throw new Error(`Migration file name ${f} does not follow YYYYMMDDHHMMSS_name.sql (lowercase, underscores)`);
    return { version: m[1]!, name: m[2]!, file: path.join(dir, f) };
  });
}

export class MigrationError extends Error {}

async function ensureHistory(client: pg.ClientBase): Promise<void> {
  await client.query(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      statements text[],
      name text
    );`);
}

export async function appliedVersions(client: pg.ClientBase): Promise<Set<string>> {
  await ensureHistory(client);
  const { rows } = await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
  return new Set(rows.map((r) => r.version));
}

export async function pendingMigrations(client: pg.ClientBase, dir: string): Promise<MigrationFile[]> {
  const applied = await appliedVersions(client);
  return listMigrations(dir).filter((m) => !applied.has(m.version));
}

/** Line number (1-based) of a character position reported by Postgres. */
function lineOf(sql: string, position: string | undefined): string {
  if (!position) return '';
  const line = sql.slice(0, Number(position)).split('\n').length;
  return ` (line ${line})`;
}

/** Applies the given migrations in one transaction and asks PostgREST to reload its schema cache. */
export async function applyMigrations(client: pg.ClientBase, pending: MigrationFile[]): Promise<void> {
  if (pending.length === 0) return;
  await client.query('begin');
  for (const m of pending) {
    const sql = fs.readFileSync(m.file, 'utf8');
    try {
      await client.query(sql);
      await client.query(
        'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
        [m.version, [sql], m.name],
      );
    } catch (e) {
      await client.query('rollback');
      const err = e as pg.DatabaseError;
      throw new MigrationError(
        `Migration ${path.basename(m.file)} failed${lineOf(sql, err.position)}: ${err.message}` +
          (err.detail ? `\n  detail: ${err.detail}` : '') +
          (err.hint ? `\n  hint: ${err.hint}` : '') +
          '\nNo migration of this start was applied; the database is as it was.',
      );
    }
  }
  await client.query('commit');
  await client.query(`notify pgrst, 'reload schema'`);
}
