// The app's today ('YYYY-MM-DD'): public.app_today() as current_user_context() reports it — pinned in
// the demo and the tests, the Vietnam date otherwise. Screens never read the browser's clock for
// calendar decisions (the default month, the current semester, a default end date), so they agree with
// what the database decides is due, current or locked.
import { useGetIdentity } from '@refinedev/core';
import type { Identity } from '../providers/userContext.ts';

/** The app's today, or null while the identity is read (or could not be). */
export function useAppToday(): string | null {
  const { data: identity } = useGetIdentity<Identity>();
  return identity?.today ?? null;
}
