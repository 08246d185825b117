// Body of the `print` edge function and the shape of the data it prints, shared by the admin, the
// function and the tests (Vite, Deno and vitest resolve the same bare `zod`): no browser-only and no
// Node-only imports here. The data schemas parse what rpc transcript_data returns, so a change of the
// SQL that the layout does not expect fails loudly instead of printing blanks.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `${what} không hợp lệ` });

export const transcriptRequestSchema = z.strictObject({
  document: z.literal('transcript'),
  student_id: uuid('Mã học sinh'),
  /** One school year (the unit that is signed); absent: the whole transcript (cover, identity, every year). */
  school_year_id: uuid('Mã năm học').optional(),
});

/** A copy (bản sao) issued on a recorded application (copy_applications). */
export const copyRequestSchema = z.strictObject({
  document: z.literal('copy'),
  application_id: uuid('Mã đơn đề nghị cấp bản sao'),
});

/** The minutes (biên bản sửa chữa dữ liệu) of a correction request, for whoever reads the request. */
export const minutesRequestSchema = z.strictObject({
  document: z.literal('correction_minutes'),
  request_id: uuid('Mã đề nghị sửa điểm'),
});

/**
 * The class gradebook (sổ theo dõi và đánh giá học sinh theo lớp). With `part` (rpc class_gradebook_data's
 * `parts`): that part alone, a preview never archived. Without: the archived book of a final year when it
 * is current, else a job that prints it part by part (the answer says which).
 */
export const gradebookRequestSchema = z.strictObject({
  document: z.literal('class_gradebook'),
  class_id: uuid('Mã lớp'),
  part: z.string().regex(/^(front|summary|attendance:\d{4}-\d{2}|subject:[0-9a-f-]{36})$/, { error: 'Phần sổ không hợp lệ' }).optional(),
});

export const printRequestSchema = z.discriminatedUnion('document', [transcriptRequestSchema, copyRequestSchema, minutesRequestSchema, gradebookRequestSchema], {
  error: 'Loại văn bản không được hỗ trợ (transcript, copy, correction_minutes, class_gradebook).',
});
export type PrintRequest = z.infer<typeof printRequestSchema>;

/** A parent or guardian as printed: relationship, name, occupation. */
const guardians = z.array(z.object({ relationship: z.string(), full_name: z.string(), occupation: z.string().nullable() }));

const level = z.enum(['tot', 'kha', 'dat', 'chua_dat']).nullable();
const num = z.number().nullable();

const periodResult = z.object({
  learning_level: level,
  conduct_level: level,
  absences: z.number().int(),
  absences_excused: z.number().int(),
  absences_unexcused: z.number().int(),
  learning_after_retest: level,
  conduct_after_summer: level,
  promotion: z.enum(['promoted', 'retest', 'summer_training', 'not_promoted']).nullable(),
  award: z.enum(['gioi', 'xuat_sac']).nullable(),
});
export type PeriodResult = z.infer<typeof periodResult>;

const subjectRow = z.object({
  subject_id: z.uuid(),
  code: z.string(),
  name: z.string(),
  assessment_kind: z.enum(['scored', 'comment']),
  category: z.string(),
  sort_order: z.number(),
  sem1: num,
  sem2: num,
  year: num,
  sem1_rating: z.boolean().nullable(),
  sem2_rating: z.boolean().nullable(),
  year_rating: z.boolean().nullable(),
  retest_score: num,
  retest_rating: z.boolean().nullable(),
  exempt: z.boolean(),
  comment: z.string().nullable(),
  teacher: z.string().nullable(),
  corrected: z.number().int(),
});
export type SubjectRow = z.infer<typeof subjectRow>;

