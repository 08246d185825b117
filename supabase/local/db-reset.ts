// `npm run db:reset`: wipes the local database (the data folder's cluster and stored objects) and
// starts once to migrate and reseed, then stops. Local data folders only: it never connects anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.ts';
import { startStack } from './stack.ts';
import { portIsFree } from './functions.ts';

const cfg = loadConfig();
if (!(await portIsFree(cfg.host, cfg.ports.db)) || !(await portIsFree(cfg.host, cfg.ports.gateway))) {
  console.error(`The stack seems to be running (port ${cfg.ports.db} or ${cfg.ports.gateway} is taken): stop \`npm start\` first.`);
  process.exit(1);
}
for (const sub of ['db', 'storage']) fs.rmSync(path.join(cfg.dataDir, sub), { recursive: true, force: true });
console.log(`Wiped ${cfg.dataDir}/db and ${cfg.dataDir}/storage (backups and keys kept).`);
const stack = await startStack({ ...cfg, seed: true }, { admin: false, log: (l) => console.log(l) });
await stack.stop();
console.log('Database reset: migrations applied and demo data loaded.');
