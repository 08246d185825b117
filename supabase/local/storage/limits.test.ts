import { describe, expect, it } from 'vitest';
import { effectiveLimit, parseSizeLimit, SizeLimitError } from './limits.ts';

describe('parseSizeLimit', () => {
  it.each([
    [null, null],
    [undefined, null],
    [0, 0],
    [1048576, 1048576],
    ['10MB', 10_000_000],
    ['10mb', 10_000_000],
    ['1.5 MB', 1_500_000],
    ['30KB', 30_000],
    ['3B', 3],
    ['2GB', 2_000_000_000],
  ])('%j → %j', (input, expected) => {
    expect(parseSizeLimit(input)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, Infinity, '10', '10 TB', 'MB', '-1MB', '1e3MB', true, {}, []])('refuses %j', (input) => {
    expect(() => parseSizeLimit(input)).toThrow(SizeLimitError);
  });
});

describe('effectiveLimit', () => {
  it('takes the smaller of bucket and global limits', () => {
    expect(effectiveLimit(1_000_000, 50)).toBe(50);
    expect(effectiveLimit(10, 50)).toBe(10);
    expect(effectiveLimit(null, 50)).toBe(50);
    expect(effectiveLimit('1000', 5000)).toBe(1000); // bigint columns come back from pg as strings
    expect(effectiveLimit(0, 50)).toBe(0);
  });
});
