import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi } from '../../i18n/vi.ts';
import { itemText, sectionTitle, startPageSchema, type StartItem } from './startItems.ts';

/** The messages of a language with {{name}} filled in, as the app's i18n provider does. */
const translator = (messages: object) => (key: string, options: Record<string, unknown> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
  if (typeof text !== 'string') throw new Error(`no message ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in options)) throw new Error(`${key}: no value for {{${name}}}`);
    return String(options[name] ?? '');
  });
};
const t = translator(vi);
const item = (kind: string, values: Record<string, unknown>): StartItem => ({ kind, tone: 'warning', link: '/', ...values });

describe('the start page words what the database answers', () => {
  it('a sheet behind, in Vietnamese numbers and the semester by name', () => {
    expect(itemText(item('sheet_behind', { class_name: '10A1', subject_name: 'Toán', semester: 1, overdue: 1047, done: 79, required: 252, due: 126, students: 42 }), t))
      .toBe('10A1 — Toán, học kỳ I: chậm 1.047 đầu điểm đến hạn (đã nhập 79/252)');
  });

  it('dates as dd/mm/yyyy, shares with a decimal comma, periods and the year', () => {
    expect(itemText(item('dossier_overdue', { name: 'Kế hoạch bài dạy', count: 12, due_on: '2026-08-28' }), t))
      .toBe('Kế hoạch bài dạy: 12 kỳ quá hạn nộp (sớm nhất hạn 28/08/2026)');
    expect(itemText(item('office_school', { school_name: 'Trường THPT Tân Đông', year_code: '2026-2027', semester: 1, share_done: 31.4, sheets_overdue: '< 5' }), t))
      .toBe('Trường THPT Tân Đông (2026-2027): đã nhập 31,4% điểm học kỳ I, < 5 sổ có điểm quá hạn');
    expect(itemText(item('results_published', { full_name: 'Lê Văn An', class_name: '9A', year_code: '2025-2026', periods: [1, 2, null] }), t))
      .toBe('Lê Văn An — lớp 9A, năm học 2025-2026: đã công bố kết quả học kỳ I, học kỳ II, cả năm');
    expect(itemText(item('results_to_approve', { semester: null, count: 2, classes: '10A1, 10A2' }), t)).toBe('Duyệt kết quả cả năm: 2 lớp (10A1, 10A2)');
  });

  it('the last integrity check: intact, or what broke; and a correction with the step that waits', () => {
    expect(itemText(item('integrity_intact', { finished_at: '2026-11-23T02:05:00Z', started_at: '2026-11-23T02:04:00Z', findings: 0 }), t))
      .toBe('Kiểm tra toàn vẹn dữ liệu lúc 23/11/2026 09:05: nhật ký và tệp lưu trữ toàn vẹn');
    expect(itemText(item('integrity_broken', { finished_at: '2026-11-23T02:05:00Z', started_at: '2026-11-23T02:04:00Z', findings: 2,
      first_finding: 'nhật ký năm học 2026-2027', first_detail: 'Mục số 4711 (mã 9) không khớp mã băm' }), t))
      .toBe('Kiểm tra toàn vẹn dữ liệu lúc 23/11/2026 09:05 phát hiện 2 lỗi: nhật ký năm học 2026-2027 — Mục số 4711 (mã 9) không khớp mã băm');
    expect(itemText(item('correction', { class_name: '10A1', subject_name: 'Toán', semester: 2, year_code: '2024-2025', actions: ['forwarded'] }), t))
      .toBe('Đề nghị sửa điểm 10A1 — Toán (học kỳ II, năm học 2024-2025): chờ bạn chuyển Hiệu trưởng');
  });

  it('backups: what BGH decide, and the approved download with its time', () => {
    expect(itemText(item('backup_download_to_decide', { count: 1, labels: 'Bản sao năm học 2025-2026' }), t))
      .toBe('1 yêu cầu tải bản sao lưu chờ Ban giám hiệu duyệt: Bản sao năm học 2025-2026');
    expect(itemText(item('backup_download_approved', { label: 'Bản sao năm học 2025-2026', approved_until: '2026-11-24T02:05:00Z' }), t))
      .toBe('Yêu cầu tải Bản sao năm học 2025-2026 đã được duyệt: lấy đường dẫn tải trước 24/11/2026 09:05');
  });

  it('every kind the database answers has a sentence in both languages', () => {
    const kinds = Object.keys(vi.start.items);
    expect(Object.keys(en.start.items).sort()).toEqual([...kinds].sort());
    expect(kinds.length).toBeGreaterThan(25);
  });

  it('a section is titled by role, school and year; the answer is checked before use', () => {
    expect(sectionTitle({ role: 'subject_teacher', school_id: 'x', school_name: 'Trường THPT Tân Đông', year_code: '2026-2027', items: [] }, t))
      .toBe('Giáo viên bộ môn — Trường THPT Tân Đông, 2026-2027');
    expect(sectionTitle({ role: 'dossiers', school_id: null, school_name: null, year_code: null, items: [] }, translator(en))).toBe('My dossiers');
    expect(() => startPageSchema.parse({ today: '2026-11-23', sections: [{ role: 'x', items: [{ kind: 'k', tone: 'loud', link: '/' }] }] })).toThrow();
  });
});
