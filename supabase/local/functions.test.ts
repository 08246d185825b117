import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './config.ts';
import { listFunctions } from './functions.ts';

describe('edge functions', () => {
  it('every function folder is declared in supabase/config.toml with verify_jwt = true, as the local gateway enforces', () => {
    const toml = fs.readFileSync(path.join(projectRoot, 'supabase', 'config.toml'), 'utf8');
    const names = listFunctions();
    expect(names).toEqual(expect.arrayContaining(['staff-accounts', 'status']));
    for (const name of names) {
      expect(toml, name).toMatch(new RegExp(`\\[functions\\.${name}\\]\\s*\\nverify_jwt = true`));
    }
  });
});
