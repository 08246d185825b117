// One vitest run, five suites. The stack (Postgres, PostgREST, auth, storage, functions, gateway, admin)
// is started once per run by the root global setup, on free ports with a throwaway data folder.
import { defineConfig } from 'vitest/config';

// Projects inherit neither the root's timeouts nor its options, so each one sets them.
// supabase-js's realtime client needs a WebSocket global, which Node 20 has behind this flag. Projects
// do not inherit the root's test options, so each one gets it.
const execArgv = ['--experimental-websocket'];

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/stack.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['admin/src/**/*.test.{ts,tsx}', 'policies/**/*.test.ts', 'supabase/local/**/*.test.ts', 'supabase/seed/**/*.test.ts'],
          environment: 'node',
          hookTimeout: 120_000,
          execArgv,
        },
      },
      { test: { name: 'db', include: ['tests/db/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, execArgv } },
      { test: { name: 'api', include: ['tests/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, execArgv } },
      { test: { name: 'functions', include: ['tests/functions/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, execArgv } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          execArgv,
        },
      },
    ],
  },
});
