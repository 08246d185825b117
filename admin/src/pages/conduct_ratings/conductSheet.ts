// The conduct sheet (đánh giá rèn luyện) of one class and period as the GVCN edits it: the rows read
// from `conduct_ratings`, what was typed over them, and the changes rpc/save_conduct_ratings takes (one
// per student, with the version read). Pure, so the rules are tested without React or the server. The
// levels themselves and who may write them are checked in Postgres (the RPC: the GVCN of the class,
// levels, versions; locks: PT423).
import { z } from 'zod';
import { LEVELS, type Level, type SummaryStudent } from '../../shared/classSummary.ts';
import type { Pending } from '../../components/homeroomSheet/useHomeroomSheet.ts';

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

/** One item of rpc/save_conduct_ratings' `p_changes`: the student's whole rating (level null clears it). */
export type ConductChange = { student_id: string; level: Level | null; comment: string | null; version: number | null };

/**
 * The changes that turn `rows` into `drafts`, each with the version read (null: the student had no
 * rating): a new or changed level or comment, or a cleared level (and comment). A comment without a level
 * is not a row the table accepts (level is required), so that student is reported as invalid, never sent.
 */
export function conductChanges(rows: readonly ConductRow[], drafts: Drafts): Pending<ConductChange> {
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  const pending: Pending<ConductChange> = { changes: [], invalid: [] };
  for (const [studentId, draft] of Object.entries(drafts)) {
    const row = byStudent.get(studentId);
    const comment = cleanComment(draft.comment);
    if ((comment?.length ?? 0) > MAX_COMMENT || (!draft.level && comment)) {
      pending.invalid.push(studentId);
      continue;
    }
    const version = row?.version ?? null;
    if (!draft.level) {
      if (row) pending.changes.push({ student_id: studentId, level: null, comment: null, version });
    } else if (!row || row.level !== draft.level || (row.comment ?? null) !== comment) {
      pending.changes.push({ student_id: studentId, level: draft.level, comment, version });
    }
  }
  return pending;
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
