// Which sheet is open (?class=…&subject=…&semester=1|2|retest, so a link opens it) and what the pickers
// offer: a subject teacher their active assignments of the year; a homeroom teacher also their class
// with every subject; BGH, the admin board, clerks and department heads every class of the year. RLS
// still decides what gradebook_sheet returns; the pickers only avoid offering sheets one cannot read.
import { useGetIdentity, useList } from '@refinedev/core';
import { useSearchParams } from 'react-router';
import { useYearClasses } from './useYearData.ts';
import type { Identity } from '../providers/userContext.ts';

export interface SheetRequest {
  classId: string;
  subjectId: string;
  /** null = the re-test sheet. */
  semester: 1 | 2 | null;
}

const SCHOOL_WIDE = ['principal', 'vice_principal', 'admin_board', 'clerk'];

export type SemesterParam = '1' | '2' | 'retest';
export const SEMESTERS: SemesterParam[] = ['1', '2', 'retest'];

interface SubjectRef {
  name: string;
  code: string;
  category: string;
  sort_order: number | null;
}
interface Assignment {
  class_id: string;
  subject_id: string;
  classes: { name: string; grade: number } | null;
  subjects: SubjectRef | null;
}
interface ClassSubject {
  subject_id: string;
  subjects: SubjectRef | null;
}
export interface Option {
  value: string;
  label: string;
}

export function useSheetSelection() {
  const [params, setParams] = useSearchParams();
  const classId = params.get('class') ?? undefined;
  const subjectId = params.get('subject') ?? undefined;
  const semesterParam = (SEMESTERS as string[]).includes(params.get('semester') ?? '') ? (params.get('semester') as SemesterParam) : '1';
  const request: SheetRequest | null =
    classId && subjectId ? { classId, subjectId, semester: semesterParam === 'retest' ? null : (Number(semesterParam) as 1 | 2) } : null;

  const select = (change: { class?: string; subject?: string; semester?: SemesterParam }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Another class: its subjects differ, so the subject is chosen again.
    if (change.class !== undefined && change.class !== classId && change.subject === undefined) next.delete('subject');
    setParams(next, { replace: false });
  };
  return { classId, subjectId, semester: semesterParam, request, select };
}

/** Classes and subjects the current user may pick in school year `yearId`. */
export function useSheetOptions(yearId: string | undefined, classId: string | undefined) {
  const { data: identity } = useGetIdentity<Identity>();
  const roles: string[] = identity?.roles ?? [];
  const wide = roles.some((r) => SCHOOL_WIDE.includes(r));
  const homeroom = roles.includes('homeroom_teacher');
  // A Tổ trưởng reads the sheets of the department's assignments (matrix: score_entries department scope;
  // current_user_context's department_assignments), not every sheet of the school.
  const department = roles.includes('dept_head') ? (identity?.scope.department_assignments ?? []) : [];
  const { classes } = useYearClasses(wide || homeroom || department.length > 0 ? yearId : undefined);
  const assignments = useList<Assignment>({
    resource: 'teaching_assignments',
    pagination: { mode: 'off' },
    filters: [
      { field: 'school_year_id', operator: 'eq', value: yearId },
      { field: 'teacher_id', operator: 'eq', value: identity?.id },
      { field: 'ended_at', operator: 'null', value: true },
    ],
    meta: { select: 'class_id, subject_id, classes(name, grade), subjects(name, code, category, sort_order)' },
    queryOptions: { enabled: !!yearId && !!identity?.id },
  });
  const mine = yearId && identity?.id ? assignments.result.data : [];

  const classMap = new Map<string, { label: string; grade: number }>();
  for (const c of classes) {
    if (wide || c.homeroom_teacher_id === identity?.id || department.some((p) => p.class_id === c.id)) classMap.set(c.id, { label: c.name, grade: c.grade });
  }
  for (const a of mine) if (a.classes) classMap.set(a.class_id, { label: a.classes.name, grade: a.classes.grade });
  const classOptions: Option[] = [...classMap]
    .sort(([, a], [, b]) => a.grade - b.grade || a.label.localeCompare(b.label, 'vi', { numeric: true }))
    .map(([value, { label }]) => ({ value, label }));

  // Every subject of the class for those who read them all; otherwise the assigned ones.
  const allSubjects = !!classId && (wide || classes.some((c) => c.id === classId && c.homeroom_teacher_id === identity?.id));
  const departmentSubjects = new Set(department.filter((p) => p.class_id === classId).map((p) => p.subject_id));
  const classSubjects = useList<ClassSubject>({
    resource: 'class_subjects',
    pagination: { mode: 'off' },
    filters: [{ field: 'class_id', operator: 'eq', value: classId }],
    meta: { select: 'subject_id, subjects(name, code, category, sort_order)' },
    queryOptions: { enabled: allSubjects || departmentSubjects.size > 0 },
  });
  const subjectMap = new Map<string, SubjectRef>();
  for (const cs of allSubjects || departmentSubjects.size > 0 ? classSubjects.result.data : []) {
    if (cs.subjects && (allSubjects || departmentSubjects.has(cs.subject_id))) subjectMap.set(cs.subject_id, cs.subjects);
  }
  for (const a of mine) if (a.class_id === classId && a.subjects) subjectMap.set(a.subject_id, a.subjects);
  const subjectOptions: Option[] = [...subjectMap]
    .filter(([, s]) => s.category !== 'topic') // learning topics take no entries of their own
    .sort(([, a], [, b]) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || a.name.localeCompare(b.name, 'vi'))
    .map(([value, s]) => ({ value, label: s.name }));

  return { classOptions, subjectOptions, loading: assignments.query.isLoading };
}
