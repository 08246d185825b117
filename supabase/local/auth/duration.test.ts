import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './duration.ts';

describe('Go durations (ban_duration)', () => {
  it.each([
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['90m', 5_400_000],
    ['1.5h', 5_400_000],
    ['.5h', 1_800_000],
    ['45s', 45_000],
    ['250ms', 250],
    ['876000h', 876_000 * 3_600_000],
    ['0', 0],
    ['-1h', -3_600_000],
    ['+2m', 120_000],
  ])('%s is %d ms', (input, ms) => {
    expect(parseGoDuration(input)).toBeCloseTo(ms, 6);
  });

  it.each(['', '24', 'h', '1d', '1 h', '1h 30m', 'abc', '1.h.5', '3000000h'])('"%s" is refused', (input) => {
    expect(() => parseGoDuration(input)).toThrow(/time: /);
  });
});
