// The qualities and competencies sheet (TT27: phẩm chất, năng lực) of one class and period as the GVCN
// edits it: the rows read from `quality_ratings` (one per student, period and code), what was picked over
// them, and the changes rpc/save_quality_ratings takes (one per cell, with the version read). Pure, so the
// rules are tested without React or the server; the codes, levels, locks and who may write are checked
// in Postgres (the RPC: tt27_quality_codes, levels, the class's GVCN, versions; PT423).
//
// The sheet has one comment per student and period; the table keeps a comment per row, so the comment
// is written on every rated row of the student's period and read back from the first one that has it.
import { z } from 'zod';
import type { Pending } from '../../components/homeroomSheet/useHomeroomSheet.ts';

/** rpc/tt27_quality_codes, in form order, by group. */
export const QUALITY_GROUPS = {
  pham_chat: ['yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc', 'trach_nhiem'],
  nang_luc_chung: ['tu_chu_tu_hoc', 'giao_tiep_hop_tac', 'gqvd_sang_tao'],
  nang_luc_dac_thu: ['ngon_ngu', 'tinh_toan', 'khoa_hoc', 'cong_nghe', 'tin_hoc', 'tham_mi', 'the_chat'],
} as const;
export type QualityGroup = keyof typeof QUALITY_GROUPS;
export type QualityCode = (typeof QUALITY_GROUPS)[QualityGroup][number];
export const QUALITY_CODES: readonly QualityCode[] = Object.values(QUALITY_GROUPS).flat();

/** Tốt / Đạt / Cần cố gắng. */
export const QUALITY_LEVELS = ['tot', 'dat', 'ccg'] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

/** Giữa kỳ or cuối kỳ (cuối năm in semester II). */
export const QUALITY_KINDS = ['gk', 'ck'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];
export type Semester = 1 | 2;

/** The key of a period's name (`quality_ratings.periods.*`): gk, ck1 (cuối kỳ I) or cn (cuối năm). */
export const periodKey = (semester: Semester, kind: QualityKind) => (kind === 'gk' ? 'gk' : semester === 2 ? 'cn' : 'ck1');
/** The year result is read at the end of the year only. */
export const isYearEnd = (semester: Semester, kind: QualityKind) => semester === 2 && kind === 'ck';

/** `quality_ratings.comment` is at most 2000 characters (a check constraint). */
export const MAX_COMMENT = 2000;

export const qualityRowSchema = z.object({
  id: z.string(),
  student_id: z.string(),
  code: z.enum(QUALITY_CODES as [QualityCode, ...QualityCode[]]),
  level: z.enum(QUALITY_LEVELS),
  comment: z.string().nullable(),
  version: z.number().int(),
});
export type QualityRow = z.infer<typeof qualityRowSchema>;

export const YEAR_RESULTS = ['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh'] as const;
export const COMPLETIONS = ['lop_hoc', 'tieu_hoc', 'chua'] as const;
export const primaryResultSchema = z.object({
  student_id: z.string(),
  year_result: z.enum(YEAR_RESULTS).nullable(),
  completion: z.enum(COMPLETIONS).nullable(),
});
export type PrimaryResult = z.infer<typeof primaryResultSchema>;

/** What the GVCN picked (null = cleared) by student and code, and typed comments by student. */
export interface Drafts {
  levels: Readonly<Record<string, QualityLevel | null>>;
  comments: Readonly<Record<string, string>>;
}
export const EMPTY_DRAFTS: Drafts = { levels: {}, comments: {} };
export const levelKey = (studentId: string, code: string) => `${studentId}|${code}`;

/** The rows of a sheet by student and code. */
export function indexRows(rows: readonly QualityRow[]): Map<string, QualityRow> {
  return new Map(rows.map((r) => [levelKey(r.student_id, r.code), r]));
}

/** The student's comment as read: the first one in form order (they are written alike on every row). */
export function loadedComment(byKey: ReadonlyMap<string, QualityRow>, studentId: string): string {
  for (const code of QUALITY_CODES) {
    const comment = byKey.get(levelKey(studentId, code))?.comment;
    if (comment) return comment;
  }
  return '';
}

export function shownLevel(byKey: ReadonlyMap<string, QualityRow>, drafts: Drafts, studentId: string, code: string): QualityLevel | null {
  const key = levelKey(studentId, code);
  return key in drafts.levels ? drafts.levels[key]! : (byKey.get(key)?.level ?? null);
}

export function shownComment(byKey: ReadonlyMap<string, QualityRow>, drafts: Drafts, studentId: string): string {
  return drafts.comments[studentId] ?? loadedComment(byKey, studentId);
}

/** Typed T / Đ / C (or the words; any case, with or without diacritics) as a level; '' clears; undefined when unreadable. */
export function parseQualityLevel(text: string): QualityLevel | null | undefined {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (plain === '') return null;
  if (plain === 't' || plain === 'tot') return 'tot';
  if (plain === 'd' || plain === 'dat') return 'dat';
  if (plain === 'c' || plain === 'ccg' || plain === 'can co gang') return 'ccg';
  return undefined;
}

/** One item of rpc/save_quality_ratings' `p_changes`: a cell's level (null clears it) and the student's comment. */
export type QualityChange = { student_id: string; code: QualityCode; level: QualityLevel | null; comment: string | null; version: number | null };

/**
 * The changes that turn `rows` into what is shown, for every student something was picked or typed for,
 * each with the version read (null: the cell was empty): a new or changed level, a changed comment (on
 * each of the student's rated cells), a cleared level. A comment with no level left is not a row the
 * table accepts (level is required), so that student is reported as invalid and nothing of theirs sent.
 */
export function qualityChanges(rows: readonly QualityRow[], drafts: Drafts): Pending<QualityChange> {
  const byKey = indexRows(rows);
  const pending: Pending<QualityChange> = { changes: [], invalid: [] };
  const students = new Set([...Object.keys(drafts.levels).map((k) => k.split('|')[0]!), ...Object.keys(drafts.comments)]);
  for (const studentId of students) {
    const comment = shownComment(byKey, drafts, studentId).trim() || null;
    const levels = QUALITY_CODES.map((code) => [code, shownLevel(byKey, drafts, studentId, code)] as const);
    if ((comment?.length ?? 0) > MAX_COMMENT || (comment && levels.every(([, l]) => !l))) {
      pending.invalid.push(studentId);
      continue;
    }
    for (const [code, level] of levels) {
      const row = byKey.get(levelKey(studentId, code));
      const version = row?.version ?? null;
      if (!level) {
        if (row) pending.changes.push({ student_id: studentId, code, level: null, comment: null, version });
      } else if (!row || row.level !== level || (row.comment ?? null) !== comment) {
        pending.changes.push({ student_id: studentId, code, level, comment, version });
      }
    }
  }
  return pending;
}
