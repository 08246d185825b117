// Dossier obligations' periods and due dates (issue 17; migration 20261204008000_dossier_catalogue.sql):
// weeks run Monday–Sunday and a weekly plan is due before the week it plans, months are calendar months
// clipped to the school year, across week, month and year boundaries; due at 23:59:59 Vietnam time
// (16:59:59 UTC) of the due date; the demo's obligations exist for every party of the catalogue.
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

async function periods(cadence: string, dueDays: number) {
  const { rows } = await db().query<{ period_start: string; period_end: string; due_on: string; label: string }>(
    `select period_start::text, period_end::text, due_on::text, label
     from public.dossier_periods($1, $2, '2026-09-05', '2027-01-16', '2027-01-18', '2027-05-31')`, [cadence, dueDays]);
  return rows;
}

describe('dossier periods of 2026–2027 (5 Sep 2026 – 31 May 2027)', () => {
  it('weekly: Monday to Sunday from the week the year starts in, due 3 days before the Monday (the Friday before)', async () => {
    const w = await periods('weekly', 3);
    // 5 Sep 2026 is a Saturday: its week began on Monday 31 Aug.
    expect(w[0]).toEqual({ period_start: '2026-08-31', period_end: '2026-09-06', due_on: '2026-08-28', label: 'Tuần 1 (31/08–06/09/2026)' });
    // Across a month boundary and the new year.
    expect(w.find((p) => p.period_start === '2026-09-28')).toMatchObject({ period_end: '2026-10-04', due_on: '2026-09-25' });
    expect(w.find((p) => p.period_start === '2026-12-28')).toMatchObject({ period_end: '2027-01-03', due_on: '2026-12-25' });
    // The last week holds 31 May 2027 (a Monday).
    expect(w.at(-1)).toMatchObject({ period_start: '2027-05-31', period_end: '2027-06-06' });
    expect(w.every((p) => new Date(`${p.period_start}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(w.length).toBe(40);
  });

  it('monthly: calendar months clipped to the year, due days after the month\'s last day (February of 2027 has 28)', async () => {
    const m = await periods('monthly', 5);
    expect(m[0]).toEqual({ period_start: '2026-09-05', period_end: '2026-09-30', due_on: '2026-10-05', label: 'Tháng 09/2026' });
    expect(m.find((p) => p.label === 'Tháng 12/2026')).toMatchObject({ period_end: '2026-12-31', due_on: '2027-01-05' });
    expect(m.find((p) => p.label === 'Tháng 02/2027')).toMatchObject({ period_start: '2027-02-01', period_end: '2027-02-28', due_on: '2027-03-05' });
    expect(m.at(-1)).toEqual({ period_start: '2027-05-01', period_end: '2027-05-31', due_on: '2027-06-05', label: 'Tháng 05/2027' });
    expect(m.length).toBe(9);
  });

  it('semester and yearly', async () => {
    expect(await periods('semester', 10)).toEqual([
      { period_start: '2026-09-05', period_end: '2027-01-16', due_on: '2027-01-26', label: 'Học kỳ I' },
      { period_start: '2027-01-18', period_end: '2027-05-31', due_on: '2027-06-10', label: 'Học kỳ II' },
    ]);
    expect(await periods('yearly', 30)).toEqual([{ period_start: '2026-09-05', period_end: '2027-05-31', due_on: '2026-10-05', label: 'Năm học 2026-2027' }]);
  });

  it('the demo\'s obligations: due at 23:59:59 in Vietnam (16:59:59 UTC), every party of the catalogue present in both schools', async () => {
    const { rows } = await db().query<{ code: string; party: string; n: number; bad_due: number }>(`
      select o.code, b.party, count(*)::int as n,
             count(*) filter (where b.due_at <> (b.due_on::timestamp + interval '16 hours 59 minutes 59 seconds') at time zone 'UTC')::int as bad_due
      from public.dossier_obligations b join public.org_units o on o.id = b.school_id group by 1, 2 order by 1, 2`);
    for (const school of ['th-tandong', 'thpt-tandong']) {
      const parties = rows.filter((r) => r.code === school).map((r) => r.party);
      expect(parties, school).toEqual(['department', 'equipment', 'homeroom', 'library', 'school', 'teacher', 'union_group']);
    }
    expect(rows.every((r) => r.bad_due === 0)).toBe(true);
    // gv.toan's weekly teaching plans: one per week of the year.
    const { rows: [w] } = await db().query<{ n: number }>(`
      select count(*)::int as n from public.dossier_obligations b join public.dossier_items i on i.id = b.item_id
      join public.profiles p on p.id = b.profile_id where p.email = 'gv.toan@thpt-tandong.edu.vn' and i.code = 'ke_hoach_day_hoc_tuan'`);
    expect(w!.n).toBe(40);
  });
});
