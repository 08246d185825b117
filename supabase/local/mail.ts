// The local mail catcher: MailDev (npm `maildev`), a real SMTP server with a web inbox and an HTTP API,
// as the Supabase CLI runs its mail testing server beside `supabase start`. The auth server sends its
// recovery mail there; people read it at the inbox URL that `npm start` prints, tests through /api/email.
// Mail is kept in memory: a restart empties the inbox.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, type StackConfig } from './config.ts';
import type { Child, Supervisor } from './processes.ts';

export const MAIL_FROM = 'Sổ điện tử <no-reply@sodientu.local>';

export function maildevBinary(): string {
  // The package's exports map has no entry for its bin; it is a plain file of the package.
  const file = path.join(projectRoot, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  if (!fs.existsSync(file)) throw new Error(`The mail catcher is not installed (${file}): run npm install`);
  return file;
}

export function startMailCatcher(cfg: StackConfig, sup: Supervisor): Child {
  const args = [
    maildevBinary(),
    '--smtp', String(cfg.ports.mailSmtp),
    '--ip', cfg.host,
    '--web', String(cfg.ports.mailWeb),
    '--web-ip', cfg.host,
    '--max-emails', '500',
    '--silent',
  ];
  return sup.spawn('mail', process.execPath, args, { env: { PATH: process.env.PATH, NODE_ENV: 'production' } });
}
