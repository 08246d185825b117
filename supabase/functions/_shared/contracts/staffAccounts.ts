// Body of the `staff-accounts` edge function, shared by the admin form, the function and the tests
// (Vite, Deno through supabase/functions/deno.json's import map, and vitest resolve the same bare `zod`):
// no browser-only and no Node-only imports here.
import { z } from 'zod';

export const PASSWORD_MIN = 8;

const password = z
  .string({ error: 'Mật khẩu là bắt buộc' })
  .min(PASSWORD_MIN, { error: `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự` })
  .max(72, { error: 'Mật khẩu dài tối đa 72 ký tự' });

export const createStaffAccountSchema = z.object({
  action: z.literal('create'),
  email: z
    .string({ error: 'Email là bắt buộc' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Email không hợp lệ' })),
  full_name: z
    .string({ error: 'Họ và tên là bắt buộc' })
    .trim()
    .min(2, { error: 'Họ và tên cần ít nhất 2 ký tự' })
    .max(120, { error: 'Họ và tên dài tối đa 120 ký tự' }),
  password: password.optional(),
  // The school whose board creates the account (recorded in Postgres: that board may then grant the
  // account roles). Needed only when the caller is the admin board of several schools.
  school_id: z.uuid({ error: 'Mã trường không hợp lệ' }).optional(),
});

/**
 * A password reset carries nothing but the account and the new password: the e-mail address is how a
 * forgotten password is recovered, so nobody changes another person's address (an extra field is
 * refused, not silently dropped).
 */
export const resetPasswordSchema = z.strictObject(
  {
    action: z.literal('reset_password'),
    user_id: z.uuid({ error: 'Mã người dùng không hợp lệ' }),
    password,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Đặt lại mật khẩu không thay đổi được thông tin khác (${issue.keys.join(', ')}); không ai đổi được email của người khác.`
        : undefined,
  },
);

export const staffAccountRequestSchema = z.discriminatedUnion('action', [createStaffAccountSchema, resetPasswordSchema], {
  error: 'Thao tác không hợp lệ (create hoặc reset_password)',
});

export type StaffAccountRequest = z.infer<typeof staffAccountRequestSchema>;
export type CreateStaffAccount = z.infer<typeof createStaffAccountSchema>;

/** What the function answers: the user's id and, when the server chose it, the first password. */
export interface StaffAccountResponse {
  user_id: string;
  password?: string;
}

/** Stable error codes of the function (the admin translates them; the message is Vietnamese already). */
export type StaffAccountErrorCode =
  | 'validation_failed'
  | 'not_admin_board'
  | 'not_in_school'
  | 'reset_not_allowed'
  | 'email_exists'
  | 'weak_password'
  | 'create_failed';

/** First issue of a zod error as "field: message", for a single-line answer. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Dữ liệu không hợp lệ';
  return issue.message;
}
