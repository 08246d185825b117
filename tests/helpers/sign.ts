// The `sign` edge function as a caller sees it over HTTP (issue 15), and the steps the signing suites share:
// certificates requested by the admin board and activated by their holders with a PIN, a batch started,
// prepared by the jobs worker and approved.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { serviceClient, signedIn, stackInfo } from './stack.ts';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';

export interface SignAnswer {
  status: number;
  json: Record<string, unknown> & { code?: string; message?: string };
}

/** POST /functions/v1/sign as the signed-in client. */
export async function sign(client: SupabaseClient<Database>, body: unknown): Promise<SignAnswer> {
  const token = (await client.auth.getSession()).data.session!.access_token;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/sign`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The admin board requests a certificate (a person's, or the school's without a profile); its holder activates it with `pin`. */
export async function issue(board: SupabaseClient<Database>, holder: SupabaseClient<Database>, schoolId: string, profileId: string | null, pin: string): Promise<string> {
  const { data: request, error } = await board.rpc('request_certificate', { p_school_id: schoolId, ...(profileId ? { p_profile_id: profileId } : {}) });
  if (error) throw new Error(`request_certificate: ${error.message}`);
  const r = await sign(holder, { action: 'activate', request_id: request, pin });
  if (r.status !== 201) throw new Error(`activate: ${r.status} ${JSON.stringify(r.json)}`);
  return (r.json.certificate as { id: string }).id;
}

/** Waits until a batch is prepared (awaiting the signer's approval) or ended. */
export async function prepared(batchId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await serviceClient().from('signing_batches').select('status').eq('id', batchId).single();
    if (data && data.status !== 'preparing') return data.status;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} still preparing`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Starts a batch, waits for its files, approves it with the PIN: the approval's answer. */
export async function signClass(client: SupabaseClient<Database>, start: { class_id: string; role: string; subject_id?: string; document?: 'transcripts' | 'gradebook' }, pin: string): Promise<SignAnswer> {
  const started = await sign(client, { action: 'start', ...start });
  if (started.status !== 202) return started;
  await prepared(started.json.batch_id as string);
  return await sign(client, { action: 'approve', batch_id: started.json.batch_id, pin });
}

/** The PIN every suite gives the demo people's certificates (a suite may find one another suite issued). */
export const TEST_PIN = '246810';

/**
 * The holder's active certificate (a person's, or the school's with profileId null), issued with TEST_PIN
 * when there is none; suites running at once may race to issue it: the loser reads the winner's.
 */
export async function ensureCertificate(board: SupabaseClient<Database>, holder: SupabaseClient<Database>, schoolId: string, profileId: string | null): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    let q = serviceClient().from('certificates').select('id').eq('status', 'active');
    q = profileId ? q.eq('kind', 'person').eq('profile_id', profileId) : q.eq('kind', 'organisation').eq('school_id', schoolId);
    const { data } = await q.maybeSingle();
    if (data) return data.id;
    try {
      return await issue(board, holder, schoolId, profileId, TEST_PIN);
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * A staff member of the demo school signed in. The generated teachers (giaovienNN@) have no published
 * password: the suite gives the account one of its own through the admin API (a demo account keeps its own).
 */
export async function staffSignedIn(email: string): Promise<SupabaseClient<Database>> {
  if (DEMO_ACCOUNTS.some((a) => a.email === email)) return await signedIn(email);
  const password = `Ky-so-${email}`;
  // Another suite may have set it already: setting it again would sign out that suite's sessions.
  try {
    return await signedIn(email, password);
  } catch { /* not set yet */ }
  {
    const { data: profile } = await serviceClient().from('profiles').select('id').eq('email', email).single();
    const { error } = await serviceClient().auth.admin.updateUserById(profile!.id, { password });
    if (error) throw new Error(`password for ${email}: ${error.message}`);
    return await signedIn(email, password);
  }
}
