// The class × subject grid of a year, from flat rows: pure, so the screen only renders.
export interface GridClassSubject {
  class_id: string;
  subject_id: string;
  subjects: { name: string; code: string; sort_order: number } | null;
}

export interface GridAssignment {
  id: string;
  class_id: string;
  subject_id: string;
  teacher_id: string;
  /** The teacher's name (computed field teacher_name: whoever reads the assignment reads it). */
  teacher_name?: string | null;
}

export interface GridColumn {
  subject_id: string;
  name: string;
  code: string;
}

/** Subjects any class of the year takes (in the catalogue's order), and the active teacher per cell. */
export function buildGrid(classSubjects: GridClassSubject[], assignments: GridAssignment[]) {
  const columns = new Map<string, GridColumn & { order: number }>();
  const offered = new Set<string>();
  for (const cs of classSubjects) {
    offered.add(`${cs.class_id}:${cs.subject_id}`);
    if (!columns.has(cs.subject_id)) {
      columns.set(cs.subject_id, { subject_id: cs.subject_id, name: cs.subjects?.name ?? '', code: cs.subjects?.code ?? '', order: cs.subjects?.sort_order ?? 0 });
    }
  }
  const teacher = new Map<string, GridAssignment>();
  for (const a of assignments) teacher.set(`${a.class_id}:${a.subject_id}`, a);
  return {
    columns: [...columns.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'vi')),
    offered: (classId: string, subjectId: string) => offered.has(`${classId}:${subjectId}`),
    assignment: (classId: string, subjectId: string) => teacher.get(`${classId}:${subjectId}`) ?? null,
  };
}
