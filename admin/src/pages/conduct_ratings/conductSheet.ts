// The conduct sheet (đánh giá rèn luyện) of one class and period as the GVCN edits it: the rows read
// from `conduct_ratings`, what was typed over them, and the inserts / updates / deletes that turn one into
// the other. Pure, so the rules are tested without React or the server. The levels themselves and who may
// write them are checked in Postgres (level check, RLS: the GVCN of the class; locks: PT423).
import { z } from 'zod';
import { LEVELS, type Level, type SummaryStudent } from '../../shared/classSummary.ts';
import type { RowChanges } from '../../shared/rowChanges.ts';

export { LEVELS, type Level };

/** Học kỳ I, Học kỳ II, or the re-rating after summer training (`semester` null). */
export const CONDUCT_PERIODS = ['1', '2', 'summer'] as const;
export type ConductPeriod = (typeof CONDUCT_PERIODS)[number];
export const conductSemester = (period: ConductPeriod): 1 | 2 | null => (period === 'summer' ? null : (Number(period) as 1 | 2));

/** `conduct_ratings.comment` is at most 2000 characters (a check constraint). */
export const MAX_COMMENT = 2000;

export const conductRowSchema = z.object({
  id: z.string(),
  student_id: z.string(),
  level: z.enum(LEVELS),
  comment: z.string().nullable(),
  version: z.number().int(),
});
export type ConductRow = z.infer<typeof conductRowSchema>;

/** What a row shows: the level (null = not rated) and the comment. */
export interface Draft {
  level: Level | null;
  comment: string;
}
/** Typed drafts by student id; a student not in here shows what was read. */
export type Drafts = Record<string, Draft>;

export function shownDraft(row: ConductRow | undefined, draft: Draft | undefined): Draft {
  return draft ?? { level: row?.level ?? null, comment: row?.comment ?? '' };
}

/**
 * A letter (or word) typed into a level select as the TT22 level it names: T → Tốt, K → Khá, Đ or D →
 * Đạt, C (CĐ, CD) → Chưa đạt; the words with or without diacritics too. Undefined when it names none.
 */
export function parseConductLevel(text: string): Level | undefined {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (plain === 't' || plain === 'tot') return 'tot';
  if (plain === 'k' || plain === 'kha') return 'kha';
  if (plain === 'd' || plain === 'dat') return 'dat';
  if (plain === 'c' || plain === 'cd' || plain === 'chua dat') return 'chua_dat';
  return undefined;
}

const cleanComment = (comment: string): string | null => comment.trim() || null;

export type ConductInsert = { student_id: string; level: Level; comment: string | null };
export type ConductChanges = RowChanges<ConductInsert, { level: Level; comment: string | null }> & {
  /** Students whose draft cannot be saved: a comment without a level, or a comment too long. */
  invalid: string[];
};

/**
 * The writes that turn `rows` into `drafts`: a new level is inserted, a changed level or comment updated
 * (by id and version), a cleared level (and comment) deleted. A comment without a level is not a row the
 * table accepts (level is required), so it is reported as invalid, never sent.
 */
export function conductChanges(rows: readonly ConductRow[], drafts: Drafts): ConductChanges {
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  const changes: ConductChanges = { inserts: [], updates: [], deletes: [], invalid: [] };
  for (const [studentId, draft] of Object.entries(drafts)) {
    const row = byStudent.get(studentId);
    const comment = cleanComment(draft.comment);
    if ((comment?.length ?? 0) > MAX_COMMENT || (!draft.level && comment)) {
      changes.invalid.push(studentId);
      continue;
    }
    if (!draft.level) {
      if (row) changes.deletes.push({ id: row.id, version: row.version });
    } else if (!row) {
      changes.inserts.push({ student_id: studentId, level: draft.level, comment });
    } else if (row.level !== draft.level || (row.comment ?? null) !== comment) {
      changes.updates.push({ id: row.id, version: row.version, level: draft.level, comment });
    }
  }
  return changes;
}

/**
 * The students of the sheet, in the order `class_summary` gives (Vietnamese order). For the summer
 * re-rating only those whose year conduct is Chưa đạt (they are the ones trained in the summer), plus
 * anyone already re-rated, so no saved row is hidden; the whole class when nobody is Chưa đạt.
 */
export function sheetStudents(students: readonly SummaryStudent[], period: ConductPeriod, rated: ReadonlySet<string>): { students: SummaryStudent[]; filtered: boolean } {
  if (period !== 'summer') return { students: [...students], filtered: false };
  const failing = students.filter((s) => s.conduct_level === 'chua_dat' || rated.has(s.student_id));
  return failing.length > 0 ? { students: failing, filtered: true } : { students: [...students], filtered: false };
}
