import { describe, expect, it } from 'vitest';
import { byClass, byTeacher, overdueByTeacher, overdueList, percent, progressRowsSchema, semesterOn, summarize, worstSheet, type ProgressRow } from './progress.ts';

const row = (p: Partial<ProgressRow> & Pick<ProgressRow, 'class_name' | 'subject_name'>): ProgressRow => ({
  class_id: p.class_name,
  grade: Number(p.class_name.slice(0, 2)),
  subject_id: p.subject_name,
  regime: 'tt22',
  teacher_id: null,
  teacher_name: null,
  students: 40,
  required: 240,
  done: 0,
  due: 0,
  overdue: 0,
  ...p,
});

const rows: ProgressRow[] = [
  row({ class_name: '10A1', subject_name: 'Toán', teacher_id: 't1', teacher_name: 'Trần Văn Toàn', done: 40, due: 120, overdue: 80 }),
  row({ class_name: '11A1', subject_name: 'Toán', teacher_id: 't1', teacher_name: 'Trần Văn Toàn', done: 100, due: 110, overdue: 10 }),
  row({ class_name: '10A1', subject_name: 'Ngữ văn', teacher_id: 't2', teacher_name: 'Lê Thị An', done: 240, due: 120, overdue: 0 }),
  row({ class_name: '10A10', subject_name: 'Tin học', done: 0, due: 0, overdue: 0, required: 0 }),
  row({ class_name: '10A2', subject_name: 'Vật lí', teacher_id: 't3', teacher_name: 'Phạm Minh Bình', done: 120, due: 120, overdue: 0 }),
];

describe('progress arithmetic', () => {
  it('the summary adds every sheet the rpc returned and counts the sheets with overdue entries', () => {
    const s = summarize(rows);
    expect(s).toMatchObject({ required: 960, done: 500, due: 470, overdue: 90, sheets: 5, sheetsOverdue: 2 });
    expect(s.share).toBe(52.1);
    expect(summarize([]).share).toBe(100);
  });

  it('a sheet with nothing required counts as complete; more entries than required do not exceed 100 %', () => {
    expect(percent(0, 0)).toBe(100);
    expect(percent(300, 240)).toBe(100);
    expect(percent(1, 3)).toBe(33.3);
  });

  it('completion by class follows grade and class order, 10A10 after 10A2', () => {
    expect(byClass(rows).map((c) => [c.name, c.share])).toEqual([
      ['10A1', 58.3],
      ['10A2', 50],
      ['10A10', 100],
      ['11A1', 41.7],
    ]);
  });

  it('teachers are grouped most overdue first, the unassigned sheets last, each teacher\'s worst sheet first', () => {
    const groups = byTeacher(rows);
    expect(groups.map((g) => g.key)).toEqual(['t1', 't2', 't3', 'unassigned']);
    // t2 (An) and t3 (Bình) have nothing overdue: Vietnamese order by given name, An before Bình.
    expect(groups[0]!.overdue).toBe(90);
    expect(groups[0]!.sheets.map((s) => s.class_name)).toEqual(['10A1', '11A1']);
    expect(worstSheet(groups[0]!)?.class_name).toBe('10A1');
    expect(worstSheet(groups[1]!)).toBeNull();
    expect(overdueByTeacher(groups).map((g) => g.key)).toEqual(['t1']);
    expect(overdueList(groups[0]!.sheets)).toBe('Toán 10A1 (80), Toán 11A1 (10)');
  });

  it('the default semester is I until semester II starts (the app\'s today), II from then on', () => {
    const year = { semester2_starts_on: '2027-01-18' };
    expect(semesterOn(year, '2026-11-22')).toBe(1);
    expect(semesterOn(year, '2027-01-18')).toBe(2);
    expect(semesterOn(year, null)).toBe(1);
  });

  it('rows of another shape are refused rather than shown wrong', () => {
    expect(progressRowsSchema.safeParse(rows).success).toBe(true);
    expect(progressRowsSchema.safeParse([{ ...rows[0], overdue: '3' }]).success).toBe(false);
  });
});
