// The database's TypeScript types, produced exactly as `supabase gen types typescript --db-url …` of
// Supabase CLI 2.117.0 prints them, without its Docker image: the CLI runs postgres-meta v0.99.0's
// `node dist/server/server.js` with PG_META_GENERATE_TYPES=typescript, the schemas of config.toml's
// [api] (public), one-to-one detection on (a non-local --db-url) and no PostgREST version, and the
// server prints getGeneratorMetadata → generateTypescript (@supabase/postgrest-typegen 0.2.0, formatted
// by oxfmt) with console.log. Same packages, same options, same trailing newline.
import fs from 'node:fs';
import path from 'node:path';
import { PostgresMeta } from '@supabase/postgres-meta';
import { getGeneratorMetadata } from '@supabase/postgres-meta/dist/lib/generators.js';
import { generateTypescript } from '@supabase/postgrest-typegen';
import { projectRoot } from './config.ts';

export const databaseTypesFile = path.join(projectRoot, 'supabase', 'functions', '_shared', 'database.types.ts');

/** The CLI's default: "public" plus config.toml's [api] schemas, duplicates removed. */
export function includedSchemas(configToml = fs.readFileSync(path.join(projectRoot, 'supabase', 'config.toml'), 'utf8')): string[] {
  const api = /^\[api\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(configToml)?.[1] ?? '';
  const list = /^schemas\s*=\s*\[([^\]]*)\]/m.exec(api)?.[1] ?? '';
  const names = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(['public', ...names])];
}

/** The file `supabase gen types typescript --db-url <url>` prints for the database at `url`. */
export async function generateDatabaseTypes(url: string): Promise<string> {
  const pgMeta = new PostgresMeta({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: 15_000,
    query_timeout: 15_000,
    application_name: 'postgres-meta 0.99.0',
  });
  // getGeneratorMetadata ends the pool itself.
  const { data, error } = await getGeneratorMetadata(pgMeta, { includedSchemas: includedSchemas() });
  if (error) throw new Error(`type generation failed: ${error.message}`);
  const out = await generateTypescript(data, { detectOneToOneRelationships: true, postgrestVersion: undefined, defaultSchema: 'public' });
  return `${out}\n`;
}
