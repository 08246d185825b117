// Serves `/config.json` in `vite dev` and `vite preview`, as the gateway does in the one-machine stack,
// so the admin is configured the same way everywhere. Values come from SDT_API_URL / SDT_ANON_KEY, with
// the Supabase CLI's local defaults (the anon key is public: it only identifies the local project).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

export const CLI_DEFAULT_API_URL = 'http://127.0.0.1:54321';
export const CLI_DEFAULT_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): { supabaseUrl: string; anonKey: string } {
  return {
    supabaseUrl: env.SDT_API_URL || CLI_DEFAULT_API_URL,
    anonKey: env.SDT_ANON_KEY || CLI_DEFAULT_ANON_KEY,
  };
}

function serveConfig(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const pathname = (req.url ?? '').split('?')[0];
  if (pathname !== '/config.json' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify(runtimeConfigFromEnv()));
}

export function runtimeConfigPlugin(): Plugin {
  return {
    name: 'sdt-runtime-config',
    configureServer(server) {
      server.middlewares.use(serveConfig);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveConfig);
    },
  };
}
