import { describe, expect, it } from 'vitest';
import { guardianSchema, normalisePhone } from './guardian.ts';

describe('guardian schema', () => {
  it('normalises the usual spellings of a Vietnamese phone number to one', () => {
    expect(normalisePhone('0912 345 678')).toBe('0912 345 678');
    expect(normalisePhone('0912.345.678')).toBe('0912 345 678');
    expect(normalisePhone('+84 912 345 678')).toBe('0912 345 678');
    expect(normalisePhone('024 3825 1234')).toBe('024 3825 1234');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('0912 345 67a')).toBeNull();
  });

  it('accepts a father with contacts and stores missing contacts as null', () => {
    const father = guardianSchema.parse({ relationship: 'father', full_name: ' Nguyễn Văn Bình ', occupation: 'Nông dân', phone: '0912345678', email: 'Binh@Example.com' });
    expect(father).toEqual({ relationship: 'father', full_name: 'Nguyễn Văn Bình', occupation: 'Nông dân', phone: '0912 345 678', email: 'binh@example.com' });
    const mother = guardianSchema.parse({ relationship: 'mother', full_name: 'Trần Thị Hoa', phone: '', email: '' });
    expect(mother).toMatchObject({ occupation: '', phone: null, email: null });
  });

  it('refuses a bad phone, a bad email, a short name and an unknown relationship, in Vietnamese', () => {
    const result = guardianSchema.safeParse({ relationship: 'uncle', full_name: 'A', phone: '091', email: 'binh@' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      relationship: 'Chọn quan hệ: Cha, Mẹ hoặc Người giám hộ',
      full_name: 'Họ tên cần ít nhất 2 ký tự',
      phone: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678)',
      email: 'Email không hợp lệ (ví dụ ten@example.com)',
    });
  });
});
