// The demo data of ../shared/docs/DEMO.md, loaded into an empty local database: the organisation, school
// years, every demo account with its roles, and the school data (subjects, departments, classes with
// their subjects, homeroom teachers and teaching assignments, students with profiles, guardians and
// enrolment history), and the THPT gradebook (gradebook.ts: scores, conduct, attendance of two complete,
// locked years and of the current year's semester I in progress; the past years' results published
// through rpc/advance_results, publishDemoResults). Deterministic: a fixed seed gives the
// same people, ids and scores on every fresh start. The school data comes from school.ts and the gradebook
// from gradebook.ts, the scale generator's code paths.
import bcrypt from 'bcryptjs';
import type pg from 'pg';
import { personName, rng, type Gender } from './names.ts';
import type { Role } from '../../policies/types.ts';
import { loadGradebookYear, lockYear, type GradebookLoadOptions, type GradebookYearPlan, type LockPlan } from './gradebook.ts';
import { loadPrimaryYear, type PrimaryYearPlan } from './primary.ts';
import { loadHealth } from './health.ts';
import { loadDemoDossiers } from './dossiers.ts';
import { buildSchool, emptyDataset, loadDataset, mergeInto, schoolYearDates, stableId, type Dataset, type StudentRow } from './school.ts';

export { schoolYearDates };

export const DEMO_PASSWORD = 'SoDienTu@2025';
export const DEMO_SEED = 20250905;

type OrgCode = 'so-tayninh' | 'phong-tanchau' | 'thpt-tandong' | 'th-tandong';

export interface DemoAccount {
  email: string;
  org: OrgCode;
  roles: Role[];
  /** School years in which the roles are held (empty for Phòng/Sở officers). */
  years: 'all' | 'current' | 'none';
  gender?: Gender;
  /** What the README says about the account. */
  note: string;
}

export const ORG_UNITS: { code: OrgCode; kind: 'province' | 'district' | 'school'; name: string; parent: OrgCode | null; level: string | null }[] = [
  { code: 'so-tayninh', kind: 'province', name: 'Sở GD&ĐT Tây Ninh', parent: null, level: null },
  { code: 'phong-tanchau', kind: 'district', name: 'Phòng GD&ĐT Tân Châu', parent: 'so-tayninh', level: null },
  { code: 'thpt-tandong', kind: 'school', name: 'Trường THPT Tân Đông', parent: 'so-tayninh', level: 'upper_secondary' },
  { code: 'th-tandong', kind: 'school', name: 'Trường Tiểu học Tân Đông', parent: 'phong-tanchau', level: 'primary' },
];

