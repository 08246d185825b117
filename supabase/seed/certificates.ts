// The demo's signing certificates (issue 15), made on the start that loads the demo: the local CA (root,
// a CA per school, the timestamp authority) comes with the first certificate, then the people who sign in
// the demo get theirs the way the product issues any — the admin board requests it, its holder activates
// it over HTTP with a PIN (the demo's, printed at start like the demo password) — and THPT Tân Đông's
// clerk activates the school's own. Development and demo only: the local CA is nobody's trust anchor.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../functions/_shared/database.ts';
import { DEMO_PASSWORD } from './demo.ts';

/** The signing PIN of the demo's certificates (a person's own choice in real use). */
export const DEMO_SIGNING_PIN = '246810';

/** Who holds a certificate in the demo: per school, its admin board and the holders (null: the school's, activated by that clerk). */
export const DEMO_CERTIFICATES = [
  {
    school: 'thpt-tandong',
    board: 'bqt@thpt-tandong.edu.vn',
    people: ['hieutruong@thpt-tandong.edu.vn', 'gv.toan@thpt-tandong.edu.vn', 'gvcn.10a1@thpt-tandong.edu.vn', 'totruong.toan@thpt-tandong.edu.vn'],
    organisation: 'vanthu@thpt-tandong.edu.vn',
  },
  { school: 'th-tandong', board: 'bqt@th-tandong.edu.vn', people: ['gvcn.3a@th-tandong.edu.vn'], organisation: null },
] as const;

type Client = SupabaseClient<Database>;

async function signedIn(apiUrl: string, anonKey: string, email: string): Promise<Client> {
  const client = createClient<Database>(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
  if (error) throw new Error(`demo certificates: sign-in of ${email}: ${error.message}`);
  return client;
}

/** Issues the demo's certificates that do not exist yet; returns how many it issued. */
export async function seedDemoCertificates(apiUrl: string, anonKey: string, serviceKey: string): Promise<number> {
  const service = createClient<Database>(apiUrl, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
  let issued = 0;
  for (const school of DEMO_CERTIFICATES) {
    const { data: unit, error } = await service.from('org_units').select('id').eq('code', school.school).single();
    if (error) throw new Error(`demo certificates: ${school.school}: ${error.message}`);
    const board = await signedIn(apiUrl, anonKey, school.board);
    const holders: { email: string; profileId: string | null }[] = [];
    for (const email of school.people) {
      const { data: p } = await service.from('profiles').select('id').eq('email', email).single();
      holders.push({ email, profileId: p!.id });
    }
    if (school.organisation) holders.push({ email: school.organisation, profileId: null });
    for (const h of holders) {
      let existing = service.from('certificates').select('id').eq('status', 'active');
      existing = h.profileId ? existing.eq('kind', 'person').eq('profile_id', h.profileId) : existing.eq('kind', 'organisation').eq('school_id', unit!.id);
      if ((await existing.maybeSingle()).data) continue;
      const { data: request, error: requestError } = await board.rpc('request_certificate', { p_school_id: unit!.id, ...(h.profileId ? { p_profile_id: h.profileId } : {}) });
      if (requestError) throw new Error(`demo certificates: request for ${h.email}: ${requestError.message}`);
      const holder = await signedIn(apiUrl, anonKey, h.email);
      const token = (await holder.auth.getSession()).data.session!.access_token;
      const res = await fetch(`${apiUrl}/functions/v1/sign`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, apikey: anonKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'activate', request_id: request, pin: DEMO_SIGNING_PIN }),
      });
      if (res.status !== 201) throw new Error(`demo certificates: activation by ${h.email}: ${res.status} ${await res.text()}`);
      issued++;
    }
  }
  return issued;
}
