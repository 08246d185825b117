import { describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, overLimit, RECOVERY_PER_EMAIL, retryAfterSeconds, throttleDecision } from './throttle.ts';

const now = new Date('2026-11-02T07:00:00Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
const times = (n: number, everySec = 1) => Array.from({ length: n }, (_, i) => ago(i * everySec));

describe('sign-in throttle decision', () => {
  it('five failures of one account in 5 minutes are allowed; the sixth attempt is refused for at most 5 minutes', () => {
    expect(ACCOUNT_FAILURES).toEqual({ limit: 5, windowMs: 5 * 60_000 });
    for (let n = 1; n <= 5; n++) expect(throttleDecision(times(n), times(n), now).throttled).toBe(false);
    const d = throttleDecision(times(6), times(6), now);
    expect(d).toMatchObject({ throttled: true, scope: 'account' });
    expect(d.throttled && d.retryAfter).toBeLessThanOrEqual(300);
  });

  it('thirty failures from one address (any accounts) are allowed; the 31st attempt is refused for that address', () => {
    expect(ADDRESS_FAILURES).toEqual({ limit: 30, windowMs: 5 * 60_000 });
    expect(throttleDecision(times(1), times(30), now).throttled).toBe(false);
    expect(throttleDecision(times(1), times(31), now)).toMatchObject({ throttled: true, scope: 'address' });
    // Without a known client address only the account counts.
    expect(throttleDecision(times(1), null, now).throttled).toBe(false);
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
