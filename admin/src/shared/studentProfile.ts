// The student's identity (the transcript's first page), validated the same way by the profile form and
// the Excel class-list import. Pure: no browser-only imports.
import { z } from 'zod';

/** Lowercase, without Vietnamese diacritics (đ → d): the client-side twin of private.search_text. */
export function unaccent(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits "Nguyễn Thị Minh Anh" into family "Nguyễn", middle "Thị Minh", given "Anh". */
export function splitFullName(fullName: string): { family_name: string; middle_name: string; given_name: string } | null {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return null;
  return { family_name: parts[0]!, middle_name: parts.slice(1, -1).join(' '), given_name: parts[parts.length - 1]! };
}

/**
 * Whether a birth date is plausible for a grade: by the year the school year starts, a pupil of grade g
 * is normally 5 + g (lớp 1 at 6); one year early and three late (repeating, late start) are accepted.
 * Returns a Vietnamese message, or null when plausible.
 */
export function birthDateIssue(birthDate: string, grade: number, schoolYearStart: number): string | null {
  const year = Number(birthDate.slice(0, 4));
  const age = schoolYearStart - year;
  const normal = grade + 5;
  if (age < normal - 1 || age > normal + 3) {
    return `Ngày sinh không phù hợp với lớp ${grade} (học sinh sinh năm ${schoolYearStart - normal - 3}–${schoolYearStart - normal + 1})`;
  }
  return null;
}

const isoDate = z
  .string({ error: 'Ngày sinh là bắt buộc' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày sinh không hợp lệ (dd/mm/yyyy)' })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, { error: 'Ngày sinh không tồn tại' });

const name = (label: string, max: number) =>
  z.string({ error: `${label} là bắt buộc` }).trim().min(1, { error: `${label} là bắt buộc` }).max(max, { error: `${label} dài tối đa ${max} ký tự` });

export const studentSchema = z.object({
  student_code: z
    .string({ error: 'Mã học sinh là bắt buộc' })
    .trim()
    .min(1, { error: 'Mã học sinh là bắt buộc' })
    .regex(/^[0-9A-Za-z]{6,20}$/, { error: 'Mã học sinh gồm 6–20 chữ cái hoặc chữ số' }),
  family_name: name('Họ', 40),
  middle_name: z.string().trim().max(60, { error: 'Tên đệm dài tối đa 60 ký tự' }).default(''),
  given_name: name('Tên', 30),
  gender: z.enum(['male', 'female'], { error: 'Giới tính phải là Nam hoặc Nữ' }),
  birth_date: isoDate,
});

export const studentDetailsSchema = z.object({
  birth_place: z.string().trim().max(200).default(''),
  ethnicity: z.string().trim().max(50).default('Kinh'),
  nationality: z.string().trim().max(50).default('Việt Nam'),
  religion: z.string().trim().max(50).default(''),
  hometown: z.string().trim().max(200).default(''),
  residence: z.string().trim().max(300).default(''),
  priority_group: z.string().trim().max(200).default(''),
});

export type StudentInput = z.infer<typeof studentSchema>;

/** The profile form: identity + details, with the birth date checked against the class's grade. */
export function studentProfileSchema(context: { grade: number; schoolYearStart: number } | null) {
  return studentSchema.merge(studentDetailsSchema).superRefine((value, ctx) => {
    if (!context) return;
    const issue = birthDateIssue(value.birth_date, context.grade, context.schoolYearStart);
    if (issue) ctx.addIssue({ code: 'custom', path: ['birth_date'], message: issue });
  });
}
