// Where the admin finds its Supabase project. Configuration is read at runtime, not baked into the
// build, so one build serves every deployment: the gateway of the one-machine stack (and `vite dev` /
// `vite preview`) serve `./config.json` next to index.html; a static deploy against a hosted project
// without that file falls back to VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY given at build time.
import { z } from 'zod';

export const runtimeConfigSchema = z.object({
  supabaseUrl: z.url(),
  anonKey: z.string().min(20),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export interface BuildEnv {
  VITE_SUPABASE_URL?: string;
  VITE_SUPABASE_ANON_KEY?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `./config.json` when it is there and valid, else null (absent, an SPA fallback page, or malformed). */
async function fetchConfigJson(fetchFn: typeof fetch, url: string): Promise<RuntimeConfig | null> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch {
    return null;
  }
  if (!response.ok) return null;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return null; // a static host answering every path with index.html
  }
  const parsed = runtimeConfigSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export async function loadRuntimeConfig(
  env: BuildEnv,
  fetchFn: typeof fetch = fetch,
  url = './config.json',
): Promise<RuntimeConfig & { source: 'config.json' | 'build env' }> {
  const fromFile = await fetchConfigJson(fetchFn, url);
  if (fromFile) return { ...fromFile, source: 'config.json' };
  const fromEnv = runtimeConfigSchema.safeParse({
    supabaseUrl: env.VITE_SUPABASE_URL,
    anonKey: env.VITE_SUPABASE_ANON_KEY,
  });
  if (fromEnv.success) return { ...fromEnv.data, source: 'build env' };
  throw new ConfigError('Neither ./config.json nor VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY configure the API');
}
