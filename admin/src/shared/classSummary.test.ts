import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { vi } from '../i18n/vi.ts';
import {
  AWARDS,
  LEVELS,
  PROMOTIONS,
  awardLabel,
  classSummarySchema,
  classTotals,
  countWithShare,
  levelLabel,
  periodSemester,
  promotionLabel,
  ratingLabel,
  subjectCell,
  type SummaryStudent,
  type Translate,
} from './classSummary.ts';

/** A translate function over the real message files: a missing key fails the test. */
function translator(messages: object): Translate {
  return (key) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof value !== 'string') throw new Error(`missing message ${key}`);
    return value;
  };
}
const t = translator(vi);

const student = (over: Partial<SummaryStudent> = {}): SummaryStudent => ({
  student_id: 's1',
  student_code: 'HS001',
  full_name: 'Nguyễn Văn An',
  results: {},
  learning_level: null,
  conduct_level: null,
  absences: 0,
  absences_excused: 0,
  absences_unexcused: 0,
  learning_after_retest: null,
  conduct_after_summer: null,
  promotion: null,
  award: null,
  ...over,
});

const scored = { assessment_kind: 'scored' as const };
const comment = { assessment_kind: 'comment' as const };
const result = (over: object = {}) => ({ average: null, rating: null, final_average: null, final_rating: null, ...over });

describe('class summary labels', () => {
  it('maps the period picked on screen to p_semester (null = the whole year)', () => {
    expect([periodSemester('1'), periodSemester('2'), periodSemester('year')]).toEqual([1, 2, null]);
  });

  it('shows a scored subject average the Vietnamese way with one decimal', () => {
    expect(subjectCell(scored, result({ average: 8.5 }), '1', t)).toBe('8,5');
    expect(subjectCell(scored, result({ average: 7 }), '2', t)).toBe('7,0');
    expect(subjectCell(scored, result({ average: 10 }), 'year', t)).toBe('10,0');
  });

  it('leaves the cell empty while the average is not computable or the student has no result', () => {
    expect(subjectCell(scored, result(), '1', t)).toBe('');
    expect(subjectCell(scored, undefined, 'year', t)).toBe('');
    expect(subjectCell(comment, result(), '2', t)).toBe('');
  });

  it('rates a comment-only subject Đ / CĐ for a semester and Đạt / Chưa đạt for the year', () => {
    expect(subjectCell(comment, result({ rating: true }), '1', t)).toBe('Đ');
    expect(subjectCell(comment, result({ rating: false }), '2', t)).toBe('CĐ');
    expect(subjectCell(comment, result({ rating: true }), 'year', t)).toBe('Đạt');
    expect(subjectCell(comment, result({ rating: false }), 'year', t)).toBe('Chưa đạt');
    expect(ratingLabel(null, 'year', t)).toBe('');
  });

  it('shows the year result and the re-test result when a re-test changed it', () => {
    expect(subjectCell(scored, result({ average: 4, final_average: 6.5 }), 'year', t)).toBe('4,0 → 6,5');
    expect(subjectCell(comment, result({ rating: false, final_rating: true }), 'year', t)).toBe('Chưa đạt → Đạt');
    // No re-test, or a re-test that did not change the result: the year result alone.
    expect(subjectCell(scored, result({ average: 4, final_average: 4 }), 'year', t)).toBe('4,0');
    expect(subjectCell(scored, result({ average: 8.2, final_average: null }), 'year', t)).toBe('8,2');
  });

  it('names levels, promotion proposals and awards with the official terms', () => {
    expect(LEVELS.map((l) => levelLabel(l, t))).toEqual(['Tốt', 'Khá', 'Đạt', 'Chưa đạt']);
    expect(PROMOTIONS.map((p) => promotionLabel(p, t))).toEqual(['Lên lớp', 'Kiểm tra lại', 'Rèn luyện trong hè', 'Ở lại lớp']);
    expect(AWARDS.map((a) => awardLabel(a, t))).toEqual(['Học sinh Xuất sắc', 'Học sinh Giỏi']);
    expect([levelLabel(null, t), promotionLabel(null, t), awardLabel(null, t)]).toEqual(['', '', '']);
  });

  it('has every label in English too', () => {
    const english = translator(en);
    for (const l of LEVELS) expect(levelLabel(l, english)).not.toBe('');
    for (const p of PROMOTIONS) expect(promotionLabel(p, english)).not.toBe('');
    for (const a of AWARDS) expect(awardLabel(a, english)).not.toBe('');
    expect(subjectCell(comment, result({ rating: true }), '1', english)).toBe('Đ');
  });
});

