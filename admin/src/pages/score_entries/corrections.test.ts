import { describe, expect, it } from 'vitest';
import { vi as messages } from '../../i18n/vi.ts';
import { gradebookSheetSchema, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import {
  cellMode,
  correctionGroups,
  correctionHint,
  deadlineText,
  differsFromApproved,
  entryHistoryArgs,
  entryHistoryRowSchema,
  lockReason,
  expiryReloadDelay,
  msUntilFirstExpiry,
  newCorrectionRequestPath,
  sheetWritable,
  type Translate,
} from './corrections.ts';
import { cellKey, move, pasteTargets, pendingChanges } from './sheetModel.ts';

// 08:30 UTC = 15:30 in Asia/Ho_Chi_Minh.
const ENDS = '2026-11-22T08:30:00Z';
const LATER = '2026-11-22T10:00:00Z';

const FROZEN: GradebookSheet = gradebookSheetSchema.parse({
  class: { id: 'c1', name: '10A1', school_year_id: 'y1', school_year_code: '2025-2026' },
  subject: { id: 's1', code: 'TOAN', name: 'Toán', assessment_kind: 'scored' },
  semester: 1,
  periods_per_year: 105,
  required_regular: 4,
  max_regular: 4,
  locked: true,
  locked_reason: 'kết quả đã công bố',
  can_edit: true,
  corrections: [
    { request_id: 'r1', student_id: 'a', kind: 'gk', seq: 1, value: '8,5', applied: false, ends_at: ENDS },
    { request_id: 'r1', student_id: 'c', kind: 'tx', seq: 2, value: '7', applied: true, ends_at: ENDS },
    { request_id: 'r2', student_id: 'c', kind: 'ck', seq: 1, value: null, applied: false, ends_at: LATER },
  ],
  students: [
    {
      student_id: 'a',
      student_code: 'HS1',
      full_name: 'Nguyễn An',
      entries: [
        { id: 'e1', kind: 'tx', seq: 1, score: 7, version: 2, correction_request_id: null },
        { id: 'e2', kind: 'gk', seq: 1, score: 6, version: 1 },
      ],
      average: null,
    },
    { student_id: 'b', student_code: 'HS2', full_name: 'Lê Bình', exempt: true, entries: [], average: null },
    { student_id: 'c', student_code: 'HS3', full_name: 'Trần Châu', entries: [{ id: 'e3', kind: 'tx', seq: 2, score: 7, version: 3, correction_request_id: 'r1' }], average: 5.5 },
  ],
});
const OPEN: GradebookSheet = { ...FROZEN, locked: false, locked_reason: null, corrections: [] };
const GK = { kind: 'gk', seq: 1 } as const;
const TX1 = { kind: 'tx', seq: 1 } as const;

/** The Vietnamese messages with {{name}} filled in, as the app's i18n provider does. */
const t: Translate = (key, options = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
  if (typeof text !== 'string') throw new Error(`no message ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
};

describe('which cells a frozen sheet lets the teacher change', () => {
  it('the teacher of an open sheet edits every cell; anyone else reads it', () => {
    expect(cellMode(OPEN, FROZEN.students[0]!, TX1)).toBe('edit');
    expect(cellMode({ ...OPEN, can_edit: false }, FROZEN.students[0]!, TX1)).toBe('read_only');
    expect(sheetWritable(OPEN)).toBe(true);
    expect(sheetWritable({ ...OPEN, can_edit: false })).toBe(false);
  });

  it('on a frozen sheet only the cells of the open correction are editable, every other cell stays locked', () => {
    expect(cellMode(FROZEN, FROZEN.students[0]!, GK)).toBe('correction');
    expect(cellMode(FROZEN, FROZEN.students[0]!, TX1)).toBe('locked');
    expect(cellMode(FROZEN, FROZEN.students[2]!, { kind: 'tx', seq: 2 })).toBe('correction');
    expect(cellMode(FROZEN, FROZEN.students[1]!, GK)).toBe('locked');
    expect(sheetWritable(FROZEN)).toBe(true);
    expect(sheetWritable({ ...FROZEN, corrections: [] })).toBe(false);
  });

  it('a save sends only typed correction cells, never a locked cell typed before the sheet froze', () => {
    const edits = { [cellKey('a', 'gk')]: '8,5', [cellKey('a', 'tx1')]: '9', [cellKey('c', 'ck')]: '4' };
    expect(pendingChanges(FROZEN, edits)).toEqual({
      changes: [
        { student_id: 'a', kind: 'gk', seq: 1, value: 8.5, version: 1, is_makeup: false },
        { student_id: 'c', kind: 'ck', seq: 1, value: 4, version: null, is_makeup: false },
      ],
      invalid: 0,
    });
  });

  it('the keyboard moves from one correction cell to the next, passing over locked cells', () => {
    // Columns TX1..TX4, GK, CK = 0..5; correction cells: (0,4) and (2,1), (2,5).
    const cells = new Set(['0:4', '2:1', '2:5']);
    const cell = (p: { row: number; col: number }) => cells.has(`${p.row}:${p.col}`);
    const rows = [true, false, true];
    expect(move({ row: 0, col: 4 }, 'next', rows, 6, cell)).toEqual({ row: 2, col: 1 });
    expect(move({ row: 2, col: 1 }, 'right', rows, 6, cell)).toEqual({ row: 2, col: 5 });
    expect(move({ row: 2, col: 1 }, 'previous', rows, 6, cell)).toEqual({ row: 0, col: 4 });
    expect(move({ row: 0, col: 4 }, 'down', rows, 6, cell)).toBeNull();
    expect(move({ row: 0, col: 4 }, 'left', rows, 6, cell)).toBeNull();
  });

  it('a pasted block writes only into correction cells; values for locked cells are counted as skipped', () => {
    const cells = new Set(['0:4', '2:4']);
    const cell = (p: { row: number; col: number }) => cells.has(`${p.row}:${p.col}`);
    expect(pasteTargets([['8,5', '9'], ['1'], ['7']], { row: 0, col: 4 }, [true, false, true], 6, cell)).toEqual({
      cells: [
        { row: 0, col: 4, text: '8,5' },
        { row: 2, col: 4, text: '7' },
      ],
      skipped: 2,
    });
  });
});

describe('what the frozen sheet says', () => {
  it('names why the sheet is frozen', () => {
    expect(lockReason('đã khoá')).toBe('locked');
    expect(lockReason('kết quả đã trình duyệt')).toBe('proposed');
    expect(lockReason('kết quả đã được duyệt')).toBe('approved');
    expect(lockReason('kết quả đã công bố')).toBe('published');
    expect(lockReason(null)).toBe('locked');
    expect(lockReason('lý do mới')).toBe('other');
    expect(t(`score_entries.lock_reasons.${lockReason(FROZEN.locked_reason)}`)).toBe('Kết quả học tập của lớp đã công bố: sổ điểm chỉ xem, không sửa được.');
  });

  it('a correction cell shows the approved value and the deadline in Vietnamese time', () => {
    expect(deadlineText(ENDS)).toBe('15:30 22/11/2026');
    expect(correctionHint(FROZEN.corrections[0]!, t)).toBe('Giá trị đã duyệt: 8,5 — sửa trước 15:30 22/11/2026');
    expect(correctionHint(FROZEN.corrections[1]!, t)).toBe('Đã ghi giá trị đã duyệt: 7 (mở khoá đến 15:30 22/11/2026)');
    expect(correctionHint(FROZEN.corrections[2]!, t)).toBe('Giá trị đã duyệt: (để trống) — sửa trước 17:00 22/11/2026');
  });

  it('the alert lists each open request with its cells, how many are done, soonest deadline first', () => {
    expect(correctionGroups(FROZEN)).toEqual([
      { request_id: 'r1', ends_at: ENDS, cells: 2, applied: 1 },
      { request_id: 'r2', ends_at: LATER, cells: 1, applied: 0 },
    ]);
    expect(t('score_entries.correction.alert', { count: 2, until: deadlineText(ENDS) })).toBe(
      'Đang mở khoá để sửa theo đề nghị sửa điểm: chỉ sửa 2 ô được đánh dấu, đúng giá trị đã duyệt, trước 15:30 22/11/2026.',
    );
  });

  it('reads the sheet again when the first unlock ends, not before', () => {
    expect(msUntilFirstExpiry(FROZEN, Date.parse('2026-11-22T08:00:00Z'))).toBe(30 * 60 * 1000);
    expect(msUntilFirstExpiry(FROZEN, Date.parse('2026-11-22T09:00:00Z'))).toBe(0);
    expect(msUntilFirstExpiry(OPEN, 0)).toBeNull();
  });

  it('reads the sheet again a second after the unlock ends, at least 30 s away, and never over typed values', () => {
    expect(expiryReloadDelay(FROZEN, Date.parse('2026-11-22T08:00:00Z'), false)).toBe(30 * 60 * 1000 + 1000);
    expect(expiryReloadDelay(FROZEN, Date.parse('2026-11-22T08:29:50Z'), false)).toBe(30_000);
    expect(expiryReloadDelay(FROZEN, Date.parse('2026-11-22T09:00:00Z'), false)).toBe(30_000);
    // A teacher typing a column while an unlock of hers ends keeps what she typed (the reload waits).
    expect(expiryReloadDelay(FROZEN, Date.parse('2026-11-22T08:00:00Z'), true)).toBeNull();
    expect(expiryReloadDelay(OPEN, 0, false)).toBeNull();
  });

  it('a new correction request starts from this sheet (semester 1, 2 or the re-test)', () => {
    expect(newCorrectionRequestPath(FROZEN)).toBe('/correction_requests/new?class=c1&subject=s1&semester=1');
    expect(newCorrectionRequestPath({ ...FROZEN, semester: null })).toBe('/correction_requests/new?class=c1&subject=s1&semester=retest');
  });
});

describe('cell history', () => {
  it('asks rpc/entry_history for the cell of this year and semester (null on the re-test sheet)', () => {
    expect(entryHistoryArgs(FROZEN, 'a', GK)).toEqual({ p_student_id: 'a', p_subject_id: 's1', p_school_year_id: 'y1', p_semester: 1, p_kind: 'gk', p_seq: 1 });
    expect(entryHistoryArgs({ ...FROZEN, semester: null }, 'a', { kind: 'retest', seq: 1 }).p_semester).toBeNull();
  });

  it('reads history rows with missing values and no request as nulls', () => {
    expect(entryHistoryRowSchema.parse({ occurred_at: ENDS, action: 'insert', actor_name: 'Trần Toán', old_value: null, new_value: '6', correction_request_id: null, audit_id: 42 })).toEqual({
      occurred_at: ENDS,
      action: 'insert',
      actor_name: 'Trần Toán',
      old_value: null,
      new_value: '6',
      correction_request_id: null,
      audit_id: '42',
    });
  });

  it('marks entries written by a correction', () => {
    expect(FROZEN.students[2]!.entries[0]!.correction_request_id).toBe('r1');
    expect(FROZEN.students[0]!.entries[1]!.correction_request_id).toBeNull();
  });
});

describe('a correction cell typed with another value', () => {
  it('is flagged before saving when the typed value is not the approved one (7 and 7,0 are the same)', () => {
    const [gk, , ck] = FROZEN.corrections;
    expect(differsFromApproved(gk!, { changed: true, error: null, value: 8 }, false)).toBe(true);
    expect(differsFromApproved(gk!, { changed: true, error: null, value: 8.5 }, false)).toBe(false);
    expect(differsFromApproved({ ...gk!, value: '7,0' }, { changed: true, error: null, value: 7 }, false)).toBe(false);
    expect(differsFromApproved(ck!, { changed: true, error: null, value: null }, false)).toBe(false);
    // Untyped, or invalid (its own message): not flagged.
    expect(differsFromApproved(gk!, { changed: false, error: null, value: 6 }, false)).toBe(false);
    expect(differsFromApproved(gk!, { changed: true, error: 'x', value: null }, false)).toBe(false);
  });
});
