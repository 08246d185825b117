// What the admin costs a browser, before and after issue 12 (a light admin), side by side. It builds the
// admin of the current tree and of the base commit (c2b0a42, the commit before the first change,
// built in a temporary git worktree with this checkout's node_modules), starts one local stack (demo
// data, no admin of its own) and serves each build from a gateway of its own (the stack's gateway code,
// same backends, so the API answers the same). For four moments it prints:
//   - the gzip bytes of the JS and CSS they need, from the built files: the static import closure, in
//     Vite's manifest, of index.html's entry and of the route's own chunks (a lazy page, the layout);
//     what loads later (exceljs at an export, pdf.js at a preview) is not counted;
//   - the JS and CSS bytes Chromium actually transferred (CDP Network.loadingFinished encodedDataLength,
//     headers included), from a cold cache: each run is a fresh headless Chromium with an empty
//     --user-data-dir; the base build is served as it was (uncompressed), the new one as the gateway
//     now serves it (the build's brotli copies);
//   - the time to it, median of the runs, on the local network and throttled (CDP network emulation).
// The moments, cumulative from the cold start (bytes) and each timed from its user action:
//   Login form            navigation → the email field is visible
//   First screen, bqt@    "Đăng nhập" clicked → dashboard greeting and memberships rendered (admin board)
//   First screen, gv.toan@  the same as a subject teacher
//   Sổ điểm 10A1 Toán     gv.toan@ then opens Sổ điểm of 10A1 Toán, Học kì I (the menu's in-app
//                         navigation, with the class and subject in the link) → the grid is shown
//
//   node --import tsx scripts/bench-admin.ts [--base c2b0a42] [--runs 3] [--mbit 10] [--latency 20]
//
// Needs Chromium at /usr/bin/chromium (SDT_CHROMIUM). Starts and stops everything itself (free ports,
// throwaway folders); the temporary worktree and builds are removed at the end.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { loadConfig, projectRoot } from '../supabase/local/config.ts';
import { createGateway } from '../supabase/local/gateway.ts';
import { startStack, type RunningStack } from '../supabase/local/stack.ts';
import { DEMO_PASSWORD } from '../supabase/seed/demo.ts';
import { freePort, freeStackPorts } from '../supabase/local/common.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'c2b0a42' },
    runs: { type: 'string', default: '3' },
    mbit: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
  },
});
const BASE = values.base!;
const RUNS = Math.max(1, Number(values.runs));
const MBIT = Number(values.mbit);
const LATENCY = Number(values.latency);
const CHROMIUM = process.env.SDT_CHROMIUM ?? '/usr/bin/chromium';
const ADMIN_BOARD = 'bqt@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-bench-admin-'));
const log = (line: string) => console.error(`[bench-admin] ${line}`);

// ---------------------------------------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------------------------------------
interface Build {
  label: string;
  dir: string;
  manifest: Record<string, ManifestChunk>;
}
interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const p = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    p.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out.join('').slice(-3000)}`))));
  });
}

/** `vite build` of the admin under `root` (a checkout) into `outDir`, with a manifest. */
async function buildAdmin(label: string, root: string, outDir: string): Promise<Build> {
  const started = Date.now();
  const vite = path.join(projectRoot, 'node_modules', '.bin', 'vite');
  await run(vite, ['build', '--config', path.join(root, 'admin', 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], root, {
    ...process.env,
    NODE_ENV: 'production',
  });
  log(`built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  return { label, dir: outDir, manifest };
}

/**
 * The JS and CSS files a moment needs according to the manifest: the static closure of the entry and of
 * each route module that is a chunk of its own (when it is not, it is inside the entry's closure).
 */
function neededFiles(build: Build, routeModules: string[]): string[] {
  const keys = ['index.html', ...routeModules.filter((m) => build.manifest[m])];
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = build.manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...files].filter((f) => /\.(m?js|css)$/.test(f));
}

