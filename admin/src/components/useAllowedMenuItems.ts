import { useCanWithoutCache, useGetIdentity, type TreeMenuItem } from '@refinedev/core';
import { useEffect, useState } from 'react';
import type { Identity } from '../providers/userContext.ts';
import type { Role } from '../../../policies/types.ts';
import { offeredTo } from './audiences.ts';
import { appliesTo, type Regime } from './regimes.ts';
import { useSchoolRegimes } from './useSchoolRegimes.ts';

function names(items: readonly TreeMenuItem[]): string[] {
  return items.flatMap((item) => [item.name, ...names(item.children)]);
}

function keep(items: readonly TreeMenuItem[], allowed: ReadonlySet<string>, regimes: ReadonlySet<Regime>, roles: readonly Role[]): TreeMenuItem[] {
  return items
    .filter((item) => allowed.has(item.name) && appliesTo(item.name, regimes) && offeredTo(item.name, roles))
    .map((item) => ({ ...item, children: keep(item.children, allowed, regimes, roles) }));
}

/**
 * The menu items the access-control provider allows (`list` on each resource) that apply to the regimes
 * of the user's schools (a TT22-only screen is not offered to someone who works only at primary schools:
 * regimes.ts) and to the user's audience (a family is offered its own pages: audiences.ts), or null while either is being asked. Asked again when the signed-in user changes.
 */
export function useAllowedMenuItems(items: TreeMenuItem[]): TreeMenuItem[] | null {
  const { can } = useCanWithoutCache();
  const { data: identity } = useGetIdentity<Identity>();
  const [allowed, setAllowed] = useState<ReadonlySet<string> | null>(null);
  const regimes = useSchoolRegimes();
  const userId = identity?.id;
  // useMenu() may hand out a new array on any render: ask again only when the resources change.
  const resourceNames = [...new Set(names(items))].join(',');

  useEffect(() => {
    let active = true;
    const asked = resourceNames.split(',').filter(Boolean).map(async (resource) => {
      const answer = can ? await can({ resource, action: 'list' }) : { can: true };
      return answer.can ? resource : null;
    });
    void Promise.all(asked).then((granted) => {
      if (active) setAllowed(new Set(granted.filter((name): name is string => name !== null)));
    });
    return () => {
      active = false;
    };
  }, [can, resourceNames, userId]);

  return allowed && regimes ? keep(items, allowed, regimes, identity?.roles ?? []) : null;
}
