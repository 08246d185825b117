import { Navigate, useLocation } from 'react-router';
import { sessionEndedOnPurpose } from '../providers/auth.tsx';

/**
 * Sends a signed-out visitor to the login page, remembering the page they asked for (`?to=`) so they
 * come back to it, unless they had just signed out themselves.
 */
export function RedirectToLogin() {
  const { pathname, search } = useLocation();
  const wanted = `${pathname}${search}`;
  const keep = wanted.length > 1 && !sessionEndedOnPurpose();
  return <Navigate replace to={keep ? `/login?to=${encodeURIComponent(wanted)}` : '/login'} />;
}
