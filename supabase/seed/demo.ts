// The demo data of ../shared/docs/DEMO.md, loaded into an empty local database: the organisation,
// school years and every demo account with its roles. Later issues extend it (classes, students,
// scores…). Deterministic: a fixed seed gives the same names on every fresh start.
import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';
import type pg from 'pg';
import { personName, rng, type Gender } from './names.ts';

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

/** Loads the demo when the database has no users yet; returns whether it did. One transaction. */
export async function seedDemo(client: pg.ClientBase, opts: { log?: (l: string) => void } = {}): Promise<boolean> {
  await assertLocalDatabase(client);
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from auth.users');
  if ((rows[0]?.n ?? 0) > 0) return false;
  const started = Date.now();
  const r = rng(DEMO_SEED);
  await client.query('begin');
  try {
    const orgIds = new Map<OrgCode, string>();
    for (const o of ORG_UNITS) {
      const res = await client.query<{ id: string }>(
        `insert into public.org_units (kind, parent_id, code, name, school_level)
         values ($1, $2, $3, $4, $5) returning id`,
        [o.kind, o.parent ? orgIds.get(o.parent) : null, o.code, o.name, o.level],
      );
      orgIds.set(o.code, res.rows[0]!.id);
    }
    const yearIds = new Map<string, string>(); // `${org}/${code}` → id
    for (const [org, codes] of Object.entries(SCHOOL_YEARS) as [OrgCode, string[]][]) {
      for (const code of codes) {
        const d = schoolYearDates(code);
        const res = await client.query<{ id: string }>(
          `insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [orgIds.get(org), code, d.starts_on, d.semester1_ends_on, d.semester2_starts_on, d.ends_on],
        );
        yearIds.set(`${org}/${code}`, res.rows[0]!.id);
      }
    }
    // Same password for every demo account, but each its own salt, as real accounts would have.
    const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => bcrypt.hash(DEMO_PASSWORD, 10)));
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const id = crypto.randomUUID();
      const name = personName(r, a.gender);
      await client.query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                                 raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, $3, now(),
                 '{"provider":"email","providers":["email"]}', $4, now(), now())`,
        [id, a.email, hashes[i], JSON.stringify({ full_name: name.full })],
      );
      await client.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
         values ($1, $2, $3, 'email', now(), now())`,
        [id, id, JSON.stringify({ sub: id, email: a.email, email_verified: true })],
      );
      await client.query('insert into public.profiles (id, full_name, email) values ($1, $2, $3)', [id, name.full, a.email]);
      const years =
        a.years === 'none' ? [null] : a.years === 'current' ? [CURRENT_YEAR] : SCHOOL_YEARS[a.org as 'thpt-tandong' | 'th-tandong'];
      for (const role of a.roles) {
        for (const y of years) {
          await client.query(
            'insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, $4)',
            [id, orgIds.get(a.org), y ? yearIds.get(`${a.org}/${y}`) : null, role],
          );
        }
      }
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
  opts.log?.(`Loaded the demo data (${DEMO_ACCOUNTS.length} accounts) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
