// Cha, mẹ, người giám hộ of a student: the guardian form's schema, the same rules as the table's checks
// (name 2–120 characters, phone and email shapes) with messages a Vietnamese teacher understands. Pure.
import { z } from 'zod';

export const RELATIONSHIPS = ['father', 'mother', 'guardian'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * A Vietnamese phone number written the usual way ("0912 345 678", "0912.345.678", "+84 912 345 678",
 * "024 3825 1234"), normalised to one spelling: leading 0, digits grouped 4-3-3 (mobile) or 3-4-4
 * (landline). Returns null when it is not a Vietnamese number.
 */
export function normalisePhone(value: string): string | null {
  let digits = value.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  if (/^0[1-9][0-9]{8}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^02[0-9]{9}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return null;
}

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label} dài tối đa ${max} ký tự` }).default('');

export const guardianSchema = z.object({
  relationship: z.enum(RELATIONSHIPS, { error: 'Chọn quan hệ: Cha, Mẹ hoặc Người giám hộ' }),
  full_name: z
    .string({ error: 'Họ tên là bắt buộc' })
    .trim()
    .min(2, { error: 'Họ tên cần ít nhất 2 ký tự' })
    .max(120, { error: 'Họ tên dài tối đa 120 ký tự' }),
  occupation: optionalText(120, 'Nghề nghiệp'),
  // Empty means "not given" (null in the table), never an empty string the check would refuse.
  phone: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return null;
      const phone = normalisePhone(v);
      if (!phone) ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678)' });
      return phone;
    }),
  email: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return null;
      if (!z.email().safeParse(v).success) ctx.addIssue({ code: 'custom', message: 'Email không hợp lệ (ví dụ ten@example.com)' });
      return v.toLowerCase();
    }),
});

/** What the form holds (strings) and what is written to `guardians` (nulls for missing contacts). */
export type GuardianInput = z.input<typeof guardianSchema>;
export type GuardianRow = z.output<typeof guardianSchema>;
