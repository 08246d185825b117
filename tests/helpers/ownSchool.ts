// A THPT school of a test's own, for the tests that need a complete period nobody has published: the demo
// publishes every past year of its schools (docs/DEMO.md), so such a period is built here, with the demo
// seed's own code path (buildSchool, loadDataset, loadGradebookYear: supabase/seed/). One school year,
// 2025–2026, complete (both semesters entered, re-tests and summer re-ratings done, results computable),
// classes 10A1, 11A1, 12A1 of a few students each, optionally locked by its principal's decision as the
// demo's past years are. Nothing is published. It hangs under a Sở of its own, so no demo office, school
// list or count moves. Its staff sign in with the demo password: hieutruong@, phohieutruong@, bqt@ and the
// generated teachers gv<n>@ of its domain. Made by the superuser, triggers on (audited, checked); like
// everything that holds records, never deleted (the stack is the test run's own).
import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';
import type pg from 'pg';
import { DEMO_PASSWORD } from '../../supabase/seed/demo.ts';
import { loadGradebookYear, lockYear } from '../../supabase/seed/gradebook.ts';
import { buildSchool, emptyDataset, loadDataset, mergeInto, stableId } from '../../supabase/seed/school.ts';

export const OWN_YEAR = '2025-2026';

export interface OwnClass {
  id: string;
  /** The GVCN's e-mail (signs in with the demo password). */
  gvcn: string;
  /** A teacher of the class who is not its GVCN. */
  teacher: string;
  /** Enrolled students' ids, in id order. */
  students: string[];
}

export interface OwnSchool {
  schoolId: string;
  yearId: string;
  name: string;
  domain: string;
  principal: string;
  vice: string;
  board: string;
  classes: Record<'10A1' | '11A1' | '12A1', OwnClass>;
}

/** Builds and loads the school in one transaction of `su` (a superuser client). */
export interface OwnSchoolOptions {
  studentsPerClass?: number;
  lock?: boolean;
  /** Classes whose first student (in id order) is absent over 45 days (→ not promoted). */
  manyAbsences?: ('10A1' | '11A1' | '12A1')[];
  /** Classes whose last student (in id order) fails Toán and Ngoại ngữ 1 (→ a re-test, entered as the year is complete). */
  weak?: ('10A1' | '11A1' | '12A1')[];
}

export async function createOwnSchool(su: pg.Client, opts: OwnSchoolOptions = {}): Promise<OwnSchool> {
  const tag = crypto.randomUUID().slice(0, 8);
  const code = `test-thpt-${tag}`;
  const domain = `${code}.test.local`;
  const name = `Trường THPT Thử ${tag}`;
  const data = emptyDataset();
  const soId = stableId(code, 'so');
  data.org_units.push({ id: soId, kind: 'province', parent_id: null, code: `test-so-${tag}`, name: `Sở GD&ĐT Thử ${tag}`, school_level: null });
  const leaders = { principal: `hieutruong@${domain}`, vice: `phohieutruong@${domain}`, board: `bqt@${domain}` };
  const school = buildSchool({
    code, name, level: 'upper_secondary', parentId: soId, years: [OWN_YEAR], sections: ['A1'],
    studentsPerClass: opts.studentsPerClass ?? 4, seed: Number.parseInt(tag, 16) % 1_000_000,
    studentCodePrefix: String(90000 + (Number.parseInt(tag, 16) % 10000)), teacherEmail: (n) => `gv${n}@${domain}`,
    // Cost 4: the same password as the demo's, checked as fast as a test wants.
    staffPasswordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
    leaders: [{ email: leaders.principal, roles: ['principal'] }, { email: leaders.vice, roles: ['vice_principal'] }, { email: leaders.board, roles: ['admin_board'] }],
  });
  mergeInto(data, school.data);
  const yearId = school.yearIds.get(OWN_YEAR)!;
  const emailOf = new Map(data.users.map((u) => [u.id, u.email!]));
  await su.query('begin');
  try {
    await loadDataset(su, data);
    const studentsOf = (c: string) => data.enrolments.filter((e) => e.class_id === data.classes.find((k) => k.name === c)!.id).map((e) => e.student_id).sort();
    await loadGradebookYear(su, {
      schoolId: school.schoolId, yearId, state: 'complete', seed: Number.parseInt(tag.slice(0, 6), 16),
      manyAbsences: (opts.manyAbsences ?? []).map((c) => studentsOf(c)[0]!),
      weak: (opts.weak ?? []).map((c) => ({ studentId: studentsOf(c).at(-1)!, subjects: ['toan', 'ngoai_ngu_1'] })),
    });
    if (opts.lock) {
      const id = (email: string) => data.users.find((u) => u.email === email)!.id;
      await lockYear(su, {
        schoolId: school.schoolId, yearId, principalId: id(leaders.principal), adminBoardId: id(leaders.board),
        number: `1/QĐ-${tag}`, decidedOn: '2026-08-10', summary: `Khoá sổ điểm năm học ${OWN_YEAR} (trường thử)`, note: 'Khoá theo quyết định',
      });
    }
    await su.query('commit');
  } catch (e) {
    await su.query('rollback');
    throw e;
  }
  const classes = {} as OwnSchool['classes'];
  for (const c of ['10A1', '11A1', '12A1'] as const) {
    const row = data.classes.find((k) => k.name === c)!;
    const teacher = data.teaching_assignments.find((a) => a.class_id === row.id && a.teacher_id !== row.homeroom_teacher_id)!.teacher_id;
    const students = data.enrolments.filter((e) => e.class_id === row.id).map((e) => e.student_id).sort();
    classes[c] = { id: row.id, gvcn: emailOf.get(row.homeroom_teacher_id)!, teacher: emailOf.get(teacher)!, students };
  }
  return { schoolId: school.schoolId, yearId, name, domain, ...leaders, classes };
}
