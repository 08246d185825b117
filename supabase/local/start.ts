// `npm start`: the whole system on this machine. Prints the URLs, keys and demo accounts when every
// backend is healthy; Ctrl-C / SIGTERM stop every child; a child that dies stops all and exits 1.
import { CLI_JWT_SECRET, loadConfig } from './config.ts';
import { startStack } from './stack.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo.ts';
import { DEMO_CERTIFICATES, DEMO_SIGNING_PIN, seedDemoCertificates } from '../seed/certificates.ts';
import { seedDemoDossiers } from '../seed/dossierSubmissions.ts';
import { seedDemoCorrection } from '../seed/corrections.ts';

const cfg = loadConfig();
let stack: Awaited<ReturnType<typeof startStack>> | null = null;
let stopping = false;
const aborter = new AbortController();

// A signal often arrives twice (from the terminal or `kill` to the process group, and relayed by tsx):
// the second one must not cut the orderly stop short, so only the first call stops and exits.
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Sổ điện tử…');
  aborter.abort();
  // A start still under way stops what it started and rejects; its catch below exits.
  if (!stack) return;
  setTimeout(() => {
    console.error('Stopping took longer than 30 s; exiting anyway.');
    process.exit(1);
  }, 30_000).unref();
  await stack.stop();
  console.log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
// A bug must not leave the databases and servers running without their supervisor.
process.on('uncaughtException', (e) => {
  console.error('Unexpected error:', e);
  void shutdown(1);
});
process.on('unhandledRejection', (e) => {
  console.error('Unexpected error:', e);
  void shutdown(1);
});

try {
  stack = await startStack(cfg, { log: (l) => console.log(l), signal: aborter.signal });
  // The start that loads the demo also gives its signers their certificates (through the API, as the product does).
  if (stack.seeded) {
    const issued = await seedDemoCertificates(stack.apiUrl, stack.keys.anonKey, stack.keys.serviceRoleKey);
    console.log(`Demo signing certificates issued: ${issued}`);
    console.log(`Demo dossiers submitted: ${await seedDemoDossiers(stack.apiUrl, stack.keys.anonKey, stack.keys.serviceRoleKey)}`);
    await seedDemoCorrection(stack.apiUrl, stack.keys.anonKey, stack.keys.serviceRoleKey);
    console.log('Demo score correction waiting for the admin board: 2024-2025 10A1 Toán, học kỳ II');
  }
} catch (e) {
  if (stopping) {
    console.log('Stopped.');
    process.exit(0);
  }
  console.error(`\nSổ điện tử could not start:\n${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

// From the process's own start, so Node's and the TypeScript loader's start-up are counted too.
const secs = process.uptime().toFixed(1);
// The CLI's defaults are public; a real secret is never printed.
const defaultSecret = cfg.jwtSecret === CLI_JWT_SECRET;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length));
if (cfg.postgrestPlan) console.log('\nWARNING: SDT_POSTGREST_PLAN=true — PostgREST serves query plans (benchmarks only; never for real users).');
console.log(`
Sổ điện tử is ready in ${secs} s${stack.seeded ? ' (demo data loaded)' : ''}.

  Admin (quản trị)   ${stack.adminUrl}
  API URL            ${stack.apiUrl}
  Database URL       ${stack.dbUrl}
  Mail (hộp thư thử) ${stack.mailUrl}  (password recovery mail lands here; API: /api/email)
  anon key           ${stack.keys.anonKey}
  service_role key   ${defaultSecret ? stack.keys.serviceRoleKey : '(set; derived from SDT_JWT_SECRET)'}
  JWT secret         ${defaultSecret ? cfg.jwtSecret : '(set in SDT_JWT_SECRET)'}
  Today (hôm nay)    ${cfg.today ? `${cfg.today.split('-').reverse().join('/')} (pinned; SDT_TODAY=real follows the clock)` : 'the real date (SDT_TODAY=real)'}
  Functions          ${stack.functions.map((f) => `${stack!.apiUrl}/functions/v1/${f.name}`).join(', ') || '(none)'}

Demo accounts (password ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `  ${pad(a.email, 38)}${a.note}`).join('\n')}

Demo signing certificates (Ký số), PIN ${DEMO_SIGNING_PIN}: ${DEMO_CERTIFICATES.flatMap((c) => [...c.people, ...(c.organisation ? [`${c.organisation} (the school's)`] : [])]).join(', ')}

Press Ctrl-C to stop.`);

const why = await stack.died;
if (!stopping) {
  console.error(`\n${why}\nStopping everything.`);
  await shutdown(1);
}
