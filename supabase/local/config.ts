// Configuration of the one-machine stack. Defaults are the Supabase CLI's local defaults so that any
// Supabase tutorial or tool works against it; every port and secret can be overridden by environment
// variables (and, for tests, by an explicit override object).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Supabase CLI's local JWT secret (public knowledge: it only protects a developer's own machine). */
export const CLI_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export interface StackPorts {
  /** The one public entry point: /rest/v1, /auth/v1, /storage/v1, /functions/v1 and the admin. */
  gateway: number;
  db: number;
  postgrest: number;
  /** PostgREST's admin server (health: /ready, /live). */
  postgrestAdmin: number;
  auth: number;
  storage: number;
  functions: number;
  /** The local mail catcher (MailDev): SMTP, where the auth server sends mail, and its web inbox and API. */
  mailSmtp: number;
  mailWeb: number;
}

export interface StackConfig {
  host: string;
  ports: StackPorts;
  /** Folder holding the Postgres cluster, stored objects, signing keys and backups. */
  dataDir: string;
  dbUser: string;
  dbPassword: string;
  dbName: string;
  jwtSecret: string;
  /** Seconds an access token lives. */
  jwtExpiry: number;
  /** `iss` claim of tokens the auth server issues (Supabase uses `<api url>/auth/v1`). */
  issuer: string;
  /** Folder of the migrations to apply (supabase/migrations). */
  migrationsDir: string;
  /** Load the demo data of DEMO.md into an empty database. */
  seed: boolean;
  /**
   * The app's "today" ('YYYY-MM-DD'), pinned in public.app_today() at every start so the demo and the
   * tests behave the same on any real date; null follows the real clock (SDT_TODAY=real). Security
   * expiry (tokens, unlock end times, signed URLs) never reads it.
   */
  today: string | null;
  /** Serve the built admin at `/` (tests that do not need it skip the build). */
  serveAdmin: boolean;
  /** Where child processes' logs go; null = inherit with a prefix on stdout. */
  logFile: string | null;
  /**
   * PostgREST answers `Accept: application/vnd.pgrst.plan+json` with the plan of its own statement
   * (SDT_POSTGREST_PLAN=true; off by default). For scripts/bench-scale.ts on a generated preset only:
   * a plan shows counts of rows the caller may not read ("Rows Removed by Filter").
   */
  postgrestPlan: boolean;
}

/** The demo's pinned "today": a Monday of 2026–2027 semester I (DEMO.md). */
export const DEMO_TODAY = '2026-11-23';

/** SDT_TODAY: a calendar date pins "today"; `real` follows the clock; unset means the demo's day. */
export function todayFrom(env: NodeJS.ProcessEnv): string | null {
  const raw = env.SDT_TODAY;
  if (raw === undefined || raw === '') return DEMO_TODAY;
  if (raw === 'real') return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!d || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
    throw new Error(`SDT_TODAY=${raw} is neither a date (YYYY-MM-DD) nor "real"`);
  }
  return raw;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) {
    throw new Error(`${name}=${raw} is not a valid port number`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StackConfig> = {}): StackConfig {
  const host = '127.0.0.1';
  const ports: StackPorts = {
    gateway: intFrom(env, 'SDT_API_PORT', 54321),
    db: intFrom(env, 'SDT_DB_PORT', 54322),
    postgrest: intFrom(env, 'SDT_POSTGREST_PORT', 54340),
    postgrestAdmin: intFrom(env, 'SDT_POSTGREST_ADMIN_PORT', 54344),
    auth: intFrom(env, 'SDT_AUTH_PORT', 54341),
    storage: intFrom(env, 'SDT_STORAGE_PORT', 54342),
    functions: intFrom(env, 'SDT_FUNCTIONS_PORT', 54345),
    // The Supabase CLI's mail testing server: web inbox 54324, SMTP 54325.
    mailWeb: intFrom(env, 'SDT_MAIL_PORT', 54324),
    mailSmtp: intFrom(env, 'SDT_SMTP_PORT', 54325),
    ...overrides.ports,
  };
  const jwtSecret = overrides.jwtSecret ?? env.SDT_JWT_SECRET ?? CLI_JWT_SECRET;
  if (jwtSecret.length < 32) throw new Error('SDT_JWT_SECRET must be at least 32 characters long');
  return {
    host,
    dataDir: path.resolve(env.SDT_DATA_DIR ?? path.join(projectRoot, '.data')),
    dbUser: 'postgres',
    dbPassword: env.SDT_DB_PASSWORD ?? 'postgres',
    dbName: 'postgres',
    jwtExpiry: intFrom(env, 'SDT_JWT_EXPIRY', 3600),
    migrationsDir: path.join(projectRoot, 'supabase', 'migrations'),
    issuer: `http://${host}:${ports.gateway}/auth/v1`,
    seed: env.SDT_SEED !== 'false',
    today: todayFrom(env),
    serveAdmin: env.SDT_SERVE_ADMIN !== 'false',
    logFile: null,
    postgrestPlan: env.SDT_POSTGREST_PLAN === 'true',
    ...overrides,
    ports,
    jwtSecret,
  };
}

export function dbUrl(cfg: StackConfig, database = cfg.dbName, user = cfg.dbUser, password = cfg.dbPassword): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${cfg.host}:${cfg.ports.db}/${database}`;
}

export function apiUrl(cfg: StackConfig): string {
  return `http://${cfg.host}:${cfg.ports.gateway}`;
}

/** GoTrue's Site URL: where the admin is served; recovery links may only lead back there. */
export function siteUrl(cfg: StackConfig): string {
  return `${apiUrl(cfg)}/`;
}

export function mailUrl(cfg: StackConfig): string {
  return `http://${cfg.host}:${cfg.ports.mailWeb}`;
}
