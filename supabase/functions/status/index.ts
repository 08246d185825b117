// status: Postgres and PostgREST versions, the applied migrations, and who is calling with their roles.
// Everything is read as the caller (RLS applies); any valid token may call it.
import { handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { buildStatus, type StatusInputs } from './status.ts';

Deno.serve(
  handle(async (req) => {
    const caller = await authenticate(req);
    const [system, context, rest] = await Promise.all([
      caller.client.rpc('system_status'),
      caller.role === 'authenticated' ? caller.client.rpc('current_user_context') : Promise.resolve({ data: null, error: null }),
      fetch(`${env('SUPABASE_URL')}/rest/v1/`, { method: 'HEAD', headers: { apikey: env('SUPABASE_ANON_KEY') } }),
    ]);
    await rest.body?.cancel();
    const inputs: StatusInputs = {
      system: system.data as StatusInputs['system'],
      systemError: system.error?.message ?? null,
      context: context.data as StatusInputs['context'],
      serverHeader: rest.headers.get('server'),
      caller: { role: caller.role, id: caller.userId, email: caller.email },
    };
    return json(200, buildStatus(inputs));
  }),
);
