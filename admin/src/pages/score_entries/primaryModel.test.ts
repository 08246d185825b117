import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi } from '../../i18n/vi.ts';
import { gradebookSheetSchema, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import {
  PRIMARY_MESSAGES,
  isPrimary,
  parsePrimary,
  periodOf,
  primaryCellMode,
  primaryCellState,
  primaryColumnOf,
  primaryColumns,
  primaryInvalidCells,
  primaryPending,
} from './primaryModel.ts';
import { cellKey, pendingChanges } from './sheetModel.ts';

// Toán lớp 4, học kì I: a test at cuối kỳ only (grades 4–5 also at giữa kỳ for Tiếng Việt and Toán, but
// the sheet's `tests` is what the server says).
const SHEET: GradebookSheet = gradebookSheetSchema.parse({
  class: { id: 'c1', name: '3A', school_year_id: 'y1', school_year_code: '2026-2027' },
  subject: { id: 's1', code: 'TOAN', name: 'Toán', assessment_kind: 'comment' },
  semester: 1,
  periods_per_year: 175,
  required_regular: 0,
  max_regular: 0,
  locked: false,
  can_edit: true,
  regime: 'tt27',
  grade: 3,
  tests: { gk: false, ck: true },
  students: [
    {
      student_id: 'an',
      student_code: 'HS1',
      full_name: 'Nguyễn Văn An',
      entries: [
        { id: 'e1', kind: 'gk', seq: 1, score: null, rating: null, level: 'H', comment: 'Tiến bộ', version: 3 },
        { id: 'e2', kind: 'ck', seq: 1, score: 8, rating: null, level: 'T', comment: null, version: 1 },
      ],
    },
    { student_id: 'binh', student_code: 'HS2', full_name: 'Lê Bình', exempt: true, entries: [] },
    { student_id: 'chi', student_code: 'HS3', full_name: 'Trần Chi', entries: [] },
  ],
});
const [AN, , CHI] = SHEET.students as [GradebookSheet['students'][number], GradebookSheet['students'][number], GradebookSheet['students'][number]];
const col = (key: string) => primaryColumnOf(key)!;

describe('TT27 sheet columns', () => {
  it('reads the regime, defaulting to TT22 for a sheet that does not name one', () => {
    expect(isPrimary(SHEET)).toBe(true);
    expect(SHEET.students[0]!.entries[0]).toMatchObject({ level: 'H', comment: 'Tiến bộ' });
    const secondary = gradebookSheetSchema.parse({ ...SHEET, regime: undefined, tests: undefined, grade: undefined });
    expect(secondary).toMatchObject({ regime: 'tt22', tests: null, grade: null });
    expect(isPrimary(secondary)).toBe(false);
  });

  it('gives each period a level and a comment, and a test only where the subject has one', () => {
    expect(primaryColumns(SHEET).map((c) => c.key)).toEqual(['gk_level', 'gk_comment', 'ck_level', 'ck_test', 'ck_comment']);
    expect(primaryColumns({ semester: 2, tests: { gk: true, ck: true } }).map((c) => c.key)).toEqual(['gk_level', 'gk_test', 'gk_comment', 'ck_level', 'ck_test', 'ck_comment']);
    expect(primaryColumns({ semester: 1, tests: null }).map((c) => c.key)).toEqual(['gk_level', 'gk_comment', 'ck_level', 'ck_comment']);
    expect(primaryColumns({ semester: null, tests: null })).toEqual([]);
  });

  it('names semester II’s end period cuối năm, in Vietnamese and English', () => {
    expect([periodOf('gk', 1), periodOf('ck', 1), periodOf('ck', 2)]).toEqual(['gk', 'ck1', 'cn']);
    expect(vi.score_entries.primary.periods).toEqual({ gk: 'Giữa kỳ', ck1: 'Cuối kỳ', cn: 'Cuối năm' });
    for (const messages of [vi, en]) {
      for (const f of ['level', 'test', 'comment'] as const) expect(typeof messages.score_entries.primary.fields[f]).toBe('string');
    }
  });

  it('maps a column key back to its period and field, and nothing else', () => {
    expect(primaryColumnOf('ck_test')).toEqual({ key: 'ck_test', kind: 'ck', field: 'test' });
    expect(primaryColumnOf('tx1')).toBeUndefined();
  });
});

describe('TT27 values', () => {
  it('accepts the levels T, H, C in any case and refuses anything else', () => {
    expect(parsePrimary('level', ' t ')).toEqual({ ok: true, value: 'T' });
    expect(parsePrimary('level', 'h')).toEqual({ ok: true, value: 'H' });
    expect(parsePrimary('level', '')).toEqual({ ok: true, value: '' });
    for (const bad of ['Đ', 'A', 'TT', '8']) expect(parsePrimary('level', bad)).toEqual({ ok: false, message: PRIMARY_MESSAGES.level });
  });

  it('accepts a periodic test score as an integer from 1 to 10 and refuses 0, 7,5, 7.5 and 11', () => {
    expect(parsePrimary('test', '7')).toEqual({ ok: true, value: '7' });
    expect(parsePrimary('test', '10')).toEqual({ ok: true, value: '10' });
    expect(parsePrimary('test', '07')).toEqual({ ok: true, value: '7' });
    for (const bad of ['0', '7,5', '7.5', '11', '-1', 'T', '100']) {
      expect(parsePrimary('test', bad)).toEqual({ ok: false, message: 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10' });
    }
  });

  it('trims a comment and refuses one over 2000 characters', () => {
    expect(parsePrimary('comment', '  Em đọc to, rõ ràng  ')).toEqual({ ok: true, value: 'Em đọc to, rõ ràng' });
    expect(parsePrimary('comment', 'x'.repeat(2000))).toMatchObject({ ok: true });
    expect(parsePrimary('comment', 'x'.repeat(2001))).toEqual({ ok: false, message: PRIMARY_MESSAGES.comment });
  });

  it('shows the loaded level, test and comment until something is typed over them', () => {
    expect(primaryCellState(AN, col('gk_level'), {})).toEqual({ text: 'H', original: 'H', value: 'H', changed: false, error: null });
    expect(primaryCellState(AN, col('ck_test'), {})).toMatchObject({ text: '8', changed: false });
    expect(primaryCellState(AN, col('gk_comment'), { [cellKey('an', 'gk_comment')]: 'Tiến bộ ' })).toMatchObject({ value: 'Tiến bộ', changed: false });
    expect(primaryCellState(AN, col('gk_level'), { [cellKey('an', 'gk_level')]: 't' })).toMatchObject({ value: 'T', changed: true, error: null });
    expect(primaryCellState(CHI, col('ck_test'), { [cellKey('chi', 'ck_test')]: '11' })).toMatchObject({ changed: true, error: PRIMARY_MESSAGES.test });
  });
});

describe('TT27 changes', () => {
  it('sends one change per student and period, with the period’s other fields as loaded and the version read', () => {
    const { changes, invalid } = primaryPending(SHEET, {
      [cellKey('an', 'ck_test')]: '9',
      [cellKey('an', 'ck_comment')]: 'Làm tính nhanh',
      [cellKey('chi', 'gk_level')]: 'c',
    });
    expect(invalid).toBe(0);
    expect(changes).toEqual([
      { student_id: 'an', kind: 'ck', level: 'T', test: '9', comment: 'Làm tính nhanh', version: 1 },
      { student_id: 'chi', kind: 'gk', level: 'C', test: '', comment: '', version: null },
    ]);
  });

  it('clears a period by sending it all empty, and sends nothing for text typed back to what was loaded', () => {
    const { changes } = primaryPending(SHEET, {
      [cellKey('an', 'gk_level')]: '',
      [cellKey('an', 'gk_comment')]: '',
      [cellKey('an', 'ck_level')]: 't',
    });
    expect(changes).toEqual([{ student_id: 'an', kind: 'gk', level: '', test: '', comment: '', version: 3 }]);
  });

  it('holds back a period with an invalid cell, counting every invalid cell, and lists them for the alert', () => {
    const edits = {
      [cellKey('an', 'ck_level')]: 'H',
      [cellKey('an', 'ck_test')]: '7,5',
      [cellKey('chi', 'ck_test')]: '0',
      [cellKey('chi', 'gk_level')]: 'T',
    };
    const { changes, invalid } = primaryPending(SHEET, edits);
    expect(invalid).toBe(2);
    expect(changes).toEqual([{ student_id: 'chi', kind: 'gk', level: 'T', test: '', comment: '', version: null }]);
    expect(primaryInvalidCells(SHEET, edits).map((c) => `${c.student.student_code}-${c.column.key}: ${c.state.error}`)).toEqual([
      `HS1-ck_test: ${PRIMARY_MESSAGES.test}`,
      `HS3-ck_test: ${PRIMARY_MESSAGES.test}`,
    ]);
  });

  it('never sends an exempt student’s period, nor anything from a locked or read-only sheet', () => {
    const edits = { [cellKey('binh', 'gk_level')]: 'T', [cellKey('chi', 'gk_level')]: 'T' };
    expect(primaryPending(SHEET, edits).changes.map((c) => c.student_id)).toEqual(['chi']);
    expect(primaryPending({ ...SHEET, locked: true }, edits).changes).toEqual([]);
    expect(primaryPending({ ...SHEET, can_edit: false }, edits).changes).toEqual([]);
    expect([primaryCellMode(SHEET), primaryCellMode({ locked: true, can_edit: true }), primaryCellMode({ locked: false, can_edit: false })]).toEqual(['edit', 'locked', 'read_only']);
  });

  it('leaves the TT22 sheet’s changes as they were', () => {
    const secondary = gradebookSheetSchema.parse({ ...SHEET, regime: 'tt22', tests: null, subject: { ...SHEET.subject, assessment_kind: 'scored' }, max_regular: 2 });
    expect(pendingChanges(secondary, { [cellKey('chi', 'tx1')]: '8,5' }).changes).toEqual([{ student_id: 'chi', kind: 'tx', seq: 1, value: 8.5, version: null, is_makeup: false }]);
  });
});