/** A primary year (TT27): what its three pages print. */
const tt27Year = z.object({
  height_cm: num,
  weight_kg: num,
  absences_excused: z.number().int(),
  absences_unexcused: z.number().int(),
  subjects: z.array(z.object({
    subject_id: z.uuid(),
    code: z.string(),
    name: z.string(),
    sort_order: z.number(),
    level: z.enum(['T', 'H', 'C']).nullable(),
    score: num,
    comment: z.string().nullable(),
    tested: z.boolean(),
    exempt: z.boolean(),
    teacher: z.string().nullable(),
    corrected: z.number().int(),
  })),
  qualities: z.array(z.object({ code: z.string(), level: z.enum(['tot', 'dat', 'ccg']).nullable(), comment: z.string().nullable() })),
  year_result: z.enum(['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh']).nullable(),
  completion: z.enum(['lop_hoc', 'tieu_hoc', 'chua']).nullable(),
});
export type Tt27Year = z.infer<typeof tt27Year>;

const transcriptYear = z.object({
  school_year_id: z.uuid(),
  code: z.string(),
  starts_on: z.string(),
  ends_on: z.string(),
  class_id: z.uuid(),
  class_name: z.string(),
  grade: z.number().int(),
  homeroom_teacher: z.string().nullable(),
  principal: z.string().nullable(),
  official: z.boolean(),
  started_on: z.string().nullable(),
  start_reason: z.string().nullable(),
  transferred_from: z.string().nullable(),
  ended_on: z.string().nullable(),
  end_reason: z.string().nullable(),
  subjects: z.array(subjectRow),
  results: z.object({ '1': periodResult.optional(), '2': periodResult.optional(), year: periodResult.optional() }),
  homeroom_comment: z.string().nullable(),
  /** Primary schools only. */
  tt27: tt27Year.optional(),
});
export type TranscriptYear = z.infer<typeof transcriptYear>;

export const transcriptDataSchema = z.object({
  school: z.object({
    id: z.uuid(),
    name: z.string(),
    school_level: z.enum(['primary', 'lower_secondary', 'upper_secondary']),
    code: z.string().nullable(),
    parent_name: z.string().nullable(),
    grandparent_name: z.string().nullable(),
  }),
  layout: z.object({ version: z.number().int(), settings: z.record(z.string(), z.unknown()) }),
  student: z.object({
    id: z.uuid(),
    student_code: z.string().nullable(),
    full_name: z.string(),
    gender: z.string().nullable(),
    birth_date: z.string().nullable(),
    birth_place: z.string().nullable(),
    ethnicity: z.string().nullable(),
    nationality: z.string().nullable(),
    religion: z.string().nullable(),
    hometown: z.string().nullable(),
    residence: z.string().nullable(),
    priority_group: z.string().nullable(),
  }),
  guardians,
  years: z.array(transcriptYear),
  today: z.string(),
});
export type TranscriptData = z.infer<typeof transcriptDataSchema>;

export const issuedCopySchema = z.object({
  number: z.number().int(),
  number_year: z.number().int(),
  reissue_count: z.number().int(),
  issued_on: z.string(),
  student_id: z.uuid(),
});
export type IssuedCopy = z.infer<typeof issuedCopySchema>;

const gradebookClass = z.object({
  id: z.uuid(),
  name: z.string(),
  grade: z.number().int(),
  school_year_id: z.uuid(),
  year_code: z.string(),
  starts_on: z.string(),
  ends_on: z.string(),
  homeroom_teacher: z.string().nullable(),
  official: z.boolean(),
  principal: z.string().nullable(),
});
const gradebookCommon = {
  school: transcriptDataSchema.shape.school,
  layout: transcriptDataSchema.shape.layout,
  class: gradebookClass,
  students: z.array(z.object({ no: z.number().int(), id: z.uuid(), full_name: z.string() })),
  today: z.string(),
  /** sha256 of the part's data (computed in SQL): the worker records it, the archive is named by it. */
  data_sha256: z.string(),
};

