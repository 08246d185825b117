// Whom a screen is for (issue 18, families on phones): a parent or a student reads their own child's or
// their own published results, health notices and the start page — the staff screens their data scope
// also reaches (Học sinh, Xếp lớp, Lớp học, Vai trò…: their own rows) are not offered in their menu, which
// on a phone is the whole of their navigation. Menu only: the access rules and RLS decide what any
// address shows, as for everyone.
import type { Role } from '../../../policies/types.ts';

const FAMILY_ROLES: readonly Role[] = ['guardian', 'student'];

/** The screens a family's menu offers. */
export const FAMILY_SCREENS: ReadonlySet<string> = new Set(['dashboard', 'my_results', 'health']);

/** Whether someone holds family roles only (no staff or office role). */
export function familyOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => FAMILY_ROLES.includes(r));
}

/** Whether a screen belongs in the menu of someone with `roles`. */
export function offeredTo(resource: string, roles: readonly Role[]): boolean {
  return !familyOnly(roles) || FAMILY_SCREENS.has(resource);
}
