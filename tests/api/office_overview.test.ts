// Tổng quan các trường (issue 18): rpc office_overview over HTTP as the demo users. The Sở sees THPT Tân
// Đông (directly under it) and Phòng GD&ĐT Tân Châu with its school's totals, and drills into the Phòng's
// Tiểu học Tân Đông; the Phòng sees only its school and nothing above it; staff and families are refused
// in one sentence. A count of 3 reads "< 5": a test-owned Phòng under the Sở with one school of exactly 3
// classes (made and removed by the superuser without triggers, under no demo office, so the demo's figures do not move);
// its positive control, Tiểu học Tân Đông's 5 classes and THPT Tân Đông's students, read as numbers.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';

interface School { id: string; name: string; school_year: { id: string; code: string } | null; counts: { classes: unknown; students: unknown; staff: unknown }; progress: { share_done: number | null; overdue: unknown; semester: number }; results: unknown; dossiers: Record<string, unknown>; health: Record<string, unknown> }
interface Overview { unit: { id: string; name: string; kind: string }; path: { name: string }[]; schools: School[]; offices: { id: string; name: string; schools: number; classes: unknown; students: unknown; staff: unknown }[] }

const THPT = 'Trường THPT Tân Đông';
const TH = 'Trường Tiểu học Tân Đông';
const PHONG = 'Phòng GD&ĐT Tân Châu';
const tag = crypto.randomUUID().slice(0, 8);
const own = { office: '', school: '', year: '' };
let db: pg.Client;

async function overviewAs(email: string, unit?: string): Promise<Overview> {
  const client = await signedIn(email);
  const { data, error } = await client.rpc('office_overview', unit ? { p_org_unit_id: unit } : {});
  expect(error).toBeNull();
  return data as unknown as Overview;
}

beforeAll(async () => {
  db = await superuser();
  // Made and removed as the seed loads the demo (no triggers): no audit rows tie the test's rows down.
  await db.query(`set session_replication_role = replica`);
  const so = (await db.query<{ id: string }>(`select id from public.org_units where kind = 'province' and name = 'Sở GD&ĐT Tây Ninh'`)).rows[0]!.id;
  own.office = (await db.query<{ id: string }>(`insert into public.org_units (kind, parent_id, code, name) values ('district', $1, $2, $3) returning id`,
    [so, `test-office-${tag}`, `Phòng GD&ĐT Thử ${tag}`])).rows[0]!.id;
  own.school = (await db.query<{ id: string }>(`insert into public.org_units (kind, parent_id, code, name, school_level) values ('school', $1, $2, $3, 'primary') returning id`,
    [own.office, `test-school-${tag}`, `Trường Tiểu học Thử ${tag}`])).rows[0]!.id;
  own.year = (await db.query<{ id: string }>(`insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
    values ($1, '2026-2027', '2026-09-05', '2027-01-16', '2027-01-18', '2027-05-31') returning id`, [own.school])).rows[0]!.id;
  await db.query(`insert into public.classes (school_id, school_year_id, grade, name) values ($1, $2, 1, '1A'), ($1, $2, 2, '2A'), ($1, $2, 3, '3A')`, [own.school, own.year]);
});

afterAll(async () => {
  if (own.year) {
    await db.query('delete from public.classes where school_year_id = $1', [own.year]);
    await db.query('delete from public.school_years where id = $1', [own.year]);
  }
  if (own.school) await db.query('delete from public.org_units where id = $1', [own.school]);
  if (own.office) await db.query('delete from public.org_units where id = $1', [own.office]);
  await db.end();
});

