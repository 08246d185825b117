// Identifies the caller of an edge function through the auth API, as on hosted Supabase: user tokens
// are verified against the project's published JWKS (supabase-js auth.getClaims), never with a shared
// HS256 secret. The project's own API keys are recognised by comparison with the keys the platform
// gives the function. Returns a client that acts AS the caller, so RLS applies to everything it does.
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2';
import { HttpError } from './http.ts';

export interface Caller {
  role: 'anon' | 'authenticated' | 'service_role';
  userId: string | null;
  email: string | null;
  claims: Record<string, unknown>;
  /** A client whose every request carries the caller's token. */
  client: SupabaseClient;
}

export function env(name: string): string {
  const v = Deno.env.get(name);
  if (!v) throw new HttpError(500, 'misconfigured', `Missing environment variable ${name}`);
  return v;
}

export async function authenticate(req: Request): Promise<Caller> {
  const header = req.headers.get('Authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) throw new HttpError(401, 'no_authorization', 'Thiếu mã xác thực (Authorization).');
  const url = env('SUPABASE_URL');
  const anonKey = env('SUPABASE_ANON_KEY');
  const client = createClient(url, anonKey, {
    global: { headers: { Authorization: `Bearer ${token}` } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  if (token === anonKey) return { role: 'anon', userId: null, email: null, claims: { role: 'anon' }, client };
  if (token === Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')) {
    return { role: 'service_role', userId: null, email: null, claims: { role: 'service_role' }, client };
  }
  const { data, error } = await client.auth.getClaims(token);
  const claims = data?.claims as Record<string, unknown> | undefined;
  if (error || !claims || claims.role !== 'authenticated' || typeof claims.sub !== 'string') {
    throw new HttpError(401, 'bad_jwt', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
  }
  return {
    role: 'authenticated',
    userId: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    claims,
    client,
  };
}
