// The local mail catcher (MailDev) that the stack's auth server sends its mail to, read through its
// HTTP API as a developer would read its web inbox.
import { stackInfo } from './stack.ts';

export interface CaughtMail {
  id: string;
  subject: string;
  to: { address: string; name?: string }[];
  from: { address: string; name?: string }[];
  html?: string;
  text?: string;
  time: string;
}

function inboxUrl(): string {
  const url = stackInfo().mailUrl;
  if (!url) throw new Error('The stack has no mail catcher (StackInfo.mailUrl is not set)');
  return url;
}

/** Every mail caught so far for `address` (case-insensitive), oldest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const res = await fetch(`${inboxUrl()}/api/email`);
  if (!res.ok) throw new Error(`mail catcher answered ${res.status}`);
  const all = (await res.json()) as CaughtMail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/** Waits (up to `timeoutMs`) for the `count`-th mail to `address` and returns it. */
export async function waitForMail(address: string, { count = 1, timeoutMs = 10_000 } = {}): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails[count - 1]!;
    if (Date.now() > deadline) throw new Error(`no mail #${count} to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The first link of a mail's HTML that goes to the auth server's /verify endpoint. */
export function verifyLink(mail: CaughtMail): string {
  const m = /href="([^"]*\/auth\/v1\/verify\?[^"]*)"/.exec(mail.html ?? '');
  if (!m) throw new Error(`no /verify link in mail "${mail.subject}"`);
  return m[1]!.replace(/&amp;/g, '&');
}
