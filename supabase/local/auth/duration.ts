// Go's time.ParseDuration, which GoTrue uses for the admin API's `ban_duration` ("24h", "1h30m",
// "876000h", "90m", "1.5h"). Returns milliseconds; throws on anything Go would refuse.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's limit: a Duration is an int64 of nanoseconds (about 292 years). */
const MAX_MS = 9_223_372_036_854.775;

export function parseGoDuration(input: string): number {
  let s = input;
  const fail = (): never => {
    throw new Error(`time: invalid duration "${input}"`);
  };
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') fail();
  let total = 0;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m) fail();
    const [whole, intPart = '', fracPart, unitRaw = ''] = m!;
    if (intPart === '' && (fracPart === undefined || fracPart === '')) fail();
    const unit = Object.keys(UNIT_MS).find((u) => unitRaw === u);
    if (!unit) throw new Error(`time: unknown unit "${unitRaw}" in duration "${input}"`);
    const value = Number(`${intPart || '0'}.${fracPart || '0'}`);
    total += value * UNIT_MS[unit]!;
    s = s.slice(whole.length);
  }
  if (!Number.isFinite(total) || total > MAX_MS) fail();
  return sign * total;
}
