// The permission matrix as typed data: role × resource × action → scope. The SQL policies enforce it;
// the admin reads it to hide what a user may not do; generated tests compare the two. This file fixes
// the vocabulary. Plain TypeScript with no dependencies so the admin (Vite), the tests (vitest) and the
// edge functions (Deno) can all import it (the one import below is types only, erased at run time).
import type { Enums } from '../supabase/functions/_shared/database.ts';

/**
 * Application roles (`public.app_role` in the database), held per school and school year: the one
 * runtime list, in the matrix's order. Typed against the generated enum both ways, so a role added to or
 * dropped from the database fails the type check until this list follows.
 */
export const ROLES = [
  'principal',
  'vice_principal',
  'admin_board',
  'dept_head',
  'homeroom_teacher',
  'subject_teacher',
  'nurse',
  'clerk',
  'it_staff',
  'inspector',
  'union_officer',
  'district_officer',
  'province_officer',
  'guardian',
  'student',
] as const satisfies readonly Enums<'app_role'>[];
export type Role = (typeof ROLES)[number];
/** Fails to compile, naming the role, when the database has a role this list lacks. */
type Exhaustive<Missing extends never> = Missing;
export type EveryAppRoleListed = Exhaustive<Exclude<Enums<'app_role'>, Role>>;

/** What a user does to a resource. `list`/`show`/`create`/`edit`/`delete` are Refine's actions. */
export const ACTIONS = [
  'list',
  'show',
  'create',
  'edit',
  'delete',
  'lock',
  'unlock',
  'approve',
  'sign',
  'print',
  'export',
  // Appointing BGH (principal, vice principal): the Phòng/Sở officer above the school, not the board.
  'appoint',
  // Setting another person's password (the staff-accounts function, checked in Postgres).
  'reset_password',
  // Linking an account to a guardian or student record (rpc link_guardian_account / link_student_account).
  'link',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Which rows an allowed action reaches, from narrowest to widest. This order is what "widest" means
 * when a person holds several roles (a GVCN who also teaches a subject):
 *
 *   none < self < guardian_of < assignment < homeroom < department < school < district < province
 *
 * - none: not allowed.
 * - self: the caller's own rows (own profile, own memberships, a student's own results).
 * - guardian_of: rows of the students the caller is a guardian of.
 * - assignment: rows of the class × subject pairs the caller is assigned to teach.
 * - homeroom: rows of the class the caller is homeroom teacher of.
 * - department: rows of the caller's department (tổ chuyên môn).
 * - school: every row of the schools where the caller holds the role.
 * - district: every school under the caller's Phòng GD&ĐT.
 * - province: every school under the caller's Sở GD&ĐT.
 *
 * The order is a convention for combining roles, not a containment proof: `homeroom` is "wider" than
 * `assignment` because a GVCN sees the whole class, while an assignment is one subject of a class.
 */
export const SCOPES = [
  'none',
  'self',
  'guardian_of',
  'assignment',
  'homeroom',
  'department',
  'school',
  'district',
  'province',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Resources (one name per thing: table or view, Refine resource, route, matrix entry). `dashboard` and
 * `status` are screens; `school_summaries`, `my_results` and `gradebook_progress` are the RPCs of the same
 * name; the `dossier*` entries are the screens of the electronic dossiers (issue 17: rpc dossier_list,
 * dossier_compliance, dossier_school_compliance, the catalogue tables); every other one is a table or view
 * in `public`.
 */
export const RESOURCES = [
  'dashboard',
  'status',
  'account',
  'schools',
  'school_years',
  'subjects',
  'departments',
  'department_members',
  'classes',
  'class_subjects',
  'teaching_assignments',
  'students',
  'student_details',
  'guardians',
  'enrolments',
  'subject_exemptions',
  'profiles',
  'memberships',
  'audit_log',
  'school_summaries',
  'score_entries',
  'subject_comments',
  'conduct_ratings',
  'attendance',
  'subject_results',
  'student_results',
  'lock_decisions',
  'gradebook_locks',
  'correction_requests',
  'result_publications',
  'my_results',
  'quality_ratings',
  'gradebook_progress',
  'inspections',
  'school_deadlines',
  'documents',
  'signing',
  'health',
  'health_alerts',
  'account_events',
  'dossiers',
  'dossier_reviews',
  'dossier_compliance',
  'dossier_catalogue',
  'dossier_schools',
  'office_overview',
  'backups',
  'year_cycle',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** The grants of one resource: a missing role or action means `none`. */
export type ResourceGrants = Partial<Record<Role, Partial<Record<Action, Scope>>>>;

/** The whole matrix. A missing role or action means `none`. */
export type Matrix = Record<Resource, ResourceGrants>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function isResource(value: unknown): value is Resource {
  return typeof value === 'string' && (RESOURCES as readonly string[]).includes(value);
}

/** Position of a scope in the order above (none = 0). */
export function scopeRank(scope: Scope): number {
  return SCOPES.indexOf(scope);
}

/** The wider of two scopes. */
export function widerScope(a: Scope, b: Scope): Scope {
  return scopeRank(a) >= scopeRank(b) ? a : b;
}

/**
 * The widest scope any of `roles` has for `action` on `resource` (`none` when no role grants it).
 * A person with several roles gets the union of their rights, so the widest one wins.
 */
export function scopeOf(matrix: Matrix, roles: readonly Role[], resource: Resource, action: Action): Scope {
  const grants = matrix[resource];
  let widest: Scope = 'none';
  for (const role of roles) {
    const scope = grants[role]?.[action];
    if (scope !== undefined) widest = widerScope(widest, scope);
  }
  return widest;
}

/**
 * A cell of the matrix enforced outside the tables — by an edge function that checks the caller through
 * RLS and then acts with the service role, or by the auth server — and tried by that path's own suite, not
 * by the table probes of tests/api/matrix.test.ts. Its grants are the matrix's like any other cell's.
 */
export interface OutOfBand {
  resource: Resource;
  action: Action;
  /** What enforces it and which suite tries it. */
  note: string;
}

/** A cell of the matrix that the product will need but that nothing implements yet (no SQL, no function). */
export interface NotBuilt {
  resource: Resource;
  action: Action;
  /** Who should get it once built (intent, not enforcement). */
  intended: Partial<Record<Role, Scope>>;
  /** Why it is not built / which issue builds it. */
  note: string;
}

export function isNotBuilt(list: readonly NotBuilt[], resource: Resource, action: Action): boolean {
  return list.some((cell) => cell.resource === resource && cell.action === action);
}
