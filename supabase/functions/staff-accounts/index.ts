// staff-accounts: the admin board creates accounts; password resets by the admin board or, for BGH, the
// Phòng/Sở officer above the school. Parse → authenticate → check (and record) the caller's right as the
// caller → act with the service role → respond.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { firstIssue, staffAccountRequestSchema } from '../_shared/contracts/staffAccounts.ts';
import { adminBoardSchools, authorizeReset, createAccount, creatingSchool, resetPassword } from './accounts.ts';

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
    // Checked as the caller first: a reset by rpc authorize_password_reset (which records it), a creation
    // by the caller's admin-board memberships.
    let school = '';
    if (body.action === 'reset_password') await authorizeReset(caller.client, body.user_id);
    else school = creatingSchool(await adminBoardSchools(caller.client, caller.userId), body.school_id);
    // Service role, created only now that the caller's right was checked as the caller above.
    const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const result = body.action === 'create'
      ? await createAccount(service, body, { id: caller.userId, school })
      : await resetPassword(service, body.user_id, body.password);
    return json(body.action === 'create' ? 201 : 200, result);
  }),
);
