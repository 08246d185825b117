import { useCanWithoutCache, useGetIdentity, type TreeMenuItem } from '@refinedev/core';
import { useEffect, useState } from 'react';
import type { Identity } from '../providers/userContext.ts';

function names(items: readonly TreeMenuItem[]): string[] {
  return items.flatMap((item) => [item.name, ...names(item.children)]);
}

function keep(items: readonly TreeMenuItem[], allowed: ReadonlySet<string>): TreeMenuItem[] {
  return items
    .filter((item) => allowed.has(item.name))
    .map((item) => ({ ...item, children: keep(item.children, allowed) }));
}

/**
 * The menu items the access-control provider allows (`list` on each resource), or null while it is
 * being asked. Asked again when the signed-in user changes.
 */
export function useAllowedMenuItems(items: TreeMenuItem[]): TreeMenuItem[] | null {
  const { can } = useCanWithoutCache();
  const { data: identity } = useGetIdentity<Identity>();
  const [allowed, setAllowed] = useState<ReadonlySet<string> | null>(null);
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

  return allowed ? keep(items, allowed) : null;
}
