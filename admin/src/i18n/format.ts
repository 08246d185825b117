// Numbers and dates the Vietnamese way wherever people read them (STYLE.md): 8,5 and 22/11/2026, in
// both UI languages, because these are the figures of school records. Calendar dates (`date` columns,
// 'YYYY-MM-DD') are shown as they are; instants (`timestamptz`) are shown in Asia/Ho_Chi_Minh.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { minimumFractionDigits, maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

export interface NumberOptions {
  /** Exactly this many decimals (a score: 1 → "8,0"); default: as many as needed, at most 2. */
  fractionDigits?: number;
}

/** 8.5 → "8,5"; 1234.5 → "1.234,5"; 8 with { fractionDigits: 1 } → "8,0". Empty for null/undefined/NaN. */
export function formatNumber(value: number | null | undefined, options: NumberOptions = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const { fractionDigits } = options;
  return fractionDigits === undefined
    ? numberFormat(0, 2).format(value)
    : numberFormat(fractionDigits, fractionDigits).format(value);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

function toDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** '2026-11-22' → "22/11/2026"; an instant → its day in Asia/Ho_Chi_Minh. Empty when not a date. */
export function formatDate(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const match = CALENDAR_DATE.exec(value);
    if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  }
  const date = toDate(value);
  if (!date) return '';
  const p = parts(dateFormat, date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → "22/11/2026 14:05" in Asia/Ho_Chi_Minh. Empty when not a date. */
export function formatDateTime(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (!date) return '';
  const p = parts(timeFormat, date);
  return `${formatDate(date)} ${p.hour}:${p.minute}`;
}
