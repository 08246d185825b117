// The auth server's mail: GoTrue's recovery template rendered from supabase/templates (the file that
// supabase/config.toml gives a hosted project), sent over SMTP to the stack's mail catcher. A minimal
// SMTP client (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT; no TLS or AUTH): the only server it talks to is
// the local catcher — a hosted project sends its mail itself, through the SMTP set in its dashboard.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../config.ts';

export interface MailerOptions {
  smtpHost: string;
  smtpPort: number;
  /** The sender, e.g. "Sổ điện tử <no-reply@sodientu.local>". */
  from: string;
}

export interface Mail {
  to: string;
  subject: string;
  html: string;
}

export const RECOVERY_SUBJECT = 'Đặt lại mật khẩu Sổ điện tử / Reset your password';
const RECOVERY_TEMPLATE = path.join(projectRoot, 'supabase', 'templates', 'recovery.html');

// Go's html/template escaping, as GoTrue's templates get it.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|#34|#39);/g, (e) => Object.keys(ENTITIES).find((k) => ENTITIES[k] === e)!);

/** The recovery mail, as GoTrue renders its template (Go template fields, HTML-escaped). */
export function recoveryMail(to: string, fields: { ConfirmationURL: string; SiteURL: string }): Mail {
  const template = fs.readFileSync(RECOVERY_TEMPLATE, 'utf8');
  const values: Record<string, string> = { ...fields, Email: to };
  const html = template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? escapeHtml(values[name]!) : whole));
  return { to, subject: RECOVERY_SUBJECT, html };
}

const b64lines = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

function encodeAddress(addr: string): string {
  const m = /^(.*)<([^>]+)>$/.exec(addr.trim());
  return m ? `${encodeWord(m[1]!.trim())} <${m[2]}>` : addr;
}

const bareAddress = (addr: string) => /<([^>]+)>/.exec(addr)?.[1] ?? addr.trim();

/** The RFC 5322 message: multipart/alternative with a text part derived from the HTML. */
export function renderMessage(from: string, mail: Mail, now = new Date()): string {
  const boundary = `sdt-${crypto.randomBytes(12).toString('hex')}`;
  const text = unescapeHtml(mail.html.replace(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g, '$2: $1').replace(/<[^>]+>/g, '').replace(/\n{3,}/g, '\n\n').trim());
  return [
    `From: ${encodeAddress(from)}`,
    `To: ${mail.to}`,
    `Subject: ${encodeWord(mail.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${crypto.randomUUID()}@sodientu.local>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64lines(text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64lines(mail.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Sends one mail; rejects with the server's answer when a step is refused, or after 10 s. */
export function sendMail(opts: MailerOptions, mail: Mail): Promise<void> {
  const message = renderMessage(opts.from, mail);
  const steps = [
    `EHLO sodientu.local`,
    `MAIL FROM:<${bareAddress(opts.from)}>`,
    `RCPT TO:<${mail.to}>`,
    'DATA',
    // Dot-stuffing (RFC 5321 4.5.2), then the end-of-data line.
    `${message.replace(/^\./gm, '..')}\r\n.`,
    'QUIT',
  ];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: opts.smtpHost, port: opts.smtpPort });
    socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP server did not answer within 10 s')));
    let buffer = '';
    let step = -1; // -1: waiting for the greeting
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      // A reply is complete at a line "NNN text" (a space, not a dash, after the code).
      const lines = buffer.split('\r\n');
      const last = lines.findIndex((l) => /^\d{3} /.test(l));
      if (last < 0) return;
      const reply = lines.slice(0, last + 1).join('\n');
      buffer = lines.slice(last + 1).join('\r\n');
      const code = Number(lines[last]!.slice(0, 3));
      if (code >= 400) {
        socket.destroy();
        reject(new Error(`SMTP refused (${steps[step] === undefined ? 'greeting' : steps[step]!.split(' ')[0]}): ${reply}`));
        return;
      }
      step++;
      if (step < steps.length) socket.write(`${steps[step]}\r\n`);
      else socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => (step >= steps.length ? resolve() : reject(new Error('SMTP connection closed early'))));
  });
}
