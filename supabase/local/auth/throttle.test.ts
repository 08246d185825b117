import { describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, overLimit, RECOVERY_PER_EMAIL, retryAfterSeconds, throttleDecision } from './throttle.ts';

const now = new Date('2026-11-02T07:00:00Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
const times = (n: number, everySec = 1) => Array.from({ length: n }, (_, i) => ago(i * everySec));
/** The other attempts in the window: `failures` settled failures and `inFlight` pending ones. */
const attempts = (failures: number, inFlight = 0) => [
  ...Array.from({ length: inFlight }, (_, i) => ({ at: ago(i), pending: true })),
  ...Array.from({ length: failures }, (_, i) => ({ at: ago(i + 1), pending: false })),
];

describe('sign-in throttle decision', () => {
  it('five failures of one account in 5 minutes are allowed; the sixth attempt is refused for at most 5 minutes', () => {
    expect(ACCOUNT_FAILURES).toEqual({ limit: 5, windowMs: 5 * 60_000 });
    for (let n = 0; n < 5; n++) expect(throttleDecision(attempts(n), attempts(n), now).throttled).toBe(false);
    const d = throttleDecision(attempts(5), attempts(5), now);
    expect(d).toMatchObject({ throttled: true, scope: 'account' });
    expect(d.throttled && d.retryAfter).toBeLessThanOrEqual(300);
  });

  it('thirty failures from one address (any accounts) are allowed; the 31st attempt is refused for that address', () => {
    expect(ADDRESS_FAILURES).toEqual({ limit: 30, windowMs: 5 * 60_000 });
    expect(throttleDecision(attempts(0), attempts(29), now).throttled).toBe(false);
    expect(throttleDecision(attempts(0), attempts(30), now)).toMatchObject({ throttled: true, scope: 'address' });
    // Without a known client address only the account counts.
    expect(throttleDecision(attempts(0), null, now).throttled).toBe(false);
  });

  it('sign-ins in flight together are not failures: up to twice the limit may run at once, no more', () => {
    expect(throttleDecision(attempts(0, 9), attempts(0, 9), now).throttled).toBe(false);
    expect(throttleDecision(attempts(0, 10), attempts(0, 10), now)).toMatchObject({ throttled: true, scope: 'account' });
    expect(throttleDecision(attempts(4, 5), attempts(4, 5), now).throttled).toBe(false);
    expect(throttleDecision(attempts(0), attempts(0, 59), now).throttled).toBe(false);
    expect(throttleDecision(attempts(0), attempts(0, 60), now)).toMatchObject({ throttled: true, scope: 'address' });
  });

  it('Retry-After is when the limit-th most recent failure leaves the window, at least one second', () => {
    const failures = [ago(60), ago(120), ago(180), ago(200), ago(240), ago(250)];
    expect(retryAfterSeconds(failures, now, ACCOUNT_FAILURES)).toBe(60);
    expect(retryAfterSeconds([], now, ACCOUNT_FAILURES)).toBe(1);
    expect(retryAfterSeconds(times(5, 400), now, ACCOUNT_FAILURES)).toBe(1);
  });

  it('a second recovery request for one address within a minute waits for the rest of that minute', () => {
    expect(overLimit([], now, RECOVERY_PER_EMAIL)).toBeNull();
    expect(overLimit([ago(20)], now, RECOVERY_PER_EMAIL)).toBe(40);
  });
});
