import { describe, expect, it } from 'vitest';
import { isAllowed } from './accessControlProvider.ts';

describe('isAllowed', () => {
  it('shows the dashboard to every signed-in role', () => {
    expect(isAllowed(['guardian'], 'dashboard', 'list')).toBe(true);
    expect(isAllowed(['province_officer'], 'dashboard', 'list')).toBe(true);
  });

  it('shows the system status page to the admin board and IT staff only', () => {
    expect(isAllowed(['admin_board'], 'status', 'list')).toBe(true);
    expect(isAllowed(['it_staff'], 'status', 'list')).toBe(true);
    expect(isAllowed(['principal'], 'status', 'list')).toBe(false);
    expect(isAllowed(['subject_teacher', 'homeroom_teacher'], 'status', 'list')).toBe(false);
  });

  it('denies a user whose roles could not be read', () => {
    expect(isAllowed([], 'dashboard', 'list')).toBe(false);
  });

  it('denies unknown resources and actions', () => {
    expect(isAllowed(['admin_board'], 'scores', 'list')).toBe(false);
    expect(isAllowed(['admin_board'], undefined, 'list')).toBe(false);
    expect(isAllowed(['admin_board'], 'status', 'fly')).toBe(false);
  });
});
