// The `print` edge function as a caller sees it over HTTP, and poppler's reading of a PDF: shared by the
// suites that print (tests/functions/print.test.ts, gradebook.test.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { stackInfo } from './stack.ts';

export interface Printed {
  status: number;
  type: string | null;
  bytes: Buffer;
  json: { code?: string; message?: string; job_id?: string } | null;
  headers: Headers;
  /** X-Document-Version and X-Verification-Code (null when the document is not archived). */
  version: string | null;
  code: string | null;
}

/** POST /functions/v1/print as the signed-in client (or with the anon key for null). */
export async function print(client: SupabaseClient<Database> | null, body: unknown): Promise<Printed> {
  const token = client ? (await client.auth.getSession()).data.session!.access_token : stackInfo().anonKey;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/print`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return {
    status: res.status, type, bytes, json: type?.includes('json') ? JSON.parse(bytes.toString()) : null, headers: res.headers,
    version: res.headers.get('x-document-version'), code: res.headers.get('x-verification-code'),
  };
}

/** pdftotext (-layout by default) of each page (poppler, independent of the renderer). */
export function pages(pdf: Buffer, layout = true): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'print-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\f').filter((p) => p.trim() !== '');
}
