// Calls of the `staff-accounts` edge function, validated with the same zod schema the function uses.
import type { SupabaseClient } from '@supabase/supabase-js';
import { errorMessage } from '../../providers/errors.ts';
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
      // The function's refusal is a Vietnamese sentence (passed through); anything else is mapped.
      if (answer?.message) return { ok: false, message: errorMessage({ ...answer, code: (answer as { code?: string }).code ?? 'P0001' }) };
    }
    return { ok: false, message: errorMessage(error) };
  }
  return data ? { ok: true, data } : { ok: false, message: errorMessage(null) };
}
