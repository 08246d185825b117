// Edge functions: every supabase/functions/<name>/index.ts (kebab-case, `Deno.serve`) runs unmodified in
// its own Deno process bound with DENO_SERVE_ADDRESS, imports resolved from the project's node_modules
// ("nodeModulesDir": "manual" in supabase/functions/deno.json), no network access at run time beyond
// the local API. The gateway routes /functions/v1/<name>/… to it with the path /<name>/…, as hosted.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { apiUrl, dbUrl, projectRoot, type StackConfig } from './config.ts';
import type { StackKeys } from './keys.ts';
import { hasExited, type Child, type Supervisor } from './processes.ts';

const require = createRequire(import.meta.url);
export const functionsDir = path.join(projectRoot, 'supabase', 'functions');
const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface EdgeFunction {
  name: string;
  port: number;
  child: Child;
}

export function listFunctions(dir = functionsDir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => {
      if (!NAME_RE.test(d.name)) throw new Error(`Function folder ${d.name} is not kebab-case`);
      return d.name;
    })
    .sort();
}

function denoBinary(): string {
  // The `deno` npm package places the platform binary in @deno/<platform>; its bin shim finds it.
  const pkgDir = path.dirname(require.resolve('deno/package.json'));
  const direct = path.join(path.dirname(pkgDir), '@deno', 'linux-x64-glibc', 'deno');
  return fs.existsSync(direct) ? direct : path.join(projectRoot, 'node_modules', '.bin', 'deno');
}

export function startFunctions(cfg: StackConfig, keys: StackKeys, sup: Supervisor): EdgeFunction[] {
  const deno = denoBinary();
  return listFunctions().map((name, i) => {
    const port = cfg.ports.functions + 1 + i;
    const child = sup.spawn(
      `fn:${name}`,
      deno,
      ['run', '--allow-net', '--allow-env', '--allow-read', '--no-prompt', '--config', path.join(functionsDir, 'deno.json'), path.join(functionsDir, name, 'index.ts')],
      {
        cwd: projectRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NO_COLOR: '1',
          DENO_NO_UPDATE_CHECK: '1',
          DENO_DIR: path.join(cfg.dataDir, 'deno'),
          DENO_SERVE_ADDRESS: `tcp:${cfg.host}:${port}`,
          // The variables hosted Supabase gives every function.
          SUPABASE_URL: apiUrl(cfg),
          SUPABASE_ANON_KEY: keys.anonKey,
          SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
          SUPABASE_DB_URL: dbUrl(cfg),
          // A secret of the project (config.toml, [functions.sign]), set like hosted: not in the database.
          SIGNING_MASTER_KEY: keys.signingMasterKey,
          // Issue 19: encrypts the backups; kept apart from them (never in the database or the bucket).
          BACKUP_KEY: keys.backupKey,
        },
      },
    );
    return { name, port, child };
  });
}

/** Resolves once something listens on host:port (Deno.serve does not expose a health route). */
export async function waitForPort(host: string, port: number, child: Child | null, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && hasExited(child)) throw new Error(`${child.name} exited during start-up:\n${child.tail()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, host, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child?.name ?? `port ${port}`} did not listen on ${host}:${port} within ${timeoutMs / 1000} s`);
}

/** True when nothing listens on the port (so the stack can bind it). */
export async function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}
