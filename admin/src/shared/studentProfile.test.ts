import { describe, expect, it } from 'vitest';
import { birthDateIssue, splitFullName, studentProfileSchema, unaccent } from './studentProfile.ts';
import { staffAccountRequestSchema } from '../../../supabase/functions/_shared/contracts/staffAccounts.ts';

describe('unaccent', () => {
  it('drops Vietnamese diacritics and đ, lowercases and squeezes spaces, like search_text', () => {
    expect(unaccent('  Nguyễn   Văn Đạt ')).toBe('nguyen van dat');
    expect(unaccent('TRẦN THỊ HỒNG NHUNG')).toBe('tran thi hong nhung');
  });
});

describe('splitFullName', () => {
  it('takes the first word as family name and the last as given name', () => {
    expect(splitFullName('Nguyễn Thị Minh Anh')).toEqual({ family_name: 'Nguyễn', middle_name: 'Thị Minh', given_name: 'Anh' });
    expect(splitFullName('Lê Na')).toEqual({ family_name: 'Lê', middle_name: '', given_name: 'Na' });
    expect(splitFullName('Na')).toBeNull();
  });
});

describe('birth date for the grade', () => {
  it('accepts the normal age, one year early and up to three late; refuses the rest in Vietnamese', () => {
    expect(birthDateIssue('2011-03-01', 10, 2026)).toBeNull();
    expect(birthDateIssue('2012-12-31', 10, 2026)).toBeNull();
    expect(birthDateIssue('2008-01-01', 10, 2026)).toBeNull();
    expect(birthDateIssue('2013-01-01', 10, 2026)).toBe('Ngày sinh không phù hợp với lớp 10 (học sinh sinh năm 2008–2012)');
    expect(birthDateIssue('2007-12-31', 10, 2026)).not.toBeNull();
  });
});

describe('student profile form', () => {
  const valid = { student_code: '0790123456', family_name: 'Nguyễn', middle_name: 'Văn', given_name: 'An', gender: 'male', birth_date: '2011-03-01' };
  it('fills the defaults of the transcript page', () => {
    const parsed = studentProfileSchema({ grade: 10, schoolYearStart: 2026 }).parse(valid);
    expect(parsed).toMatchObject({ ethnicity: 'Kinh', nationality: 'Việt Nam', birth_place: '' });
  });
  it('names every missing field and an implausible birth date in Vietnamese', () => {
    const result = studentProfileSchema({ grade: 10, schoolYearStart: 2026 }).safeParse({ ...valid, given_name: ' ', gender: undefined, birth_date: '2019-02-01' });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(issues).toEqual({ given_name: 'Tên là bắt buộc', gender: 'Giới tính phải là Nam hoặc Nữ' });
    const late = studentProfileSchema({ grade: 10, schoolYearStart: 2026 }).safeParse({ ...valid, birth_date: '2019-02-01' });
    expect(late.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['birth_date', 'Ngày sinh không phù hợp với lớp 10 (học sinh sinh năm 2008–2012)']]);
  });
});

describe('staff-accounts body', () => {
  it('normalises the email and accepts a missing password on create', () => {
    expect(staffAccountRequestSchema.parse({ action: 'create', email: ' GV@Truong.EDU.vn ', full_name: ' Lê Mai ' })).toEqual({ action: 'create', email: 'gv@truong.edu.vn', full_name: 'Lê Mai' });
  });
  it('refuses a bad email, a short password and an unknown action with Vietnamese messages', () => {
    expect(staffAccountRequestSchema.safeParse({ action: 'create', email: 'x', full_name: 'Lê Mai' }).error!.issues[0]!.message).toBe('Email không hợp lệ');
    expect(staffAccountRequestSchema.safeParse({ action: 'reset_password', user_id: crypto.randomUUID(), password: 'ngan' }).error!.issues[0]!.message).toBe('Mật khẩu cần ít nhất 8 ký tự');
    expect(staffAccountRequestSchema.safeParse({ action: 'delete' }).error!.issues[0]!.message).toBe('Thao tác không hợp lệ (create hoặc reset_password)');
  });
});
