// Fixture of the generated matrix test: a Sở with two Phòng, one school under each, a current school
// year containing app_today(), two classes per school (10A1 with the GVCN under test, 10A2 with a second
// GVCN who is not an actor, only the control of homeroom writes outside the actor's class), two scored
// subjects and a comment-only one, a department (the GVBM a member, the Tổ trưởng its head),
// teaching assignments (GVBM → 10A1 × subject 1, Tổ trưởng → 10A2 × subject 2), four students with
// details, guardians and exemptions (subject 2, semester I), and one real auth user per role per school
// (plus a Phòng officer and a Sở officer), each signed in through supabase-js. Everything carries a
// per-run tag, so it never collides with the demo seed or other tests. Built with the superuser (setup
// is not what is under test); spare accounts without roles serve as targets of membership writes.
//
// Gradebook (TT22) of each school: score entries of an assigned class × subject (10A1 × subject 1,
// 10A2 × subject 2), of the comment-only subject nobody is assigned to (both classes), and a re-test
// entry of 10A1; subject comments, conduct ratings and absences in both classes; a principal's lock
// decision and unlock decision, and the admin board's lock of 10A2's semester II. Every write of the test goes to semester I
// or the re-test sheet (semester II of 10A2 is locked; semester II of 10A1 is where the lock-event
// cells lock and unlock), so locks never make a write fail.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { SupabaseClient } from '@supabase/supabase-js';
import { SCHOOL_ROLES } from '../../../policies/matrix.ts';
import type { Role } from '../../../policies/types.ts';
import { createUser, signedIn, superuser } from '../stack.ts';

export interface FxUser {
  id: string;
  email: string;
  role: Role;
  /** The school of a school role; undefined for officers. */
  school?: string;
  /** Org unit of the membership (school, Phòng or Sở). */
  unit: string;
  /** Untyped on purpose: the matrix suite addresses tables and RPCs by name, from the matrix's data. */
  client: SupabaseClient;
  /** Filled for GVCN / GVBM / Tổ trưởng / guardian / student. */
  homeroomClasses: string[];
  assignedClasses: string[];
  /** `class|subject` pairs of the user's own active assignments (GVBM, Tổ trưởng). */
  assignedPairs: string[];
  /** `class|subject` pairs taught by the members of the department the user heads (Tổ trưởng). */
  departmentPairs: string[];
  children: string[];
  ownStudent?: string;
}

export interface FxSchool {
  id: string;
  district: string;
  year: string;
  c1: string;
  c2: string;
  /** 10A3: no students; its semester II carries the lock events (a locked class takes no enrolment). */
  c3: string;
  students: string[]; // s1, s2 in 10A1; s3, s4 in 10A2
  department: string;
  users: Record<string, FxUser>;
  spares: string[];
  /** GVCN of 10A2: not an actor, the allowed role controlling homeroom writes outside 10A1. */
  c2Homeroom: FxUser;
  /** The principal's lock decision (quyết định khoá sổ) of the year, cited by lock events. */
  decision: string;
  /** The principal's unlock decision (quyết định mở khoá sổ) of the year, unused: it opens one period once. */
  unlockDecision: string;
  /** The admin board's lock event (10A3, semester II). */
  lockEvent: string;
}

export interface Fixture {
  run: string;
  su: pg.Client;
  today: string;
  yearStart: string;
  province: string;
  districts: [string, string];
  /** Two scored subjects (national catalogue, both schools). */
  subjects: [string, string];
  /** A comment-only subject (Đ/CĐ) every class takes and nobody is assigned to. */
  commentSubject: string;
  a: FxSchool;
  b: FxSchool;
  districtOfficer: FxUser;
  provinceOfficer: FxUser;
  /** A fresh, unique token for names and codes. */
  uniq: () => string;
}

type R = Record<'id' | 'today' | 's' | 'e1' | 's2' | 'e' | 'y', string>;
async function one<T = R>(su: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await su.query(sql, params);
  return rows[0] as T;
}

