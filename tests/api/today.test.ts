// "Today" is one pinned date for the demo and every test (public.app_today(), set from SDT_TODAY at
// each start, the demo's 2026-11-23 by default), and the current school year is the database's answer
// for that date: the admin reads both from the database (current_user_context, school_years.is_current),
// never from the browser's clock. Security expiry (tokens, unlocks) keeps the real clock.
import { describe, expect, it } from 'vitest';
import { DEMO_TODAY } from '../../supabase/local/config.ts';
import { anonClient, signedIn, superuser } from '../helpers/stack.ts';

describe('the pinned today', () => {
  it('rpc/app_today answers the demo day whatever the machine\'s date is', async () => {
    const { data, error } = await anonClient().rpc('app_today');
    expect(error).toBeNull();
    expect(data).toBe(DEMO_TODAY);
  });

  it('a teacher\'s context carries the app\'s today and marks only the current year\'s memberships current', async () => {
    const teacher = await signedIn('gv.toan@thpt-tandong.edu.vn');
    const { data, error } = await teacher.rpc('current_user_context');
    expect(error).toBeNull();
    const ctx = data as { today: string; memberships: { school_year: string | null; current: boolean; role: string }[] };
    expect(ctx.today).toBe(DEMO_TODAY);
    const years = new Set(ctx.memberships.map((m) => `${m.school_year}:${m.current}`));
    // gv.toan teaches in every demo year; only 2026-2027 has started by the pinned day and is the latest.
    expect(years).toEqual(new Set(['2024-2025:false', '2025-2026:false', '2026-2027:true']));
  });

  it('an officer\'s year-less membership is current', async () => {
    const officer = await signedIn('so@tayninh.edu.vn');
    const { data } = await officer.rpc('current_user_context');
    const ctx = data as { memberships: { school_year: string | null; current: boolean }[] };
    expect(ctx.memberships.length).toBeGreaterThan(0);
    expect(ctx.memberships.every((m) => m.school_year === null && m.current)).toBe(true);
  });

  it('school_years.is_current names one year per school: the latest started by the pinned day', async () => {
    const admin = await signedIn('bqt@thpt-tandong.edu.vn');
    // is_current is a computed column (public.is_current(school_years)), which the typed select cannot see.
    const { data, error } = await admin.from('school_years').select('code, starts_on, is_current').order('starts_on')
      .overrideTypes<{ code: string; starts_on: string; is_current: boolean }[], { merge: false }>();
    expect(error).toBeNull();
    expect(data!.map((y) => `${y.code}:${y.is_current}`)).toEqual(['2024-2025:false', '2025-2026:false', '2026-2027:true']);
    expect(data!.find((y) => y.is_current)!.starts_on <= DEMO_TODAY).toBe(true);
  });

  it('a year prepared for next September is not current before it starts, and is once the day comes', async () => {
    const su = await superuser();
    try {
      await su.query('begin');
      const school = (await su.query(`select id from public.org_units where code = 'th-tandong'`)).rows[0].id as string;
      await su.query(
        `insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
         values ($1, '2027-2028', '2027-09-05', '2028-01-15', '2028-01-18', '2028-05-31')`, [school]);
      const current = async () => (await su.query(
        `select y.code from public.school_years y where y.school_id = $1 and public.is_current(y)`, [school])).rows.map((r) => r.code);
      expect(await current()).toEqual(['2026-2027']);
      // Moving the pinned day (inside this transaction only) moves the answer with it.
      await su.query(`update private.settings set value = '2027-09-05' where key = 'pinned_today'`);
      expect(await current()).toEqual(['2027-2028']);
    } finally {
      await su.query('rollback');
      await su.end();
    }
  });
});