const gzipCache = new Map<string, number>();
function gzipBytes(build: Build, files: string[]): number {
  let total = 0;
  for (const f of files) {
    const full = path.join(build.dir, f);
    if (!gzipCache.has(full)) gzipCache.set(full, zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length);
    total += gzipCache.get(full)!;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// Serving: one stack (API, demo data), one gateway per build on a free port
// ---------------------------------------------------------------------------------------------------

async function serve(stack: RunningStack, build: Build): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const gateway = createGateway(
    {
      host: stack.cfg.host,
      postgrest: stack.cfg.ports.postgrest,
      auth: stack.cfg.ports.auth,
      storage: stack.cfg.ports.storage,
      functions: new Map(stack.functions.map((f) => [f.name, f.port])),
      adminDir: build.dir,
      // The admin talks to the API through its own origin, as with `npm start`.
      adminConfig: { supabaseUrl: url, anonKey: stack.keys.anonKey },
    },
    stack.keys,
  );
  await new Promise<void>((resolve) => gateway.listen(port, '127.0.0.1', () => resolve()));
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.closeAllConnections();
        gateway.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Chromium, cold
// ---------------------------------------------------------------------------------------------------
interface Moment {
  /** JS+CSS bytes transferred from the cold start up to this moment. */
  bytes: number;
  ms: number;
}
type Network = 'local' | 'throttled';

/** A fresh Chromium profile; counts the JS and CSS bytes its page receives over the network. */
async function coldBrowser(network: Network) {
  const userDataDir = fs.mkdtempSync(path.join(work, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (network === 'throttled') {
    const bytesPerSecond = (MBIT * 1_000_000) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  }
  const types = new Map<string, string>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId);
    if (type === 'Script' || type === 'Stylesheet') bytes += e.encodedDataLength;
  });
  return {
    page,
    transferred: () => bytes,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function loginForm(page: import('playwright-core').Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.getByTestId('login-email').waitFor({ state: 'visible' });
  return Date.now() - t0;
}

async function submitLogin(page: import('playwright-core').Page, email: string): Promise<number> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  const t0 = Date.now();
  await page.getByTestId('login-submit').click();
  return t0;
}

/**
 * Cold start to the login form, then signed in to the dashboard; with `sheet`, then on to that gradebook
 * sheet, as the menu's link does (an in-app navigation, nothing reloaded).
 */
async function session(base: string, email: string, network: Network, sheet?: string): Promise<{ login: Moment; first: Moment; grid?: Moment }> {
  const b = await coldBrowser(network);
  try {
    const loginMs = await loginForm(b.page, `${base}/`);
    const login = { bytes: b.transferred(), ms: loginMs };
    const t0 = await submitLogin(b.page, email);
    await b.page.locator('[data-testid="memberships-table"] tbody tr[data-row-key]').first().waitFor({ state: 'visible' });
    await b.page.getByTestId('dashboard-greeting').waitFor({ state: 'visible' });
    const first = { bytes: b.transferred(), ms: Date.now() - t0 };
    if (!sheet) return { login, first };
    const t1 = Date.now();
    await b.page.evaluate((hash) => (window.location.hash = hash), `#/score_entries?${sheet}`);
    await b.page.locator('[data-testid="score-grid"] [data-testid^="score-cell-"]').first().waitFor({ state: 'visible' });
    return { login, first, grid: { bytes: b.transferred(), ms: Date.now() - t1 } };
  } finally {
    await b.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------
const ROWS = [
  { key: 'login', label: 'Login form', modules: ['src/pages/login/LoginPage.tsx'] },
  { key: 'bqt', label: `First screen, ${ADMIN_BOARD.split('@')[0]}@`, modules: ['src/pages/login/LoginPage.tsx', 'src/App.tsx', 'src/components/AppLayout.tsx', 'src/pages/dashboard/DashboardList.tsx'] },
  { key: 'teacher', label: `First screen, ${TEACHER.split('@')[0]}@`, modules: ['src/pages/login/LoginPage.tsx', 'src/App.tsx', 'src/components/AppLayout.tsx', 'src/pages/dashboard/DashboardList.tsx'] },
  { key: 'grid', label: 'Sổ điểm 10A1 Toán grid', modules: ['src/pages/login/LoginPage.tsx', 'src/App.tsx', 'src/components/AppLayout.tsx', 'src/pages/dashboard/DashboardList.tsx', 'src/pages/score_entries/ScoreEntryList.tsx'] },
] as const;
type RowKey = (typeof ROWS)[number]['key'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};
const kb = (n: number) => (n / 1024).toFixed(0);
const ratio = (a: number, b: number) => (a > 0 ? (b / a).toFixed(2) : '—');

function currentLabel(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot }).toString().trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'admin', 'policies', 'package.json'], { cwd: projectRoot }).toString().trim() !== '';
  return dirty ? `${head}+changes` : head;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM} (set SDT_CHROMIUM)`);
  const baseTree = path.join(work, 'base');
  let stack: RunningStack | null = null;
  const servers: { close: () => Promise<void> }[] = [];
  let worktreeAdded = false;
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const s of servers) await s.close().catch(() => undefined);
      await stack?.stop().catch((e: unknown) => log(`stack stop: ${String(e)}`));
      if (worktreeAdded) {
        try {
          execFileSync('git', ['worktree', 'remove', '--force', baseTree], { cwd: projectRoot, stdio: 'ignore' });
        } catch (e) {
          log(`could not remove the worktree ${baseTree}: ${String(e)}`);
        }
        execFileSync('git', ['worktree', 'prune'], { cwd: projectRoot, stdio: 'ignore' });
      }
      fs.rmSync(work, { recursive: true, force: true });
    })());
  // Ctrl-C still stops the stack and removes the temporary worktree.
  process.once('SIGINT', () => {
    log('interrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    // 1. Both builds (the base one in a temporary worktree sharing node_modules).
    execFileSync('git', ['worktree', 'add', '--detach', baseTree, BASE], { cwd: projectRoot, stdio: 'ignore' });
    worktreeAdded = true;
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(baseTree, 'node_modules'));
    const builds = {
      old: await buildAdmin(BASE, baseTree, path.join(work, 'dist-old')),
      new: await buildAdmin(currentLabel(), projectRoot, path.join(work, 'dist-new')),
    };

    // 2. One stack (API and demo data only), a gateway per build.
    const ports = await freeStackPorts();
    const cfg = loadConfig({}, { dataDir: path.join(work, 'stack'), ports, seed: true, logFile: path.join(work, 'stack.log') });
    const started = Date.now();
    stack = await startStack(cfg, { admin: false, log: () => undefined });
    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const db = new pg.Client({ connectionString: stack.dbUrl });
    await db.connect();
    const { rows: [ids] } = await db.query<{ class_id: string; subject_id: string }>(
      `select c.id as class_id, s.id as subject_id from public.classes c
       join public.school_years y on y.id = c.school_year_id join public.org_units o on o.id = y.school_id
       join public.subjects s on s.school_level = 'upper_secondary' and s.code = 'toan'
       where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`,
    );
    await db.end();
    if (!ids) throw new Error('10A1 / Toán of THPT Tân Đông 2026-2027 not found in the demo data');
    const sheet = `class=${ids.class_id}&subject=${ids.subject_id}&semester=1`;
    const urls = { old: await serve(stack, builds.old), new: await serve(stack, builds.new) };
    servers.push(urls.old, urls.new);

    // 3. Chromium, cold, old and new alternating so neither always runs on a warmer machine.
    const samples: Record<'old' | 'new', Record<Network, Record<RowKey, Moment[]>>> = {
      old: { local: { login: [], bqt: [], teacher: [], grid: [] }, throttled: { login: [], bqt: [], teacher: [], grid: [] } },
      new: { local: { login: [], bqt: [], teacher: [], grid: [] }, throttled: { login: [], bqt: [], teacher: [], grid: [] } },
    };
    for (const network of ['local', 'throttled'] as const) {
      for (let i = 0; i < RUNS; i++) {
        for (const which of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
          const base = urls[which].url;
          const s = samples[which][network];
          const a = await session(base, ADMIN_BOARD, network);
          s.login.push(a.login);
          s.bqt.push(a.first);
          const t = await session(base, TEACHER, network, sheet);
          s.login.push(t.login);
          s.teacher.push(t.first);
          s.grid.push(t.grid!);
        }
        log(`${network}: run ${i + 1}/${RUNS} done`);
      }
    }

    // 4. The table.
    const head = [
      'Moment'.padEnd(26),
      'files gzip KB'.padStart(22),
      'Chromium transferred KB'.padStart(24),
      'time local ms'.padStart(20),
      `time ${MBIT} Mbit/s ms`.padStart(22),
    ].join(' ');
    const sub = [''.padEnd(26), ...[22, 24, 20, 22].map((w) => `${'old'.padStart(6)} ${'new'.padStart(6)} ${'new/old'.padStart(w - 15)}`)].join(' ');
    const lines = [
      `Admin JS+CSS: ${builds.old.label} (before issue 12) = old, ${builds.new.label} = new; cold cache, headless Chromium, median of ${RUNS} run(s); ` +
        `throttled = ${MBIT} Mbit/s, ${LATENCY} ms latency. Bytes are cumulative from the cold start; login time from navigation, first screen from the click on "Đăng nhập", the grid from opening Sổ điểm.`,
      head,
      sub,
    ];
    for (const row of ROWS) {
      const files = { old: gzipBytes(builds.old, neededFiles(builds.old, [...row.modules])), new: gzipBytes(builds.new, neededFiles(builds.new, [...row.modules])) };
      const sent = { old: median(samples.old.local[row.key].map((m) => m.bytes)), new: median(samples.new.local[row.key].map((m) => m.bytes)) };
      const local = { old: median(samples.old.local[row.key].map((m) => m.ms)), new: median(samples.new.local[row.key].map((m) => m.ms)) };
      const slow = { old: median(samples.old.throttled[row.key].map((m) => m.ms)), new: median(samples.new.throttled[row.key].map((m) => m.ms)) };
      const cell = (v: { old: number; new: number }, w: number, f: (n: number) => string = String) =>
        `${f(v.old).padStart(6)} ${f(v.new).padStart(6)} ${ratio(v.old, v.new).padStart(w - 15)}`;
      lines.push([row.label.padEnd(26), cell(files, 22, kb), cell(sent, 24, kb), cell(local, 20), cell(slow, 22)].join(' '));
    }
    lines.push('Targets (new, files gzip): login ≤ 300 KB, first screen ≤ 450 KB.');
    console.log(lines.join('\n'));
  } finally {
    await cleanup();
  }
}

await main();
