// The dossier catalogue and obligations over HTTP as the demo people (issue 17, first part; migration
// 20261204008000_dossier_catalogue.sql). The office that manages a school owns its catalogue (the Sở for
// THPT Tân Đông, the Phòng for Tiểu học Tân Đông); staff read their office's catalogue and their school's
// own items; a school's admin board adds items but never changes or removes its office's; nobody deletes.
// Obligations: a teacher reads their own, the Tổ trưởng the department's teachers', the union officer
// their group's, BGH and the admin board the school's, the office its schools' — nobody another school's.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { serviceClient, signedIn } from '../helpers/stack.ts';
import { idOf, unitOf } from '../helpers/accounts.ts';

type Client = SupabaseClient<Database>;
const users = new Map<string, Client>();
const as = async (email: string) => {
  if (!users.has(email)) users.set(email, await signedIn(email));
  return users.get(email)!;
};
const svc = serviceClient();
const fx = { so: '', phong: '', thpt: '', th: '' };

beforeAll(async () => {
  fx.so = await unitOf('so-tayninh');
  fx.phong = await unitOf('phong-tanchau');
  fx.thpt = await unitOf('thpt-tandong');
  fx.th = await unitOf('th-tandong');
});

const owners = async (c: Client) => new Set((await c.from('dossier_items').select('owner_id').limit(1000)).data!.map((r) => r.owner_id));

describe('the catalogue', () => {
  it('each school\'s staff read their managing office\'s catalogue; officers their office\'s and those below', async () => {
    // (and their school's own items, which other suites add: never another office's or school's)
    const within = (got: Set<string>, office: string, school: string) => expect([got.has(office), [...got].every((o) => o === office || o === school)]).toEqual([true, true]);
    within(await owners(await as('gv.toan@thpt-tandong.edu.vn')), fx.so, fx.thpt);
    within(await owners(await as('gvcn.3a@th-tandong.edu.vn')), fx.phong, fx.th);
    within(await owners(await as('phong@tanchau.edu.vn')), fx.phong, fx.th);
    const so = await owners(await as('so@tayninh.edu.vn'));
    expect([so.has(fx.so), so.has(fx.phong), [...so].every((o) => [fx.so, fx.phong, fx.thpt, fx.th].includes(o))]).toEqual([true, true, true]);
    // Families read no catalogue.
    expect((await (await as('phuhuynh@thpt-tandong.edu.vn')).from('dossier_items').select('id').limit(1)).data).toEqual([]);
  });

  it('a personal dossier always requires a signature; the seed-002 groups are kept permanently', async () => {
    const { data } = await svc.from('dossier_items').select('code, party, signature_required, retention_years').eq('owner_id', fx.so);
    expect(data!.length).toBe(22);
    expect(data!.filter((i) => ['teacher', 'homeroom'].includes(i.party)).every((i) => i.signature_required)).toBe(true);
    expect(data!.every((i) => i.retention_years === null)).toBe(true);
    const phong = await as('phong@tanchau.edu.vn');
    const group = (await phong.from('dossier_groups').select('id').eq('owner_id', fx.phong).eq('code', 'giao_vien').single()).data!;
    const unsigned = await phong.from('dossier_items').insert({ owner_id: fx.phong, group_id: group.id, code: 'so_du_gio', name: 'Sổ dự giờ',
      party: 'teacher', cadence: 'monthly', signature_required: false });
    expect(unsigned.error?.message).toBe('Hồ sơ cá nhân phải được ký số trước khi nộp: không thể bỏ yêu cầu chữ ký.');
  });

  it('the office adds to its catalogue; a school adds its own items, never the office\'s, and changes none of them; nobody deletes', async () => {
    const phong = await as('phong@tanchau.edu.vn');
    const group = (await phong.from('dossier_groups').select('id').eq('owner_id', fx.phong).eq('code', 'giao_vien').single()).data!;
    const added = await phong.from('dossier_items').insert({ owner_id: fx.phong, group_id: group.id, code: 'so_du_gio', name: 'Sổ dự giờ',
      party: 'teacher', cadence: 'monthly', due_days: 5, signature_required: true, reviewer: 'dept_head' }).select('id').single();
    expect(added.error).toBeNull();
    const board = await as('bqt@th-tandong.edu.vn');
    const intoOffice = await board.from('dossier_items').insert({ owner_id: fx.phong, group_id: group.id, code: 'x_board', name: 'X', party: 'school', cadence: 'yearly' });
    expect(intoOffice.error?.code).toBe('42501');
    const changed = await board.from('dossier_items').update({ name: 'Đổi tên' }).eq('id', added.data!.id).select('id');
    expect(changed.data).toEqual([]);
    // (The owner may: the positive control.)
    expect((await phong.from('dossier_items').update({ name: 'Sổ dự giờ, thăm lớp' }).eq('id', added.data!.id).select('id')).data).toEqual([{ id: added.data!.id }]);
    // The school's own group and item.
    const own = await board.from('dossier_groups').insert({ owner_id: fx.th, code: 'rieng', name: 'Hồ sơ riêng của trường' }).select('id').single();
    expect(own.error).toBeNull();
    const item = await board.from('dossier_items').insert({ owner_id: fx.th, group_id: own.data!.id, code: 'so_tay_an_toan', name: 'Sổ tay an toàn trường học',
      party: 'school', cadence: 'yearly', due_days: 15 }).select('id').single();
    expect(item.error).toBeNull();
    // Another school's board does not see it; the THPT's board cannot write into the primary school.
    expect((await (await as('bqt@thpt-tandong.edu.vn')).from('dossier_items').select('id').eq('id', item.data!.id)).data).toEqual([]);
    expect((await (await as('bqt@thpt-tandong.edu.vn')).from('dossier_groups').insert({ owner_id: fx.th, code: 'x', name: 'X' })).error?.code).toBe('42501');
    for (const [c, id] of [[phong, added.data!.id], [board, item.data!.id]] as const) {
      const del = await c.from('dossier_items').delete().eq('id', id).select('id');
      expect(del.error?.code).toBe('42501');
    }
    expect((await svc.from('dossier_items').select('id').in('id', [added.data!.id, item.data!.id])).data!.length).toBe(2);
  });
});

