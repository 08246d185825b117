// `npm run typecheck`: tsc on the project (admin, policies, local stack, seed, tests, scripts, and the
// shared types and contracts they import from supabase/functions/_shared), then `deno check` on every
// edge function and `deno lint` on supabase/functions. All three run even when one fails, so a schema
// change shows every broken use at once; the exit code is non-zero when any failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../supabase/local/config.ts';
import { denoCheck, denoLint } from './check-functions.ts';

const tsc = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
  cwd: projectRoot,
  stdio: 'inherit',
});
let failed = tsc.status !== 0;
for (const result of [denoCheck(), denoLint()]) {
  console.log(result.output.trimEnd());
  failed ||= !result.ok;
}
process.exit(failed ? 1 : 0);
