import { describe, expect, it } from 'vitest';
import { parseRating, parseScore, semesterAverage, semesterRating, yearAverage } from './tt22.ts';

const times = (n: number, x: number) => Array<number>(n).fill(x);

describe('semesterAverage (ĐTBmhk, the twin of public.tt22_semester_average)', () => {
  it('computes (Σtx + 2·gk + 3·ck)/(n + 5) and rounds an exact 7.25 up to 7.3', () => {
    expect(semesterAverage([7, 7, 8], 6, 8, 3)).toBe(7.3);
  });

  it('rounds an exact 6.65 up to 6.7 (exact decimals, not floats)', () => {
    expect(semesterAverage(times(5, 6.5), 6.5, 7, 2)).toBe(6.7);
  });

  it('rounds 8.345… down to 8.3 and an exact 8.35 up to 8.4', () => {
    expect(semesterAverage(times(6, 8), 9, 8.6, 4)).toBe(8.3);
    expect(semesterAverage([8, 8, 9], 8, 8.6, 3)).toBe(8.4);
  });

  it('gives 10 and 0 at the ends of the scale', () => {
    expect(semesterAverage([10, 10], 10, 10, 2)).toBe(10);
    expect(semesterAverage([0, 0], 0, 0, 2)).toBe(0);
  });

  it('is null while the midterm, the final or the required regular scores are missing', () => {
    expect(semesterAverage([8, 9], null, 8, 2)).toBeNull();
    expect(semesterAverage([8, 9], 8, null, 2)).toBeNull();
    expect(semesterAverage([], 8, 8, 2)).toBeNull();
    expect(semesterAverage([null, null], 8, 8, 0)).toBeNull(); // a requirement below 1 counts as 1
    expect(semesterAverage([8, null, 9], 8, 8, 3)).toBeNull();
    expect(semesterAverage([8, 9, 7], 8, 8, 3)).toBe(8);
    expect(semesterAverage([8, 9, 7, 10], 8, 8, 3)).toBe(8.2); // 74 / 9 = 8.22…
  });

  it('agrees with an independent integer-tenths formula on 10,000 random sheets', () => {
    let seed = 20261122;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const tenths = () => Math.floor(random() * 101);
    for (let i = 0; i < 10_000; i++) {
      const n = 2 + Math.floor(random() * 4);
      const tx = Array.from({ length: n }, tenths);
      const gk = tenths();
      const ck = tenths();
      const sum = tx.reduce((a, b) => a + b, 0) + 2 * gk + 3 * ck; // in tenths
      const expected = Math.floor((2 * sum + (n + 5)) / (2 * (n + 5))) / 10; // half up
      expect(semesterAverage(tx.map((x) => x / 10), gk / 10, ck / 10, n)).toBe(expected);
    }
  });
});

describe('yearAverage (ĐTBmcn)', () => {
  it('computes (I + 2·II)/3 rounded to one decimal half up', () => {
    expect(yearAverage(6.0, 7.5)).toBe(7);
    expect(yearAverage(7.0, 7.1)).toBe(7.1);
    expect(yearAverage(6.5, 7.0)).toBe(6.8);
    expect(yearAverage(7.4, 8.4)).toBe(8.1); // from rounded semesters; raw 7.35 / 8.35 would give 8.0
  });

  it('is null while either semester is null', () => {
    expect(yearAverage(null, 8)).toBeNull();
    expect(yearAverage(8, null)).toBeNull();
  });
});

describe('semesterRating (comment-only subjects)', () => {
  it('is Đạt when every required rating is Đạt, Chưa đạt when one is not, null while incomplete', () => {
    expect(semesterRating([true, true], true, true, 2)).toBe(true);
    expect(semesterRating([true, false], true, true, 2)).toBe(false);
    expect(semesterRating([true, true], true, false, 2)).toBe(false);
    expect(semesterRating([true, null], true, true, 2)).toBeNull();
    expect(semesterRating([true, true], null, true, 2)).toBeNull();
  });
});

describe('parseScore', () => {
  it('accepts a comma or a point as decimal separator, 0–10, blank as no score', () => {
    expect(['8,5', '8.5', ' 10 ', '0', '7,0', '9,50', ''].map(parseScore)).toEqual([
      { ok: true, value: 8.5 },
      { ok: true, value: 8.5 },
      { ok: true, value: 10 },
      { ok: true, value: 0 },
      { ok: true, value: 7 },
      { ok: true, value: 9.5 },
      { ok: true, value: null },
    ]);
  });

  it('refuses 10.5, 8.25, -1, "abc", "8,", ",5" and 100 with the Vietnamese message', () => {
    for (const text of ['10.5', '8.25', '8,25', '-1', 'abc', '8,', ',5', '100', '1e1']) {
      expect(parseScore(text), text).toEqual({ ok: false, message: 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân' });
    }
  });
});

describe('parseRating', () => {
  it('reads Đ / CĐ, D / CD, Đạt / Chưa đạt in any case, blank as no rating', () => {
    expect(['Đ', 'đ', 'D', 'd', 'Đạt', 'CĐ', 'cđ', 'CD', 'cd', 'Chưa đạt', ' '].map((t) => parseRating(t))).toEqual([
      ...times(5, 0).map(() => ({ ok: true, value: true })),
      ...times(5, 0).map(() => ({ ok: true, value: false })),
      { ok: true, value: null },
    ]);
  });

  it('refuses anything else with a Vietnamese message', () => {
    expect(parseRating('8')).toEqual({ ok: false, message: 'Đánh giá phải là Đ (Đạt) hoặc CĐ (Chưa đạt)' });
  });
});
