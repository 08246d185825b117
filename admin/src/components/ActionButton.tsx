// The one action button of the admin: shown only when the permission matrix (policies/, through the
// access-control provider) allows `action` on `resource` for the signed-in user, and — for an action on
// one row — when the database's own answer for that row (`allowed`, e.g. a row's `can_edit`, a
// workflow row's transitions, `resettable_accounts`) allows it too. Hidden, never disabled: a role sees
// only what it can do. `data-action="<resource>.<action>"` names the matrix cell, so the browser tests
// can check every visible button against the matrix.
import { useCan } from '@refinedev/core';
import { Button, type ButtonProps } from 'antd';
import type { Action, Resource } from '../../../policies/types.ts';

export interface RowScope {
  school_id?: string | null;
  class_id?: string | null;
  subject_id?: string | null;
  student_id?: string | null;
  user_id?: string | null;
  department_id?: string | null;
}

export interface ActionButtonProps extends ButtonProps {
  resource: Resource;
  action: Action;
  /** The row the action is on (its scope keys), for the provider's row check. */
  row?: RowScope;
  /** The database's answer for this row; false hides the button. */
  allowed?: boolean;
}

export function ActionButton({ resource, action, row, allowed = true, ...button }: ActionButtonProps) {
  const { data } = useCan({ resource, action, params: row ? { row } : undefined });
  if (!allowed || !data?.can) return null;
  return <Button data-action={`${resource}.${action}`} {...button} />;
}
