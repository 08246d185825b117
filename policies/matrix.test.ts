import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, LANGUAGES, ROLE_LABELS, SCOPE_LABELS } from './labels.ts';
import { NOT_BUILT, matrix } from './matrix.ts';
import { permissionTable } from './table.ts';
import {
  ACTIONS,
  RESOURCES,
  ROLES,
  SCOPES,
  isAction,
  isRole,
  isScope,
  scopeOf,
  type Matrix,
} from './types.ts';

// A matrix made up for the combining rules, independent of the real one.
const sample: Matrix = {
  ...(Object.fromEntries(RESOURCES.map((resource) => [resource, {}])) as Matrix),
  memberships: {
    guardian: { show: 'guardian_of' },
    subject_teacher: { list: 'assignment', show: 'assignment' },
    homeroom_teacher: { list: 'homeroom' },
    admin_board: { list: 'school' },
    province_officer: { list: 'province' },
  },
};

describe('scopeOf', () => {
  it('gives a teacher who is both GVBM and GVCN the wider homeroom scope', () => {
    expect(scopeOf(sample, ['subject_teacher', 'homeroom_teacher'], 'memberships', 'list')).toBe('homeroom');
    expect(scopeOf(sample, ['homeroom_teacher', 'subject_teacher'], 'memberships', 'list')).toBe('homeroom');
  });

  it('picks the widest scope whatever the order of the roles', () => {
    expect(scopeOf(sample, ['province_officer', 'admin_board', 'guardian'], 'memberships', 'list')).toBe('province');
    expect(scopeOf(sample, ['guardian', 'subject_teacher'], 'memberships', 'show')).toBe('assignment');
  });

  it('gives none to a role the resource does not mention', () => {
    expect(scopeOf(sample, ['nurse'], 'memberships', 'list')).toBe('none');
  });

  it('gives none for an action the role is not granted', () => {
    expect(scopeOf(sample, ['homeroom_teacher'], 'memberships', 'show')).toBe('none');
    expect(scopeOf(sample, ['admin_board'], 'memberships', 'delete')).toBe('none');
  });

  it('gives none to a user without roles', () => {
    expect(scopeOf(sample, [], 'memberships', 'list')).toBe('none');
    expect(scopeOf(matrix, [], 'dashboard', 'list')).toBe('none');
  });

  it('orders scopes from none to province as documented', () => {
    expect(SCOPES).toEqual([
      'none', 'self', 'guardian_of', 'assignment', 'homeroom', 'department', 'school', 'district', 'province',
    ]);
  });
});

describe('matrix', () => {
  it('lets every role open the dashboard for itself only', () => {
    for (const role of ROLES) expect(scopeOf(matrix, [role], 'dashboard', 'list')).toBe('self');
  });

  it('shows the system status page only to the admin board and IT staff', () => {
    const withPage = ROLES.filter((role) => scopeOf(matrix, [role], 'status', 'list') !== 'none');
    expect(withPage.sort()).toEqual(['admin_board', 'it_staff']);
    expect(scopeOf(matrix, ['it_staff'], 'status', 'show')).toBe('school');
    expect(scopeOf(matrix, ['subject_teacher'], 'status', 'show')).toBe('self');
  });

  it('lets everybody read their own memberships and the admin board those of its school', () => {
    for (const role of ROLES) expect(scopeOf(matrix, [role], 'memberships', 'show')).not.toBe('none');
    expect(scopeOf(matrix, ['subject_teacher'], 'memberships', 'list')).toBe('self');
    expect(scopeOf(matrix, ['principal'], 'memberships', 'list')).toBe('school');
    expect(scopeOf(matrix, ['guardian', 'admin_board'], 'memberships', 'list')).toBe('school');
    expect(scopeOf(matrix, ['admin_board'], 'memberships', 'edit')).toBe('school');
    expect(scopeOf(matrix, ['principal'], 'memberships', 'edit')).toBe('none');
  });

  it('keeps subject teachers and the nurse away from the full profile, officers away from students', () => {
    expect(scopeOf(matrix, ['subject_teacher'], 'students', 'list')).toBe('assignment');
    expect(scopeOf(matrix, ['subject_teacher'], 'student_details', 'list')).toBe('none');
    expect(scopeOf(matrix, ['subject_teacher'], 'guardians', 'list')).toBe('none');
    expect(scopeOf(matrix, ['nurse'], 'student_details', 'show')).toBe('none');
    expect(scopeOf(matrix, ['district_officer'], 'students', 'list')).toBe('none');
    expect(scopeOf(matrix, ['district_officer'], 'school_summaries', 'list')).toBe('district');
    expect(scopeOf(matrix, ['homeroom_teacher'], 'students', 'edit')).toBe('homeroom');
  });

  it('lists not-built cells apart from the matrix, so the admin hides them', () => {
    for (const cell of NOT_BUILT) for (const role of ROLES) expect(scopeOf(matrix, [role], cell.resource, cell.action)).toBe('none');
  });
});

describe('permission table', () => {
  it('has a Vietnamese row per granted resource and action, with scope labels per role', () => {
    const rows = permissionTable('vi');
    const listStudents = rows.find((r) => r.key === 'students.list')!;
    expect(listStudents.label).toBe('Học sinh — Xem danh sách');
    expect(listStudents.cells.subject_teacher).toBe('Lớp – môn được phân công');
    expect(listStudents.cells.district_officer).toBe('');
    expect(rows.find((r) => r.key === 'students.delete')).toBeUndefined();
    expect(rows.find((r) => r.key === 'students.export')?.status).toBe('not_built');
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('has an entry for every resource and only known roles, actions and scopes', () => {
    expect(Object.keys(matrix).sort()).toEqual([...RESOURCES].sort());
    for (const grants of Object.values(matrix)) {
      for (const [role, actions] of Object.entries(grants)) {
        expect(isRole(role), role).toBe(true);
        for (const [action, scope] of Object.entries(actions ?? {})) {
          expect(isAction(action), action).toBe(true);
          expect(isScope(scope), String(scope)).toBe(true);
        }
      }
    }
  });
});

describe('labels', () => {
  const nonEmpty = (value: string) => value.trim().length > 0;

  it('names every role in Vietnamese and English, each name different', () => {
    for (const language of LANGUAGES) {
      const names = ROLES.map((role) => ROLE_LABELS[role][language]);
      expect(names.every(nonEmpty), language).toBe(true);
      expect(new Set(names).size, language).toBe(ROLES.length);
    }
    expect(ROLE_LABELS.principal.vi).toBe('Hiệu trưởng');
    expect(ROLE_LABELS.subject_teacher.vi).toBe('Giáo viên bộ môn');
  });

  it('names every action and scope in both languages', () => {
    for (const language of LANGUAGES) {
      expect(ACTIONS.every((action) => nonEmpty(ACTION_LABELS[action][language]))).toBe(true);
      expect(SCOPES.every((scope) => nonEmpty(SCOPE_LABELS[scope][language]))).toBe(true);
    }
  });
});