/** One part of a class's book as rpc class_gradebook_data / job_gradebook_part return it. */
export const gradebookFrontSchema = z.object({
  ...gradebookCommon,
  part: z.literal('front'),
  profiles: z.array(z.object({
    no: z.number().int(),
    student_code: z.string().nullable(),
    full_name: z.string(),
    gender: z.string().nullable(),
    birth_date: z.string().nullable(),
    birth_place: z.string().nullable(),
    ethnicity: z.string().nullable(),
    residence: z.string().nullable(),
    guardians,
    started_on: z.string().nullable(),
    start_reason: z.string().nullable(),
    transferred_from: z.string().nullable(),
    ended_on: z.string().nullable(),
    end_reason: z.string().nullable(),
  })),
  subjects: z.array(z.object({ name: z.string(), code: z.string(), sort_order: z.number(), teachers: z.array(z.string().nullable()) })),
});
export const gradebookAttendanceSchema = z.object({
  ...gradebookCommon,
  part: z.templateLiteral(['attendance:', z.string()]),
  /** "2025-09" */
  month: z.string(),
  absences: z.array(z.object({ student_id: z.uuid(), on_date: z.string(), excused: z.boolean() })),
});
export const gradebookSubjectSchema = z.object({
  ...gradebookCommon,
  part: z.templateLiteral(['subject:', z.string()]),
  subject: z.object({ id: z.uuid(), code: z.string(), name: z.string(), assessment_kind: z.enum(['scored', 'comment']) }),
  required_regular: z.number().int(),
  teachers: z.array(z.object({ semester: z.number().int(), names: z.array(z.string().nullable()) })),
  entries: z.array(z.object({
    student_id: z.uuid(),
    semester: z.number().int().nullable(),
    kind: z.enum(['tx', 'gk', 'ck', 'retest']),
    seq: z.number().int(),
    score: num,
    rating: z.boolean().nullable(),
    is_makeup: z.boolean(),
    /** TT27 (primary): mức đạt được and the teacher's comment of the period; null for TT22 rows. */
    level: z.enum(['T', 'H', 'C']).nullable(),
    comment: z.string().nullable(),
    corrected: z.boolean(),
  })),
  results: z.array(z.object({
    student_id: z.uuid(),
    semester: z.number().int().nullable(),
    average: num,
    rating: z.boolean().nullable(),
    retest_score: num,
    retest_rating: z.boolean().nullable(),
  })),
  exemptions: z.array(z.object({ student_id: z.uuid(), semester: z.number().int().nullable() })),
});
export const gradebookSummarySchema = z.object({
  ...gradebookCommon,
  part: z.literal('summary'),
  results: z.array(periodResult.extend({ student_id: z.uuid(), semester: z.number().int().nullable() })),
  /** TT27 (primary; empty otherwise): the qualities and competencies at the end of each semester. */
  qualities: z.array(z.object({ student_id: z.uuid(), semester: z.number().int(), code: z.string(), level: z.enum(['tot', 'dat', 'ccg']) })),
  /** TT27 (primary; empty otherwise): the year's result and programme completion, from the rule functions. */
  primary: z.array(z.object({
    student_id: z.uuid(),
    year_result: z.enum(['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh']).nullable(),
    completion: z.enum(['lop_hoc', 'tieu_hoc', 'chua']).nullable(),
  })),
});
export const gradebookPartSchema = z.union([gradebookFrontSchema, gradebookAttendanceSchema, gradebookSubjectSchema, gradebookSummarySchema]);
export type GradebookPart = z.infer<typeof gradebookPartSchema>;
export type GradebookFront = z.infer<typeof gradebookFrontSchema>;
export type GradebookAttendance = z.infer<typeof gradebookAttendanceSchema>;
export type GradebookSubject = z.infer<typeof gradebookSubjectSchema>;
export type GradebookSummary = z.infer<typeof gradebookSummarySchema>;

/** rpc class_gradebook_data without a part: what the book is made of and the hash of its data. */
export const gradebookBookSchema = z.object({
  class_id: z.uuid(),
  parts: z.array(z.object({ seq: z.number().int(), part: z.string(), label: z.string() })),
  official: z.boolean(),
  layout_version: z.number().int(),
  data_sha256: z.string(),
});

/** The first problem of a failed parse, as the sentence the caller sees. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Yêu cầu không hợp lệ.';
}
