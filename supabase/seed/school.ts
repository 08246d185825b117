// One school's data, generated in memory (pure, deterministic), and the set-based loader that writes a
// whole dataset in one multi-row statement per table. The demo seed (demo.ts) and the scale generator
// (scripts/generate.ts) both go through buildSchool() and loadDataset(); only the sizes and the pinned
// demo accounts differ. One statement per table also means one audit entry per table and chain.
import crypto from 'node:crypto';
import type pg from 'pg';
import {
  BIRTH_PLACES, DEPARTMENTS, ETHNICITIES, HOMETOWNS, OCCUPATIONS, PRIMARY_HOMEROOM_SUBJECTS, RELIGIONS, RESIDENCES,
  SUBJECTS, baseSubject, classProgramme, type SchoolLevel,
} from './catalogue.ts';
import { personName, pick, pickWeighted, rng, type Gender } from './names.ts';
import type { Role } from '../../policies/types.ts';
import type { Database, Enums, Tables } from '../functions/_shared/database.ts';


/** A uuid derived from a name (sha-256, version-5 layout): the same parts give the same id on every run. */
export function stableId(...parts: (string | number)[]): string {
  const h = crypto.createHash('sha256').update(parts.join('/')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Dates of a Vietnamese school year "YYYY-YYYY": 5 Sept → mid-January → 31 May. */
export function schoolYearDates(code: string) {
  const start = Number(code.slice(0, 4));
  return {
    starts_on: `${start}-09-05`,
    semester1_ends_on: `${start + 1}-01-16`,
    semester2_starts_on: `${start + 1}-01-18`,
    ends_on: `${start + 1}-05-31`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Rows, named and shaped like the tables they go to
// ---------------------------------------------------------------------------------------------------
export interface UserRow { id: string; email: string | null; encrypted_password: string | null; full_name: string; login: boolean }
type Row<T extends keyof Database['public']['Tables'], K extends keyof Tables<T>> = Pick<Tables<T>, K>;
export type ProfileRow = Row<'profiles', 'id' | 'full_name' | 'email'>;
export type OrgUnitRow = Row<'org_units', 'id' | 'kind' | 'parent_id' | 'code' | 'name' | 'school_level'>;
export type SchoolYearRow = Row<'school_years', 'id' | 'school_id' | 'code' | 'starts_on' | 'semester1_ends_on' | 'semester2_starts_on' | 'ends_on'>;
export type MembershipRow = Row<'memberships', 'profile_id' | 'org_unit_id' | 'school_year_id' | 'role'>;
export type DepartmentRow = Row<'departments', 'id' | 'school_id' | 'name'>;
export type DepartmentMemberRow = Row<'department_members', 'school_id' | 'school_year_id' | 'department_id' | 'profile_id' | 'is_head'>;
export type ClassRow = Row<'classes', 'id' | 'school_id' | 'school_year_id' | 'grade' | 'name'> & { homeroom_teacher_id: string };
/** The seed names a subject by level and code; the id is looked up when the rows are written. */
export interface SubjectRef { subject_level: SchoolLevel; subject_code: string }
export type ClassSubjectRow = SubjectRef & Row<'class_subjects', 'school_id' | 'school_year_id' | 'class_id' | 'periods_per_year'>;
export type AssignmentRow = SubjectRef & Row<'teaching_assignments', 'school_id' | 'school_year_id' | 'class_id' | 'teacher_id'>;
export type StudentRow = Row<'students', 'id' | 'school_id' | 'student_code' | 'family_name' | 'middle_name' | 'given_name' | 'gender' | 'birth_date' | 'profile_id'>;
export type StudentDetailRow = Row<'student_details', 'student_id' | 'school_id' | 'birth_place' | 'ethnicity' | 'religion' | 'hometown' | 'residence' | 'priority_group'>;
export type GuardianRow = Row<'guardians', 'id' | 'school_id' | 'student_id' | 'relationship' | 'full_name' | 'occupation' | 'phone' | 'profile_id'>;
export type EnrolmentStart = Enums<'enrolment_start'>;
export type EnrolmentEnd = Enums<'enrolment_end'>;
export type EnrolmentRow = Row<'enrolments', 'id' | 'school_id' | 'school_year_id' | 'student_id' | 'class_id' | 'started_on' | 'start_reason' | 'transferred_from' | 'ended_on' | 'end_reason' | 'end_note'>;
export type ExemptionRow = SubjectRef & Row<'subject_exemptions', 'school_id' | 'school_year_id' | 'student_id' | 'semester' | 'reason'>;

export interface Dataset {
  users: UserRow[];
  org_units: OrgUnitRow[];
  school_years: SchoolYearRow[];
  memberships: MembershipRow[];
  departments: DepartmentRow[];
  department_members: DepartmentMemberRow[];
  classes: ClassRow[];
  class_subjects: ClassSubjectRow[];
  teaching_assignments: AssignmentRow[];
  students: StudentRow[];
  student_details: StudentDetailRow[];
  guardians: GuardianRow[];
  enrolments: EnrolmentRow[];
  subject_exemptions: ExemptionRow[];
}

export function emptyDataset(): Dataset {
  return {
    users: [], org_units: [], school_years: [], memberships: [], departments: [], department_members: [], classes: [],
    class_subjects: [], teaching_assignments: [], students: [], student_details: [], guardians: [], enrolments: [],
    subject_exemptions: [],
  };
}

export function mergeInto(target: Dataset, src: Dataset): Dataset {
  for (const k of Object.keys(target) as (keyof Dataset)[]) (target[k] as unknown[]).push(...(src[k] as unknown[]));
  return target;
}

// ---------------------------------------------------------------------------------------------------
// One school
// ---------------------------------------------------------------------------------------------------
export interface SchoolSpec {
  /** org_units.code; also the namespace of every id of the school. */
  code: string;
  name: string;
  level: 'upper_secondary' | 'primary';
  parentId: string;
  /** School years, oldest first; the last is the current one (its enrolments stay open). */
  years: string[];
  /** Class sections per grade: ['A1', 'A2'] → 10A1, 10A2… */
  sections: string[];
  studentsPerClass: number;
  seed: number;
  /** Five digits that start every student code of the school (codes are 10 digits). */
  studentCodePrefix: string;
  /** Email of generated teacher n (1-based). */
  teacherEmail: (n: number) => string;
  /** bcrypt hash generated staff sign in with, or null for an unusable password. */
  staffPasswordHash: string | null;
  /** Generated leadership accounts (bench schools), with their roles in every year. */
  leaders?: { email: string; roles: Role[] }[];
  /** Demo accounts with fixed duties (their profiles and memberships are made by the caller). */
  pins?: {
    homerooms?: Record<string, string>;
    assignments?: { profileId: string; subject: string; classes: string[] }[];
    deptHeads?: Record<string, string>;
  };
}

export interface BuiltSchool {
  data: Dataset;
  schoolId: string;
  yearIds: Map<string, string>;
  /** `${year}/${className}` → class id */
  classIds: Map<string, string>;
  /** `${gradeInFirstYear}/${section}` → the cohort's student rows, in generation order */
  cohorts: Map<string, StudentRow[]>;
}

/** Classes of one subject a generated teacher takes on (upper secondary / primary specialists). */
const LOAD = { upper_secondary: 6, primary: 10 } as const;

function phone(r: () => number): string {
  const prefix = pick(r, ['090', '091', '093', '097', '098', '086', '035', '036', '037', '070', '079', '081', '083']);
  let s = prefix;
  for (let i = 0; i < 7; i++) s += Math.floor(r() * 10);
  return s;
}

function isoDate(y: number, dayOfYear: number): string {
  const d = new Date(Date.UTC(y, 0, 1 + dayOfYear));
  return d.toISOString().slice(0, 10);
}

/** An unusable password hash: bcrypt-shaped, of no known password. */
export function unusableHash(): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return '$2a$10$' + Array.from(crypto.randomBytes(53), (b) => alphabet[b % 64]).join('');
}

export function buildSchool(spec: SchoolSpec): BuiltSchool {
  const r = rng(spec.seed);
  const data = emptyDataset();
  const id = (...p: (string | number)[]) => stableId(spec.code, ...p);
  const schoolId = id('school');
  const grades = spec.level === 'upper_secondary' ? [10, 11, 12] : [1, 2, 3, 4, 5];
  const gmin = grades[0]!, gmax = grades[grades.length - 1]!;
  data.org_units.push({ id: schoolId, kind: 'school', parent_id: spec.parentId, code: spec.code, name: spec.name, school_level: spec.level });

  const yearIds = new Map<string, string>();
  for (const y of spec.years) {
    const yid = id('year', y);
    yearIds.set(y, yid);
    data.school_years.push({ id: yid, school_id: schoolId, code: y, ...schoolYearDates(y) });
  }
  const current = spec.years[spec.years.length - 1]!;
  const passwordHash = spec.staffPasswordHash;
  const newStaff = (key: string, email: string, gender?: Gender) => {
    const pid = id('staff', key);
    const name = personName(r, gender);
    data.users.push({ id: pid, email, encrypted_password: passwordHash, full_name: name.full, login: passwordHash !== null });
    return pid;
  };
  for (const l of spec.leaders ?? []) {
    const pid = newStaff(l.email, l.email);
    for (const y of spec.years) for (const role of l.roles) data.memberships.push({ profile_id: pid, org_unit_id: schoolId, school_year_id: yearIds.get(y)!, role });
  }

  // Classes and what they take (the same pattern every year).
  const classes: { grade: number; section: string; sectionIndex: number; name: string; programme: ReturnType<typeof classProgramme> }[] = [];
  for (const g of grades) {
    spec.sections.forEach((section, sectionIndex) =>
      classes.push({ grade: g, section, sectionIndex, name: `${g}${section}`, programme: classProgramme(spec.level, g, sectionIndex) }));
  }

  // Teachers. Pinned (class, subject) pairs go to their demo account; primary homeroom subjects to the
  // homeroom teacher; the rest to pools per teaching subject, sized by the classes to cover.
  const pinned = new Map<string, string>(); // `${class}/${subject}` → profile
  for (const p of spec.pins?.assignments ?? []) for (const c of p.classes) pinned.set(`${c}/${p.subject}`, p.profileId);
  const slots = new Map<string, number>();
  for (const c of classes) {
    for (const s of c.programme) {
      if (pinned.has(`${c.name}/${s.code}`)) continue;
      if (spec.level === 'primary' && PRIMARY_HOMEROOM_SUBJECTS.has(s.code)) continue;
      const b = baseSubject(s.code);
      slots.set(b, (slots.get(b) ?? 0) + 1);
    }
  }
  let teacherNo = 0;
  const generated = new Set<string>();
  const nextTeacher = () => {
    teacherNo += 1;
    const pid = newStaff(`teacher-${teacherNo}`, spec.teacherEmail(teacherNo));
    generated.add(pid);
    return pid;
  };
  const pools = new Map<string, string[]>();
  for (const [b, n] of slots) pools.set(b, Array.from({ length: Math.ceil(n / LOAD[spec.level]) }, nextTeacher));
  const primaryHomeroom = new Map<string, string>(); // class name → teacher (primary: one per class, every year)
  if (spec.level === 'primary') {
    for (const c of classes) primaryHomeroom.set(c.name, spec.pins?.homerooms?.[c.name] ?? nextTeacher());
  }

  const classIds = new Map<string, string>();
  for (const y of spec.years) {
    const yid = yearIds.get(y)!;
    const counters = new Map<string, number>();
    const homeroomTaken = new Set<string>();
    const roles = new Map<string, Set<Role>>();
    const addRole = (pid: string, role: Role) => {
      if (!generated.has(pid)) return; // demo accounts carry the roles DEMO.md gives them
      if (!roles.has(pid)) roles.set(pid, new Set());
      roles.get(pid)!.add(role);
    };
    const teachesInYear = new Map<string, Set<string>>(); // teacher → base subjects
    for (const c of classes) {
      const cid = id('class', y, c.name);
      classIds.set(`${y}/${c.name}`, cid);
      const teachers: string[] = [];
      for (const s of c.programme) {
        data.class_subjects.push({ school_id: schoolId, school_year_id: yid, class_id: cid, subject_level: spec.level, subject_code: s.code, periods_per_year: s.periods });
        let t = pinned.get(`${c.name}/${s.code}`);
        if (!t && spec.level === 'primary' && PRIMARY_HOMEROOM_SUBJECTS.has(s.code)) t = primaryHomeroom.get(c.name)!;
        if (!t) {
          const b = baseSubject(s.code);
          const pool = pools.get(b)!;
          const k = counters.get(b) ?? 0;
          counters.set(b, k + 1);
          t = pool[k % pool.length]!;
        }
        teachers.push(t);
        addRole(t, 'subject_teacher');
        if (!teachesInYear.has(t)) teachesInYear.set(t, new Set());
        teachesInYear.get(t)!.add(baseSubject(s.code));
        data.teaching_assignments.push({ school_id: schoolId, school_year_id: yid, class_id: cid, subject_level: spec.level, subject_code: s.code, teacher_id: t });
      }
      let homeroom = spec.pins?.homerooms?.[c.name] ?? primaryHomeroom.get(c.name);
      if (!homeroom) homeroom = teachers.find((t) => generated.has(t) && !homeroomTaken.has(t)) ?? nextTeacher();
      homeroomTaken.add(homeroom);
      addRole(homeroom, 'homeroom_teacher');
      data.classes.push({ id: cid, school_id: schoolId, school_year_id: yid, grade: c.grade, name: c.name, homeroom_teacher_id: homeroom });
    }
    // Departments: the teachers of its subjects (primary: grade teams of homeroom teachers + specialists).
    DEPARTMENTS[spec.level].forEach((dept, di) => {
      const did = id('department', dept.name);
      if (y === spec.years[0]) data.departments.push({ id: did, school_id: schoolId, name: dept.name });
      let members: string[];
      if (spec.level === 'primary' && dept.subjects.length === 0) {
        members = classes.filter((c) => c.grade === di + 1).map((c) => primaryHomeroom.get(c.name)!);
      } else {
        // A teacher belongs to the department of the first subject they teach.
        members = [...teachesInYear].filter(([, bs]) => dept.subjects.includes([...bs][0]!)).map(([t]) => t);
      }
      const pinnedHead = spec.pins?.deptHeads?.[dept.name];
      if (pinnedHead && !members.includes(pinnedHead)) members.unshift(pinnedHead);
      const head = pinnedHead ?? members.find((m) => generated.has(m));
      for (const m of [...new Set(members)]) {
        data.department_members.push({ school_id: schoolId, school_year_id: yid, department_id: did, profile_id: m, is_head: m === head });
      }
      if (head) addRole(head, 'dept_head');
    });
    for (const [pid, rs] of roles) for (const role of rs) data.memberships.push({ profile_id: pid, org_unit_id: schoolId, school_year_id: yid, role });
  }

  // Students by cohort: a cohort keeps its section and moves up a grade a year. Cohort key: the grade it
  // is (or would be) in the first year, so this year's 12A1 is the cohort "10/A1" of two years ago.
  const cohorts = new Map<string, StudentRow[]>();
  const firstStart = Number(spec.years[0]!.slice(0, 4));
  let serial = 0;
  for (let g0 = gmin - (spec.years.length - 1); g0 <= gmax; g0++) {
    for (const section of spec.sections) {
      // ±2 around the size asked, and never an empty class (a test's school of 2 a class drew 0 now and then).
      const n = Math.max(1, spec.studentsPerClass + Math.floor(r() * 5) - 2);
      const rows: StudentRow[] = [];
      for (let i = 0; i < n; i++) {
        serial += 1;
        const name = personName(r);
        const sid = id('student', serial);
        const birthYear = firstStart - g0 - 5;
        const st: StudentRow = {
          id: sid, school_id: schoolId, student_code: `${spec.studentCodePrefix}${String(serial).padStart(5, '0')}`,
          family_name: name.family, middle_name: name.middle, given_name: name.given, gender: name.gender,
          birth_date: isoDate(birthYear, Math.floor(r() * 365)), profile_id: null,
        };
        rows.push(st);
        data.students.push(st);
        const ethnicity = pickWeighted(r, ETHNICITIES);
        data.student_details.push({
          student_id: sid, school_id: schoolId, birth_place: pickWeighted(r, BIRTH_PLACES), ethnicity,
          religion: ethnicity === 'Chăm' ? 'Hồi giáo' : pickWeighted(r, RELIGIONS), hometown: pickWeighted(r, HOMETOWNS),
          residence: pick(r, RESIDENCES), priority_group: ethnicity === 'Kinh' ? '' : 'Dân tộc thiểu số',
        });
        const father = personName(r, 'male');
        const mother = personName(r, 'female');
        data.guardians.push(
          { id: id('guardian', serial, 'father'), school_id: schoolId, student_id: sid, relationship: 'father',
            full_name: `${name.family} ${father.middle} ${father.given}`, occupation: pickWeighted(r, OCCUPATIONS.male), phone: phone(r), profile_id: null },
          { id: id('guardian', serial, 'mother'), school_id: schoolId, student_id: sid, relationship: 'mother',
            full_name: mother.full, occupation: pickWeighted(r, OCCUPATIONS.female), phone: phone(r), profile_id: null },
        );
      }
      cohorts.set(`${g0}/${section}`, rows);
      spec.years.forEach((y, yi) => {
        const g = g0 + yi;
        if (g < gmin || g > gmax) return;
        const dates = schoolYearDates(y);
        const last = y === current;
        for (const st of rows) {
          data.enrolments.push({
            id: id('enrolment', y, st.id), school_id: schoolId, school_year_id: yearIds.get(y)!, student_id: st.id,
            class_id: classIds.get(`${y}/${g}${section}`)!, started_on: dates.starts_on,
            start_reason: yi === 0 || g === gmin ? 'new' : 'promoted', transferred_from: null,
            ended_on: last ? null : dates.ends_on, end_reason: last ? null : g === gmax ? 'graduated' : 'year_end', end_note: null,
          });
        }
      });
    }
  }
  return { data, schoolId, yearIds, classIds, cohorts };
}

// ---------------------------------------------------------------------------------------------------
// Loading: one multi-row insert per table (jsonb_to_recordset), so a bulk load is one audit entry per
// table and chain, and fast.
// ---------------------------------------------------------------------------------------------------
async function insertRows(
  c: pg.ClientBase, table: string, cols: Record<string, string>, rows: object[],
  opts: { select?: Record<string, string>; omit?: string[]; suffix?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const t0 = Date.now();
  const names = Object.keys(cols);
  const select = opts.select ?? {};
  const direct = names.filter((n) => !(n in select) && !(opts.omit ?? []).includes(n));
  const target = [...direct, ...Object.keys(select)];
  const exprs = [...direct.map((n) => `x.${n}`), ...Object.values(select)];
  const defs = names.map((n) => `${n} ${cols[n]}`).join(', ');
  await c.query(
    `insert into ${table} (${target.join(', ')}) select ${exprs.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${defs}) ${opts.suffix ?? ''}`,
    [JSON.stringify(rows)],
  );
  if (process.env.SDT_SEED_TIMING) console.log(`    ${table}: ${rows.length} rows in ${Date.now() - t0} ms`);
}

const yearScoped = { school_id: 'uuid', school_year_id: 'uuid' };

/** Writes a dataset; the caller owns the transaction. Subjects are upserted by (level, code). */
export async function loadDataset(c: pg.ClientBase, d: Dataset): Promise<void> {
  const unusable = unusableHash();
  const users = d.users.map((u) => (u.encrypted_password ? u : { ...u, encrypted_password: unusable }));
  await insertRows(c, 'auth.users', { id: 'uuid', email: 'text', encrypted_password: 'text', full_name: 'text' }, users, {
    select: {
      instance_id: `'00000000-0000-0000-0000-000000000000'::uuid`, aud: `'authenticated'`, role: `'authenticated'`,
      email_confirmed_at: 'now()', raw_app_meta_data: `'{"provider":"email","providers":["email"]}'::jsonb`,
      raw_user_meta_data: `jsonb_build_object('full_name', x.full_name)`, created_at: 'now()', updated_at: 'now()',
    },
    omit: ['full_name'],
  });
  await insertRows(c, 'auth.identities', { id: 'uuid', email: 'text' }, d.users.filter((u) => u.login && u.email), {
    select: {
      provider_id: 'x.id::text', user_id: 'x.id', identity_data: `jsonb_build_object('sub', x.id::text, 'email', x.email, 'email_verified', true)`,
      provider: `'email'`, created_at: 'now()', updated_at: 'now()',
    },
    omit: ['id', 'email'],
  });
  await insertRows(c, 'public.profiles', { id: 'uuid', full_name: 'text', email: 'text' }, d.users);
  await insertRows(c, 'public.org_units', { id: 'uuid', kind: 'public.org_unit_kind', parent_id: 'uuid', code: 'text', name: 'text', school_level: 'public.school_level' }, d.org_units);
  await insertRows(c, 'public.school_years', { id: 'uuid', school_id: 'uuid', code: 'text', starts_on: 'date', semester1_ends_on: 'date', semester2_starts_on: 'date', ends_on: 'date' }, d.school_years);
  await insertRows(c, 'public.subjects', {
    school_level: 'public.school_level', code: 'text', name: 'text', assessment_kind: 'public.assessment_kind',
    category: 'public.subject_category', default_periods_per_year: 'int', sort_order: 'int',
  }, SUBJECTS, { suffix: 'on conflict (school_level, code) do nothing' });
  const subjectSel = { subject_id: '(select s.id from public.subjects s where s.school_level = x.subject_level and s.code = x.subject_code)' };
  const subjectCols = { subject_level: 'public.school_level', subject_code: 'text' };
  await insertRows(c, 'public.memberships', { profile_id: 'uuid', org_unit_id: 'uuid', school_year_id: 'uuid', role: 'public.app_role' }, d.memberships);
  await insertRows(c, 'public.departments', { id: 'uuid', school_id: 'uuid', name: 'text' }, d.departments);
  await insertRows(c, 'public.department_members', { ...yearScoped, department_id: 'uuid', profile_id: 'uuid', is_head: 'boolean' }, d.department_members);
  await insertRows(c, 'public.classes', { id: 'uuid', ...yearScoped, grade: 'int', name: 'text', homeroom_teacher_id: 'uuid' }, d.classes);
  await insertRows(c, 'public.class_subjects', { ...yearScoped, class_id: 'uuid', ...subjectCols, periods_per_year: 'int' }, d.class_subjects, { select: subjectSel, omit: ['subject_level', 'subject_code'] });
  await insertRows(c, 'public.teaching_assignments', { ...yearScoped, class_id: 'uuid', ...subjectCols, teacher_id: 'uuid' }, d.teaching_assignments, { select: subjectSel, omit: ['subject_level', 'subject_code'] });
  await insertRows(c, 'public.students', {
    id: 'uuid', school_id: 'uuid', student_code: 'text', family_name: 'text', middle_name: 'text', given_name: 'text',
    gender: 'public.gender', birth_date: 'date', profile_id: 'uuid',
  }, d.students);
  await insertRows(c, 'public.student_details', {
    student_id: 'uuid', school_id: 'uuid', birth_place: 'text', ethnicity: 'text', religion: 'text', hometown: 'text', residence: 'text', priority_group: 'text',
  }, d.student_details);
  await insertRows(c, 'public.guardians', {
    id: 'uuid', school_id: 'uuid', student_id: 'uuid', relationship: 'public.guardian_relationship', full_name: 'text',
    occupation: 'text', phone: 'text', profile_id: 'uuid',
  }, d.guardians);
  await insertRows(c, 'public.enrolments', {
    id: 'uuid', ...yearScoped, student_id: 'uuid', class_id: 'uuid', started_on: 'date', start_reason: 'public.enrolment_start',
    transferred_from: 'text', ended_on: 'date', end_reason: 'public.enrolment_end', end_note: 'text',
  }, d.enrolments);
  await insertRows(c, 'public.subject_exemptions', { ...yearScoped, student_id: 'uuid', ...subjectCols, semester: 'int', reason: 'text' }, d.subject_exemptions, { select: subjectSel, omit: ['subject_level', 'subject_code'] });
}
