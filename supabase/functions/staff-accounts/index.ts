// staff-accounts: the admin board creates staff accounts and resets their passwords. Parse → authenticate
// → check the caller's right as the caller (RLS) → act with the service role → respond.
import { createClient } from 'npm:@supabase/supabase-js@2';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { firstIssue, staffAccountRequestSchema } from '../../../admin/src/shared/staffAccounts.ts';
import { adminBoardSchools, assertPersonOfSchools, createAccount, resetPassword } from './accounts.ts';

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'authenticated' || !caller.userId) {
      throw new HttpError(403, 'not_admin_board', 'Chỉ Ban quản trị của trường mới quản lý tài khoản cán bộ.');
    }
    const parsed = staffAccountRequestSchema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;
    const schools = await adminBoardSchools(caller.client, caller.userId);
    if (body.action === 'reset_password') await assertPersonOfSchools(caller.client, body.user_id, schools);
    // Service role, created only now that the caller's right was checked through RLS above.
    const service = createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const result = body.action === 'create' ? await createAccount(service, body) : await resetPassword(service, body.user_id, body.password);
    return json(body.action === 'create' ? 201 : 200, result);
  }),
);
