// The electronic dossier catalogue of seed 002 §2 (Quy chế quản lý và sử dụng hồ sơ điện tử), loaded for
// each office that manages a demo school — the Phòng GD&ĐT Tân Châu (Tiểu học Tân Đông) and the Sở GD&ĐT
// Tây Ninh (THPT Tân Đông) — from 2026–2027, then each school's obligations of its current year. Every
// seed-002 group is kept permanently (retention_years null). Due rules: see 20261204008000's header.
import type pg from 'pg';

interface Item {
  code: string; name: string; party: 'school' | 'department' | 'union_group' | 'library' | 'equipment' | 'teacher' | 'homeroom';
  union_group?: string; cadence: 'weekly' | 'monthly' | 'semester' | 'yearly' | 'once'; due_days: number;
  reviewer: 'principal' | 'bgh' | 'dept_head' | 'none'; reported_up?: boolean; signature_required?: boolean;
}

const LEGAL = 'Quy chế quản lý và sử dụng hồ sơ điện tử (seed 002), Điều 6.2; Điều lệ trường (Điều 21); TT08/2025/TT-BGDĐT';

export const CATALOGUE: { code: string; name: string; items: Item[] }[] = [
  { code: 'nha_truong', name: 'Hồ sơ nhà trường', items: [
    { code: 'hoi_dong_truong', name: 'Hồ sơ Hội đồng trường', party: 'school', cadence: 'yearly', due_days: 30, reviewer: 'principal', reported_up: true },
    { code: 'ke_hoach_nha_truong', name: 'Các kế hoạch của nhà trường', party: 'school', cadence: 'yearly', due_days: 30, reviewer: 'principal', reported_up: true },
    { code: 'trien_khai_thang', name: 'Nội dung triển khai hàng tháng', party: 'school', cadence: 'monthly', due_days: 0, reviewer: 'principal' },
    { code: 'bao_cao', name: 'Báo cáo', party: 'school', cadence: 'semester', due_days: 10, reviewer: 'principal', reported_up: true },
    { code: 'to_trinh', name: 'Tờ trình', party: 'school', cadence: 'once', due_days: 120, reviewer: 'principal', reported_up: true },
  ] },
  { code: 'to_chuyen_mon', name: 'Hồ sơ tổ chuyên môn', items: [
    { code: 'ke_hoach_to', name: 'Kế hoạch môn học và giáo dục của tổ khối', party: 'department', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
    { code: 'ke_hoach_tuan_khoi', name: 'Kế hoạch dạy học tuần của khối', party: 'department', cadence: 'weekly', due_days: 3, reviewer: 'bgh' },
    { code: 'bao_cao_to', name: 'Các báo cáo của tổ', party: 'department', cadence: 'monthly', due_days: 5, reviewer: 'bgh' },
  ] },
  { code: 'doan_the', name: 'Các bộ phận đoàn thể', items: [
    { code: 'cong_doan', name: 'Hồ sơ công đoàn', party: 'union_group', union_group: 'cong_doan', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
    { code: 'nu_cong', name: 'Hồ sơ nữ công', party: 'union_group', union_group: 'nu_cong', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
    { code: 'thanh_tra', name: 'Hồ sơ Ban thanh tra nhân dân', party: 'union_group', union_group: 'thanh_tra', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
    { code: 'doan', name: 'Hồ sơ Đoàn TNCS Hồ Chí Minh', party: 'union_group', union_group: 'doan', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
    { code: 'doi', name: 'Hồ sơ Đội', party: 'union_group', union_group: 'doi', cadence: 'yearly', due_days: 30, reviewer: 'principal' },
  ] },
  { code: 'thu_vien_thiet_bi', name: 'Thư viện, thiết bị', items: [
    { code: 'thu_vien', name: 'Hồ sơ thư viện', party: 'library', cadence: 'semester', due_days: 10, reviewer: 'bgh' },
    { code: 'thiet_bi', name: 'Hồ sơ thiết bị', party: 'equipment', cadence: 'semester', due_days: 10, reviewer: 'bgh' },
  ] },
  { code: 'giao_vien', name: 'Hồ sơ giáo viên', items: [
    { code: 'ke_hoach_day_hoc_tuan', name: 'Kế hoạch dạy học tuần', party: 'teacher', cadence: 'weekly', due_days: 3, reviewer: 'dept_head' },
    { code: 'ke_hoach_bai_day', name: 'Kế hoạch bài dạy', party: 'teacher', cadence: 'weekly', due_days: 3, reviewer: 'dept_head' },
    { code: 'so_chu_nhiem', name: 'Sổ chủ nhiệm', party: 'homeroom', cadence: 'monthly', due_days: 5, reviewer: 'bgh' },
    { code: 'ke_hoach_bdtx', name: 'Kế hoạch bồi dưỡng thường xuyên (BDTX)', party: 'teacher', cadence: 'yearly', due_days: 30, reviewer: 'dept_head' },
    { code: 'bang_tong_hop', name: 'Bảng tổng hợp kết quả giáo dục', party: 'teacher', cadence: 'semester', due_days: 7, reviewer: 'bgh' },
    { code: 'hoc_ba', name: 'Học bạ học sinh', party: 'homeroom', cadence: 'semester', due_days: 10, reviewer: 'bgh' },
    { code: 'ho_so_khac', name: 'Các loại hồ sơ khác (nếu có)', party: 'teacher', cadence: 'once', due_days: 120, reviewer: 'dept_head' },
  ] },
];

/** The catalogue of one office (by org unit code), from `fromYear`. */
export async function loadCatalogue(c: pg.ClientBase, officeCode: string, fromYear: string): Promise<number> {
  let n = 0;
  for (const [g, group] of CATALOGUE.entries()) {
    const { rows: [row] } = await c.query<{ id: string }>(`
      insert into public.dossier_groups (owner_id, code, name, sort_order)
      select id, $2, $3, $4 from public.org_units where code = $1
      on conflict (owner_id, code) do update set name = excluded.name returning id`, [officeCode, group.code, group.name, g]);
    for (const [i, item] of group.items.entries()) {
      const r = await c.query(`
        insert into public.dossier_items (owner_id, group_id, code, name, party, union_group, cadence, due_days, signature_required, reviewer,
                                          reported_up, legal_reference, from_year, sort_order)
        select o.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 from public.org_units o where o.code = $1
        on conflict (owner_id, code) do nothing`,
        [officeCode, row!.id, item.code, item.name, item.party, item.union_group ?? null, item.cadence, item.due_days,
          item.signature_required ?? (item.party === 'teacher' || item.party === 'homeroom'), item.reviewer, item.reported_up ?? false, LEGAL, fromYear, g * 100 + i]);
      n += r.rowCount ?? 0;
    }
  }
  return n;
}

/** The demo's catalogues (both offices) and both schools' obligations of their current year. */
export async function loadDemoDossiers(c: pg.ClientBase): Promise<{ items: number; obligations: number }> {
  const items = (await loadCatalogue(c, 'phong-tanchau', '2026-2027')) + (await loadCatalogue(c, 'so-tayninh', '2026-2027'));
  await c.query(`update public.memberships m set union_groups = '{cong_doan}'
                 from public.profiles p where p.id = m.profile_id and p.email = 'congdoan@thpt-tandong.edu.vn' and m.role = 'union_officer'`);
  // The clerk keeps the library and equipment dossiers of THPT Tân Đông (memberships.dossier_duties).
  await c.query(`update public.memberships m set dossier_duties = '{library,equipment}'
                 from public.profiles p where p.id = m.profile_id and p.email = 'vanthu@thpt-tandong.edu.vn' and m.role = 'clerk'`);
  const { rows } = await c.query<{ n: number }>(`
    select coalesce(sum(public.generate_dossier_obligations(y.id)), 0)::int as n from public.school_years y
    where y.id in (select private.current_school_year_ids())`);
  return { items, obligations: rows[0]!.n };
}
