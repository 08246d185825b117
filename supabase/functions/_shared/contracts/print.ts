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

export const printRequestSchema = z.discriminatedUnion('document', [transcriptRequestSchema, copyRequestSchema, minutesRequestSchema], {
  error: 'Loại văn bản không được hỗ trợ (transcript, copy, correction_minutes).',
});
export type PrintRequest = z.infer<typeof printRequestSchema>;

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
  guardians: z.array(z.object({ relationship: z.string(), full_name: z.string(), occupation: z.string().nullable() })),
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

/** The first problem of a failed parse, as the sentence the caller sees. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Yêu cầu không hợp lệ.';
}
