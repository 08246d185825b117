import { describe, expect, it } from 'vitest';
import { gradebookSheetSchema, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import { cellKey, cellState, clipboardCells, conflictCells, move, normalisedPaste, pasteTargets, pendingChanges, rowResult, tt22Paste } from './sheetModel.ts';

const SHEET: GradebookSheet = gradebookSheetSchema.parse({
  class: { id: 'c1', name: '10A2', school_year_id: 'y1', school_year_code: '2026-2027' },
  subject: { id: 's1', code: 'TOAN', name: 'Toán', assessment_kind: 'scored' },
  semester: 1,
  periods_per_year: 35,
  required_regular: 2,
  max_regular: 3,
  locked: false,
  can_edit: true,
  students: [
    {
      student_id: 'a',
      student_code: 'HS1',
      full_name: 'Nguyễn An',
      exempt: false,
      entries: [
        { id: 'e1', kind: 'tx', seq: 1, score: 7, rating: null, is_makeup: false, version: 2 },
        { id: 'e2', kind: 'tx', seq: 2, score: 7, rating: null, is_makeup: false, version: 1 },
        { id: 'e3', kind: 'gk', seq: 1, score: 6, rating: null, is_makeup: false, version: 1 },
      ],
      average: null,
      rating: null,
    },
    { student_id: 'b', student_code: 'HS2', full_name: 'Lê Bình', exempt: true, entries: [], average: null, rating: null },
    { student_id: 'c', student_code: 'HS3', full_name: 'Trần Châu', exempt: false, entries: [], average: 5.5, rating: null },
  ],
});

describe('cells and changes', () => {
  it('shows the loaded value in Vietnamese format until something is typed', () => {
    const state = cellState(SHEET, SHEET.students[0]!, { key: 'tx1', kind: 'tx', seq: 1, label: 'TX1' }, {});
    expect(state).toEqual({ text: '7', original: 7, value: 7, changed: false, error: null });
  });

  it('sends only cells whose value changed, with the version read, and counts invalid ones', () => {
    const edits = {
      [cellKey('a', 'tx1')]: '7,0', // same value typed differently: not a change
      [cellKey('a', 'tx2')]: '', // cleared
      [cellKey('a', 'ck')]: '8', // new cell: no version
      [cellKey('c', 'tx1')]: '8,25', // invalid
      [cellKey('b', 'tx1')]: '9', // exempt: never sent
    };
    expect(pendingChanges(SHEET, edits)).toEqual({
      changes: [
        { student_id: 'a', kind: 'tx', seq: 2, value: null, version: 1, is_makeup: false },
        { student_id: 'a', kind: 'ck', seq: 1, value: 8, version: null, is_makeup: false },
      ],
      invalid: 1,
    });
    expect(cellState(SHEET, SHEET.students[2]!, { key: 'tx1', kind: 'tx', seq: 1, label: 'TX1' }, edits).error).toBe('Điểm phải từ 0 đến 10, tối đa một chữ số thập phân');
  });

  it('keeps the server average for an untouched row and computes it live (exactly) for a typed one', () => {
    expect(rowResult(SHEET, SHEET.students[2]!, {})).toEqual({ value: 5.5, live: false });
    // (7 + 7 + 2·6 + 3·8.6) / 7 = 51.8 / 7 = 7.4
    expect(rowResult(SHEET, SHEET.students[0]!, { [cellKey('a', 'ck')]: '8,6' })).toEqual({ value: 7.4, live: true });
    // Without CK there is no average yet.
    expect(rowResult(SHEET, SHEET.students[0]!, { [cellKey('a', 'gk')]: '9' })).toEqual({ value: null, live: true });
  });
});

describe('keyboard moves', () => {
  const editable = [true, false, true];
  it('skips the exempt row going up and down, and stops at the edges', () => {
    expect(move({ row: 0, col: 2 }, 'down', editable, 5)).toEqual({ row: 2, col: 2 });
    expect(move({ row: 2, col: 2 }, 'up', editable, 5)).toEqual({ row: 0, col: 2 });
    expect(move({ row: 2, col: 2 }, 'down', editable, 5)).toBeNull();
    expect(move({ row: 0, col: 0 }, 'left', editable, 5)).toBeNull();
    expect(move({ row: 0, col: 4 }, 'right', editable, 5)).toBeNull();
  });

  it('Tab wraps to the first cell of the next editable row, Shift+Tab to the last of the previous one', () => {
    expect(move({ row: 0, col: 4 }, 'next', editable, 5)).toEqual({ row: 2, col: 0 });
    expect(move({ row: 2, col: 0 }, 'previous', editable, 5)).toEqual({ row: 0, col: 4 });
    expect(move({ row: 2, col: 4 }, 'next', editable, 5)).toBeNull();
  });
});

describe('paste from Excel', () => {
  it('reads Excel clipboard text (CRLF, trailing newline, tabs)', () => {
    expect(clipboardCells('8,5\r\n7\r\n')).toEqual([['8,5'], ['7']]);
    expect(clipboardCells('8\t9\n7\t6')).toEqual([
      ['8', '9'],
      ['7', '6'],
    ]);
  });

  it('puts a column into consecutive rows from the focused cell, dropping values for an exempt row or beyond the grid', () => {
    const block = clipboardCells('8\n9\n10\n6\n');
    expect(pasteTargets(block, { row: 0, col: 1 }, [true, false, true], 5)).toEqual({
      cells: [
        { row: 0, col: 1, text: '8' },
        { row: 2, col: 1, text: '10' },
      ],
      skipped: 2,
    });
  });
});

describe('conflicts', () => {
  it('names the cells of a 409 from its details, and nothing when they are unreadable', () => {
    expect(conflictCells('[{"student_id":"a","kind":"tx","seq":2},{"student_id":"c","kind":"ck","seq":1}]')).toEqual(new Set(['a|tx2', 'c|ck']));
    expect(conflictCells('not json')).toEqual(new Set());
    expect(conflictCells(null)).toEqual(new Set());
  });
});

describe('normalisedPaste', () => {
  it('shows a pasted score or rating as a typed one is shown once read', () => {
    expect(normalisedPaste('7.5', tt22Paste(false))).toBe('7,5');
    expect(normalisedPaste(' 8 ', tt22Paste(false))).toBe('8');
    expect(normalisedPaste('10.0', tt22Paste(false))).toBe('10');
    expect(normalisedPaste('', tt22Paste(false))).toBe('');
    expect(normalisedPaste('d', tt22Paste(true))).toBe('Đ');
    expect(normalisedPaste('cd', tt22Paste(true))).toBe('CĐ');
  });
  it('leaves a value it cannot read as pasted (the cell then says why)', () => {
    expect(normalisedPaste('7.55', tt22Paste(false))).toBe('7.55');
    expect(normalisedPaste('abc', tt22Paste(false))).toBe('abc');
  });
});
