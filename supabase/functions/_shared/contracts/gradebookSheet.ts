// The answer of rpc/gradebook_sheet (docs/API.md "Gradebook, secondary"), the one description of it:
// the admin's grid parses it, the tests parse it, and the generated types say only `Json` for a jsonb
// result. Shared by admin, functions and tests (bare `zod`: Vite, Deno's import map and vitest alike).
import { z } from 'zod';

const numeric = z.union([z.number(), z.string().transform(Number)]).nullish().transform((v) => v ?? null);
export const kindSchema = z.enum(['tx', 'gk', 'ck', 'retest']);
export type EntryKind = z.infer<typeof kindSchema>;

export const sheetEntrySchema = z.object({
  id: z.string(),
  kind: kindSchema,
  seq: z.coerce.number().int(),
  score: numeric,
  rating: z.boolean().nullish().transform((v) => v ?? null),
  is_makeup: z.boolean().nullish().transform((v) => v ?? false),
  version: z.coerce.number().int(),
  /** The correction request (Đề nghị sửa điểm) whose unlock wrote this value; null for an ordinary entry. */
  correction_request_id: z.string().nullish().transform((v) => v ?? null),
  /** TT27 (primary): mức đạt được of the period; null for secondary rows. */
  level: z.enum(['T', 'H', 'C']).nullish().transform((v) => v ?? null),
  /** TT27 (primary): the teacher's comment for the period; null for secondary rows. */
  comment: z.string().nullish().transform((v) => v ?? null),
});
export const sheetStudentSchema = z.object({
  student_id: z.string(),
  student_code: z.string(),
  full_name: z.string(),
  exempt: z.boolean().nullish().transform((v) => v ?? false),
  entries: z.array(sheetEntrySchema).nullish().transform((v) => v ?? []),
  average: numeric,
  rating: z.boolean().nullish().transform((v) => v ?? null),
});
/**
 * A cell the caller may change now on a frozen sheet: an item of their approved correction request
 * whose unlock is open until `ends_at`; only `value` (the approved value, as text: "8,5", "Đ"; null =
 * clear) is accepted by the server.
 */
export const sheetCorrectionSchema = z.object({
  request_id: z.string(),
  student_id: z.string(),
  kind: kindSchema,
  seq: z.coerce.number().int(),
  value: z.string().nullish().transform((v) => v ?? null),
  applied: z.boolean().nullish().transform((v) => v ?? false),
  ends_at: z.string(),
});
/** The answer of rpc/gradebook_sheet, checked before the grid trusts it. */
export const gradebookSheetSchema = z.object({
  class: z.object({ id: z.string(), name: z.string(), school_year_id: z.string(), school_year_code: z.string().nullish() }),
  subject: z.object({ id: z.string(), code: z.string(), name: z.string(), assessment_kind: z.enum(['scored', 'comment']) }),
  semester: z.union([z.literal(1), z.literal(2)]).nullable(),
  periods_per_year: z.number().nullish(),
  required_regular: z.coerce.number().int(),
  max_regular: z.coerce.number().int(),
  locked: z.boolean(),
  /** Why the sheet is frozen: 'đã khoá', 'kết quả đã trình duyệt', 'kết quả đã được duyệt', 'kết quả đã công bố'. */
  locked_reason: z.string().nullish().transform((v) => v ?? null),
  /** The cells of the caller's open correction unlock (empty when none). */
  corrections: z.array(sheetCorrectionSchema).nullish().transform((v) => v ?? []),
  can_edit: z.boolean(),
  /** The assessment regime: tt27 for a primary subject (levels T/H/C, periodic tests, comments), else tt22. */
  regime: z.enum(['tt22', 'tt27']).nullish().transform((v) => v ?? 'tt22'),
  grade: z.coerce.number().int().nullish().transform((v) => v ?? null),
  /** TT27: whether the subject has a periodic test at giữa kỳ / cuối kỳ of this grade and semester; null for TT22. */
  tests: z.object({ gk: z.boolean(), ck: z.boolean() }).nullish().transform((v) => v ?? null),
  students: z.array(sheetStudentSchema),
});
export type SheetCorrection = z.infer<typeof sheetCorrectionSchema>;
export type GradebookSheet = z.infer<typeof gradebookSheetSchema>;
export type SheetStudent = z.infer<typeof sheetStudentSchema>;
export type SheetEntry = z.infer<typeof sheetEntrySchema>;