describe('rpc office_overview', () => {
  it('so@ sees THPT Tân Đông and the Phòng with its school; drills into the Phòng to Tiểu học Tân Đông', async () => {
    const top = await overviewAs('so@tayninh.edu.vn');
    expect(top.unit.kind).toBe('province');
    expect(top.schools.map((s) => s.name)).toEqual([THPT]);
    const phong = top.offices.find((o) => o.name === PHONG)!;
    expect(phong).toBeDefined();
    expect(phong.schools).toBe(1);
    const thpt = top.schools[0]!;
    expect(thpt.school_year?.code).toBe('2026-2027');
    expect(thpt.progress.semester).toBe(1);
    expect(typeof thpt.progress.share_done).toBe('number');
    expect(thpt.dossiers).toHaveProperty('share_done');
    expect(thpt.health).toHaveProperty('enrolled');

    const down = await overviewAs('so@tayninh.edu.vn', phong.id);
    expect(down.unit.name).toBe(PHONG);
    expect(down.path.map((u) => u.name)).toEqual(['Sở GD&ĐT Tây Ninh', PHONG]);
    expect(down.schools.map((s) => s.name)).toEqual([TH]);
    expect(down.offices).toEqual([]);

    // A school's own level: its detail only.
    const one = await overviewAs('so@tayninh.edu.vn', thpt.id);
    expect(one.schools.map((s) => s.name)).toEqual([THPT]);
  });

  it('phong@ sees only Tiểu học Tân Đông, never the Sở or THPT Tân Đông', async () => {
    const mine = await overviewAs('phong@tanchau.edu.vn');
    expect(mine.unit.name).toBe(PHONG);
    expect(mine.schools.map((s) => s.name)).toEqual([TH]);
    expect(mine.offices).toEqual([]);
    const client = await signedIn('phong@tanchau.edu.vn');
    for (const unit of [top(), thptId()]) {
      const { error } = await client.rpc('office_overview', { p_org_unit_id: await unit });
      expect(error?.code).toBe('42501');
      expect(error?.message).toBe('Đơn vị này không thuộc phạm vi quản lý của bạn.');
    }
  });

  it('a teacher, a principal and a parent are refused in one sentence', async () => {
    for (const email of ['gv.toan@thpt-tandong.edu.vn', 'hieutruong@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn']) {
      const { data, error } = await (await signedIn(email)).rpc('office_overview');
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
      expect(error?.message).toBe('Chỉ cán bộ Phòng GD&ĐT và Sở GD&ĐT xem tổng quan các trường.');
    }
  });

  it('a count of 3 reads "< 5"; 5 and more read as the number', async () => {
    const top = await overviewAs('so@tayninh.edu.vn');
    const mine = top.offices.find((o) => o.id === own.office)!;
    expect(mine.schools).toBe(1);
    expect(mine.classes).toBe('< 5');
    expect(mine.students).toBe(0);
    const school = (await overviewAs('so@tayninh.edu.vn', own.office)).schools[0]!;
    expect(school.counts).toEqual({ classes: '< 5', students: 0, staff: 0 });

    // Positive control: the exact figures, read by the service role, shown as they are.
    const svc = serviceClient();
    const th = top.offices.find((o) => o.name === PHONG)!;
    const thYear = (await overviewAs('so@tayninh.edu.vn', th.id)).schools[0]!.school_year!.id;
    const { count: classes } = await svc.from('classes').select('id', { count: 'exact', head: true }).eq('school_year_id', thYear);
    expect(classes).toBe(5);
    expect(th.classes).toBe(5);
    const thpt = top.schools[0]!;
    const { count: students } = await svc.from('enrolments').select('id', { count: 'exact', head: true })
      .eq('school_year_id', thpt.school_year!.id).is('ended_on', null);
    expect(students).toBeGreaterThanOrEqual(5);
    expect(thpt.counts.students).toBe(students);
  });
});

async function top(): Promise<string> {
  return (await db.query<{ id: string }>(`select id from public.org_units where kind = 'province' and name = 'Sở GD&ĐT Tây Ninh'`)).rows[0]!.id;
}
async function thptId(): Promise<string> {
  return (await db.query<{ id: string }>(`select id from public.org_units where name = $1`, [THPT])).rows[0]!.id;
}
