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

import { isAllowedOnRow } from './accessControlProvider.ts';
import { EMPTY_SCOPE, type Identity } from './userContext.ts';

const SCHOOL = 'school-a';
const OTHER = 'school-b';
function who(roles: Identity['roles'], scope: Partial<Identity['scope']> = {}): Pick<Identity, 'id' | 'roles' | 'scope' | 'schoolsByRole'> {
  return { id: 'me', roles, scope: { ...EMPTY_SCOPE, ...scope }, schoolsByRole: Object.fromEntries(roles.map((r) => [r, [SCHOOL]])) };
}

describe('isAllowedOnRow', () => {
  it('lets the admin board end enrolments of its own school only', () => {
    expect(isAllowedOnRow(who(['admin_board']), 'enrolments', 'edit', { school_id: SCHOOL, class_id: 'c1' })).toBe(true);
    expect(isAllowedOnRow(who(['admin_board']), 'enrolments', 'edit', { school_id: OTHER, class_id: 'c1' })).toBe(false);
  });

  it('never offers enrolment writes to a parent, a student, the nurse, the union officer, IT staff or a subject teacher', () => {
    const row = { school_id: SCHOOL, class_id: 'c1', student_id: 's1' };
    for (const role of ['guardian', 'student', 'nurse', 'union_officer', 'it_staff', 'subject_teacher'] as const) {
      expect(isAllowedOnRow(who([role], { guardian_student_ids: ['s1'], family_class_ids: ['c1'], assignments: [{ class_id: 'c1', subject_id: 'm' }] }), 'enrolments', 'edit', row)).toBe(false);
      expect(isAllowedOnRow(who([role]), 'enrolments', 'create', row)).toBe(false);
    }
  });

  it('lets a GVCN edit students of their homeroom class and not of another class', () => {
    const gvcn = who(['homeroom_teacher'], { homeroom_class_ids: ['10a1'] });
    expect(isAllowedOnRow(gvcn, 'students', 'edit', { school_id: SCHOOL, class_id: '10a1' })).toBe(true);
    expect(isAllowedOnRow(gvcn, 'students', 'edit', { school_id: SCHOOL, class_id: '10a2' })).toBe(false);
  });

  it('lets a subject teacher write the gradebook of their class × subject only', () => {
    const gv = who(['subject_teacher'], { assignments: [{ class_id: '10a1', subject_id: 'toan' }] });
    expect(isAllowedOnRow(gv, 'score_entries', 'edit', { class_id: '10a1', subject_id: 'toan' })).toBe(true);
    expect(isAllowedOnRow(gv, 'score_entries', 'edit', { class_id: '10a1', subject_id: 'van' })).toBe(false);
    expect(isAllowedOnRow(gv, 'score_entries', 'edit', { class_id: '10a2', subject_id: 'toan' })).toBe(false);
  });

  it('takes the widest role: a GVCN who also teaches reads the whole class, a subject elsewhere', () => {
    const both = who(['homeroom_teacher', 'subject_teacher'], { homeroom_class_ids: ['10a1'], assignments: [{ class_id: '10a2', subject_id: 'van' }] });
    expect(isAllowedOnRow(both, 'score_entries', 'list', { class_id: '10a1', subject_id: 'toan' })).toBe(true);
    expect(isAllowedOnRow(both, 'score_entries', 'list', { class_id: '10a2', subject_id: 'van' })).toBe(true);
    expect(isAllowedOnRow(both, 'score_entries', 'list', { class_id: '10a2', subject_id: 'toan' })).toBe(false);
  });

  it('reaches a department head the department and its teachers, not another department', () => {
    const head = who(['dept_head'], { department_ids: ['toan-tin'], department_teacher_ids: ['gv1'], department_assignments: [{ class_id: '10a1', subject_id: 'toan' }] });
    expect(isAllowedOnRow(head, 'inspections', 'create', { department_id: 'toan-tin' })).toBe(true);
    expect(isAllowedOnRow(head, 'inspections', 'create', { department_id: 'van' })).toBe(false);
    expect(isAllowedOnRow(head, 'inspections', 'create', { user_id: 'gv1' })).toBe(true);
    expect(isAllowedOnRow(head, 'inspections', 'create', { user_id: 'gv9' })).toBe(false);
  });

  it('reaches a guardian their own child and a student themself, nobody else', () => {
    const parent = who(['guardian'], { guardian_student_ids: ['s1'], family_class_ids: ['10a1'] });
    expect(isAllowedOnRow(parent, 'my_results', 'list', { student_id: 's1' })).toBe(true);
    expect(isAllowedOnRow(parent, 'my_results', 'list', { student_id: 's2' })).toBe(false);
    const student = who(['student'], { student_id: 's1', family_class_ids: ['10a1'] });
    expect(isAllowedOnRow(student, 'my_results', 'list', { student_id: 's1' })).toBe(true);
    expect(isAllowedOnRow(student, 'my_results', 'list', { student_id: 's2' })).toBe(false);
  });

  it('reaches a Phòng officer the BGH memberships of schools under it only', () => {
    const phong = who(['district_officer'], { officer_school_ids: [SCHOOL] });
    expect(isAllowedOnRow(phong, 'memberships', 'appoint', { school_id: SCHOOL })).toBe(true);
    expect(isAllowedOnRow(phong, 'memberships', 'appoint', { school_id: OTHER })).toBe(false);
  });

  it('offers password resets (the staff-accounts function) to the admin board and officers, never to teachers', () => {
    expect(isAllowed(['admin_board'], 'profiles', 'reset_password')).toBe(true);
    expect(isAllowed(['district_officer'], 'profiles', 'reset_password')).toBe(true);
    expect(isAllowed(['principal'], 'profiles', 'reset_password')).toBe(false);
    expect(isAllowed(['subject_teacher'], 'profiles', 'reset_password')).toBe(false);
    expect(isAllowedOnRow(who(['admin_board']), 'profiles', 'reset_password', { school_id: OTHER })).toBe(false);
  });
});

import { createAccessControlProvider } from './accessControlProvider.ts';
import type { UserContextStore } from './userContext.ts';

describe('the access-control provider', () => {
  const provider = (identity: ReturnType<typeof who> | null) => createAccessControlProvider({ get: async () => identity } as unknown as UserContextStore);

  it('lets every signed-in user, one without roles too, change their own password (account.edit), and nobody signed out', async () => {
    expect(isAllowed(['guardian'], 'account', 'edit')).toBe(true);
    expect(isAllowed(['province_officer'], 'account', 'edit')).toBe(true);
    expect((await provider(who([])).can({ resource: 'account', action: 'edit' })).can).toBe(true);
    expect((await provider(who([])).can({ resource: 'students', action: 'list' })).can).toBe(false);
    expect((await provider(null).can({ resource: 'account', action: 'edit' })).can).toBe(false);
  });
});
