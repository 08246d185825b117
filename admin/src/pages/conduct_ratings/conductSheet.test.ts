import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi } from '../../i18n/vi.ts';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { CONDUCT_PERIODS, LEVELS, MAX_COMMENT, conductChanges, conductSemester, parseConductLevel, sheetStudents, shownDraft, type ConductRow } from './conductSheet.ts';

const row = (id: string, student: string, level: ConductRow['level'], comment: string | null = null, version = 1): ConductRow => ({ id, student_id: student, level, comment, version });

function student(id: string, conduct: SummaryStudent['conduct_level']): SummaryStudent {
  return {
    student_id: id,
    student_code: id,
    full_name: id,
    results: {},
    learning_level: null,
    conduct_level: conduct,
    absences: 0,
    absences_excused: 0,
    absences_unexcused: 0,
    learning_after_retest: null,
    conduct_after_summer: null,
    promotion: null,
    award: null,
  };
}

describe('conduct sheet', () => {
  it('maps the periods to semesters, the summer re-rating being semester null', () => {
    expect(CONDUCT_PERIODS.map(conductSemester)).toEqual([1, 2, null]);
  });

  it('shows the saved level and comment until the teacher types over them', () => {
    expect(shownDraft(row('r', 's', 'kha', 'Ngoan'), undefined)).toEqual({ level: 'kha', comment: 'Ngoan' });
    expect(shownDraft(undefined, undefined)).toEqual({ level: null, comment: '' });
    expect(shownDraft(row('r', 's', 'kha'), { level: 'tot', comment: '' })).toEqual({ level: 'tot', comment: '' });
  });

  it('sends a new rating with version null, a changed one and a cleared one with the version read, and leaves unchanged rows alone', () => {
    const rows = [row('r1', 'an', 'kha', 'Chăm chỉ', 4), row('r2', 'binh', 'dat'), row('r3', 'chi', 'tot', 'Tốt')];
    const pending = conductChanges(rows, {
      an: { level: 'kha', comment: 'Chăm chỉ, lễ phép ' },
      binh: { level: null, comment: '' },
      chi: { level: 'tot', comment: ' Tốt ' },
      dung: { level: 'chua_dat', comment: '  ' },
      em: { level: null, comment: '' },
    });
    expect(pending.changes).toEqual([
      { student_id: 'an', level: 'kha', comment: 'Chăm chỉ, lễ phép', version: 4 },
      { student_id: 'binh', level: null, comment: null, version: 1 },
      { student_id: 'dung', level: 'chua_dat', comment: null, version: null },
    ]);
    expect(pending.invalid).toEqual([]);
  });

  it('refuses a comment without a level and a comment over 2000 characters, sending neither', () => {
    const pending = conductChanges([row('r1', 'an', 'kha')], {
      an: { level: null, comment: 'Còn nói chuyện riêng' },
      binh: { level: 'dat', comment: 'x'.repeat(MAX_COMMENT + 1) },
      chi: { level: 'dat', comment: 'x'.repeat(MAX_COMMENT) },
    });
    expect(pending.invalid).toEqual(['an', 'binh']);
    expect(pending.changes).toEqual([{ student_id: 'chi', level: 'dat', comment: 'x'.repeat(MAX_COMMENT), version: null }]);
  });

  it('lists for the summer re-rating only students whose year conduct is Chưa đạt, or already re-rated', () => {
    const students = [student('an', 'kha'), student('binh', 'chua_dat'), student('chi', 'tot'), student('dung', 'chua_dat')];
    expect(sheetStudents(students, 'summer', new Set(['chi'])).students.map((s) => s.student_id)).toEqual(['binh', 'chi', 'dung']);
    expect(sheetStudents(students, '1', new Set()).students).toHaveLength(4);
  });

  it('lists the whole class for the summer re-rating when nobody is Chưa đạt', () => {
    const result = sheetStudents([student('an', 'kha'), student('binh', null)], 'summer', new Set());
    expect(result).toMatchObject({ filtered: false });
    expect(result.students).toHaveLength(2);
  });

  it('names every period and level in Vietnamese and English', () => {
    for (const messages of [vi, en]) {
      for (const p of CONDUCT_PERIODS) expect(typeof messages.conduct_ratings.periods[p]).toBe('string');
      for (const l of LEVELS) expect(typeof messages.conduct_ratings.levels[l]).toBe('string');
    }
    expect(vi.conduct_ratings.periods.summer).toBe('Sau rèn luyện hè');
    expect(vi.menu.conduct_ratings).toBe('Rèn luyện');
    expect(vi.menu.attendance).toBe('Chuyên cần');
  });
});

describe('parseConductLevel', () => {
  it('maps the typed letter to the TT22 level it names', () => {
    expect(parseConductLevel('T')).toBe('tot');
    expect(parseConductLevel('k')).toBe('kha');
    expect(parseConductLevel('K')).toBe('kha');
    expect(parseConductLevel('Đ')).toBe('dat');
    expect(parseConductLevel('d')).toBe('dat');
    expect(parseConductLevel('C')).toBe('chua_dat');
    expect(parseConductLevel('CĐ')).toBe('chua_dat');
    expect(parseConductLevel('Khá')).toBe('kha');
    expect(parseConductLevel('chua dat')).toBe('chua_dat');
  });
  it('names no level for other text', () => {
    expect(parseConductLevel('')).toBeUndefined();
    expect(parseConductLevel('x')).toBeUndefined();
    expect(parseConductLevel('H')).toBeUndefined();
  });
});
