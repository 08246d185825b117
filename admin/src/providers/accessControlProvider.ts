// Refine's accessControlProvider over the permission matrix (policies/). It only hides and disables:
// the database enforces the same matrix with RLS whatever the UI shows.
import type { AccessControlProvider } from '@refinedev/core';
import { matrix } from '../../../policies/matrix.ts';
import { isAction, isResource, scopeOf, type Matrix, type Role } from '../../../policies/types.ts';
import { i18n } from '../i18n/index.ts';
import type { UserContextStore } from './userContext.ts';

/** Allowed iff some role of the user has a scope other than `none`; unknown resources and actions are denied. */
export function isAllowed(roles: readonly Role[], resource: string | undefined, action: string, m: Matrix = matrix): boolean {
  if (!isResource(resource) || !isAction(action)) return false;
  return scopeOf(m, roles, resource, action) !== 'none';
}

export function createAccessControlProvider(users: UserContextStore): AccessControlProvider {
  return {
    async can({ resource, action }) {
      const roles = (await users.get())?.roles ?? [];
      return isAllowed(roles, resource, action) ? { can: true } : { can: false, reason: i18n.t('access.denied') };
    },
    options: {
      buttons: { enableAccessControl: true, hideIfUnauthorized: true },
      // Answers depend on who is signed in: never serve one user's answer to the next from the cache.
      queryOptions: { gcTime: 0 },
    },
  };
}
