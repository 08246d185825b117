// supabase/functions/_shared/database.types.ts is generated (`npm run db:types`), never edited: the
// committed file must be what `supabase gen types typescript` prints for the migrated schema, here
// regenerated from the test stack's database by the same generator and options as the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackInfo } from '../helpers/stack.ts';
import { databaseTypesFile, generateDatabaseTypes } from '../../supabase/local/typegen.ts';

/** `diff -u committed generated`, or '' when equal. */
function unifiedDiff(committed: string, generated: string): string {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-types-')), 'database.types.ts');
  fs.writeFileSync(tmp, generated);
  try {
    execFileSync('diff', ['-u', '--label', 'committed', '--label', 'generated', databaseTypesFile, tmp], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}

describe('generated database types', () => {
  it('a developer who changed the schema without running npm run db:types is told which lines are stale', async () => {
    const generated = await generateDatabaseTypes(stackInfo().dbUrl);
    expect(generated).toContain('export type Database = {');
    const diff = unifiedDiff(fs.readFileSync(databaseTypesFile, 'utf8'), generated);
    expect(diff, `database.types.ts is stale: run \`npm run db:types\` and commit it.\n${diff.slice(0, 20_000)}`).toBe('');
  }, 120_000);
});
