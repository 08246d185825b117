import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format.ts';

describe('formatNumber', () => {
  it('writes a score with a decimal comma', () => {
    expect(formatNumber(8.5)).toBe('8,5');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(6.25)).toBe('6,25');
  });

  it('groups thousands with a dot', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(29000)).toBe('29.000');
  });

  it('keeps a fixed number of decimals when asked', () => {
    expect(formatNumber(8, { fractionDigits: 1 })).toBe('8,0');
    expect(formatNumber(6.45, { fractionDigits: 1 })).toBe('6,5');
  });

  it('shows nothing for a missing value', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
  });
});

describe('formatDate', () => {
  it('writes a calendar date as day/month/year without shifting it', () => {
    expect(formatDate('2026-11-22')).toBe('22/11/2026');
    expect(formatDate('2027-01-05')).toBe('05/01/2027');
  });

  it('writes an instant as its day in Asia/Ho_Chi_Minh', () => {
    // 17:30 UTC on 21 November is 00:30 on 22 November in Vietnam (UTC+7).
    expect(formatDate('2026-11-21T17:30:00Z')).toBe('22/11/2026');
    expect(formatDate(new Date('2026-11-22T03:00:00Z'))).toBe('22/11/2026');
  });

  it('shows nothing for a missing or invalid date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('writes an instant with 24-hour time in Asia/Ho_Chi_Minh', () => {
    expect(formatDateTime('2026-11-22T07:05:00Z')).toBe('22/11/2026 14:05');
    expect(formatDateTime('2026-11-21T17:00:00Z')).toBe('22/11/2026 00:00');
  });
});
