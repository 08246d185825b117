// Identifies the caller of an edge function through the auth API, as on hosted Supabase: the token is
// checked by the auth server (supabase-js auth.getUser), never with a shared HS256 secret. getUser
// rather than getClaims: getClaims verifies an asymmetric token locally and would accept a token
// whose session was signed out or whose user was banned until it expires. The project's own API keys are recognised by comparison with the keys the platform
// gives the function. Returns a client that acts AS the caller, so RLS applies to everything it does.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.ts';
import { HttpError } from './http.ts';

export interface Caller {
  role: 'anon' | 'authenticated' | 'service_role';
  userId: string | null;
  email: string | null;
  /** A client whose every request carries the caller's token. */
  client: SupabaseClient<Database>;
}

export function env(name: string): string {
  const v = Deno.env.get(name);
  if (!v) throw new HttpError(500, 'misconfigured', `Missing environment variable ${name}`);
  return v;
}

export async function authenticate(req: Request): Promise<Caller> {
  return await beginAuthentication(req).caller;
}

/**
 * The caller's client at once and the check of their token under way: a function may start a READ with
 * the client beside the check (PostgREST verifies the token's signature itself and RLS decides what it
 * answers) and use its answer only once `caller` resolved — never a write, which waits for the caller.
 * A missing token is refused at once.
 */
export function beginAuthentication(req: Request): { client: SupabaseClient<Database>; caller: Promise<Caller> } {
  const header = req.headers.get('Authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) throw new HttpError(401, 'no_authorization', 'Thiếu mã xác thực (Authorization).');
  const url = env('SUPABASE_URL');
  const anonKey = env('SUPABASE_ANON_KEY');
  const client = createClient<Database>(url, anonKey, {
    global: { headers: { Authorization: `Bearer ${token}` } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return { client, caller: verify(client, token, anonKey) };
}

async function verify(client: SupabaseClient<Database>, token: string, anonKey: string): Promise<Caller> {
  if (token === anonKey) return { role: 'anon', userId: null, email: null, client };
  if (token === Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')) return { role: 'service_role', userId: null, email: null, client };
  const { data, error } = await client.auth.getUser(token);
  const user = data?.user;
  if (error || !user || user.role !== 'authenticated') {
    throw new HttpError(401, 'bad_jwt', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
  }
  return { role: 'authenticated', userId: user.id, email: user.email ?? null, client };
}
