// What the admin was opened with: a normal page, or the redirect of a password recovery link. The auth
// server (GoTrue, or the local one) sends the browser to `<admin>/#access_token=…&type=recovery&…`, or
// `#error=…&error_code=otp_expired&…` for a used or expired link. The admin routes with the hash too,
// so main.tsx reads this before the router starts: supabase-js takes the session out of the URL
// (detectSessionInUrl), then the page becomes #/reset-password.

export type AuthCallback = { kind: 'none' } | { kind: 'recovery' } | { kind: 'error'; code: string };

export function readAuthCallback(hash: string): AuthCallback {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  // A route of the admin (#/login, #/students?…) is never a callback.
  if (raw === '' || raw.startsWith('/')) return { kind: 'none' };
  const params = new URLSearchParams(raw);
  if (params.has('error') || params.has('error_code')) return { kind: 'error', code: params.get('error_code') || params.get('error') || 'unknown' };
  if (params.has('access_token') && params.get('type') === 'recovery') return { kind: 'recovery' };
  return { kind: 'none' };
}

/** The admin route a callback lands on. */
export function callbackRoute(callback: AuthCallback): string | null {
  if (callback.kind === 'recovery') return '#/reset-password';
  if (callback.kind === 'error') return `#/reset-password?error=${encodeURIComponent(callback.code)}`;
  return null;
}
