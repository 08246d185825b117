// Calls of the `staff-accounts` edge function, validated with the same zod schema the function uses.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';
import { firstIssue, staffAccountRequestSchema, type StaffAccountRequest, type StaffAccountResponse } from '../../../../supabase/functions/_shared/contracts/staffAccounts.ts';

export type CallResult = { ok: true; data: StaffAccountResponse } | { ok: false; message: string };

export async function callStaffAccounts(supabase: SupabaseClient<Database>, body: StaffAccountRequest): Promise<CallResult> {
  const parsed = staffAccountRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  const { data, error } = await supabase.functions.invoke<StaffAccountResponse>('staff-accounts', { body: parsed.data });
  if (error) {
    const context = (error as { context?: unknown }).context;
    if (context instanceof Response) {
      const answer = (await context.clone().json().catch(() => null)) as { message?: string } | null;
      if (answer?.message) return { ok: false, message: answer.message };
    }
    return { ok: false, message: error.message };
  }
  return data ? { ok: true, data } : { ok: false, message: 'Không có phản hồi' };
}
