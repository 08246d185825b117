// The attendance grid (chuyên cần) of one class and month: days of the month as columns, one mark per
// student and day — P (nghỉ có phép), K (nghỉ không phép) or nothing (present) — the rows read from
// `attendance` (one row per day absent), what was clicked over them, totals, and the changes
// rpc/save_attendance takes (one per clicked day, with the version read). Days after today take no
// absence (the database refuses them too). Pure: dates are calendar dates ('YYYY-MM-DD') computed in UTC,
// never local time.
import { z } from 'zod';
import type { Pending } from '../../components/homeroomSheet/useHomeroomSheet.ts';

export type Mark = 'P' | 'K' | null;
export const MARKS = ['P', 'K'] as const;

/** A click cycles the cell: empty → P → K → empty. */
export const cycleMark = (mark: Mark): Mark => (mark === null ? 'P' : mark === 'P' ? 'K' : null);
export const markOf = (excused: boolean): Mark => (excused ? 'P' : 'K');

export const absenceRowSchema = z.object({
  id: z.string(),
  student_id: z.string(),
  on_date: z.string(),
  excused: z.boolean(),
  version: z.number().int(),
});
export type AbsenceRow = z.infer<typeof absenceRowSchema>;

/** Student ids are uuids (with dashes), so the key uses '|'. */
export const cellKey = (studentId: string, date: string): string => `${studentId}|${date}`;
/** Clicked marks by cell key; a cell not in here shows what was read. */
export type Marks = Record<string, Mark>;

const pad = (n: number) => String(n).padStart(2, '0');
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The months a school year spans, 'YYYY-MM', from the month it starts to the month it ends. */
export function yearMonths(startsOn: string, endsOn: string): string[] {
  const months: string[] = [];
  let [y, m] = startsOn.slice(0, 7).split('-').map(Number) as [number, number];
  const last = endsOn.slice(0, 7);
  while (`${y}-${pad(m)}` <= last) {
    months.push(`${y}-${pad(m)}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** The month shown first: today's when it is in the school year, else the year's first (or last) month. */
export function defaultMonth(months: readonly string[], today: string): string | undefined {
  const current = today.slice(0, 7);
  if (months.includes(current)) return current;
  return current > (months[months.length - 1] ?? '') ? months[months.length - 1] : months[0];
}

export interface MonthDay {
  day: number;
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Days before the school year starts or after it ends take no absences (the server refuses them). */
  inYear: boolean;
  /** The semester an absence that day counts in (private.attendance_semester: học kỳ I up to its last day). */
  semester: 1 | 2;
  /** After the app's today: not come yet, so no absence (the database refuses one). */
  ahead: boolean;
}

/** Every day of `month` ('YYYY-MM'), 28 to 31 of them; `today` (the app's) marks the days ahead. */
export function monthDays(month: string, startsOn: string, endsOn: string, semester1EndsOn = endsOn, today = '9999-12-31'): MonthDay[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = utc(y, m + 1, 0).getUTCDate();
  return Array.from({ length: count }, (_, i) => {
    const date = `${month}-${pad(i + 1)}`;
    return {
      day: i + 1,
      date,
      weekday: utc(y, m, i + 1).getUTCDay(),
      inYear: date >= startsOn && date <= endsOn,
      semester: date <= semester1EndsOn ? 1 : 2,
      ahead: date > today,
    };
  });
}

/** The first and last calendar day of a month, for the query. */
export function monthRange(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: `${month}-${pad(utc(y, m + 1, 0).getUTCDate())}` };
}

/** What a cell shows: the clicked mark, else the saved one. */
export function shownMark(saved: ReadonlyMap<string, AbsenceRow>, marks: Marks, key: string): Mark {
  if (key in marks) return marks[key] ?? null;
  const row = saved.get(key);
  return row ? markOf(row.excused) : null;
}

export const indexRows = (rows: readonly AbsenceRow[]): Map<string, AbsenceRow> => new Map(rows.map((r) => [cellKey(r.student_id, r.on_date), r]));

export interface Totals {
  excused: number;
  unexcused: number;
  total: number;
}

/** A student's absences over the given days, as shown (clicks included). */
export function studentTotals(studentId: string, days: readonly MonthDay[], saved: ReadonlyMap<string, AbsenceRow>, marks: Marks): Totals {
  let excused = 0;
  let unexcused = 0;
  for (const d of days) {
    const mark = shownMark(saved, marks, cellKey(studentId, d.date));
    if (mark === 'P') excused += 1;
    else if (mark === 'K') unexcused += 1;
  }
  return { excused, unexcused, total: excused + unexcused };
}

/** One item of rpc/save_attendance's `p_changes`: a day's mark (null clears it) with the version read. */
export type AttendanceChange = { student_id: string; on_date: string; mark: 'P' | 'K' | null; version: number | null };

/** The changes that turn the saved rows into the shown marks; a cell clicked back to its saved mark is no change. */
export function attendanceChanges(saved: ReadonlyMap<string, AbsenceRow>, marks: Marks): Pending<AttendanceChange> {
  const changes: AttendanceChange[] = [];
  for (const [key, mark] of Object.entries(marks)) {
    const row = saved.get(key);
    if (row ? markOf(row.excused) === mark : !mark) continue;
    const [studentId, date] = key.split('|') as [string, string];
    changes.push({ student_id: studentId, on_date: date, mark, version: row?.version ?? null });
  }
  return { changes, invalid: [] };
}