/** School years per school: THPT has two complete past years, the primary school one. */
export const SCHOOL_YEARS: Record<'thpt-tandong' | 'th-tandong', string[]> = {
  'thpt-tandong': ['2024-2025', '2025-2026', '2026-2027'],
  'th-tandong': ['2025-2026', '2026-2027'],
};
export const CURRENT_YEAR = '2026-2027';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'bqt@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['admin_board'], years: 'all', note: 'Ban quản trị, THPT Tân Đông' },
  { email: 'hieutruong@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['principal'], years: 'all', note: 'Hiệu trưởng' },
  { email: 'phohieutruong@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['vice_principal'], years: 'all', note: 'Phó hiệu trưởng' },
  { email: 'totruong.toan@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['dept_head', 'subject_teacher'], years: 'all', note: 'Tổ trưởng Toán – Tin' },
  { email: 'gv.toan@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['subject_teacher'], years: 'all', note: 'GV Toán, chỉ dạy 10A1 và 11A1' },
  { email: 'gvcn.10a1@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['homeroom_teacher', 'subject_teacher'], years: 'all', note: 'GVCN 10A1; dạy Ngữ văn 10A1, 10A2' },
  { email: 'yte@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['nurse'], years: 'all', note: 'Nhân viên y tế' },
  { email: 'vanthu@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['clerk'], years: 'all', note: 'Văn thư' },
  { email: 'thanhtra@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['inspector'], years: 'all', note: 'Ban thanh tra nhân dân' },
  { email: 'phuhuynh@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['guardian'], years: 'current', note: 'Phụ huynh của một học sinh 10A1 và một học sinh 12A1 (hai năm đã công bố)' },
  { email: 'cntt@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['it_staff'], years: 'all', note: 'Bộ phận CNTT' },
  { email: 'congdoan@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['union_officer'], years: 'all', note: 'Công đoàn' },
  { email: 'hocsinh@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['student'], years: 'current', note: 'Học sinh 10A1 (con của phụ huynh trên)' },
  { email: 'bqt@th-tandong.edu.vn', org: 'th-tandong', roles: ['admin_board'], years: 'all', note: 'Ban quản trị, Tiểu học Tân Đông' },
  { email: 'gvcn.3a@th-tandong.edu.vn', org: 'th-tandong', roles: ['homeroom_teacher'], years: 'all', note: 'GVCN 3A' },
  { email: 'phong@tanchau.edu.vn', org: 'phong-tanchau', roles: ['district_officer'], years: 'none', note: 'Cán bộ Phòng GD&ĐT Tân Châu' },
  { email: 'so@tayninh.edu.vn', org: 'so-tayninh', roles: ['province_officer'], years: 'none', note: 'Cán bộ Sở GD&ĐT Tây Ninh' },
];

const loopback = (a: string) => a === '127.0.0.1' || a === '::1' || a === 'localhost';

/** True when both the host we dialled and the address the server answered on are this machine. */
export function isLocalDatabase(host: string, serverAddr: string | null): boolean {
  return loopback(host) && (serverAddr === null || loopback(serverAddr));
}

/** Demo data goes only into the local stack: refuse any server that is not on this machine. */
export async function assertLocalDatabase(client: pg.ClientBase): Promise<void> {
  const host = (client as unknown as { host?: string }).host ?? '';
  const { rows } = await client.query<{ addr: string | null }>('select host(inet_server_addr()) as addr');
  const addr = rows[0]?.addr ?? null;
  if (!isLocalDatabase(host, addr)) {
    throw new Error(`Refusing to load demo data into ${host || 'an unknown host'} (server ${addr ?? '?'}): demo data goes only into the local stack.`);
  }
}

const THPT_PREFIX = '72001';
const TH_PREFIX = '72002';

export interface DemoData {
  data: Dataset;
  /** The 10A1 student (current year) whose guardian and own account are the demo's phuhuynh/hocsinh. */
  student: StudentRow;
  /** phuhuynh@'s older child, in 12A1 this year: the family's two published years. */
  sibling: StudentRow;
  /** Demo accounts' profile ids by email. */
  accountIds: Map<string, string>;
  /** The gradebooks to generate in the database (oldest year first: THPT under TT22, the primary school
   *  under TT27) and the locks of past years. */
  gradebook: { years: GradebookYearPlan[]; primary: PrimaryYearPlan[]; locks: LockPlan[] };
  /** The special cases of past years, for the README and tests. */
  specialCases: SpecialCases;
}

export interface SpecialCases {
  /** Year learning Chưa đạt, re-tested and promoted: year → student ids. */
  retest: Record<string, string[]>;
  /** Year conduct Chưa đạt, summer training, re-rated Đạt. */
  summerTraining: { year: string; studentId: string };
  /** More than 45 days absent: not promoted, repeats the grade this year. */
  manyAbsences: { year: string; studentId: string };
}

const accountId = (email: string) => stableId('demo-account', email);
const orgId = (code: OrgCode) => stableId(code, code === 'so-tayninh' || code === 'phong-tanchau' ? 'org' : 'school');

/**
 * The whole demo, in memory: pure and deterministic (no database, no clock), so a test can build it
 * twice and compare. `passwordHashes` (by email) are the only thing the loader adds.
 */
export function buildDemo(passwordHashes: Map<string, string> = new Map(), opts: { today?: string } = {}): DemoData {
  const r = rng(DEMO_SEED);
  const data = emptyDataset();
  for (const o of ORG_UNITS) {
    if (o.kind !== 'school') data.org_units.push({ id: orgId(o.code), kind: o.kind, parent_id: o.parent ? orgId(o.parent) : null, code: o.code, name: o.name, school_level: null });
  }
  const acc = accountId;
  const thpt = buildSchool({
    code: 'thpt-tandong', name: 'Trường THPT Tân Đông', level: 'upper_secondary', parentId: orgId('so-tayninh'),
    years: SCHOOL_YEARS['thpt-tandong'], sections: ['A1', 'A2'], studentsPerClass: 40, seed: DEMO_SEED + 1,
    studentCodePrefix: THPT_PREFIX, teacherEmail: (n) => `giaovien${String(n).padStart(2, '0')}@thpt-tandong.edu.vn`,
    staffPasswordHash: null,
    pins: {
      homerooms: { '10A1': acc('gvcn.10a1@thpt-tandong.edu.vn') },
      assignments: [
        { profileId: acc('gv.toan@thpt-tandong.edu.vn'), subject: 'toan', classes: ['10A1', '11A1'] },
        { profileId: acc('totruong.toan@thpt-tandong.edu.vn'), subject: 'toan', classes: ['12A1', '12A2'] },
        { profileId: acc('gvcn.10a1@thpt-tandong.edu.vn'), subject: 'ngu_van', classes: ['10A1', '10A2'] },
      ],
      deptHeads: { 'Toán – Tin': acc('totruong.toan@thpt-tandong.edu.vn') },
    },
  });
  const th = buildSchool({
    code: 'th-tandong', name: 'Trường Tiểu học Tân Đông', level: 'primary', parentId: orgId('phong-tanchau'),
    years: SCHOOL_YEARS['th-tandong'], sections: ['A'], studentsPerClass: 30, seed: DEMO_SEED + 2,
    studentCodePrefix: TH_PREFIX, teacherEmail: (n) => `giaovien${String(n).padStart(2, '0')}@th-tandong.edu.vn`,
    staffPasswordHash: null,
    pins: { homerooms: { '3A': acc('gvcn.3a@th-tandong.edu.vn') } },
  });
  const yearId = (org: OrgCode, y: string) => (org === 'thpt-tandong' ? thpt : th).yearIds.get(y)!;
  // The primary school's principal (no login: the lock decision and the transcripts name her). Drawn
  // from her own seed so the school's other names stay as they were.
  const thPrincipal = stableId('th-tandong', 'staff', 'hieutruong');
  th.data.users.push({ id: thPrincipal, email: 'hieutruong@th-tandong.edu.vn', encrypted_password: null,
    full_name: personName(rng(DEMO_SEED + 4), 'female').full, login: false });
  for (const y of SCHOOL_YEARS['th-tandong']) {
    th.data.memberships.push({ profile_id: thPrincipal, org_unit_id: th.schoolId, school_year_id: th.yearIds.get(y)!, role: 'principal' });
  }
  // Its vice principal (no login either): with the principal, the BGH that approves (she) and publishes
  // (the principal) the results the GVCN proposes, three different people as in THPT Tân Đông.
  const thVice = stableId('th-tandong', 'staff', 'phohieutruong');
  th.data.users.push({ id: thVice, email: 'phohieutruong@th-tandong.edu.vn', encrypted_password: null,
    full_name: personName(rng(DEMO_SEED + 5), 'female').full, login: false });
  for (const y of SCHOOL_YEARS['th-tandong']) {
    th.data.memberships.push({ profile_id: thVice, org_unit_id: th.schoolId, school_year_id: th.yearIds.get(y)!, role: 'vice_principal' });
  }

  // The demo student: first of this year's 10A1 (cohort "8/A1": grade 8 in the first year, 2024–2025).
  const student = thpt.cohorts.get('8/A1')![0]!;
  student.profile_id = acc('hocsinh@thpt-tandong.edu.vn');
  const mother = thpt.data.guardians.find((g) => g.student_id === student.id && g.relationship === 'mother')!;
  mother.profile_id = acc('phuhuynh@thpt-tandong.edu.vn');
  // Her older child, first of this year's 12A1 (cohort "10/A1": 10A1 in 2024–2025, 11A1 in 2025–2026): the
  // demo child started grade 10 this year, so the family's published years are the older child's. Same
  // mother (the guardian record carries her name and account), another father: a half-sibling.
  const sibling = thpt.cohorts.get('10/A1')![0]!;
  const siblingMother = thpt.data.guardians.find((g) => g.student_id === sibling.id && g.relationship === 'mother')!;
  Object.assign(siblingMother, { full_name: mother.full_name, occupation: mother.occupation, phone: mother.phone, profile_id: mother.profile_id });

  // Demo accounts (names drawn in account order; the family accounts carry the names of the seed's rows).
  const accountIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const id = acc(a.email);
    accountIds.set(a.email, id);
    let full = personName(r, a.gender).full;
    if (a.email.startsWith('hocsinh@')) full = `${student.family_name} ${student.middle_name} ${student.given_name}`;
    if (a.email.startsWith('phuhuynh@')) full = mother.full_name;
    data.users.push({ id, email: a.email, encrypted_password: passwordHashes.get(a.email) ?? null, full_name: full, login: true });
    const years = a.years === 'none' ? [null] : a.years === 'current' ? [CURRENT_YEAR] : SCHOOL_YEARS[a.org as 'thpt-tandong' | 'th-tandong'];
    for (const role of a.roles) {
      for (const y of years) {
        data.memberships.push({ profile_id: id, org_unit_id: orgId(a.org), school_year_id: y ? yearId(a.org, y) : null, role });
      }
    }
  }
  mergeInto(data, thpt.data);
  mergeInto(data, th.data);
  const specialCases = addEnrolmentHistory(data, thpt);
  const summer = opts.today !== undefined && opts.today > schoolYearDates(CURRENT_YEAR).ends_on;
  const gradebook = planGradebook(thpt, specialCases, summer);
  planPrimaryGradebook(th, thPrincipal, gradebook, summer);
  return { data, student, sibling, accountIds, gradebook, specialCases };
}

/**
 * The THPT gradebook: both past years complete (with the special cases of DEMO.md) and locked by the
 * principal's decision, the current year with semester I in progress (10A1 Toán: a few ĐĐGtx, no ĐĐGgk).
 * On a "today" after the current year ended (`summer`: the demo started with SDT_TODAY in the 2027 summer,
 * for the school year cycle), the current year has both semesters entered and nothing after: 10A1's sixth
 * student was absent over 45 days (not promoted) and its eighth fails Toán and Ngoại ngữ 1 (a re-test, not
 * yet taken).
 */
function planGradebook(thpt: ReturnType<typeof buildSchool>, sc: SpecialCases, summer: boolean): DemoData['gradebook'] {
  const years = SCHOOL_YEARS['thpt-tandong'];
  const plans: GradebookYearPlan[] = years.map((y, i) => {
    const yearId = thpt.yearIds.get(y)!;
    const base = { schoolId: thpt.schoolId, yearId, seed: DEMO_SEED + 100 + i };
    if (y === CURRENT_YEAR && summer) {
      const tenA1 = thpt.cohorts.get('8/A1')!;
      return { ...base, state: 'full_year', manyAbsences: [tenA1[5]!.id], weak: [{ studentId: tenA1[7]!.id, subjects: ['toan', 'ngoai_ngu_1'] }] };
    }
    if (y === CURRENT_YEAR) {
      return {
        ...base, state: 'in_progress', asOf: `${y.slice(0, 4)}-11-20`,
        openColumns: [{ classId: thpt.classIds.get(`${y}/10A1`)!, subjectCode: 'toan' }],
      };
    }
    const weakSubjects = [['toan', 'ngoai_ngu_1'], ['lich_su', 'toan']];
    return {
      ...base, state: 'complete',
      weak: (sc.retest[y] ?? []).map((studentId, k) => ({ studentId, subjects: weakSubjects[k % 2]! })),
      conductFail: sc.summerTraining.year === y ? [sc.summerTraining.studentId] : [],
      manyAbsences: sc.manyAbsences.year === y ? [sc.manyAbsences.studentId] : [],
    };
  });
  const locks: LockPlan[] = years.filter((y) => y !== CURRENT_YEAR).map((y, i) => {
    const end = Number(y.slice(5));
    return {
      schoolId: thpt.schoolId, yearId: thpt.yearIds.get(y)!,
      principalId: accountId('hieutruong@thpt-tandong.edu.vn'), adminBoardId: accountId('bqt@thpt-tandong.edu.vn'),
      number: `${112 + i * 7}/QĐ-THPTTĐ`, decidedOn: `${end}-08-10`,
      summary: `Khoá sổ điểm năm học ${y.replace('-', '–')} sau khi hoàn thành kiểm tra lại và rèn luyện trong hè`,
      note: `Khoá theo Quyết định số ${112 + i * 7}/QĐ-THPTTĐ`,
    };
  });
  return { years: plans, primary: [], locks };
}

/**
 * The primary school's TT27 gradebook (DEMO.md): 2025–2026 complete (the four periods, qualities,
 * measures, absences) and locked by its principal's decision; 2026–2027 with the mid-semester I
 * evaluations entered (on a `summer` today: complete, not locked).
 */
function planPrimaryGradebook(th: ReturnType<typeof buildSchool>, principalId: string, g: DemoData['gradebook'], summer: boolean): void {
  SCHOOL_YEARS['th-tandong'].forEach((y, i) => {
    const yearId = th.yearIds.get(y)!;
    const base = { schoolId: th.schoolId, yearId, seed: DEMO_SEED + 200 + i };
    if (y === CURRENT_YEAR && summer) {
      g.primary.push({ ...base, state: 'complete' });
      return;
    }
    if (y === CURRENT_YEAR) {
      g.primary.push({ ...base, state: 'in_progress', asOf: `${y.slice(0, 4)}-11-20` });
      return;
    }
    g.primary.push({ ...base, state: 'complete' });
    const end = Number(y.slice(5));
    g.locks.push({
      schoolId: th.schoolId, yearId, principalId, adminBoardId: accountId('bqt@th-tandong.edu.vn'),
      number: `${45 + i}/QĐ-THTĐ`, decidedOn: `${end}-06-05`,
      summary: `Khoá sổ theo dõi và đánh giá học sinh năm học ${y.replace('-', '–')}`,
      note: `Khoá theo Quyết định số ${45 + i}/QĐ-THTĐ`,
    });
  });
}

/**
 * The current year's movements at THPT Tân Đông, so that enrolment history has something to show: a
 * class change (11A2 → 11A1), a transfer in (into 10A2), a dropout (12A2) and a GDTC exemption (11A1).
 */
function addEnrolmentHistory(data: Dataset, thpt: ReturnType<typeof buildSchool>): SpecialCases {
  const y = CURRENT_YEAR;
  const yid = thpt.yearIds.get(y)!;
  const schoolId = thpt.schoolId;
  const enrolmentOf = (s: StudentRow) => data.enrolments.find((e) => e.student_id === s.id && e.school_year_id === yid)!;

  const mover = thpt.cohorts.get('9/A2')![1]!;
  const moved = enrolmentOf(mover);
  Object.assign(moved, { ended_on: `${y.slice(0, 4)}-10-11`, end_reason: 'class_change', end_note: 'Chuyển sang lớp 11A1 (đổi tổ hợp môn lựa chọn) theo đơn của gia đình' });
  data.enrolments.push({
    id: stableId(schoolId, 'class-change', mover.id), school_id: schoolId, school_year_id: yid, student_id: mover.id,
    class_id: thpt.classIds.get(`${y}/11A1`)!, started_on: `${y.slice(0, 4)}-10-12`, start_reason: 'class_change',
    transferred_from: null, ended_on: null, end_reason: null, end_note: null,
  });

  const leaver = thpt.cohorts.get('10/A2')![2]!;
  Object.assign(enrolmentOf(leaver), { ended_on: `${y.slice(0, 4)}-11-09`, end_reason: 'dropout', end_note: 'Nghỉ học theo đơn của gia đình (đi làm phụ giúp gia đình)' });

  const r = rng(DEMO_SEED + 3);
  const n = personName(r, 'female');
  const sid = stableId(schoolId, 'transfer-in', 1);
  data.students.push({
    id: sid, school_id: schoolId, student_code: `${THPT_PREFIX}90001`, family_name: n.family, middle_name: n.middle, given_name: n.given,
    gender: n.gender, birth_date: '2011-03-14', profile_id: null,
  });
  data.student_details.push({
    student_id: sid, school_id: schoolId, birth_place: 'Tây Ninh', ethnicity: 'Kinh', religion: 'Cao Đài',
    hometown: 'xã Tân Châu, tỉnh Tây Ninh', residence: 'ấp Đông Hà, xã Tân Đông, tỉnh Tây Ninh', priority_group: '',
  });
  const father = personName(r, 'male');
  const mother = personName(r, 'female');
  data.guardians.push(
    { id: stableId(sid, 'father'), school_id: schoolId, student_id: sid, relationship: 'father', full_name: `${n.family} ${father.middle} ${father.given}`, occupation: 'Công nhân', phone: '0918234567', profile_id: null },
    { id: stableId(sid, 'mother'), school_id: schoolId, student_id: sid, relationship: 'mother', full_name: mother.full, occupation: 'Buôn bán', phone: '0978345612', profile_id: null },
  );
  data.enrolments.push({
    id: stableId(sid, 'enrolment', y), school_id: schoolId, school_year_id: yid, student_id: sid, class_id: thpt.classIds.get(`${y}/10A2`)!,
    started_on: `${y.slice(0, 4)}-10-19`, start_reason: 'transfer_in', transferred_from: 'Trường THPT Tân Châu, tỉnh Tây Ninh',
    ended_on: null, end_reason: null, end_note: null,
  });

  const exempt = thpt.cohorts.get('9/A1')![3]!;
  data.subject_exemptions.push({
    school_id: schoolId, school_year_id: yid, student_id: exempt.id, subject_level: 'upper_secondary', subject_code: 'gdtc', semester: null,
    reason: 'Miễn học môn Giáo dục thể chất cả năm do bệnh tim bẩm sinh (giấy xác nhận của Bệnh viện Đa khoa tỉnh Tây Ninh)',
  });

  // Past years' special cases (students not used above). The student absent more than 45 days in
  // 2025–2026 (10A2) was not promoted: this year they repeat grade 10, in 10A2.
  const [y0, y1] = SCHOOL_YEARS['thpt-tandong'];
  const repeater = thpt.cohorts.get('9/A2')![6]!;
  Object.assign(enrolmentOf(repeater), { class_id: thpt.classIds.get(`${y}/10A2`)!, start_reason: 'repeating' });
  return {
    retest: {
      // 2024–2025: 10A1, 11A2; 2025–2026: 10A1, 11A2.
      [y0!]: [thpt.cohorts.get('10/A1')![6]!.id, thpt.cohorts.get('11/A2')![4]!.id],
      [y1!]: [thpt.cohorts.get('9/A1')![8]!.id, thpt.cohorts.get('10/A2')![5]!.id],
    },
    summerTraining: { year: y1!, studentId: thpt.cohorts.get('10/A1')![9]!.id }, // 11A1 in 2025–2026
    manyAbsences: { year: y1!, studentId: repeater.id },
  };
}

/**
 * How the demo's gradebook is inserted: one statement per table and year with triggers off
 * (session_replication_role = replica) around the bulk inserts. With triggers on, the 29,000 entries of a
 * past year take ~8 s instead of ~1.2 s (foreign-key checks ~3.4 s, the audit entry of the whole statement
 * ~3 s); per class is no faster. Re-tests, summer re-ratings and locks are inserted with triggers on.
 */
export const DEMO_GRADEBOOK_LOAD: GradebookLoadOptions = { perClass: false, bypassTriggers: true };

/** Loads the gradebook plan and then locks the past years (triggers on). Returns the score entries. */
export async function loadDemoGradebook(client: pg.ClientBase, g: DemoData['gradebook'], o: GradebookLoadOptions = DEMO_GRADEBOOK_LOAD): Promise<number> {
  let entries = 0;
  for (const y of g.years) entries += (await loadGradebookYear(client, y, o)).score_entries!;
  for (const y of g.primary) entries += (await loadPrimaryYear(client, y)).score_entries!;
  for (const l of g.locks) await lockYear(client, l);
  return entries;
}

/**
 * The periodic test dates of every demo school year (lịch kiểm tra định kì): mid-semester tests seven
 * weeks into each semester, end-of-semester tests two weeks before it ends. In the current year the
 * mid-semester I entries are then due (two weeks after the test) before the demo's today, so progress
 * and overdue items show on the dashboard.
 */
export async function scheduleDemoTests(client: pg.ClientBase): Promise<void> {
  await client.query(`
    insert into public.assessment_periods (school_id, school_year_id, period, test_date)
    select y.school_id, y.id, p.period,
           case p.period when 'gk1' then y.starts_on + 49 when 'ck1' then y.semester1_ends_on - 14
                         when 'gk2' then y.semester2_starts_on + 49 else y.ends_on - 14 end
    from public.school_years y cross join (values ('gk1'), ('ck1'), ('gk2'), ('ck2')) p (period)
    on conflict (school_year_id, period) do nothing`);
}

/**
 * Health data of both schools (supabase/seed/health.ts) and the cases the demo shows in 10A1 this year:
 * a student with severe asthma and its action plan (every teacher of the class sees the plan), one with
 * a peanut allergy (the GVCN sees it and its plan), the demo child's pollen allergy (the family reads it).
 */
export async function loadDemoHealth(client: pg.ClientBase, demoStudentId: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ ids: string[]; today: string }>(
    `select array_agg(id::text order by code) as ids, public.app_today()::text as today from public.org_units where code in ('thpt-tandong', 'th-tandong')`);
  const counts = await loadHealth(client, { schoolIds: rows[0]!.ids, today: rows[0]!.today });
  await client.query(`set local session_replication_role = replica`);
  await client.query(`
    with k as (
      select s.id, s.school_id, row_number() over (order by s.given_name, s.family_name, s.middle_name) as i
      from public.enrolments e join public.classes c on c.id = e.class_id join public.school_years y on y.id = c.school_year_id
      join public.students s on s.id = e.student_id join public.org_units o on o.id = c.school_id
      where o.code = 'thpt-tandong' and c.name = '10A1' and y.code = '2026-2027' and s.id <> $1
    ), cleared as (
      delete from public.health_conditions x using k where x.student_id = k.id and k.i in (1, 2) returning x.id
    ), cleared_a as (
      delete from public.health_allergies x using k where x.student_id = k.id and k.i in (1, 2) returning x.id
    ), c as (
      insert into public.health_conditions (school_id, student_id, name, icd10, severity, triggers, action_plan, noted_on)
      select k.school_id, k.id, 'Hen phế quản', 'J45.9', 'severe', 'Gắng sức (chạy bền), khói bụi, trời lạnh',
             'Khi em khó thở: cho em ngồi thẳng, dùng bình xịt cắt cơn salbutamol trong cặp (2 nhát, cách 1 phút); gọi y tế trường và gia đình; không đỡ sau 10 phút gọi 115.',
             date '2024-09-10'
      from k where k.i = 1 returning id
    )
    insert into public.health_allergies (school_id, student_id, agent, reaction, severity, action_plan)
    select k.school_id, k.id, 'Đậu phộng (lạc)', 'Nổi mề đay, sưng môi', 'moderate', 'Tránh mọi món có lạc; nếu nổi mề đay cho uống thuốc kháng histamin theo đơn của em và báo y tế trường.'
    from k where k.i = 2
    union all
    select s.school_id, s.id, 'Phấn hoa', 'Hắt hơi, chảy nước mũi', 'mild', null from public.students s where s.id = $1`, [demoStudentId]);
  // The demo child's vision screening of this year found something: the nurse sends 10A1's follow-up
  // notices through rpc/send_health_notices (as the nurse, its checks run), so the family has a notice to read.
  await client.query(`
    update public.health_screenings x set result = 'finding', note = 'Thị lực mắt phải 8/10, mắt trái 9/10'
    where x.student_id = $1 and x.kind = 'vision' and x.school_year_id = (select c.school_year_id from public.classes c where c.id = x.class_id)
      and x.class_id in (select e.class_id from public.enrolments e where e.student_id = $1 and e.ended_on is null)`, [demoStudentId]);
  await client.query(`set local session_replication_role = origin`);
  await client.query(`select set_config('request.jwt.claims', json_build_object('sub', $1::text, 'role', 'authenticated')::text, true)`, [accountId('yte@thpt-tandong.edu.vn')]);
  await client.query(`set local role authenticated`);
  const { rows: sent } = await client.query<{ n: number }>(`
    select public.send_health_notices(e.class_id, 'follow_up') as n from public.enrolments e where e.student_id = $1 and e.ended_on is null`, [demoStudentId]);
  await client.query(`reset role`);
  await client.query(`select set_config('request.jwt.claims', '', true)`);
  counts.follow_up_notices = sent[0]?.n ?? 0;
  return counts;
}

/** The school years whose results the demo publishes: every year but the current one, of each school. */
export const PUBLISHED_YEARS: string[] = [...new Set(Object.values(SCHOOL_YEARS).flat())].filter((y) => y !== CURRENT_YEAR);

/**
 * DEMO.md: the results of 2024–2025 and 2025–2026 are published for every class (both schools), so
 * families see them. Done through the workflow itself, rpc/advance_results, called as the people it
 * names (role authenticated, their id in request.jwt.claims, as PostgREST would): the class's GVCN of
 * that year proposes semester I, semester II and the year (its completeness check runs), the vice
 * principal approves (never the proposer), the principal publishes. Each period on its day, as a school
 * does it: the workflow stamps the app's today, pinned here for the moment to a week after semester I
 * ends (semester I) and five days after the year ends (semester II and the year), then put back. One
 * statement per person, step and period: the 17 classes' 51 periods take about a second. Returns the
 * number of periods published.
 */
export async function publishDemoResults(client: pg.ClientBase, years: string[] = PUBLISHED_YEARS): Promise<number> {
  const { rows } = await client.query<{ class_id: string; gvcn: string; vice: string; principal: string; s1_day: string; year_day: string }>(`
    select c.id as class_id, c.homeroom_teacher_id as gvcn,
           (select m.profile_id from public.memberships m where m.school_year_id = c.school_year_id and m.role = 'vice_principal' order by m.profile_id limit 1) as vice,
           (select m.profile_id from public.memberships m where m.school_year_id = c.school_year_id and m.role = 'principal' order by m.profile_id limit 1) as principal,
           to_char(y.semester1_ends_on + 7, 'YYYY-MM-DD') as s1_day, to_char(y.ends_on + 5, 'YYYY-MM-DD') as year_day
    from public.classes c join public.school_years y on y.id = c.school_year_id
    where y.code = any ($1::text[])
    order by y.starts_on, c.school_id, c.name`, [years]);
  const { rows: pinned } = await client.query<{ value: string }>(`select value from private.settings where key = 'pinned_today'`);
  const pin = (day: string) => client.query(`insert into private.settings (key, value) values ('pinned_today', $1) on conflict (key) do update set value = excluded.value`, [day]);
  const steps: [string, (r: (typeof rows)[number]) => string][] = [['propose', (r) => r.gvcn], ['approve', (r) => r.vice], ['publish', (r) => r.principal]];
  // The periods by the day they are published: semester I's, then semester II and the year's.
  const days = new Map<string, { day: string; semesters: (number | null)[]; rows: typeof rows }>();
  for (const r of rows) {
    for (const [day, semesters] of [[r.s1_day, [1]], [r.year_day, [2, null]]] as const) {
      const key = `${day} ${semesters.join()}`;
      const d = days.get(key) ?? { day, semesters: [...semesters], rows: [] };
      d.rows.push(r);
      days.set(key, d);
    }
  }
  let published = 0;
  for (const [, period] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    const day = period.day;
    await pin(day);
    for (const [action, who] of steps) {
      const byPerson = new Map<string, string[]>();
      for (const r of period.rows) byPerson.set(who(r), [...(byPerson.get(who(r)) ?? []), r.class_id]);
      for (const [person, classIds] of byPerson) {
        await client.query(`select set_config('request.jwt.claims', json_build_object('sub', $1::text, 'role', 'authenticated')::text, true)`, [person]);
        await client.query(`set local role authenticated`);
        const { rowCount } = await client.query(
          `select public.advance_results(c.id, s.semester, $2) from unnest($1::uuid[]) with ordinality c (id, n)
           cross join unnest($3::int[]) with ordinality s (semester, k) order by c.n, s.k`, [classIds, action, period.semesters]);
        await client.query(`reset role`);
        if (action === 'publish') published += rowCount ?? 0;
      }
    }
  }
  if (pinned[0]) await pin(pinned[0].value);
  else await client.query(`delete from private.settings where key = 'pinned_today'`);
  await client.query(`select set_config('request.jwt.claims', '', true)`);
  return published;
}

/** The demo student of 10A1 whose guardian is phuhuynh@ and whose own account is hocsinh@ (for the README). */
export function demoStudent(): { full_name: string; student_code: string; class_name: string; guardian: string } {
  const { data, student } = buildDemo();
  const mother = data.guardians.find((g) => g.student_id === student.id && g.relationship === 'mother')!;
  return {
    full_name: `${student.family_name} ${student.middle_name} ${student.given_name}`,
    student_code: student.student_code, class_name: '10A1', guardian: mother.full_name,
  };
}

/** phuhuynh@'s older child, in 12A1 this year (10A1 in 2024–2025, 11A1 in 2025–2026). */
export function demoSibling(): { full_name: string; student_code: string; class_name: string } {
  const { sibling } = buildDemo();
  return { full_name: `${sibling.family_name} ${sibling.middle_name} ${sibling.given_name}`, student_code: sibling.student_code, class_name: '12A1' };
}

/** Loads the demo when the database has no users yet; returns whether it did. One transaction. */
export async function seedDemo(client: pg.ClientBase, opts: { log?: (l: string) => void } = {}): Promise<boolean> {
  await assertLocalDatabase(client);
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from auth.users');
  if ((rows[0]?.n ?? 0) > 0) return false;
  const started = Date.now();
  // One hash for every demo account: bcryptjs takes ~250 ms per cost-10 hash, so 17 salts would be most
  // of the seed's time; the password is the same anyway (and published in the README).
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const hashes = new Map(DEMO_ACCOUNTS.map((a) => [a.email, hash] as const));
  // The demo follows its "today": on a day after the current year ended, that year is entered in full.
  const { rows: day } = await client.query<{ today: string }>(`select public.app_today()::text as today`);
  const { data, gradebook, student } = buildDemo(hashes, { today: day[0]!.today });
  let entries: number;
  let gradebookStarted: number;
  let published: number, publishStarted: number, publishEnded: number;
  await client.query('begin');
  try {
    await loadDataset(client, data);
    gradebookStarted = Date.now();
    entries = await loadDemoGradebook(client, gradebook);
    publishStarted = Date.now();
    published = await publishDemoResults(client);
    publishEnded = Date.now();
    await scheduleDemoTests(client);
    await loadDemoHealth(client, student.id);
    await loadDemoDossiers(client);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
  const s = (from: number, to = Date.now()) => `${((to - from) / 1000).toFixed(1)} s`;
  opts.log?.(`Loaded the demo data (${DEMO_ACCOUNTS.length} accounts, ${data.students.length} students, ${data.classes.length} classes, ` +
    `${entries} score entries, ${gradebook.locks.length} past years locked, ${published} class periods published) in ${s(started)} ` +
    `(gradebook ${s(gradebookStarted)}, of which publishing ${s(publishStarted, publishEnded)})`);
  return true;
}
