// The calendar's backups (issue 19, item 1; migration 20261205030000_backup_schedule_and_tasks.sql), on a
// database of the test's own with "today" moved: rpc/schedule_backups starts a semester backup of each
// school once semester I has ended and a year backup once the year has ended, each for 30 days after and
// only once; on the demo's own "today" nothing is due; a signed-in person cannot call it.
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

async function scheduleOn(today: string): Promise<number> {
  await db().query(`update private.settings set value = $1 where key = 'pinned_today'`, [today]);
  return (await db().query<{ n: number }>(`select public.schedule_backups() as n`)).rows[0]!.n;
}

const started = async () =>
  (await db().query<{ school: string; kind: string; year: string | null; semester: number | null; label: string; requested_by: string | null; job: string }>(
    `select o.code as school, b.kind, y.code as year, b.semester, b.label, b.requested_by, j.kind as job
     from public.backups b join public.org_units o on o.id = b.school_id
     left join public.school_years y on y.id = b.school_year_id join public.jobs j on j.id = b.job_id
     order by b.started_at, o.code collate "C"`)).rows;

describe('rpc/schedule_backups', () => {
  it('on the demo\'s "today" (semester I running, 2025–2026 ended in May) nothing is due', async () => {
    const { rows } = await db().query<{ today: string }>(`select public.app_today()::text as today`);
    expect(rows[0]!.today).toBe('2026-11-23');
    expect((await db().query(`select public.schedule_backups() as n`)).rows[0].n).toBe(0);
    expect(await started()).toEqual([]);
  });

  it('after semester I ends: one semester backup per school, once; after the year ends: the year backup', async () => {
    // 2027-01-16 is the last day of semester I: not yet.
    expect(await scheduleOn('2027-01-16')).toBe(0);
    expect(await scheduleOn('2027-01-20')).toBe(2);
    expect(await started()).toEqual([
      { school: 'th-tandong', kind: 'semester', year: '2026-2027', semester: 1, label: 'Bản sao học kì I năm học 2026-2027', requested_by: null, job: 'backup' },
      { school: 'thpt-tandong', kind: 'semester', year: '2026-2027', semester: 1, label: 'Bản sao học kì I năm học 2026-2027', requested_by: null, job: 'backup' },
    ]);
    // Running: not again; done: not again either.
    expect(await scheduleOn('2027-01-21')).toBe(0);
    await db().query(`update public.backups set status = 'done', finished_at = private.app_now()`);
    expect(await scheduleOn('2027-02-10')).toBe(0);
    // Thirty days after, a missed period is left to IT staff.
    await db().query(`begin; set local session_replication_role = replica; delete from public.backups; commit`);
    expect(await scheduleOn('2027-02-16')).toBe(0);

    expect(await scheduleOn('2027-06-01')).toBe(2);
    const year = (await started()).filter((b) => b.kind === 'year');
    expect(year.map((b) => [b.school, b.year, b.label])).toEqual([
      ['th-tandong', '2026-2027', 'Bản sao năm học 2026-2027'],
      ['thpt-tandong', '2026-2027', 'Bản sao năm học 2026-2027'],
    ]);
  });

  it('a failed backup of the period does not count; a school with a backup running waits', async () => {
    await db().query(`update public.backups set status = 'failed', finished_at = private.app_now() where kind = 'year'`);
    // th-tandong: an on-demand backup running → it waits; thpt-tandong: its failed year backup is taken again.
    const th = (await db().query<{ id: string }>(`select id from public.org_units where code = 'th-tandong'`)).rows[0]!.id;
    await db().query(`select public.start_backup($1, 'on_demand')`, [th]);
    expect(await scheduleOn('2027-06-02')).toBe(1);
    const again = (await started()).filter((b) => b.kind === 'year').map((b) => b.school);
    expect(again).toEqual(['th-tandong', 'thpt-tandong', 'thpt-tandong']);
  });

  it('nobody signed in may call it (positive control: the owner\'s session, as a cron entry, above)', async () => {
    await db().query(`set role authenticated`);
    try {
      await expect(db().query(`select public.schedule_backups()`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await db().query(`reset role`);
    }
  });
});
