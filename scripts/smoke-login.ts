// Signs in to the running default stack as the principal through supabase-js and calls `status`.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../supabase/functions/_shared/database.ts';

const url = process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321';
const config = (await (await fetch(`${url}/config.json`)).json()) as { anonKey: string };
const supabase = createClient<Database>(url, config.anonKey, { auth: { persistSession: false } });
const { error } = await supabase.auth.signInWithPassword({ email: 'hieutruong@thpt-tandong.edu.vn', password: 'SoDienTu@2025' });
if (error) throw new Error(`sign-in failed: ${error.message}`);
const { data, error: fnError } = await supabase.functions.invoke('status');
if (fnError) throw new Error(`status failed: ${fnError.message}`);
if (data.caller.email !== 'hieutruong@thpt-tandong.edu.vn' || !data.caller.roles.includes('principal')) {
  throw new Error(`status answered an unexpected caller: ${JSON.stringify(data.caller)}`);
}
console.log(`smoke: signed in as ${data.caller.email} (${data.caller.full_name}, ${data.caller.roles.join(', ')}); Postgres ${data.postgres_version}, PostgREST ${data.postgrest_version}`);
