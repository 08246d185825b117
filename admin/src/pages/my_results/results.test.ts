import { describe, expect, it } from 'vitest';
import { groupByChild, myResultsSchema, periodKey, subjectFinal, subjectValue, type MyPeriod } from './results.ts';

const t = (key: string) => ({ 'student_results.ratings.pass': 'Đạt', 'student_results.ratings.fail': 'Chưa đạt' })[key] ?? key;

const raw = (over: Record<string, unknown>) => ({
  student_id: 's1', full_name: 'Nguyễn Văn An', student_code: 'HS001', school_year_code: '2025-2026', class_name: '10A1',
  semester: 1, published_at: '2026-01-10T02:00:00+00:00', learning_level: 'kha', conduct_level: 'tot', absences: 3,
  absences_excused: 2, absences_unexcused: 1, learning_after_retest: null, conduct_after_summer: null, promotion: null, award: null,
  subjects: [], revisions: 0, ...over,
});

describe('my results', () => {
  it('reads the server answer, numbers given as JSON numbers or numeric text', () => {
    const [p] = myResultsSchema.parse([raw({ subjects: [{ name: 'Toán', assessment_kind: 'scored', average: '8.5', rating: null, final_average: 8.5, final_rating: null }] })]);
    expect(p!.subjects[0]!.average).toBe(8.5);
    expect(p!.revisions).toBe(0);
  });

  it('refuses a level the screen does not know instead of showing it wrong', () => {
    expect(myResultsSchema.safeParse([raw({ learning_level: 'gioi' })]).success).toBe(false);
  });

  it('groups per child and shows each child’s newest period first: latest year, then year, semester II, semester I', () => {
    const periods = myResultsSchema.parse([
      raw({ semester: 1, school_year_code: '2024-2025' }),
      raw({ semester: 1 }),
      raw({ semester: 2 }),
      raw({ semester: null }),
      raw({ student_id: 's2', full_name: 'Trần Thị Bình', semester: 1 }),
    ]) as MyPeriod[];
    const children = groupByChild(periods);
    expect(children.map((c) => c.full_name)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(children[0]!.periods.map((p) => `${p.school_year_code}/${periodKey(p.semester)}`)).toEqual(['2025-2026/year', '2025-2026/2', '2025-2026/1', '2024-2025/1']);
  });

  it('names a child of the family with nothing published yet, after those with results, with no periods', () => {
    const periods = myResultsSchema.parse([raw({ student_id: 's2', full_name: 'Trần Thị Bình' })]) as MyPeriod[];
    const family = [
      { student_id: 's1', full_name: 'Nguyễn Văn An', student_code: 'HS001' },
      { student_id: 's2', full_name: 'Trần Thị Bình', student_code: 'HS002' },
    ];
    const children = groupByChild(periods, family);
    expect(children.map((c) => [c.full_name, c.periods.length])).toEqual([['Trần Thị Bình', 1], ['Nguyễn Văn An', 0]]);
    expect(groupByChild([], family).map((c) => c.student_code)).toEqual(['HS001', 'HS002']);
  });

  it('prints averages the Vietnamese way and ratings as Đạt / Chưa đạt', () => {
    expect(subjectValue('scored', 8.5, null, t)).toBe('8,5');
    expect(subjectValue('scored', 7, null, t)).toBe('7,0');
    expect(subjectValue('comment', null, true, t)).toBe('Đạt');
    expect(subjectValue('comment', null, false, t)).toBe('Chưa đạt');
    expect(subjectValue('scored', null, null, t)).toBe('');
  });

  it('shows the value after re-test only for the year and only when it changed', () => {
    const retested = { name: 'Toán', assessment_kind: 'scored' as const, average: 4.5, rating: null, final_average: 6, final_rating: null };
    expect(subjectFinal(retested, null, t)).toBe('6,0');
    expect(subjectFinal(retested, 2, t)).toBe('');
    expect(subjectFinal({ ...retested, final_average: 4.5 }, null, t)).toBe('');
    expect(subjectFinal({ name: 'GDTC', assessment_kind: 'comment', average: null, rating: false, final_average: null, final_rating: true }, null, t)).toBe('Đạt');
  });
});
