// The admin is rebuilt only when its sources changed: a hash of admin/ (without dist), policies/, the
// lockfile and the Vite config is kept in admin/dist/.build-hash and compared at every start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { projectRoot } from './config.ts';

export const adminDir = path.join(projectRoot, 'admin');
export const adminDistDir = path.join(adminDir, 'dist');
const hashFile = path.join(adminDistDir, '.build-hash');

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function adminSourceHash(): string {
  const files: string[] = [];
  walk(adminDir, files);
  walk(path.join(projectRoot, 'policies'), files);
  files.push(path.join(projectRoot, 'package-lock.json'));
  const h = crypto.createHash('sha256');
  for (const f of files.sort()) {
    if (!fs.existsSync(f)) continue;
    h.update(path.relative(projectRoot, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

/** Builds the admin when its sources changed; resolves true when a usable build exists. */
export async function ensureAdminBuilt(log: (line: string) => void, signal?: AbortSignal): Promise<boolean> {
  const hash = adminSourceHash();
  if (fs.existsSync(hashFile) && fs.readFileSync(hashFile, 'utf8') === hash && fs.existsSync(path.join(adminDistDir, 'index.html'))) {
    return true;
  }
  const started = Date.now();
  log('Building the admin (its sources changed since the last build)…');
  const vite = path.join(projectRoot, 'node_modules', '.bin', 'vite');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    // Aborted with the start (Ctrl-C, a failed start): the build must not outlive it.
    const p = spawn(vite, ['build', '--config', path.join(adminDir, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: projectRoot,
      // Always the production build of React and antd: Vite keeps an inherited NODE_ENV (vitest sets
      // "test"), which shipped their development builds, several times slower, whenever tests built it.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    p.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    p.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    p.on('exit', resolve);
    p.on('error', () => resolve(-1));
  });
  if (code !== 0) throw new Error(`The admin build failed:\n${output.join('').slice(-3000)}`);
  fs.writeFileSync(hashFile, hash);
  log(`Admin built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
