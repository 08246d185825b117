// The class summary (tổng hợp kết quả lớp) as people read it: the answer of `rpc/class_summary`
// (docs/API.md, "Gradebook, secondary"), checked at the boundary, and the labels and class totals the
// screen shows. Pure: every text goes through the translate function the caller passes, so the rules
// are tested without React. The results themselves are computed in Postgres (TT22 rules), never here.
import { z } from 'zod';
import { formatNumber } from '../i18n/format.ts';

export const LEVELS = ['tot', 'kha', 'dat', 'chua_dat'] as const;
export type Level = (typeof LEVELS)[number];
export const PROMOTIONS = ['promoted', 'retest', 'summer_training', 'not_promoted'] as const;
export type Promotion = (typeof PROMOTIONS)[number];
export const AWARDS = ['xuat_sac', 'gioi'] as const;
export type Award = (typeof AWARDS)[number];

/** The period picked on screen: a semester or the whole year (`p_semester` null). */
export const PERIODS = ['1', '2', 'year'] as const;
export type Period = (typeof PERIODS)[number];
export const periodSemester = (period: Period): 1 | 2 | null => (period === 'year' ? null : Number(period) as 1 | 2);

export type Translate = (key: string, options?: Record<string, unknown>) => string;

// PostgREST sends numeric as a JSON number; a numeric string is accepted too (to_json of text casts).
const score = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).nullish().transform((v) => v ?? null);
const count = z.number().int().nullish().transform((v) => v ?? 0);
const level = z.enum(LEVELS).nullish().transform((v) => v ?? null);
const rating = z.boolean().nullish().transform((v) => v ?? null);

const subjectResultSchema = z.object({ average: score, rating, final_average: score, final_rating: rating });
export type SubjectResult = z.infer<typeof subjectResultSchema>;

export const classSummarySchema = z.object({
  subjects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), assessment_kind: z.enum(['scored', 'comment']) })),
  students: z.array(
    z.object({
      student_id: z.string(),
      student_code: z.string(),
      full_name: z.string(),
      results: z.record(z.string(), subjectResultSchema).nullish().transform((v) => v ?? {}),
      learning_level: level,
      conduct_level: level,
      absences: count,
      absences_excused: count,
      absences_unexcused: count,
      learning_after_retest: level,
      conduct_after_summer: level,
      promotion: z.enum(PROMOTIONS).nullish().transform((v) => v ?? null),
      award: z.enum(AWARDS).nullish().transform((v) => v ?? null),
    }),
  ),
});
export type ClassSummary = z.infer<typeof classSummarySchema>;
export type SummarySubject = ClassSummary['subjects'][number];
export type SummaryStudent = ClassSummary['students'][number];

/** A subject average the Vietnamese way with one decimal ("8,5", "7,0"); empty while not computable. */
export const formatAverage = (value: number | null): string => formatNumber(value, { fractionDigits: 1 });

/** Đ / CĐ for a semester, Đạt / Chưa đạt for the year; empty while not computable. */
export function ratingLabel(value: boolean | null, period: Period, t: Translate): string {
  if (value === null) return '';
  const key = period === 'year' ? (value ? 'pass' : 'fail') : value ? 'pass_short' : 'fail_short';
  return t(`student_results.ratings.${key}`);
}

/**
 * What a subject cell shows. For the year, a re-test that changed the result shows both, the year
 * result first: "4,0 → 6,5" (the re-test result replaces the year
 * result, DOMAIN.md §2).
 */
export function subjectCell(subject: Pick<SummarySubject, 'assessment_kind'>, result: SubjectResult | undefined, period: Period, t: Translate): string {
  if (!result) return '';
  const scored = subject.assessment_kind === 'scored';
  const base = scored ? formatAverage(result.average) : ratingLabel(result.rating, period, t);
  if (period !== 'year') return base;
  const final = scored ? formatAverage(result.final_average) : ratingLabel(result.final_rating, period, t);
  return final && final !== base ? `${base || t('common.empty')} → ${final}` : base;
}

/** Tốt / Khá / Đạt / Chưa đạt; empty while not computable. */
export const levelLabel = (value: Level | null, t: Translate): string => (value ? t(`student_results.levels.${value}`) : '');
/** Lên lớp / Kiểm tra lại / Rèn luyện trong hè / Ở lại lớp; empty until decided. */
export const promotionLabel = (value: Promotion | null, t: Translate): string => (value ? t(`student_results.promotions.${value}`) : '');
/** Học sinh Xuất sắc / Học sinh Giỏi; empty for no award. */
export const awardLabel = (value: Award | null, t: Translate): string => (value ? t(`student_results.awards.${value}`) : '');

export type LevelCounts = Record<Level | 'none', number>;

export interface ClassTotals {
  students: number;
  learning: LevelCounts;
  conduct: LevelCounts;
  /** Only students who were re-tested / re-rated after summer training; `none` counts the others. */
  learningAfterRetest: LevelCounts;
  conductAfterSummer: LevelCounts;
  promotion: Record<Promotion | 'none', number>;
  award: Record<Award, number>;
  absencesExcused: number;
  absencesUnexcused: number;
}

function tally<K extends string>(keys: readonly K[], values: (K | null)[]): Record<K | 'none', number> {
  const counts = Object.fromEntries([...keys, 'none'].map((k) => [k, 0])) as Record<K | 'none', number>;
  for (const v of values) counts[v ?? 'none'] += 1;
  return counts;
}

/** Counts per level, promotion and award, and absences, over the students of the summary. */
export function classTotals(students: readonly SummaryStudent[]): ClassTotals {
  const awards = tally(AWARDS, students.map((s) => s.award));
  return {
    students: students.length,
    learning: tally(LEVELS, students.map((s) => s.learning_level)),
    conduct: tally(LEVELS, students.map((s) => s.conduct_level)),
    learningAfterRetest: tally(LEVELS, students.map((s) => s.learning_after_retest)),
    conductAfterSummer: tally(LEVELS, students.map((s) => s.conduct_after_summer)),
    promotion: tally(PROMOTIONS, students.map((s) => s.promotion)),
    award: { xuat_sac: awards.xuat_sac, gioi: awards.gioi },
    absencesExcused: students.reduce((sum, s) => sum + s.absences_excused, 0),
    absencesUnexcused: students.reduce((sum, s) => sum + s.absences_unexcused, 0),
  };
}

/** "12 (30,0%)": a count with its share of the class; just "0" for an empty class. */
export function countWithShare(n: number, total: number): string {
  return total > 0 ? `${formatNumber(n)} (${formatNumber((n * 100) / total, { fractionDigits: 1 })}%)` : formatNumber(n);
}
