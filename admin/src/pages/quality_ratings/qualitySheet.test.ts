import { describe, expect, it } from 'vitest';
import { qualitiesEn, qualitiesVi } from '../../i18n/qualities.ts';
import {
  COMPLETIONS,
  EMPTY_DRAFTS,
  QUALITY_CODES,
  QUALITY_GROUPS,
  QUALITY_LEVELS,
  YEAR_RESULTS,
  indexRows,
  isYearEnd,
  levelKey,
  loadedComment,
  parseQualityLevel,
  periodKey,
  qualityChanges,
  shownComment,
  shownLevel,
  type Drafts,
  type QualityRow,
} from './qualitySheet.ts';

const row = (id: string, student: string, code: QualityRow['code'], level: QualityRow['level'], comment: string | null = null, version = 1): QualityRow => ({
  id,
  student_id: student,
  code,
  level,
  comment,
  version,
});
const drafts = (levels: Drafts['levels'], comments: Drafts['comments'] = {}): Drafts => ({ levels, comments });

describe('qualities and competencies sheet', () => {
  it('lists the 15 codes of tt27_quality_codes in form order: 5 qualities, 3 general and 7 specific competencies', () => {
    expect(QUALITY_CODES).toEqual([
      'yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc', 'trach_nhiem',
      'tu_chu_tu_hoc', 'giao_tiep_hop_tac', 'gqvd_sang_tao',
      'ngon_ngu', 'tinh_toan', 'khoa_hoc', 'cong_nghe', 'tin_hoc', 'tham_mi', 'the_chat',
    ]);
    expect(Object.values(QUALITY_GROUPS).map((g) => g.length)).toEqual([5, 3, 7]);
  });

  it('names semester II’s end period cuối năm, where the year result is read', () => {
    expect([periodKey(1, 'gk'), periodKey(1, 'ck'), periodKey(2, 'gk'), periodKey(2, 'ck')]).toEqual(['gk', 'ck1', 'gk', 'cn']);
    expect([isYearEnd(1, 'ck'), isYearEnd(2, 'gk'), isYearEnd(2, 'ck')]).toEqual([false, false, true]);
  });

  it('reads T / Đ / C typed in any case, with or without diacritics, and nothing else', () => {
    expect(['T', 't', 'Tốt'].map(parseQualityLevel)).toEqual(['tot', 'tot', 'tot']);
    expect(['Đ', 'đ', 'd', 'Đạt', 'dat'].map(parseQualityLevel)).toEqual(['dat', 'dat', 'dat', 'dat', 'dat']);
    expect(['C', 'c', 'Cần cố gắng', 'ccg'].map(parseQualityLevel)).toEqual(['ccg', 'ccg', 'ccg', 'ccg']);
    expect(parseQualityLevel(' ')).toBeNull();
    expect(['H', 'Khá', '1'].map(parseQualityLevel)).toEqual([undefined, undefined, undefined]);
  });

  it('shows the saved level and the student’s comment until the teacher picks or types over them', () => {
    const byKey = indexRows([row('r1', 'an', 'nhan_ai', 'tot', 'Ngoan'), row('r2', 'an', 'yeu_nuoc', 'dat')]);
    expect(loadedComment(byKey, 'an')).toBe('Ngoan');
    expect(shownLevel(byKey, EMPTY_DRAFTS, 'an', 'nhan_ai')).toBe('tot');
    expect(shownLevel(byKey, drafts({ [levelKey('an', 'nhan_ai')]: null }), 'an', 'nhan_ai')).toBeNull();
    expect(shownLevel(byKey, EMPTY_DRAFTS, 'binh', 'nhan_ai')).toBeNull();
    expect(shownComment(byKey, drafts({}, { an: '' }), 'an')).toBe('');
  });

  it('sends a new rating (version null), a changed and a cleared one with the version read, and leaves the rest alone', () => {
    const rows = [row('r1', 'an', 'yeu_nuoc', 'dat', null, 4), row('r2', 'an', 'nhan_ai', 'tot'), row('r3', 'an', 'cham_chi', 'tot'), row('r4', 'binh', 'yeu_nuoc', 'tot')];
    const pending = qualityChanges(
      rows,
      drafts({
        [levelKey('an', 'yeu_nuoc')]: 'tot',
        [levelKey('an', 'nhan_ai')]: null,
        [levelKey('an', 'cham_chi')]: 'tot',
        [levelKey('an', 'the_chat')]: 'ccg',
      }),
    );
    expect(pending).toEqual({
      changes: [
        { student_id: 'an', code: 'yeu_nuoc', level: 'tot', comment: null, version: 4 },
        { student_id: 'an', code: 'nhan_ai', level: null, comment: null, version: 1 },
        { student_id: 'an', code: 'the_chat', level: 'ccg', comment: null, version: null },
      ],
      invalid: [],
    });
  });

  it('writes the student’s comment, trimmed, on every one of their rated cells', () => {
    const rows = [row('r1', 'an', 'yeu_nuoc', 'dat', 'Cũ', 2), row('r2', 'an', 'nhan_ai', 'tot', 'Cũ', 3)];
    const pending = qualityChanges(rows, drafts({ [levelKey('an', 'tinh_toan')]: 'tot' }, { an: ' Em chăm chỉ, tính toán nhanh ' }));
    const comment = 'Em chăm chỉ, tính toán nhanh';
    expect(pending.changes).toEqual([
      { student_id: 'an', code: 'yeu_nuoc', level: 'dat', comment, version: 2 },
      { student_id: 'an', code: 'nhan_ai', level: 'tot', comment, version: 3 },
      { student_id: 'an', code: 'tinh_toan', level: 'tot', comment, version: null },
    ]);
  });

  it('sends nothing for a student whose picks come back to what was saved', () => {
    const pending = qualityChanges([row('r1', 'an', 'yeu_nuoc', 'dat', 'Ngoan')], drafts({ [levelKey('an', 'yeu_nuoc')]: 'dat' }, { an: 'Ngoan ' }));
    expect(pending).toEqual({ changes: [], invalid: [] });
  });

  it('refuses a comment with no rating left and a comment over 2000 characters, sending nothing for those students', () => {
    const pending = qualityChanges(
      [row('r1', 'an', 'yeu_nuoc', 'dat')],
      drafts({ [levelKey('an', 'yeu_nuoc')]: null, [levelKey('chi', 'yeu_nuoc')]: 'tot' }, { an: 'Còn rụt rè', binh: 'Ngoan', chi: 'x'.repeat(2001) }),
    );
    expect(pending.invalid.sort()).toEqual(['an', 'binh', 'chi']);
    expect(pending.changes).toEqual([]);
  });

  it('names every group, code, level, year result and completion in Vietnamese and English', () => {
    for (const messages of [qualitiesVi, qualitiesEn]) {
      for (const g of Object.keys(QUALITY_GROUPS)) expect(typeof messages.groups[g as keyof typeof messages.groups]).toBe('string');
      for (const c of QUALITY_CODES) expect(typeof messages.codes[c]).toBe('string');
      for (const l of QUALITY_LEVELS) expect(typeof messages.levels[l]).toBe('string');
      for (const r of YEAR_RESULTS) expect(typeof messages.year_results[r]).toBe('string');
      for (const c of COMPLETIONS) expect(typeof messages.completions[c]).toBe('string');
    }
    expect(qualitiesVi.year_results.xuat_sac).toBe('Hoàn thành xuất sắc');
    expect(qualitiesVi.completions.tieu_hoc).toBe('Hoàn thành chương trình tiểu học');
    expect(qualitiesVi.levels.ccg).toBe('Cần cố gắng');
  });
});
