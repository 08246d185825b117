// Refine's accessControlProvider over the permission matrix (policies/). It only hides and disables:
// the database enforces the same matrix with RLS whatever the UI shows.
//
// Without a row it answers for the resource (menus, routes, "Thêm" buttons): some role of the user has a
// scope other than `none`. With `params.row` (ActionButton's RowScope) it answers for that row: some role
// whose scope reaches the row — `school` the schools where the role is held this year, `homeroom` the
// GVCN's classes, `assignment` the caller's class × subject pairs, and so on, as the database computed
// them (current_user_context().scope). A row that lacks the key a scope needs is not refused here: the
// database's own answer for the row (ActionButton's `allowed`) and RLS decide it.
import type { AccessControlProvider } from '@refinedev/core';
import type { RowScope } from '../components/ActionButton.tsx';
import { matrix } from '../../../policies/matrix.ts';
import { isAction, isResource, scopeOf, type Action, type Matrix, type Resource, type Role, type Scope } from '../../../policies/types.ts';
import { i18n } from '../i18n/index.ts';
import type { Identity, UserContextStore } from './userContext.ts';

/**
 * The matrix the admin answers from: `policies/matrix.ts` as it is — the cells an edge function or the
 * auth server enforces (OUT_OF_BAND: creating accounts, resetting a password, one's own password) are
 * cells of it like the others; that path decides.
 */
export const effectiveMatrix: Matrix = matrix;

/** Allowed iff some role of the user has a scope other than `none`; unknown resources and actions are denied. */
export function isAllowed(roles: readonly Role[], resource: string | undefined, action: string, m: Matrix = effectiveMatrix): boolean {
  if (!isResource(resource) || !isAction(action)) return false;
  return scopeOf(m, roles, resource, action) !== 'none';
}

type Who = Pick<Identity, 'id' | 'roles' | 'scope' | 'schoolsByRole'>;

const has = (list: readonly string[], value: string | null | undefined) => !!value && list.includes(value);
const pairIn = (pairs: readonly { class_id: string; subject_id: string }[], row: RowScope) =>
  pairs.some((p) => p.class_id === row.class_id && (!row.subject_id || p.subject_id === row.subject_id));

/** Whether `scope`, held through `role`, reaches `row` (true when the row lacks the key the scope needs). */
export function reaches(who: Who, role: Role, scope: Scope, row: RowScope): boolean {
  const s = who.scope;
  switch (scope) {
    case 'none':
      return false;
    case 'self':
      if (row.user_id) return row.user_id === who.id;
      if (row.student_id) return row.student_id === s.student_id;
      if (row.class_id) return has(s.family_class_ids, row.class_id);
      return true;
    case 'guardian_of':
      if (row.student_id) return has(s.guardian_student_ids, row.student_id);
      if (row.class_id) return has(s.family_class_ids, row.class_id);
      return !row.user_id;
    case 'assignment':
      if (row.class_id) return pairIn(s.assignments, row);
      return !row.user_id || row.user_id === who.id;
    case 'homeroom':
      if (row.class_id) return has(s.homeroom_class_ids, row.class_id);
      return !row.user_id || row.user_id === who.id;
    case 'department':
      if (row.department_id) return has(s.department_ids, row.department_id);
      if (row.class_id) return pairIn(s.department_assignments, row);
      if (row.user_id) return row.user_id === who.id || has(s.department_teacher_ids, row.user_id);
      return true;
    case 'school':
      return row.school_id ? has(who.schoolsByRole[role] ?? [], row.school_id) : true;
    case 'district':
    case 'province':
      return row.school_id ? has(s.officer_school_ids, row.school_id) : true;
  }
}

/** Allowed on this row iff some role of the user reaches it with its scope for `action` on `resource`. */
export function isAllowedOnRow(who: Who, resource: string | undefined, action: string, row: RowScope, m: Matrix = effectiveMatrix): boolean {
  if (!isResource(resource) || !isAction(action)) return false;
  return who.roles.some((role) => reaches(who, role, scopeOf(m, [role], resource as Resource, action as Action), row));
}

export function createAccessControlProvider(users: UserContextStore): AccessControlProvider {
  return {
    async can({ resource, action, params }) {
      const who = await users.get();
      // Trang chủ is every signed-in user's home, also of one without roles (it says so there).
      if (who && resource === 'dashboard' && action === 'list') return { can: true };
      // …and Tài khoản (show, change one's own password) every signed-in user's own, roles or not.
      if (who && resource === 'account' && (action === 'show' || action === 'edit')) return { can: true };
      const row = (params as { row?: RowScope } | undefined)?.row;
      const ok = !who ? false : row ? isAllowedOnRow(who, resource, action, row) : isAllowed(who.roles, resource, action);
      return ok ? { can: true } : { can: false, reason: i18n.t('access.denied') };
    },
    options: {
      buttons: { enableAccessControl: true, hideIfUnauthorized: true },
      // Answers depend on who is signed in: never serve one user's answer to the next from the cache.
      queryOptions: { gcTime: 0 },
    },
  };
}
