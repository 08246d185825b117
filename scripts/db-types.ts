// `npm run db:types [-- --db-url postgres://…]`: writes supabase/functions/_shared/database.types.ts,
// byte for byte what `supabase gen types typescript` (CLI 2.117.0) prints for the migrated schema.
// Without --db-url it needs nothing running: a throwaway Postgres in a temporary folder gets the local
// bootstrap (what a hosted project already has) and every migration, and is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dbUrl, loadConfig, projectRoot } from '../supabase/local/config.ts';
import { applyMigrations, pendingMigrations } from '../supabase/local/migrate.ts';
import { ensureCluster, startPostgres } from '../supabase/local/postgres.ts';
import { Supervisor } from '../supabase/local/processes.ts';
import { databaseTypesFile, generateDatabaseTypes } from '../supabase/local/typegen.ts';
import { freePort } from '../supabase/local/common.ts';

const { values } = parseArgs({ options: { 'db-url': { type: 'string' } } });

const bootstrapSql = path.join(projectRoot, 'supabase', 'local', 'sql', 'bootstrap.sql');


async function withThrowawayDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-types-'));
  const cfg = loadConfig({}, { dataDir, seed: false, serveAdmin: false, ports: { ...loadConfig().ports, db: await freePort() } });
  const sup = new Supervisor(path.join(dataDir, 'postgres.log'), (child) => console.error(`${child.name} stopped:\n${child.tail()}`));
  try {
    await ensureCluster(cfg, () => undefined);
    await startPostgres(cfg, sup);
    const client = new pg.Client({ connectionString: dbUrl(cfg) });
    await client.connect();
    try {
      await client.query(fs.readFileSync(bootstrapSql, 'utf8'));
      await applyMigrations(client, await pendingMigrations(client, cfg.migrationsDir));
    } finally {
      await client.end();
    }
    return await fn(dbUrl(cfg));
  } finally {
    await sup.stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const started = Date.now();
const types = values['db-url'] ? await generateDatabaseTypes(values['db-url']) : await withThrowawayDatabase(generateDatabaseTypes);
const before = fs.existsSync(databaseTypesFile) ? fs.readFileSync(databaseTypesFile, 'utf8') : null;
fs.writeFileSync(databaseTypesFile, types);
console.log(
  `${path.relative(process.cwd(), databaseTypesFile)}: ${before === types ? 'unchanged' : 'written'} ` +
    `(${types.split('\n').length - 1} lines, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
