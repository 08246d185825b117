// Issue 12, item 5: the admin hides an action on a row the caller's roles do not reach, from what the
// database says the caller's scopes reach (current_user_context().scope), not from tables the admin would
// have to read and re-interpret. Tried over HTTP as the demo users; compared with service-role reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { userContextSchema, type UserScope } from '../../admin/src/providers/userContext.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { serviceClient, signedIn } from '../helpers/stack.ts';

const T = (local: string) => `${local}@thpt-tandong.edu.vn`;
let year = '';
let school = '';

async function scopeOf(email: string): Promise<UserScope> {
  const { data, error } = await (await signedIn(email)).rpc('current_user_context');
  expect(error).toBeNull();
  const parsed = userContextSchema.parse(data);
  expect(parsed.scope).toBeTruthy();
  return parsed.scope!;
}

async function classId(name: string): Promise<string> {
  const { data } = await serviceClient().from('classes').select('id').eq('school_year_id', year).eq('name', name).single();
  return data!.id as string;
}

beforeAll(async () => {
  school = await unitOf('thpt-tandong');
  year = (await yearsOf(school)).current;
});

describe('current_user_context().scope', () => {
  it('names the GVCN of 10A1 the homeroom teacher of 10A1 only, and their Ngữ văn assignments', async () => {
    const scope = await scopeOf(T('gvcn.10a1'));
    expect(scope.homeroom_class_ids).toContain(await classId('10A1'));
    expect(scope.homeroom_class_ids).not.toContain(await classId('10A2'));
    const { data: own } = await serviceClient().from('teaching_assignments').select('class_id, subject_id').eq('teacher_id', await idOf(T('gvcn.10a1'))).eq('school_year_id', year).is('ended_at', null);
    expect(own!.length).toBeGreaterThan(0);
    expect(scope.assignments).toEqual(expect.arrayContaining(own!));
    expect(scope.guardian_student_ids).toEqual([]);
    expect(scope.student_id).toBeNull();
  });

  it('gives the subject teacher their Toán classes 10A1 and 11A1 (of every year they teach) and no homeroom class', async () => {
    const scope = await scopeOf(T('gv.toan'));
    expect(scope.homeroom_class_ids).toEqual([]);
    expect(scope.assignments.map((a) => a.class_id)).toEqual(expect.arrayContaining([await classId('10A1'), await classId('11A1')]));
    const { data: classes } = await serviceClient().from('classes').select('name').in('id', scope.assignments.map((a) => a.class_id));
    expect(new Set(classes!.map((c) => c.name))).toEqual(new Set(['10A1', '11A1']));
  });

  it('gives the department head their department and its teachers, a teacher none', async () => {
    const head = await scopeOf(T('totruong.toan'));
    expect(head.department_ids.length).toBeGreaterThan(0);
    expect(head.department_teacher_ids).toContain(await idOf(T('gv.toan')));
    expect(head.department_assignments.length).toBeGreaterThanOrEqual(head.assignments.length);
    expect((await scopeOf(T('gv.toan'))).department_teacher_ids).toEqual([]);
  });

  it('gives the parent her two children and their classes, the student themself, and neither a teacher', async () => {
    const svc = serviceClient();
    const { data: links } = await svc.from('guardians').select('student_id').eq('profile_id', await idOf(T('phuhuynh')));
    const children = links!.map((l) => l.student_id).sort();
    expect(children).toHaveLength(2);
    const parent = await scopeOf(T('phuhuynh'));
    expect([...parent.guardian_student_ids].sort()).toEqual(children);
    expect(parent.family_class_ids).toContain(await classId('10A1'));
    expect(parent.family_class_ids).toContain(await classId('12A1'));
    expect(parent.family_class_ids).not.toContain(await classId('10A2'));
    expect(parent.assignments).toEqual([]);
    const student = await scopeOf(T('hocsinh'));
    expect(children).toContain(student.student_id);
    expect(student.guardian_student_ids).toEqual([]);
  });

  it('gives the Phòng officer the primary school under it, the Sở both schools, a school\'s staff none', async () => {
    const primary = await unitOf('th-tandong');
    const phong = await scopeOf('phong@tanchau.edu.vn');
    expect(phong.officer_school_ids).toContain(primary);
    expect(phong.officer_school_ids).not.toContain(school);
    expect((await scopeOf('so@tayninh.edu.vn')).officer_school_ids).toEqual(expect.arrayContaining([school, primary]));
    expect((await scopeOf(T('bqt'))).officer_school_ids).toEqual([]);
  });
});

describe('students.can_edit', () => {
  it('is true for the GVCN on their class\'s students and false on another class\'s; the board edits both', async () => {
    const svc = serviceClient();
    const { data: rows } = await svc.from('enrolments').select('student_id, class_id').in('class_id', [await classId('10A1'), await classId('10A2')]).is('ended_on', null);
    const ids = rows!.map((r) => r.student_id as string);
    const ask = async (email: string) => {
      const { data, error } = await (await signedIn(email)).from('students').select('id, can_edit').in('id', ids);
      expect(error).toBeNull();
      return new Map((data ?? []).map((s) => [s.id as string, s.can_edit as boolean]));
    };
    // The GVCN of 10A1 also teaches Ngữ văn in 10A2, so reads both classes' students.
    const gvcn = await ask(T('gvcn.10a1'));
    const tenA1 = await classId('10A1');
    for (const r of rows!) expect(gvcn.get(r.student_id as string)).toBe(r.class_id === tenA1);
    const board = await ask(T('bqt'));
    expect([...board.values()].every((v) => v)).toBe(true);
    const parent = await ask(T('phuhuynh'));
    expect(parent.size).toBe(1);
    expect([...parent.values()]).toEqual([false]);
  });
});
