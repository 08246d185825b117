import { describe, expect, it } from 'vitest';
import { canWriteProfile } from './useStudentForm.ts';

describe('who gets the student profile forms', () => {
  it('the admin board writes any student of its school; the GVCN only the students of their current class', () => {
    expect(canWriteProfile({ id: 'bqt', roles: ['admin_board'] }, { homeroomTeacherId: null })).toBe(true);
    expect(canWriteProfile({ id: 'gvcn', roles: ['homeroom_teacher', 'subject_teacher'] }, { homeroomTeacherId: 'gvcn' })).toBe(true);
    expect(canWriteProfile({ id: 'gvcn', roles: ['homeroom_teacher'] }, { homeroomTeacherId: 'other' })).toBe(false);
  });

  it('the principal and the clerk read the profile but get the read-only notice', () => {
    expect(canWriteProfile({ id: 'ht', roles: ['principal'] }, { homeroomTeacherId: 'ht' })).toBe(false);
    expect(canWriteProfile({ id: 'vt', roles: ['clerk'] }, { homeroomTeacherId: null })).toBe(false);
    expect(canWriteProfile(undefined, { homeroomTeacherId: null })).toBe(false);
  });
});
