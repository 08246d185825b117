// What `npm run typecheck` and `npm run lint` check, run by `npm test` too (CI runs only the tests):
// every edge function type-checks and lints under Deno with the functions' import map, and ESLint's
// rules (recommended, no page-to-page imports, no functions→admin imports) hold on the whole tree.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { denoCheck, denoLint } from '../../scripts/check-functions.ts';
import { projectRoot } from '../../supabase/local/config.ts';

describe('static checks', () => {
  it('deno check passes on every edge function entry', () => {
    const r = denoCheck();
    expect(r.ok, r.output).toBe(true);
  }, 300_000);

  it('deno lint passes on supabase/functions', () => {
    const r = denoLint();
    expect(r.ok, r.output).toBe(true);
  }, 120_000);

  it('ESLint passes on the project (recommended rules and the import boundaries)', () => {
    const r = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'eslint'), ['--max-warnings', '0', '.'], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(r.status, `$ eslint .\n${r.stdout}${r.stderr}`).toBe(0);
  }, 600_000);
});
