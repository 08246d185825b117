// `deno check` on every edge function's entry and `deno lint` on supabase/functions, with the functions'
// own deno.json (its import map resolves bare `zod` and `@supabase/supabase-js` as Vite and vitest do).
// Used by `npm run typecheck` (scripts/typecheck.ts) and tests/functions/static_checks.test.ts; the Deno is the npm `deno`
// package's. Exits non-zero with Deno's output when either fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../supabase/local/config.ts';
import { functionsDir, listFunctions } from '../supabase/local/functions.ts';

export interface CheckResult {
  ok: boolean;
  output: string;
}

function deno(args: string[]): CheckResult {
  const r = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'deno'), args, {
    cwd: functionsDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    timeout: 300_000,
  });
  return { ok: r.status === 0, output: `$ deno ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export function denoCheck(): CheckResult {
  return deno(['check', '--config', 'deno.json', ...listFunctions().map((name) => `${name}/index.ts`)]);
}

export function denoLint(): CheckResult {
  return deno(['lint', '--config', 'deno.json', '.']);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = false;
  for (const result of [denoCheck(), denoLint()]) {
    console.log(result.output.trimEnd());
    failed ||= !result.ok;
  }
  process.exit(failed ? 1 : 0);
}
