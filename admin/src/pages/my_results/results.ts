// The published results a guardian or a student reads (`rpc/my_results`, docs: issue 5 API), checked at
// the boundary, grouped per child and ordered newest first, with the labels a family reads. Pure: texts
// go through the caller's translate function. Results are computed in Postgres (TT22), never here.
import { z } from 'zod';
import { AWARDS, LEVELS, PROMOTIONS, formatAverage, type Translate } from '../../shared/classSummary.ts';

const score = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).nullish().transform((v) => v ?? null);
const rating = z.boolean().nullish().transform((v) => v ?? null);
const level = z.enum(LEVELS).nullish().transform((v) => v ?? null);
const count = z.number().int().nullish().transform((v) => v ?? 0);

const subjectSchema = z.object({
  name: z.string(),
  assessment_kind: z.enum(['scored', 'comment']),
  average: score,
  rating,
  final_average: score,
  final_rating: rating,
});
export type MySubject = z.infer<typeof subjectSchema>;

export const myResultsSchema = z.array(
  z.object({
    student_id: z.string(),
    full_name: z.string(),
    student_code: z.string(),
    school_year_code: z.string(),
    class_name: z.string(),
    semester: z.union([z.literal(1), z.literal(2)]).nullable(),
    published_at: z.string().nullable(),
    learning_level: level,
    conduct_level: level,
    absences: count,
    absences_excused: count,
    absences_unexcused: count,
    learning_after_retest: level,
    conduct_after_summer: level,
    promotion: z.enum(PROMOTIONS).nullish().transform((v) => v ?? null),
    award: z.enum(AWARDS).nullish().transform((v) => v ?? null),
    subjects: z.array(subjectSchema).nullish().transform((v) => v ?? []),
    revisions: count,
  }),
);
export type MyPeriod = z.infer<typeof myResultsSchema>[number];

export interface MyChild {
  student_id: string;
  full_name: string;
  student_code: string;
  periods: MyPeriod[];
}

/** Within a year the whole year comes after semester II, which comes after semester I. */
const periodRank = (semester: 1 | 2 | null) => (semester === null ? 3 : semester);

/**
 * Per child (in the server's order), the published periods newest first: latest year, then year → II → I.
 * `family`: every child of the family (or the student), so one with nothing published yet is named too,
 * after those with results, with no periods.
 */
export function groupByChild(periods: readonly MyPeriod[], family: readonly Pick<MyChild, 'student_id' | 'full_name' | 'student_code'>[] = []): MyChild[] {
  const children = new Map<string, MyChild>();
  for (const p of periods) {
    const child = children.get(p.student_id) ?? { student_id: p.student_id, full_name: p.full_name, student_code: p.student_code, periods: [] };
    child.periods.push(p);
    children.set(p.student_id, child);
  }
  for (const child of children.values()) {
    child.periods.sort((a, b) => b.school_year_code.localeCompare(a.school_year_code) || periodRank(b.semester) - periodRank(a.semester));
  }
  const none = family.filter((c) => !children.has(c.student_id)).map((c) => ({ ...c, periods: [] }));
  return [...children.values(), ...none.sort((a, b) => a.full_name.localeCompare(b.full_name, 'vi'))];
}

/** The period key of `student_results.periods`: '1', '2' or 'year'. */
export const periodKey = (semester: 1 | 2 | null): '1' | '2' | 'year' => (semester === null ? 'year' : semester === 1 ? '1' : '2');

/** A subject's value: the average "8,5" for a scored subject, "Đạt" / "Chưa đạt" for a rated one. */
export function subjectValue(kind: MySubject['assessment_kind'], average: number | null, rated: boolean | null, t: Translate): string {
  if (kind === 'scored') return formatAverage(average);
  if (rated === null) return '';
  return t(rated ? 'student_results.ratings.pass' : 'student_results.ratings.fail');
}

/** The value after a re-test, shown only for the year and only where it differs from the year's value. */
export function subjectFinal(subject: MySubject, semester: 1 | 2 | null, t: Translate): string {
  if (semester !== null) return '';
  const base = subjectValue(subject.assessment_kind, subject.average, subject.rating, t);
  const final = subjectValue(subject.assessment_kind, subject.final_average, subject.final_rating, t);
  return final && final !== base ? final : '';
}
