import { describe, expect, it } from 'vitest';
import { familyOnly, offeredTo } from './audiences.ts';

describe("a family's menu", () => {
  it('offers a parent or a student their pages only, and anyone with a staff role everything the access rules allow', () => {
    expect(familyOnly(['guardian'])).toBe(true);
    expect(familyOnly(['student', 'guardian'])).toBe(true);
    expect(familyOnly(['guardian', 'subject_teacher'])).toBe(false);
    expect(familyOnly([])).toBe(false);
    expect(offeredTo('my_results', ['guardian'])).toBe(true);
    expect(offeredTo('health', ['student'])).toBe(true);
    expect(offeredTo('students', ['guardian'])).toBe(false);
    expect(offeredTo('memberships', ['guardian'])).toBe(false);
    expect(offeredTo('students', ['guardian', 'homeroom_teacher'])).toBe(true);
  });
});
