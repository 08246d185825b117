// Throttles of the auth server. Every one is a sliding window over rows in schema auth, so a lock-out
// lifts by itself as soon as enough of its rows are older than the window, and answers 429 with
// Retry-After, as GoTrue's rate limits do.
//
// Failed password checks (auth.sign_in_failures: a password sign-in, or the current password of a
// password change), counted two ways:
//   - per account (the e-mail address, known or not, so the answer reveals no accounts):
//     5 failures in 5 minutes lock that address for at most 5 minutes. Five guesses at the principal's
//     address cost her at most five minutes, and her own successful sign-in afterwards clears it.
//   - per client address: 30 failures in 5 minutes from one address lock sign-ins from that address,
//     every account, for at most 5 minutes. A password sprayer (one guess at each of many accounts)
//     gets 30 guesses, not one per account. 30 per 5 minutes is hosted Supabase's default per-address
//     sign-in limit; only failures count here, so a school behind one NAT address, where a hundred
//     teachers sign in at 7 a.m., is never slowed down by its own successful sign-ins.
// Successful sign-ins never count. A refused attempt (429) is not counted either, so a locked
// attacker cannot keep the lock going by hammering; only real guesses (bcrypt checks) count.
//
// How the server uses it (store.ts keeps the rows):
//   1. record the attempt first, as pending (with the client address);
//   2. read the account's and the address's other rows in their windows;
//   3. `throttleDecision`: over a limit → drop this attempt's row and answer 429;
//   4. otherwise check the password: a failure turns the row into a failure; a success deletes this
//      row and the account's failures (never the address's: one known password must not wash a
//      sprayer clean).
// A limit counts failures; attempts still in flight count only towards twice the limit. So parallel
// sign-ins of one demo account (or a school's teachers at once) are never refused for being in
// flight together, while concurrent guesses can overshoot a limit by at most the limit again.
//
// Password recovery (auth.recovery_requests, POST /recover), known address or not:
//   - per e-mail address: one request a minute (GoTrue's SMTP max_frequency, 60 s by default);
//   - per client address: 20 requests in 15 minutes.

export interface Limit {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
export const ACCOUNT_FAILURES: Limit = { limit: 5, windowMs: 5 * MINUTE };
export const ADDRESS_FAILURES: Limit = { limit: 30, windowMs: 5 * MINUTE };
export const RECOVERY_PER_EMAIL: Limit = { limit: 1, windowMs: 1 * MINUTE };
export const RECOVERY_PER_ADDRESS: Limit = { limit: 20, windowMs: 15 * MINUTE };

/** The longest window of the failure throttles: older rows are pruned. */
export const RETENTION_MS = 15 * MINUTE;

/**
 * Seconds until one more event fits: when the `limit`-th most recent event leaves the window.
 * `times` are the events in the window, newest first, not counting the one being decided.
 */
export function retryAfterSeconds(times: Date[], now: Date, { limit, windowMs }: Limit): number {
  const pivot = times[limit - 1];
  if (!pivot) return 1;
  return Math.max(1, Math.ceil((pivot.getTime() + windowMs - now.getTime()) / 1000));
}

export type ThrottleDecision = { throttled: false } | { throttled: true; scope: 'account' | 'address'; retryAfter: number };

/** A recorded attempt: when, and whether its password check is still running. */
export interface Attempt {
  at: Date;
  pending: boolean;
}

function over(others: Attempt[], limit: Limit, now: Date): number | null {
  const failures = others.filter((a) => !a.pending).map((a) => a.at);
  if (failures.length >= limit.limit) return retryAfterSeconds(failures, now, limit);
  if (others.length + 1 > 2 * limit.limit) return retryAfterSeconds(others.map((a) => a.at), now, { ...limit, limit: 2 * limit.limit });
  return null;
}

/**
 * Whether the attempt being decided may go on. `account` and `address` are the other recorded
 * attempts in each window (not the one being decided), newest first; `address` is null when the
 * client address is unknown.
 */
export function throttleDecision(account: Attempt[], address: Attempt[] | null, now: Date): ThrottleDecision {
  const byAddress = address ? over(address, ADDRESS_FAILURES, now) : null;
  if (byAddress !== null) return { throttled: true, scope: 'address', retryAfter: byAddress };
  const byAccount = over(account, ACCOUNT_FAILURES, now);
  if (byAccount !== null) return { throttled: true, scope: 'account', retryAfter: byAccount };
  return { throttled: false };
}

/** For a request not yet recorded: `times` are the earlier events in the window, newest first. */
export function overLimit(times: Date[], now: Date, limit: Limit): number | null {
  return times.length >= limit.limit ? retryAfterSeconds(times, now, limit) : null;
}
