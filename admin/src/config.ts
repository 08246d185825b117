// Where the admin finds its Supabase project. Configuration is read at runtime, not baked into the
// build, so one build serves every deployment: the gateway of the one-machine stack (and `vite dev` /
// `vite preview`) serve `./config.json` next to index.html; a static deploy against a hosted project
// without that file falls back to VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY given at build time.
// Checked by hand, not with zod: this runs before the login form, which should not wait for a schema
// library it has no other use for.

export interface RuntimeConfig {
  /** The project's API URL (http or https). */
  supabaseUrl: string;
  /** The anon (publishable) key. */
  anonKey: string;
}

/** The config in `value` when it is one (an http(s) URL and a plausible key), else null. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { supabaseUrl, anonKey } = value as Record<string, unknown>;
  if (typeof supabaseUrl !== 'string' || typeof anonKey !== 'string' || anonKey.length < 20) return null;
  try {
    const url = new URL(supabaseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  } catch {
    return null;
  }
  return { supabaseUrl, anonKey };
}

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
  return parseRuntimeConfig(body);
}

export async function loadRuntimeConfig(
  env: BuildEnv,
  fetchFn: typeof fetch = fetch,
  url = './config.json',
): Promise<RuntimeConfig & { source: 'config.json' | 'build env' }> {
  const fromFile = await fetchConfigJson(fetchFn, url);
  if (fromFile) return { ...fromFile, source: 'config.json' };
  const fromEnv = parseRuntimeConfig({ supabaseUrl: env.VITE_SUPABASE_URL, anonKey: env.VITE_SUPABASE_ANON_KEY });
  if (fromEnv) return { ...fromEnv, source: 'build env' };
  throw new ConfigError('Neither ./config.json nor VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY configure the API');
}
