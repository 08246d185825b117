// The TT27 class summary (tổng hợp kết quả giáo dục of a primary class) as people read it: the answer of
// rpc/class_summary when its regime is tt27 (docs/API.md), checked at the boundary, and the labels and
// class totals the screen shows. Pure: texts go through the translate function the caller passes. The
// year result and programme completion are computed in Postgres (public.primary_results, the TT27 rule
// functions), never here.
import { z } from 'zod';
import { formatNumber } from '../../i18n/format.ts';
import type { Period, Translate } from '../../shared/classSummary.ts';

export const YEAR_RESULTS = ['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh'] as const;
export type YearResult = (typeof YEAR_RESULTS)[number];
export const COMPLETIONS = ['lop_hoc', 'tieu_hoc', 'chua'] as const;
export type Completion = (typeof COMPLETIONS)[number];
export const SUBJECT_LEVELS = ['T', 'H', 'C'] as const;
export type SubjectLevel = (typeof SUBJECT_LEVELS)[number];
export const QUALITY_LEVELS = ['tot', 'dat', 'ccg'] as const;

/** TT27 has two points to sum up: the end of semester I and the end of the year (semester II's end). */
export const PRIMARY_PERIODS = ['1', 'year'] as const satisfies readonly Period[];
/** The period a primary class is shown for: semester II is the end of the year. */
export const primaryPeriod = (period: Period): (typeof PRIMARY_PERIODS)[number] => (period === '1' ? '1' : 'year');

const count = z.number().int().nullish().transform((v) => v ?? 0);
// PostgREST sends numeric as a JSON number; a numeric string is accepted too.
const score = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).nullish().transform((v) => v ?? null);

const levelSchema = z.object({
  level: z.enum(SUBJECT_LEVELS).nullish().transform((v) => v ?? null),
  score,
  exempt: z.boolean().nullish().transform((v) => v ?? false),
});
export type PrimarySubjectResult = z.infer<typeof levelSchema>;

export const primarySummarySchema = z.object({
  regime: z.literal('tt27'),
  class: z.object({ id: z.string(), name: z.string(), grade: z.number().int().nullish().transform((v) => v ?? null) }),
  subjects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), tested: z.boolean().nullish().transform((v) => v ?? false) })),
  students: z.array(
    z.object({
      student_id: z.string(),
      student_code: z.string(),
      full_name: z.string(),
      levels: z.record(z.string(), levelSchema).nullish().transform((v) => v ?? {}),
      qualities: z.object({ tot: count, dat: count, ccg: count }).nullish().transform((v) => v ?? { tot: 0, dat: 0, ccg: 0 }),
      absences_excused: count,
      absences_unexcused: count,
      year_result: z.enum(YEAR_RESULTS).nullish().transform((v) => v ?? null),
      completion: z.enum(COMPLETIONS).nullish().transform((v) => v ?? null),
    }),
  ),
});
export type PrimarySummary = z.infer<typeof primarySummarySchema>;
export type PrimarySummarySubject = PrimarySummary['subjects'][number];
export type PrimarySummaryStudent = PrimarySummary['students'][number];

/** Whether an answer of rpc/class_summary is a primary class's (regime tt27). */
export const isPrimarySummary = (data: unknown): boolean => typeof data === 'object' && data !== null && (data as { regime?: unknown }).regime === 'tt27';

/** A subject cell: "T", "H (7)" with the periodic test where the subject has one, "Miễn", or '' while not rated. */
export function subjectLevelText(result: PrimarySubjectResult | undefined, tested: boolean, t: Translate): string {
  if (!result) return '';
  if (result.exempt) return t('student_results.tt27.exempt');
  if (!result.level) return tested && result.score !== null ? `(${formatNumber(result.score)})` : '';
  return tested && result.score !== null ? `${result.level} (${formatNumber(result.score)})` : result.level;
}

/** The qualities and competencies by level, "Tốt 12 · Đạt 3", levels with none left out; '' when none is rated. */
export function qualitiesText(q: PrimarySummaryStudent['qualities'], t: Translate): string {
  return QUALITY_LEVELS.filter((level) => q[level] > 0)
    .map((level) => `${t(`student_results.tt27.qualities.${level}`)} ${formatNumber(q[level])}`)
    .join(' · ');
}

/** Hoàn thành xuất sắc / Hoàn thành tốt / Hoàn thành / Chưa hoàn thành; the "not yet" text while incomplete. */
export const yearResultLabel = (value: YearResult | null, t: Translate): string => t(`student_results.tt27.results.${value ?? 'none'}`);
/** Hoàn thành chương trình lớp học / tiểu học, Chưa hoàn thành; empty while the result is unknown. */
export const completionLabel = (value: Completion | null, t: Translate): string => (value ? t(`student_results.tt27.completions.${value}`) : '');

export type LevelCounts = Record<SubjectLevel | 'none', number>;

export interface PrimaryTotals {
  students: number;
  /** Per subject, pupils at each level (exempt pupils not counted). */
  subjects: { id: string; name: string; rated: number; counts: LevelCounts }[];
  results: Record<YearResult | 'none', number>;
  completion: Record<Completion | 'none', number>;
  absencesExcused: number;
  absencesUnexcused: number;
}

function tally<K extends string>(keys: readonly K[], values: readonly (K | null)[]): Record<K | 'none', number> {
  const counts = Object.fromEntries([...keys, 'none'].map((k) => [k, 0])) as Record<K | 'none', number>;
  for (const v of values) counts[v ?? 'none'] += 1;
  return counts;
}

/** The class's counts: per subject the pupils at T / H / C (and not yet rated), year results, completion, absences. */
export function primaryTotals(summary: PrimarySummary): PrimaryTotals {
  const { students } = summary;
  return {
    students: students.length,
    subjects: summary.subjects.map((subject) => {
      const rated = students.filter((s) => !s.levels[subject.id]?.exempt);
      return { id: subject.id, name: subject.name, rated: rated.length, counts: tally(SUBJECT_LEVELS, rated.map((s) => s.levels[subject.id]?.level ?? null)) };
    }),
    results: tally(YEAR_RESULTS, students.map((s) => s.year_result)),
    completion: tally(COMPLETIONS, students.map((s) => s.completion)),
    absencesExcused: students.reduce((sum, s) => sum + s.absences_excused, 0),
    absencesUnexcused: students.reduce((sum, s) => sum + s.absences_unexcused, 0),
  };
}
