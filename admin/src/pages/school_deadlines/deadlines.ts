// The school's deadlines (seed 001 Điều 8) and the year's test dates as the screen shows and writes
// them. Postgres holds the ranges (check constraints) and who may write (RLS); this module only maps
// between rows and form values.
import type { Narrowed, Tables } from '../../../../supabase/functions/_shared/database.ts';
export const PERIODS = ['gk1', 'ck1', 'gk2', 'ck2'] as const;
export type Period = (typeof PERIODS)[number];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export type DeadlinesRow = Pick<Tables<'school_deadlines'>, 'school_id' | 'profiles_weeks' | 'crosscheck_weeks' | 'regular_weekday' | 'regular_time' | 'periodic_days'>;

export interface DeadlinesForm {
  profiles_weeks: number;
  crosscheck_weeks: number;
  regular_weekday: number;
  /** 'HH:mm' */
  regular_time: string;
  periodic_days: number;
}

/** The defaults of the table (and of rpc/deadlines_of for a school without a row). */
export const DEFAULT_DEADLINES: DeadlinesForm = { profiles_weeks: 4, crosscheck_weeks: 5, regular_weekday: 7, regular_time: '23:59', periodic_days: 14 };

/** '23:59:00' → '23:59'. */
export const hhmm = (time: string | null | undefined): string => (time ?? '').slice(0, 5);

export function deadlinesForm(row: DeadlinesRow | null): DeadlinesForm {
  if (!row) return DEFAULT_DEADLINES;
  const { profiles_weeks, crosscheck_weeks, regular_weekday, periodic_days } = row;
  return { profiles_weeks, crosscheck_weeks, regular_weekday, periodic_days, regular_time: hhmm(row.regular_time) || DEFAULT_DEADLINES.regular_time };
}

/** The row to upsert (the school's primary key); `updated_by` and `updated_at` are stamped in SQL. */
export function deadlinesUpsert(values: DeadlinesForm, schoolId: string) {
  return {
    school_id: schoolId,
    profiles_weeks: values.profiles_weeks,
    crosscheck_weeks: values.crosscheck_weeks,
    regular_weekday: values.regular_weekday,
    regular_time: `${hhmm(values.regular_time)}:00`,
    periodic_days: values.periodic_days,
  };
}

export type TestDateRow = Narrowed<Pick<Tables<'assessment_periods'>, 'id' | 'period' | 'test_date'>, { period: Period }>;

/**
 * What saving the test dates takes: the periods whose date was set or changed (upserted on
 * school_year_id + period) and the rows of the periods whose date was cleared (deleted).
 */
export function testDateChanges(
  existing: readonly TestDateRow[],
  wanted: Partial<Record<Period, string | null | undefined>>,
  year: { id: string; school_id: string },
) {
  const byPeriod = new Map(existing.map((r) => [r.period, r]));
  const upserts = PERIODS.flatMap((period) => {
    const date = wanted[period];
    return date && byPeriod.get(period)?.test_date !== date ? [{ school_id: year.school_id, school_year_id: year.id, period, test_date: date }] : [];
  });
  const deletes = PERIODS.flatMap((period) => {
    const row = byPeriod.get(period);
    return row && !wanted[period] ? [row.id] : [];
  });
  return { upserts, deletes };
}

/** The form's values from the rows (a period without a row is empty). */
export function testDatesForm(rows: readonly TestDateRow[]): Partial<Record<Period, string>> {
  return Object.fromEntries(rows.map((r) => [r.period, r.test_date]));
}
