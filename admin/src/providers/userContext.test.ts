import { describe, expect, it } from 'vitest';
import { currentMemberships, identityFrom, identityWithoutContext, type Membership } from './userContext.ts';

type Unit = Pick<Membership, 'org_unit_id' | 'org_unit_name' | 'org_unit_kind'>;
const school: Unit = { org_unit_id: 's1', org_unit_name: 'Trường THPT Tân Đông', org_unit_kind: 'school' };
// The database marks 2026-2027 current (the demo's pinned today falls in it); 2027-2028 is prepared
// but has not started.
const m = (school_year: string | null, role: string, unit: Unit = school): Membership => ({
  ...unit, school_year, current: school_year === null || school_year === '2026-2027', role,
});

describe('currentMemberships', () => {
  it('keeps the memberships of the year the database calls current, not a later one prepared in advance', () => {
    const all = [m('2024-2025', 'subject_teacher'), m('2026-2027', 'homeroom_teacher'), m('2026-2027', 'subject_teacher'), m('2025-2026', 'dept_head'), m('2027-2028', 'principal')];
    expect(currentMemberships(all).map((x) => `${x.school_year} ${x.role}`)).toEqual([
      '2026-2027 homeroom_teacher',
      '2026-2027 subject_teacher',
    ]);
  });

  it('keeps the year-less memberships of a Phòng or Sở officer', () => {
    const phong: Unit = { org_unit_id: 'p1', org_unit_name: 'Phòng GD&ĐT Tân Châu', org_unit_kind: 'district' };
    expect(currentMemberships([m(null, 'district_officer', phong)])).toHaveLength(1);
  });
});

describe('identityFrom', () => {
  it('gives the header the full name, the school and the current roles in matrix order', () => {
    const identity = identityFrom(
      {
        user_id: 'u1',
        email: 'gvcn.10a1@thpt-tandong.edu.vn',
        full_name: 'Nguyễn Thị Lan',
        today: '2026-11-23',
        memberships: [m('2025-2026', 'dept_head'), m('2026-2027', 'subject_teacher'), m('2026-2027', 'homeroom_teacher'), m('2026-2027', 'future_role')],
      },
      'ignored@example.org',
    );
    expect(identity.name).toBe('Nguyễn Thị Lan');
    expect(identity.orgUnits).toEqual(['Trường THPT Tân Đông']);
    expect(identity.roles).toEqual(['homeroom_teacher', 'subject_teacher']);
    expect(identity.memberships).toHaveLength(4);
    expect(identity.contextError).toBeNull();
  });

  it('names a user without a profile by their email', () => {
    const identity = identityFrom({ user_id: 'u2', email: null, full_name: '  ', today: '2026-11-23', memberships: [] }, 'a@b.vn');
    expect(identity.name).toBe('a@b.vn');
    expect(identity.roles).toEqual([]);
  });
});

describe('identityWithoutContext', () => {
  it('keeps the email and grants no role when current_user_context fails', () => {
    const identity = identityWithoutContext({ id: 'u3', email: 'x@y.vn' }, 'function not found');
    expect(identity).toMatchObject({ name: 'x@y.vn', roles: [], current: [], contextError: 'function not found' });
  });
});
