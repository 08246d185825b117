import { describe, expect, it } from 'vitest';
import {
  attendanceChanges,
  cellKey,
  cycleMark,
  defaultMonth,
  indexRows,
  monthDays,
  monthRange,
  shownMark,
  studentTotals,
  yearMonths,
  type AbsenceRow,
} from './attendanceGrid.ts';

const AN = '11111111-1111-1111-1111-111111111111';
const BINH = '22222222-2222-2222-2222-222222222222';
const row = (id: string, student: string, date: string, excused: boolean, version = 1): AbsenceRow => ({ id, student_id: student, on_date: date, excused, version });

describe('attendance grid', () => {
  it('a click cycles a cell from empty to P to K and back to empty', () => {
    expect(cycleMark(null)).toBe('P');
    expect(cycleMark('P')).toBe('K');
    expect(cycleMark('K')).toBeNull();
  });

  it('lists the months of a school year across the new year', () => {
    expect(yearMonths('2026-09-05', '2027-05-31')).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
  });

  it('opens on the current month inside the year, else the nearest end of the year', () => {
    const months = yearMonths('2026-09-05', '2027-05-31');
    expect(defaultMonth(months, '2026-11-22')).toBe('2026-11');
    expect(defaultMonth(months, '2026-08-01')).toBe('2026-09');
    expect(defaultMonth(months, '2027-07-15')).toBe('2027-05');
    expect(defaultMonth([], '2027-07-15')).toBeUndefined();
  });

  it('gives every day of a month with its weekday, and marks days outside the school year', () => {
    const september = monthDays('2026-09', '2026-09-05', '2027-05-31');
    expect(september).toHaveLength(30);
    expect(september[0]).toEqual({ day: 1, date: '2026-09-01', weekday: 2, inYear: false, semester: 1, ahead: false });
    expect(september[4]).toMatchObject({ date: '2026-09-05', inYear: true });
    expect(september.filter((d) => d.weekday === 0).map((d) => d.day)).toEqual([6, 13, 20, 27]);
    expect(monthDays('2028-02', '2027-09-01', '2028-05-31')).toHaveLength(29);
    expect(monthDays('2027-02', '2026-09-01', '2027-05-31')).toHaveLength(28);
    expect(monthRange('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('puts each day in the semester an absence that day counts in: học kỳ I up to its last day, then học kỳ II', () => {
    const january = monthDays('2027-01', '2026-09-05', '2027-05-31', '2027-01-16');
    expect(january.filter((d) => d.semester === 1).map((d) => d.day)).toEqual([...Array(16).keys()].map((i) => i + 1));
    expect(january.filter((d) => d.semester === 2).map((d) => d.day)).toEqual([...Array(15).keys()].map((i) => i + 17));
  });

  it('shows clicks over the saved marks and counts P, K and the total of a student', () => {
    const saved = indexRows([row('a1', AN, '2026-11-02', true), row('a2', AN, '2026-11-03', false), row('b1', BINH, '2026-11-02', false)]);
    const marks = { [cellKey(AN, '2026-11-03')]: null, [cellKey(AN, '2026-11-04')]: 'K' as const };
    expect(shownMark(saved, marks, cellKey(AN, '2026-11-02'))).toBe('P');
    expect(shownMark(saved, marks, cellKey(AN, '2026-11-03'))).toBeNull();
    const days = monthDays('2026-11', '2026-09-05', '2027-05-31');
    expect(studentTotals(AN, days, saved, marks)).toEqual({ excused: 1, unexcused: 1, total: 2 });
    expect(studentTotals(BINH, days, saved, {})).toEqual({ excused: 0, unexcused: 1, total: 1 });
  });

  it('marks the days after the app’s today, which take no absence', () => {
    const november = monthDays('2026-11', '2026-09-05', '2027-05-31', '2027-01-16', '2026-11-23');
    expect(november.filter((d) => d.ahead).map((d) => d.day)).toEqual([24, 25, 26, 27, 28, 29, 30]);
    expect(monthDays('2027-02', '2026-09-05', '2027-05-31', '2027-01-16', '2026-11-23').every((d) => d.ahead)).toBe(true);
  });
  it('turns clicks into changes with the version read: a new absence (null), P↔K and a cleared day', () => {
    const saved = indexRows([row('a1', AN, '2026-11-02', true, 3), row('a2', AN, '2026-11-03', false), row('b1', BINH, '2026-11-02', false)]);
    const pending = attendanceChanges(saved, {
      [cellKey(AN, '2026-11-02')]: 'K', // P → K
      [cellKey(AN, '2026-11-03')]: null, // K cleared
      [cellKey(BINH, '2026-11-02')]: 'K', // clicked round back to what was saved
      [cellKey(BINH, '2026-11-05')]: 'P', // new
      [cellKey(BINH, '2026-11-06')]: null, // clicked round to empty: nothing to write
    });
    expect(pending).toEqual({
      changes: [
        { student_id: AN, on_date: '2026-11-02', mark: 'K', version: 3 },
        { student_id: AN, on_date: '2026-11-03', mark: null, version: 1 },
        { student_id: BINH, on_date: '2026-11-05', mark: 'P', version: null },
      ],
      invalid: [],
    });
  });
});
