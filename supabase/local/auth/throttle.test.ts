import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, SIGN_IN_FAILURE_LIMIT, SIGN_IN_WINDOW_MS, throttleDecision } from './throttle.ts';

describe('sign-in throttle decision', () => {
  it('five failures in the window are allowed; the sixth attempt (this one counted) is throttled', () => {
    expect(SIGN_IN_FAILURE_LIMIT).toBe(5);
    expect(SIGN_IN_WINDOW_MS).toBe(15 * 60 * 1000);
    for (let n = 1; n <= 5; n++) expect(throttleDecision(n).throttled).toBe(false);
    expect(throttleDecision(6).throttled).toBe(true);
    expect(throttleDecision(50).throttled).toBe(true);
  });

  it('Retry-After is when the fifth most recent failure leaves the 15-minute window', () => {
    const now = new Date('2025-01-01T10:00:00Z');
    const ago = (min: number) => new Date(now.getTime() - min * 60_000);
    const failures = [ago(1), ago(2), ago(3), ago(4), ago(10), ago(14)];
    expect(retryAfterSeconds(failures, now)).toBe(5 * 60);
  });

  it('Retry-After is at least one second', () => {
    const now = new Date();
    expect(retryAfterSeconds([], now)).toBe(1);
    const old = new Date(now.getTime() - SIGN_IN_WINDOW_MS - 1000);
    expect(retryAfterSeconds([old, old, old, old, old], now)).toBe(1);
  });
});
