import { describe, expect, it } from 'vitest';
import type { Membership } from '../providers/userContext.ts';
import { dateParts, defaultKind, holdsInYear, inspectionInsert, kindsFor } from './inspections.ts';

const m = (role: string, school_year: string | null = '2026-2027', org_unit_id = 'school'): Membership => ({
  org_unit_id,
  org_unit_name: 'THPT Tân Đông',
  org_unit_kind: 'school',
  school_year,
  current: true,
  role,
});

describe('check kinds offered', () => {
  it('a principal records periodic and ad hoc checks; a Tổ trưởng monthly ones; a teacher none', () => {
    expect(kindsFor([m('principal')], '2026-2027')).toEqual(['periodic', 'ad_hoc']);
    expect(kindsFor([m('dept_head'), m('subject_teacher')], '2026-2027')).toEqual(['monthly']);
    expect(kindsFor([m('subject_teacher')], '2026-2027')).toEqual([]);
  });

  it('a role of another year or another school does not count', () => {
    expect(kindsFor([m('principal', '2025-2026')], '2026-2027')).toEqual([]);
    expect(holdsInYear([m('vice_principal', '2026-2027', 'other')], '2026-2027', ['vice_principal'], 'school')).toBe(false);
    expect(holdsInYear([m('vice_principal')], undefined, ['vice_principal'])).toBe(false);
  });

  it('the dashboard offers BGH an ad hoc check first, a Tổ trưởng a monthly one', () => {
    expect(defaultKind(['periodic', 'ad_hoc'], 'ad_hoc')).toBe('ad_hoc');
    expect(defaultKind(['monthly'], 'ad_hoc')).toBe('monthly');
    expect(defaultKind([])).toBeUndefined();
  });
});

describe('inspectionInsert', () => {
  it('leaves the author and the date to the database, trims the text and empties what was not chosen', () => {
    const row = inspectionInsert(
      { kind: 'monthly', teacher_id: 't1', class_id: '', subject_id: undefined, semester: 1, findings: '  Thiếu ĐĐGgk  ', follow_up: ' ', follow_up_by: undefined },
      { id: 'y', school_id: 's' },
    );
    expect(row).toEqual({
      school_id: 's',
      school_year_id: 'y',
      kind: 'monthly',
      teacher_id: 't1',
      class_id: null,
      subject_id: null,
      semester: 1,
      findings: 'Thiếu ĐĐGgk',
      follow_up: null,
      follow_up_by: null,
    });
    expect(row).not.toHaveProperty('checked_by');
    expect(row).not.toHaveProperty('checked_on');
  });

  it('splits a calendar date for the record\'s "ngày … tháng … năm …"', () => {
    expect(dateParts('2026-11-22')).toEqual({ day: '22', month: '11', year: '2026' });
  });
});
