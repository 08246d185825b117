// The per-account sign-in throttle: five failed password sign-ins for one email address within 15
// minutes lock that address out (429 `over_request_rate_limit`, even with the right password) until
// fewer than five failures remain in the sliding window.
//
// How the server uses it (store.ts keeps the rows in auth.sign_in_failures):
//   1. record the attempt first (pessimistically, as if it failed);
//   2. count the attempts of that address in the window, this one included;
//   3. `throttleDecision(count)`: over the limit → drop this attempt's row (a refused attempt is not a
//      failure, so an attacker cannot extend the lock-out forever) and answer 429;
//   4. otherwise check the password: a failure keeps the row, a success clears the address's rows.
// Recording before checking means concurrent guesses cannot slip more than five bcrypt checks past
// the limit. Unknown addresses are throttled the same way, so the throttle does not reveal which
// addresses have accounts.

export const SIGN_IN_FAILURE_LIMIT = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleDecision = { throttled: false } | { throttled: true };

/** `attemptsInWindow` counts the attempt being decided. */
export function throttleDecision(attemptsInWindow: number, limit = SIGN_IN_FAILURE_LIMIT): ThrottleDecision {
  return attemptsInWindow > limit ? { throttled: true } : { throttled: false };
}

/**
 * Seconds until the address may try again: the lock lifts when the `limit`-th most recent failure
 * leaves the window. `failureTimes` are the failures in the window, newest first.
 */
export function retryAfterSeconds(
  failureTimes: Date[],
  now: Date,
  limit = SIGN_IN_FAILURE_LIMIT,
  windowMs = SIGN_IN_WINDOW_MS,
): number {
  const pivot = failureTimes[limit - 1];
  if (!pivot) return 1;
  return Math.max(1, Math.ceil((pivot.getTime() + windowMs - now.getTime()) / 1000));
}
