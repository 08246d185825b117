// Starts the whole stack once per test run: free ports, a throwaway data folder, demo data, and a
// template database (migrated + seeded) for DB tests to clone. Stopped and removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dbUrl, loadConfig } from '../../supabase/local/config.ts';
import { freeStackPorts, type StackInfo } from '../helpers/stack.ts';

export const TEMPLATE_DB = 'sdt_template';


export default async function setup(project: TestProject) {
  // Unit tests need no stack: skip it when they are all that runs (or when asked to).
  const onlyUnit = project.vitest.projects.every((p) => p.name === 'unit');
  if (process.env.SDT_TEST_NO_STACK === '1' || onlyUnit) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-test-'));
  // The functions' ports after `functions` hold no other service's (a mail server there made a function
  // fail to start now and then).
  const ports = await freeStackPorts();
  const cfg = loadConfig({}, { dataDir, ports, seed: true, logFile: path.join(dataDir, 'stack.log') });
  const started = Date.now();
  // Imported here so a unit-only run (SDT_TEST_NO_STACK=1) loads none of the stack.
  const { startStack } = await import('../../supabase/local/stack.ts');
  const stack = await startStack(cfg, {
    // SDT_TEST_NO_ADMIN=1 skips building and serving the admin (API-only runs while the admin is being edited).
    admin: process.env.SDT_TEST_NO_ADMIN !== '1',
    log: () => undefined,
    beforeServices: async () => {
      const c = new pg.Client({ connectionString: dbUrl(cfg, 'template1') });
      await c.connect();
      await c.query(`create database ${TEMPLATE_DB} template postgres`);
      await c.end();
    },
  });
  console.log(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${stack.apiUrl} (log: ${cfg.logFile})`);
  void stack.died.then((why) => console.error(`[stack] ${why}`));
  const info: StackInfo = {
    apiUrl: stack.apiUrl,
    adminUrl: stack.adminUrl,
    anonKey: stack.keys.anonKey,
    serviceRoleKey: stack.keys.serviceRoleKey,
    jwtSecret: cfg.jwtSecret,
    dbUrl: stack.dbUrl,
    templateDb: TEMPLATE_DB,
    dataDir,
    mailUrl: stack.mailUrl,
  };
  project.provide('stack', info);
  return async () => {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