describe('class totals', () => {
  it('counts students per level, proposal and award, and sums absences', () => {
    const totals = classTotals([
      student({ learning_level: 'tot', conduct_level: 'tot', promotion: 'promoted', award: 'xuat_sac', absences_excused: 2 }),
      student({ learning_level: 'tot', conduct_level: 'kha', promotion: 'promoted', award: 'gioi', absences_unexcused: 1 }),
      student({ learning_level: 'chua_dat', conduct_level: 'dat', promotion: 'retest', learning_after_retest: 'dat', absences_excused: 3, absences_unexcused: 4 }),
      student({ learning_level: 'dat', conduct_level: 'chua_dat', promotion: 'summer_training', conduct_after_summer: 'dat' }),
      student({ learning_level: null, conduct_level: null }),
    ]);
    expect(totals.students).toBe(5);
    expect(totals.learning).toEqual({ tot: 2, kha: 0, dat: 1, chua_dat: 1, none: 1 });
    expect(totals.conduct).toEqual({ tot: 1, kha: 1, dat: 1, chua_dat: 1, none: 1 });
    expect(totals.learningAfterRetest).toEqual({ tot: 0, kha: 0, dat: 1, chua_dat: 0, none: 4 });
    expect(totals.conductAfterSummer).toEqual({ tot: 0, kha: 0, dat: 1, chua_dat: 0, none: 4 });
    expect(totals.promotion).toEqual({ promoted: 2, retest: 1, summer_training: 1, not_promoted: 0, none: 1 });
    expect(totals.award).toEqual({ xuat_sac: 1, gioi: 1 });
    expect([totals.absencesExcused, totals.absencesUnexcused]).toEqual([5, 5]);
  });

  it('gives zero counts for an empty class', () => {
    const totals = classTotals([]);
    expect(totals.students).toBe(0);
    expect(totals.learning).toEqual({ tot: 0, kha: 0, dat: 0, chua_dat: 0, none: 0 });
    expect(countWithShare(0, 0)).toBe('0');
  });

  it('shows a count with its share of the class the Vietnamese way', () => {
    expect(countWithShare(12, 40)).toBe('12 (30,0%)');
    expect(countWithShare(1, 3)).toBe('1 (33,3%)');
  });
});

describe('classSummarySchema', () => {
  it('accepts the answer of rpc/class_summary, numeric strings and missing year fields included', () => {
    const parsed = classSummarySchema.parse({
      class: { id: 'c1', name: '10A1' },
      semester: 1,
      subjects: [
        { id: 'm1', code: 'TOAN', name: 'Toán', assessment_kind: 'scored' },
        { id: 'm2', code: 'GDTC', name: 'Giáo dục thể chất', assessment_kind: 'comment' },
      ],
      students: [
        {
          student_id: 's1',
          student_code: 'HS001',
          full_name: 'Nguyễn Văn An',
          results: { m1: { average: '8.5', rating: null }, m2: { average: null, rating: true } },
          learning_level: 'kha',
          conduct_level: 'tot',
          absences: 3,
          absences_excused: 2,
          absences_unexcused: 1,
        },
      ],
    });
    const s = parsed.students[0]!;
    expect(s.results.m1).toEqual({ average: 8.5, rating: null, final_average: null, final_rating: null });
    expect(s.results.m2?.rating).toBe(true);
    expect([s.learning_level, s.promotion, s.award, s.learning_after_retest]).toEqual(['kha', null, null, null]);
  });

  it('refuses a level outside tot, kha, dat, chua_dat rather than showing it as something else', () => {
    const answer = { subjects: [], students: [{ student_id: 's1', student_code: 'HS001', full_name: 'A', results: {}, learning_level: 'gioi' }] };
    expect(classSummarySchema.safeParse(answer).success).toBe(false);
  });
});