describe('the obligations', () => {
  const seen = async (email: string) => (await (await as(email)).from('dossier_obligations').select('school_id, profile_id, party, union_group, department_id').limit(5000)).data!;

  it('a teacher reads their own only; the Tổ trưởng also the department\'s teachers\'', async () => {
    const toan = await idOf('gv.toan@thpt-tandong.edu.vn');
    const mine = await seen('gv.toan@thpt-tandong.edu.vn');
    expect(mine.length).toBeGreaterThan(40);
    expect(mine.every((o) => o.profile_id === toan)).toBe(true);
    const head = await seen('totruong.toan@thpt-tandong.edu.vn');
    expect(head.some((o) => o.profile_id === toan)).toBe(true);
    expect(head.some((o) => o.party === 'department')).toBe(true);
    expect(head.every((o) => o.school_id === fx.thpt)).toBe(true);
  });

  it('the union officer reads the Công đoàn\'s; BGH and the admin board the school\'s; officers their schools\'; nobody another school\'s', async () => {
    const union = await seen('congdoan@thpt-tandong.edu.vn');
    expect(union.length).toBeGreaterThan(0);
    expect(union.every((o) => o.union_group === 'cong_doan')).toBe(true);
    const total = async (school: string) => (await svc.from('dossier_obligations').select('id', { count: 'exact', head: true }).eq('school_id', school)).count!;
    const count = async (email: string, school: string) =>
      (await (await as(email)).from('dossier_obligations').select('id', { count: 'exact', head: true }).eq('school_id', school)).count;
    expect(await count('hieutruong@thpt-tandong.edu.vn', fx.thpt)).toBe(await total(fx.thpt));
    expect(await count('bqt@th-tandong.edu.vn', fx.th)).toBe(await total(fx.th));
    expect(await count('so@tayninh.edu.vn', fx.thpt)).toBe(await total(fx.thpt));
    expect(await count('phong@tanchau.edu.vn', fx.th)).toBe(await total(fx.th));
    expect(await count('phong@tanchau.edu.vn', fx.thpt)).toBe(0);
    expect(await count('hieutruong@thpt-tandong.edu.vn', fx.th)).toBe(0);
    for (const email of ['phuhuynh@thpt-tandong.edu.vn', 'hocsinh@thpt-tandong.edu.vn', 'yte@thpt-tandong.edu.vn']) {
      expect(await seen(email), email).toEqual([]);
    }
  });

  it('only the admin board of the school generates a year\'s obligations; a second run adds nothing', async () => {
    const { data: year } = await svc.from('school_years').select('id').eq('school_id', fx.thpt).eq('code', '2026-2027').single();
    // (Other suites grant roles to new people: the first run may add theirs; a second adds nothing.)
    const board = await as('bqt@thpt-tandong.edu.vn');
    expect((await board.rpc('generate_dossier_obligations', { p_school_year_id: year!.id })).error).toBeNull();
    expect((await board.rpc('generate_dossier_obligations', { p_school_year_id: year!.id })).data).toBe(0);
    for (const email of ['hieutruong@thpt-tandong.edu.vn', 'bqt@th-tandong.edu.vn', 'so@tayninh.edu.vn']) {
      const { error } = await (await as(email)).rpc('generate_dossier_obligations', { p_school_year_id: year!.id });
      expect(error?.message, email).toBe('Chỉ Ban quản trị của trường lập được danh sách hồ sơ phải nộp của năm học.');
    }
    // Nobody inserts one by hand.
    const hand = await (await as('bqt@thpt-tandong.edu.vn')).from('dossier_obligations').insert({ school_id: fx.thpt, school_year_id: year!.id,
      item_id: '00000000-0000-0000-0000-000000000000', party: 'school', period_start: '2026-11-23', period_end: '2026-11-29', label: 'x', due_on: '2026-11-20', due_at: '2026-11-20T16:59:59Z' });
    expect(hand.error?.code).toBe('42501');
  });
});
