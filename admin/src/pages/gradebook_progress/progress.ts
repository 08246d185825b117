// The progress dashboard's arithmetic over the rows of rpc/gradebook_progress (one row per sheet:
// class × subject of a semester, with its teacher). Everything here is pure: the page reads the rpc
// once and derives the summary, the two charts and the grouped tables from the same rows.
import { z } from 'zod';
import { vietnameseNameCompare } from '../../components/useYearData.ts';

export const progressRowSchema = z.object({
  class_id: z.string(),
  class_name: z.string(),
  grade: z.number(),
  subject_id: z.string(),
  subject_name: z.string(),
  regime: z.enum(['tt22', 'tt27']),
  teacher_id: z.string().nullable(),
  teacher_name: z.string().nullable(),
  students: z.number(),
  required: z.number(),
  done: z.number(),
  due: z.number(),
  overdue: z.number(),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;
export const progressRowsSchema = z.array(progressRowSchema);

export type Semester = 1 | 2;

/** Share of `part` in `whole` as a percentage with one decimal; 100 when nothing is required. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 100;
  return Math.round((Math.min(part, whole) / whole) * 1000) / 10;
}

/** The semester containing `today` ('YYYY-MM-DD'): I until semester II starts, then II. */
export function semesterOn(year: { semester2_starts_on?: string | null } | null, today: string | null): Semester {
  if (!year?.semester2_starts_on || !today) return 1;
  return today < year.semester2_starts_on ? 1 : 2;
}

export interface Totals {
  required: number;
  done: number;
  due: number;
  overdue: number;
  students: number;
}

const zero = (): Totals => ({ required: 0, done: 0, due: 0, overdue: 0, students: 0 });
function add(t: Totals, r: Totals): Totals {
  t.required += r.required;
  t.done += r.done;
  t.due += r.due;
  t.overdue += r.overdue;
  t.students += r.students;
  return t;
}

export interface Summary extends Totals {
  sheets: number;
  sheetsOverdue: number;
  share: number;
}

/** The cards: share entered, entries due (and entered of them), overdue entries, sheets with overdue. */
export function summarize(rows: readonly ProgressRow[]): Summary {
  const t = rows.reduce(add, zero());
  return { ...t, sheets: rows.length, sheetsOverdue: rows.filter((r) => r.overdue > 0).length, share: percent(t.done, t.required) };
}

export interface ClassBar {
  classId: string;
  name: string;
  grade: number;
  done: number;
  required: number;
  overdue: number;
  share: number;
}

/** Completion by class, in grade and class order (10A1, 10A2, …, 10A10). */
export function byClass(rows: readonly ProgressRow[]): ClassBar[] {
  const m = new Map<string, ClassBar>();
  for (const r of rows) {
    const c = m.get(r.class_id) ?? { classId: r.class_id, name: r.class_name, grade: r.grade, done: 0, required: 0, overdue: 0, share: 0 };
    c.done += r.done;
    c.required += r.required;
    c.overdue += r.overdue;
    m.set(r.class_id, c);
  }
  return [...m.values()]
    .map((c) => ({ ...c, share: percent(c.done, c.required) }))
    .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

/** A teacher (or, teacherId null, the sheets nobody is assigned to) with their sheets and totals. */
export interface TeacherGroup extends Totals {
  key: string;
  teacherId: string | null;
  teacherName: string | null;
  sheets: ProgressRow[];
  share: number;
}

/**
 * Sheets grouped by teacher: most overdue first, then by name the Vietnamese way; the unassigned
 * sheets last. Each teacher's sheets most overdue first, then in class order.
 */
export function byTeacher(rows: readonly ProgressRow[]): TeacherGroup[] {
  const m = new Map<string, TeacherGroup>();
  for (const r of rows) {
    const key = r.teacher_id ?? 'unassigned';
    const g = m.get(key) ?? { key, teacherId: r.teacher_id, teacherName: r.teacher_name, sheets: [], share: 0, ...zero() };
    g.sheets.push(r);
    add(g, r);
    m.set(key, g);
  }
  const groups = [...m.values()].map((g) => ({ ...g, share: percent(g.done, g.required), sheets: [...g.sheets].sort(sheetOrder) }));
  return groups.sort(
    (a, b) =>
      Number(a.teacherId === null) - Number(b.teacherId === null) ||
      b.overdue - a.overdue ||
      vietnameseNameCompare(a.teacherName ?? '', b.teacherName ?? ''),
  );
}

function sheetOrder(a: ProgressRow, b: ProgressRow): number {
  return b.overdue - a.overdue || a.grade - b.grade || a.class_name.localeCompare(b.class_name, 'vi', { numeric: true }) || a.subject_name.localeCompare(b.subject_name, 'vi');
}

/** Teachers with overdue entries, most first (the second chart). */
export function overdueByTeacher(groups: readonly TeacherGroup[]): TeacherGroup[] {
  return groups.filter((g) => g.teacherId !== null && g.overdue > 0).sort((a, b) => b.overdue - a.overdue);
}

/** The check form's prefill for a teacher: their most overdue sheet (if any is overdue). */
export function worstSheet(group: TeacherGroup): ProgressRow | null {
  return group.sheets.find((s) => s.overdue > 0) ?? null;
}

/** "Toán 10A1 (30), Toán 11A1 (6)": the overdue sheets of a teacher, for the findings draft. */
export function overdueList(sheets: readonly ProgressRow[]): string {
  return sheets
    .filter((s) => s.overdue > 0)
    .map((s) => `${s.subject_name} ${s.class_name} (${s.overdue})`)
    .join(', ');
}
