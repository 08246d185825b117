// The demo data of ../shared/docs/DEMO.md, loaded into an empty local database: the organisation, school
// years, every demo account with its roles, and the school data (subjects, departments, classes with
// their subjects, homeroom teachers and teaching assignments, students with profiles, guardians and
// enrolment history). Later issues add scores. Deterministic: a fixed seed gives the same people (and the
// same ids) on every fresh start. The school data comes from school.ts, the scale generator's code path.
import bcrypt from 'bcryptjs';
import type pg from 'pg';
import { personName, rng, type Gender } from './names.ts';
import { buildSchool, emptyDataset, loadDataset, mergeInto, schoolYearDates, stableId, type Dataset, type StudentRow } from './school.ts';

export { schoolYearDates };

export const DEMO_PASSWORD = 'SoDienTu@2025';
export const DEMO_SEED = 20250905;

export type DemoRole =
  | 'principal' | 'vice_principal' | 'admin_board' | 'dept_head' | 'homeroom_teacher' | 'subject_teacher'
  | 'nurse' | 'clerk' | 'it_staff' | 'inspector' | 'union_officer' | 'district_officer' | 'province_officer'
  | 'guardian' | 'student';

type OrgCode = 'so-tayninh' | 'phong-tanchau' | 'thpt-tandong' | 'th-tandong';

export interface DemoAccount {
  email: string;
  org: OrgCode;
  roles: DemoRole[];
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
  { email: 'phuhuynh@thpt-tandong.edu.vn', org: 'thpt-tandong', roles: ['guardian'], years: 'current', note: 'Phụ huynh của một học sinh 10A1' },
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
  /** Demo accounts' profile ids by email. */
  accountIds: Map<string, string>;
}

const accountId = (email: string) => stableId('demo-account', email);
const orgId = (code: OrgCode) => stableId(code, code === 'so-tayninh' || code === 'phong-tanchau' ? 'org' : 'school');

/**
 * The whole demo, in memory: pure and deterministic (no database, no clock), so a test can build it
 * twice and compare. `passwordHashes` (by email) are the only thing the loader adds.
 */
export function buildDemo(passwordHashes: Map<string, string> = new Map()): DemoData {
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

  // The demo student: first of this year's 10A1 (cohort "8/A1": grade 8 in the first year, 2024–2025).
  const student = thpt.cohorts.get('8/A1')![0]!;
  student.profile_id = acc('hocsinh@thpt-tandong.edu.vn');
  const mother = thpt.data.guardians.find((g) => g.student_id === student.id && g.relationship === 'mother')!;
  mother.profile_id = acc('phuhuynh@thpt-tandong.edu.vn');

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
  addEnrolmentHistory(data, thpt);
  return { data, student, accountIds };
}

/**
 * The current year's movements at THPT Tân Đông, so that enrolment history has something to show: a
 * class change (11A2 → 11A1), a transfer in (into 10A2), a dropout (12A2) and a GDTC exemption (11A1).
 */
function addEnrolmentHistory(data: Dataset, thpt: ReturnType<typeof buildSchool>) {
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
  const { data } = buildDemo(hashes);
  await client.query('begin');
  try {
    await loadDataset(client, data);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
  opts.log?.(`Loaded the demo data (${DEMO_ACCOUNTS.length} accounts, ${data.students.length} students, ${data.classes.length} classes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