async function account(su: pg.Client, label: string) {
  const user = await createUser();
  await su.query(`insert into public.profiles (id, full_name, email) values ($1, $2, $3)`, [user.id, label, user.email]);
  return user;
}

export async function buildFixture(): Promise<Fixture> {
  const su = await superuser();
  const run = crypto.randomBytes(4).toString('hex');
  let counter = 0;
  const uniq = () => `${run}${(counter++).toString(36).padStart(3, '0')}`;
  const { today } = await one(su, `select public.app_today()::text as today`);
  const y = await one(su, `select ($1::date - 60)::text as s, ($1::date + 30)::text as e1, ($1::date + 31)::text as s2, ($1::date + 200)::text as e,
                                  extract(year from $1::date - 60)::int as y`, [today]);
  const code = `${y.y}-${Number(y.y) + 1}`;

  const unit = async (kind: string, parent: string | null, name: string) =>
    (await one(su, `insert into public.org_units (kind, parent_id, code, name, school_level) values ($1, $2, $3, $4, $5) returning id`,
      [kind, parent, `t-${run}-${name}`, `${name} ${run}`, kind === 'school' ? 'upper_secondary' : null])).id;
  const province = await unit('province', null, 'so');
  const districts: [string, string] = [await unit('district', province, 'phong1'), await unit('district', province, 'phong2')];
  const subject = async (n: number, kind = 'scored') =>
    (await one(su, `insert into public.subjects (school_level, code, name, assessment_kind, category, default_periods_per_year)
                    values ('upper_secondary', $1, $2, $3, 'compulsory', 105) returning id`, [`t${run}_${n}`, `Môn ${n} ${run}`, kind])).id;
  const subjects: [string, string] = [await subject(1), await subject(2)];
  const commentSubject = await subject(3, 'comment');

  async function school(tag: string, district: string): Promise<FxSchool> {
    const id = await unit('school', district, tag);
    const year = (await one(su, `insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
                                 values ($1, $2, $3, $4, $5, $6) returning id`, [id, code, y.s, y.e1, y.s2, y.e])).id;
    const created = await Promise.all(SCHOOL_ROLES.map((role) => account(su, `Người ${role} ${tag}`)));
    const spares = await Promise.all([0, 1, 2, 3, 4].map((i) => account(su, `Dự phòng ${i} ${tag}`)));
    const users: Record<string, FxUser> = {};
    SCHOOL_ROLES.forEach((role, i) => {
      const u = created[i]!;
      users[role] = { id: u.id, email: u.email, role, school: id, unit: id, client: undefined as unknown as SupabaseClient,
        homeroomClasses: [], assignedClasses: [], assignedPairs: [], departmentPairs: [], children: [] };
      (users[role] as FxUser & { password: string }).password = u.password;
    });
    for (const role of SCHOOL_ROLES) {
      await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, $4)`,
        [users[role]!.id, id, year, role]);
    }
    // The spare accounts were created by the school's board (as the staff-accounts function records it),
    // so the board may grant them roles.
    for (const spare of spares) {
      await su.query(`insert into public.account_events (school_id, kind, profile_id, actor_id, actor_role) values ($1, 'create', $2, $3, 'admin_board')`,
        [id, spare.id, users.admin_board!.id]);
    }
    // The GVCN of 10A2: a homeroom teacher of the school who is not one of the actors.
    const gvcn2 = await account(su, `GVCN 10A2 ${tag}`);
    await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'homeroom_teacher')`, [gvcn2.id, id, year]);
    const c2Homeroom = { id: gvcn2.id, email: gvcn2.email, role: 'homeroom_teacher', school: id, unit: id, client: undefined as unknown as SupabaseClient,
      homeroomClasses: [], assignedClasses: [], assignedPairs: [], departmentPairs: [], children: [], password: gvcn2.password } as FxUser;
    const cls = async (name: string, homeroom: string | null) =>
      (await one(su, `insert into public.classes (school_id, school_year_id, grade, name, homeroom_teacher_id) values ($1, $2, 10, $3, $4) returning id`,
        [id, year, name, homeroom])).id;
    const c1 = await cls('10A1', users.homeroom_teacher!.id);
    const c2 = await cls('10A2', gvcn2.id);
    const c3 = await cls('10A3', null);
    c2Homeroom.homeroomClasses = [c2];
    for (const c of [c1, c2]) for (const s of [...subjects, commentSubject]) {
      await su.query(`insert into public.class_subjects (school_id, school_year_id, class_id, subject_id, periods_per_year) values ($1, $2, $3, $4, 105)`, [id, year, c, s]);
    }
    await su.query(`insert into public.teaching_assignments (school_id, school_year_id, class_id, subject_id, teacher_id) values ($1, $2, $3, $4, $5), ($1, $2, $6, $7, $8)`,
      [id, year, c1, subjects[0], users.subject_teacher!.id, c2, subjects[1], users.dept_head!.id]);
    const department = (await one(su, `insert into public.departments (school_id, name) values ($1, $2) returning id`, [id, `Tổ ${run} ${tag}`])).id;
    await su.query(`insert into public.department_members (school_id, school_year_id, department_id, profile_id, is_head) values ($1, $2, $3, $4, false), ($1, $2, $3, $5, true)`,
      [id, year, department, users.subject_teacher!.id, users.dept_head!.id]);
    const students: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sid = (await one(su, `insert into public.students (school_id, student_code, family_name, middle_name, given_name, gender, birth_date, profile_id)
                                  values ($1, $2, 'Nguyễn', 'Văn', $3, 'male', '2010-05-0${i + 1}', $4) returning id`,
        [id, `${run}${tag}${i}`.replace(/[^0-9A-Za-z]/g, ''), `Học${i}`, i === 0 ? users.student!.id : null])).id;
      students.push(sid);
      await su.query(`insert into public.student_details (student_id, school_id, birth_place) values ($1, $2, 'Hà Nội')`, [sid, id]);
      await su.query(`insert into public.guardians (school_id, student_id, relationship, full_name, profile_id) values ($1, $2, 'mother', 'Trần Thị Mẹ', $3)`,
        [id, sid, i === 0 ? users.guardian!.id : null]);
      await su.query(`insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on) values ($1, $2, $3, $4, $5)`,
        [id, year, sid, i < 2 ? c1 : c2, y.s]);
      await su.query(`insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason) values ($1, $2, $3, $4, 1, 'Sức khoẻ')`,
        [id, year, sid, subjects[1]]);
    }
    users.homeroom_teacher!.homeroomClasses = [c1];
    users.subject_teacher!.assignedClasses = [c1];
    users.dept_head!.assignedClasses = [c2];
    users.subject_teacher!.assignedPairs = [`${c1}|${subjects[0]}`];
    users.dept_head!.assignedPairs = [`${c2}|${subjects[1]}`];
    // The Tổ trưởng heads the department whose members are the GVBM and itself.
    users.dept_head!.departmentPairs = [`${c1}|${subjects[0]}`, `${c2}|${subjects[1]}`];
    users.guardian!.children = [students[0]!];
    users.student!.ownStudent = students[0]!;

    // Gradebook rows (TT22). Scores of 10A1 × subject 1 (the GVBM's) and 10A2 × subject 2 (the Tổ
    // trưởng's; semester II, the students are exempt from subject 2 in semester I), ratings of the
    // comment-only subject nobody teaches, a re-test of 10A1 × subject 1.
    const [s1, s2, s3, s4] = students as [string, string, string, string];
    const entry = (cls: string, student: string, subj: string, semester: number | null, kind: string, score: number | null, rating: boolean | null, by: string) =>
      su.query(`insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score, rating, entered_by)
                values ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10)`, [id, year, cls, student, subj, semester, kind, score, rating, by]);
    await entry(c1, s1, subjects[0], 1, 'tx', 8, null, users.subject_teacher!.id);
    await entry(c1, s2, subjects[0], 1, 'tx', 6.5, null, users.subject_teacher!.id);
    await entry(c1, s2, subjects[0], null, 'retest', 6, null, users.homeroom_teacher!.id);
    await entry(c1, s1, commentSubject, 1, 'tx', null, true, users.homeroom_teacher!.id);
    await entry(c1, s2, commentSubject, 1, 'tx', null, false, users.homeroom_teacher!.id);
    await entry(c2, s3, subjects[1], 2, 'tx', 7, null, users.dept_head!.id);
    await entry(c2, s4, subjects[1], 2, 'tx', 5, null, users.dept_head!.id);
    await entry(c2, s3, commentSubject, 1, 'tx', null, true, gvcn2.id);
    const comment = (cls: string, student: string, subj: string, by: string) =>
      su.query(`insert into public.subject_comments (school_id, school_year_id, class_id, student_id, subject_id, semester, comment, entered_by)
                values ($1, $2, $3, $4, $5, 1, 'Chăm chỉ, tiến bộ', $6)`, [id, year, cls, student, subj, by]);
    await comment(c1, s1, subjects[0], users.subject_teacher!.id);
    await comment(c1, s2, commentSubject, users.homeroom_teacher!.id);
    await comment(c2, s3, subjects[1], users.dept_head!.id);
    for (const [cls, student, by] of [[c1, s1, users.homeroom_teacher!.id], [c2, s3, gvcn2.id]] as const) {
      await su.query(`insert into public.conduct_ratings (school_id, school_year_id, class_id, student_id, semester, level, entered_by)
                      values ($1, $2, $3, $4, 1, 'tot', $5)`, [id, year, cls, student, by]);
      await su.query(`insert into public.attendance (school_id, school_year_id, class_id, student_id, on_date, excused, reason, entered_by)
                      values ($1, $2, $3, $4, $5::date + 1, true, 'Ốm', $6)`, [id, year, cls, student, y.s, by]);
    }
    const decision = (await one(su, `insert into public.lock_decisions (school_id, school_year_id, decided_by, number, summary)
                                     values ($1, $2, $3, $4, 'Khoá sổ điểm học kỳ II lớp 10A3') returning id`, [id, year, users.principal!.id, `QĐ-${run}-${tag}`])).id;
    const unlockDecision = (await one(su, `insert into public.lock_decisions (school_id, school_year_id, decided_by, number, summary, action)
                                     values ($1, $2, $3, $4, 'Mở khoá sổ điểm học kỳ II', 'unlock') returning id`, [id, year, users.principal!.id, `QĐ-MK-${run}-${tag}`])).id;
    const lockEvent = (await one(su, `insert into public.gradebook_locks (school_id, school_year_id, semester, class_id, action, decision_id, created_by)
                                      values ($1, $2, 2, $3, 'lock', $4, $5) returning id::text as id`, [id, year, c3, decision, users.admin_board!.id])).id;
    return { id, district, year, c1, c2, c3, students, department, users, spares: spares.map((s) => s.id), c2Homeroom, decision, unlockDecision, lockEvent };
  }

  const a = await school('a', districts[0]);
  const b = await school('b', districts[1]);
  const officer = async (role: Role, unitId: string): Promise<FxUser> => {
    const u = await account(su, `Cán bộ ${role}`);
    await su.query(`insert into public.memberships (profile_id, org_unit_id, role) values ($1, $2, $3)`, [u.id, unitId, role]);
    return { id: u.id, email: u.email, role, unit: unitId, client: undefined as unknown as SupabaseClient,
      homeroomClasses: [], assignedClasses: [], assignedPairs: [], departmentPairs: [], children: [], password: u.password } as FxUser;
  };
  const districtOfficer = await officer('district_officer', districts[0]);
  const provinceOfficer = await officer('province_officer', province);
  const everyone = [...Object.values(a.users), ...Object.values(b.users), a.c2Homeroom, b.c2Homeroom, districtOfficer, provinceOfficer];
  await Promise.all(everyone.map(async (u) => {
    u.client = await signedIn(u.email, (u as FxUser & { password: string }).password);
  }));
  return { run, su, today, yearStart: y.s, province, districts, subjects, commentSubject, a, b, districtOfficer, provinceOfficer, uniq };
}
