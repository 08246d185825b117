// Checks (biên bản kiểm tra) as the screens show and write them. Who may record which kind is decided by
// Postgres (policy inspections_insert); the screen only offers the kinds that make sense for the
// caller's roles in the chosen year, so nobody is invited to make a doomed choice.
import type { Membership } from '../providers/userContext.ts';
import type { Narrowed, Tables } from '../../../supabase/functions/_shared/database.ts';

export const INSPECTION_KINDS = ['periodic', 'ad_hoc', 'monthly'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const BGH_ROLES = ['principal', 'vice_principal'];
export const DEPT_HEAD_ROLES = ['dept_head'];

/** Whether the memberships hold one of `roles` in the school year `yearCode` ("2026-2027"). */
export function holdsInYear(memberships: readonly Membership[], yearCode: string | undefined, roles: readonly string[], schoolId?: string): boolean {
  return (
    !!yearCode &&
    memberships.some((m) => m.school_year === yearCode && roles.includes(m.role) && (schoolId === undefined || m.org_unit_id === schoolId))
  );
}

/** The kinds of check the caller records: BGH periodic and ad hoc, a Tổ trưởng monthly. */
export function kindsFor(memberships: readonly Membership[], yearCode: string | undefined, schoolId?: string): InspectionKind[] {
  const kinds: InspectionKind[] = [];
  if (holdsInYear(memberships, yearCode, BGH_ROLES, schoolId)) kinds.push('periodic', 'ad_hoc');
  if (holdsInYear(memberships, yearCode, DEPT_HEAD_ROLES, schoolId)) kinds.push('monthly');
  return kinds;
}

/** The kind offered first: a Tổ trưởng's monthly check, else BGH's `preferred` (periodic on the list, ad hoc from the dashboard). */
export function defaultKind(kinds: readonly InspectionKind[], preferred: InspectionKind = 'periodic'): InspectionKind | undefined {
  if (kinds.includes(preferred)) return preferred;
  return kinds[0];
}

export interface InspectionFormValues {
  kind: InspectionKind;
  teacher_id: string;
  class_id?: string | null;
  subject_id?: string | null;
  semester?: 1 | 2 | null;
  findings: string;
  follow_up?: string | null;
  follow_up_by?: string | null;
}

/**
 * The row to insert: `checked_by` (the caller) and `checked_on` (the app's today) are left to the
 * database defaults, so a check is always recorded as its author on the day it is written.
 */
export function inspectionInsert(values: InspectionFormValues, year: { id: string; school_id: string }) {
  return {
    school_id: year.school_id,
    school_year_id: year.id,
    kind: values.kind,
    teacher_id: values.teacher_id,
    class_id: values.class_id || null,
    subject_id: values.subject_id || null,
    semester: values.semester ?? null,
    findings: values.findings.trim(),
    follow_up: values.follow_up?.trim() || null,
    follow_up_by: values.follow_up_by || null,
  };
}

/** A check as the list reads it, with the names PostgREST embeds (null when RLS hides a profile). */
export type InspectionRow = Narrowed<Omit<Tables<'inspections'>, 'updated_at'>, { kind: InspectionKind; semester: 1 | 2 | null }> & {
  checker: Pick<Tables<'profiles'>, 'full_name'> | null;
  teacher: Pick<Tables<'profiles'>, 'full_name'> | null;
  classes: Pick<Tables<'classes'>, 'name'> | null;
  subjects: Pick<Tables<'subjects'>, 'name'> | null;
};

export const INSPECTION_SELECT =
  'id, school_id, school_year_id, checked_by, checked_on, kind, teacher_id, class_id, subject_id, semester, findings, follow_up, follow_up_by, created_at, ' +
  'checker:profiles!checked_by(full_name), teacher:profiles!teacher_id(full_name), classes(name), subjects(name)';

/** "ngày 22 tháng 11 năm 2026" parts of a calendar date ('2026-11-22'). */
export function dateParts(date: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day, month, year };
}
