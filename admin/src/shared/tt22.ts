// TT22/2021 averages for the gradebook grid, computed while the teacher types. The database is the
// authority (public.tt22_semester_average / tt22_year_average in 20261122002000_tt22_rules.sql); this is
// its twin and must agree to the last digit, so it never uses binary floating point for the sums:
// every number is turned into an exact decimal (a bigint and a scale) and the division is rounded the
// way Postgres' round(numeric, 1) does (half away from zero, i.e. half up for scores).

export const SCORE_MESSAGE = 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân';
export const RATING_MESSAGE = 'Đánh giá phải là Đ (Đạt) hoặc CĐ (Chưa đạt)';

interface Decimal {
  /** The digits as an integer. */
  units: bigint;
  /** How many of them are decimals: value = units / 10^scale. */
  scale: number;
}

/** The exact decimal a JS number prints as ("8.5" → 85 / 10^1): what a score typed or read means. */
function toDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`unreadable number: ${x}`);
  let digits = match[2]! + (match[3] ?? '');
  let scale = (match[3]?.length ?? 0) - Number(match[4] ?? 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { units: BigInt(match[1] + digits), scale };
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** Σ weight·value as one exact decimal at the largest scale of the terms. */
function weightedSum(terms: [number, bigint][]): Decimal {
  const decimals = terms.map(([x, w]) => [toDecimal(x), w] as const);
  const scale = Math.max(0, ...decimals.map(([d]) => d.scale));
  let units = 0n;
  for (const [d, w] of decimals) units += d.units * w * pow10(scale - d.scale);
  return { units, scale };
}

/** round(sum / divisor, 1) half away from zero, as Postgres rounds numeric; a JS number (7.3). */
function roundTenths(sum: Decimal, divisor: bigint): number {
  const num = sum.units * 10n; // in tenths
  const den = pow10(sum.scale) * divisor;
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const tenths = (2n * abs + den) / (2n * den);
  // Number(bigint) / 10 is the double nearest to the exact tenths value, i.e. what "7.3" parses to.
  return (negative && tenths !== 0n ? -Number(tenths) : Number(tenths)) / 10;
}

/**
 * ĐTBmhk = (Σ ĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (number of ĐĐGtx + 5), rounded to one decimal half up.
 * Null while the midterm or the final is missing or fewer than `required` regular scores exist (null
 * elements are entries not given yet; a requirement below 1 counts as 1, as in SQL).
 */
export function semesterAverage(regular: (number | null)[], midterm: number | null, final: number | null, required: number): number | null {
  if (midterm === null || final === null) return null;
  const given = regular.filter((r): r is number => r !== null);
  if (given.length < Math.max(required || 1, 1)) return null;
  const sum = weightedSum([...given.map((r) => [r, 1n] as [number, bigint]), [midterm, 2n], [final, 3n]]);
  return roundTenths(sum, BigInt(given.length + 5));
}

/** ĐTBmcn = (ĐTBmhk I + 2·ĐTBmhk II) / 3 from the rounded semester averages, rounded half up. */
export function yearAverage(sem1: number | null, sem2: number | null): number | null {
  if (sem1 === null || sem2 === null) return null;
  return roundTenths(weightedSum([[sem1, 1n], [sem2, 2n]]), 3n);
}

/**
 * Semester rating of a comment-only subject, the twin of public.tt22_comment_subject_rating applied to
 * the grid's cells: Đạt (true) when the midterm, the final and at least `required` regular ratings exist
 * and all are Đạt, Chưa đạt (false) when they exist and one is not, null while incomplete.
 */
export function semesterRating(regular: (boolean | null)[], midterm: boolean | null, final: boolean | null, required: number): boolean | null {
  if (midterm === null || final === null) return null;
  const given = regular.filter((r): r is boolean => r !== null);
  if (given.length < Math.max(required || 1, 1)) return null;
  return midterm && final && given.every(Boolean);
}

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string };

/**
 * A score as a teacher types it: "8,5" or "8.5" (trailing zeros allowed: "8,50"), 0–10, at most one
 * decimal; blank = no score. 8.25, 10.5, -1 and "abc" are refused with the server's Vietnamese message.
 */
export function parseScore(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const match = /^(\d{1,3})(?:[.,](\d+))?$/.exec(trimmed);
  const decimals = (match?.[2] ?? '').replace(/0+$/, '');
  if (!match || decimals.length > 1) return { ok: false, message: SCORE_MESSAGE };
  const value = Number(`${match[1]}.${decimals || '0'}`);
  if (value > 10) return { ok: false, message: SCORE_MESSAGE };
  return { ok: true, value };
}

/** A rating of a comment-only subject: "Đ"/"D"/"Đạt" → true, "CĐ"/"CD"/"Chưa đạt" → false, blank → null. */
export function parseRating(text: string): Parsed<boolean> {
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (key === '') return { ok: true, value: null };
  if (key === 'd' || key === 'dat') return { ok: true, value: true };
  if (key === 'cd' || key === 'chua dat') return { ok: true, value: false };
  return { ok: false, message: RATING_MESSAGE };
}

/** Đ / CĐ, as the gradebook prints a rating. */
export function ratingText(value: boolean | null | undefined): string {
  return value == null ? '' : value ? 'Đ' : 'CĐ';
}
