import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi } from '../../i18n/vi.ts';
import { classSummarySchema, countWithShare } from '../../shared/classSummary.ts';
import {
  completionLabel,
  isPrimarySummary,
  primaryPeriod,
  primarySummarySchema,
  primaryTotals,
  qualitiesText,
  subjectLevelText,
  yearResultLabel,
  type PrimarySummary,
} from './primarySummary.ts';

function translator(messages: object) {
  return (key: string) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof value !== 'string') throw new Error(`missing ${key}`);
    return value;
  };
}
const t = translator(vi);

// The answer of rpc/class_summary for 3A at the end of the year (as Postgres builds it: the TT22 keys
// stay on every pupil, null or 0, so the roster readers parse it too).
const ANSWER = {
  regime: 'tt27',
  class: { id: 'c3a', name: '3A', grade: 3, school_year_id: 'y', school_year_code: '2025-2026' },
  semester: null,
  subjects: [
    { id: 'tv', code: 'tieng_viet', name: 'Tiếng Việt', assessment_kind: 'comment', tested: true },
    { id: 'dd', code: 'dao_duc', name: 'Đạo đức', assessment_kind: 'comment', tested: false },
  ],
  students: [
    {
      student_id: 'an', student_code: 'TH1', full_name: 'Nguyễn Văn An', results: {}, learning_level: null, conduct_level: null,
      absences: 2, absences_excused: 2, absences_unexcused: 0,
      levels: { tv: { level: 'T', score: 9, exempt: false }, dd: { level: 'T', score: null, exempt: false } },
      qualities: { tot: 15, dat: 0, ccg: 0 }, year_result: 'xuat_sac', completion: 'lop_hoc',
    },
    {
      student_id: 'binh', student_code: 'TH2', full_name: 'Lê Thị Bình', results: {}, learning_level: null, conduct_level: null,
      absences: 1, absences_excused: 0, absences_unexcused: 1,
      levels: { tv: { level: 'C', score: '4', exempt: false }, dd: { level: null, score: null, exempt: true } },
      qualities: { tot: 10, dat: 4, ccg: 1 }, year_result: 'chua_hoan_thanh', completion: 'chua',
    },
    {
      student_id: 'chi', student_code: 'TH3', full_name: 'Trần Chi', results: {}, learning_level: null, conduct_level: null,
      absences: 0, absences_excused: 0, absences_unexcused: 0,
      levels: { tv: { level: null, score: null, exempt: false }, dd: { level: 'H', score: null, exempt: false } },
      qualities: { tot: 0, dat: 0, ccg: 0 }, year_result: null, completion: null,
    },
  ],
};

describe('the TT27 class summary', () => {
  it('is told from a TT22 answer by its regime, and still parses as a roster (absences kept)', () => {
    expect(isPrimarySummary(ANSWER)).toBe(true);
    expect(isPrimarySummary({ regime: 'tt22', students: [] })).toBe(false);
    expect(isPrimarySummary(null)).toBe(false);
    const roster = classSummarySchema.parse(ANSWER);
    expect(roster.students.map((s) => [s.student_code, s.absences_excused, s.absences_unexcused])).toEqual([['TH1', 2, 0], ['TH2', 0, 1], ['TH3', 0, 0]]);
  });

  it('shows a subject as its level, with the periodic test where the subject has one, or Miễn', () => {
    const s = primarySummarySchema.parse(ANSWER);
    const [an, binh, chi] = s.students;
    expect(subjectLevelText(an!.levels.tv, true, t)).toBe('T (9)');
    expect(subjectLevelText(an!.levels.dd, false, t)).toBe('T');
    expect(subjectLevelText(binh!.levels.tv, true, t)).toBe('C (4)');
    expect(subjectLevelText(binh!.levels.dd, false, t)).toBe('Miễn');
    expect(subjectLevelText(chi!.levels.tv, true, t)).toBe('');
    expect(subjectLevelText(undefined, true, t)).toBe('');
  });

  it('words the year result, completion and qualities with the official TT27 terms, in both languages', () => {
    expect(yearResultLabel('xuat_sac', t)).toBe('Hoàn thành xuất sắc');
    expect(yearResultLabel('tot', t)).toBe('Hoàn thành tốt');
    expect(yearResultLabel('hoan_thanh', t)).toBe('Hoàn thành');
    expect(yearResultLabel('chua_hoan_thanh', t)).toBe('Chưa hoàn thành');
    expect(yearResultLabel(null, t)).toBe('Chưa đủ đánh giá');
    expect(completionLabel('tieu_hoc', t)).toBe('Hoàn thành chương trình tiểu học');
    expect(completionLabel('chua', t)).toBe('Chưa hoàn thành chương trình lớp học');
    expect(completionLabel(null, t)).toBe('');
    expect(qualitiesText({ tot: 10, dat: 4, ccg: 1 }, t)).toBe('Tốt 10 · Đạt 4 · Cần cố gắng 1');
    expect(qualitiesText({ tot: 0, dat: 0, ccg: 0 }, t)).toBe('');
    const tEn = translator(en);
    expect(yearResultLabel('xuat_sac', tEn)).toBe('Completed with excellence');
    expect(completionLabel('lop_hoc', tEn)).toBe('Completed the grade programme');
  });

  it('counts per subject the pupils at T, H and C (exempt pupils left out), the year results and completion, and absences', () => {
    const totals = primaryTotals(primarySummarySchema.parse(ANSWER) as PrimarySummary);
    expect(totals.students).toBe(3);
    expect(totals.subjects).toEqual([
      { id: 'tv', name: 'Tiếng Việt', rated: 3, counts: { T: 1, H: 0, C: 1, none: 1 } },
      { id: 'dd', name: 'Đạo đức', rated: 2, counts: { T: 1, H: 1, C: 0, none: 0 } },
    ]);
    expect(totals.results).toEqual({ xuat_sac: 1, tot: 0, hoan_thanh: 0, chua_hoan_thanh: 1, none: 1 });
    expect(totals.completion).toEqual({ lop_hoc: 1, tieu_hoc: 0, chua: 1, none: 1 });
    expect([totals.absencesExcused, totals.absencesUnexcused]).toEqual([2, 1]);
    expect(countWithShare(totals.results.xuat_sac, totals.students)).toBe('1 (33,3%)');
  });

  it('sums up at the end of semester I or of the year: semester II is the end of the year', () => {
    expect(primaryPeriod('1')).toBe('1');
    expect(primaryPeriod('2')).toBe('year');
    expect(primaryPeriod('year')).toBe('year');
  });
});
