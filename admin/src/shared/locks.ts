// Lock events as the screen shows and writes them. `semester` null is the period after the year
// (re-tests and summer training); forms cannot hold null in a select, so the screen calls it 'after'.
import type { Narrowed, Tables } from '../../../supabase/functions/_shared/database.ts';
export const LOCK_SEMESTERS = ['1', '2', 'after'] as const;
export type LockSemester = (typeof LOCK_SEMESTERS)[number];
export type LockAction = 'lock' | 'unlock';

export type LockEventRow = Narrowed<
  Pick<Tables<'gradebook_locks'>, 'id' | 'semester' | 'class_id' | 'subject_id' | 'action' | 'decision_id' | 'note' | 'created_by' | 'created_at'>,
  { semester: 1 | 2 | null; action: LockAction; created_by: string | null }
>;

export const toDbSemester = (s: LockSemester): 1 | 2 | null => (s === 'after' ? null : (Number(s) as 1 | 2));
export const fromDbSemester = (s: number | null): LockSemester => (s === 1 ? '1' : s === 2 ? '2' : 'after');

export interface LockFormValues {
  semester: LockSemester;
  class_id?: string | null;
  subject_id?: string | null;
  action: LockAction;
  decision_id: string;
  note?: string;
}

/** The row to insert into `gradebook_locks`: empty class / subject = every class / subject. */
export function lockInsert(values: LockFormValues, year: { id: string; school_id: string }) {
  return {
    school_id: year.school_id,
    school_year_id: year.id,
    semester: toDbSemester(values.semester),
    class_id: values.class_id || null,
    subject_id: values.subject_id || null,
    action: values.action,
    decision_id: values.decision_id,
    note: values.note?.trim() || null,
  };
}

export interface SubjectOption {
  id: string;
  code: string;
  name: string;
  sort_order: number;
}

/**
 * Subjects offered in the year (or in one class), once each, in the programme's order. Learning topics
 * (chuyên đề) take no entries of their own, so they cannot be locked separately.
 */
export function yearSubjects(rows: readonly { class_id: string; subjects: (SubjectOption & { category: string }) | null }[], classId?: string | null): SubjectOption[] {
  const seen = new Map<string, SubjectOption>();
  for (const r of rows) {
    if (!r.subjects || r.subjects.category === 'topic' || (classId && r.class_id !== classId)) continue;
    const { id, code, name, sort_order } = r.subjects;
    seen.set(id, { id, code, name, sort_order });
  }
  return [...seen.values()].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'vi'));
}
