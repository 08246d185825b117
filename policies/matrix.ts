// The permission matrix, first cut: only the resources that exist so far. Every cell states what the
// SQL policies (or the edge function) actually allow; a missing cell is `none`. The next issue adds the
// school data (students, classes, scores, …) and a test that compares each cell with the database.
import { ROLES, type Action, type Matrix, type ResourceGrants, type Scope } from './types.ts';

/** The same grants for every role. */
function everyRole(grants: Partial<Record<Action, Scope>>): ResourceGrants {
  return Object.fromEntries(ROLES.map((role) => [role, { ...grants }]));
}

export const matrix: Matrix = {
  // Trang chủ: everybody signed in sees their own greeting and memberships.
  dashboard: everyRole({ list: 'self' }),

  // Trạng thái hệ thống (the `status` function). Anybody may call it and gets back who they are
  // (`show` → self); the admin board and IT staff get the system page in the menu (`list`) with the
  // versions and applied migrations of the server that runs their school.
  status: {
    ...everyRole({ show: 'self' }),
    admin_board: { list: 'school', show: 'school' },
    it_staff: { list: 'school', show: 'school' },
  },

  // Vai trò (memberships): a person reads their own; the admin board reads those of its school.
  memberships: {
    ...everyRole({ list: 'self', show: 'self' }),
    admin_board: { list: 'school', show: 'school' },
  },
};
