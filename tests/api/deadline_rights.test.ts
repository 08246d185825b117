// rpc/deadline_rights through the real API as the demo users: the answer the deadlines screen shows its
// save buttons by is the answer the writes meet — the admin board sets the deadlines and the test dates,
// BGH only the test dates, a teacher neither. Every write re-writes the value already saved, so the
// shared data is unchanged.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn } from '../helpers/stack.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
let year: { id: string; school_id: string };
let board: SupabaseClient, principal: SupabaseClient, teacher: SupabaseClient;

async function rights(client: SupabaseClient) {
  const { data, error } = await client.rpc('deadline_rights', { p_school_year_id: year.id });
  expect(error).toBeNull();
  return (data as { deadlines: boolean; test_dates: boolean }[])[0];
}
/** Re-writes the school's deadlines as they are; true when a row came back. */
async function writeDeadlines(client: SupabaseClient): Promise<boolean> {
  const { data: current } = await serviceClient().rpc('deadlines_of', { p_school_id: year.school_id });
  const { school_id, profiles_weeks, crosscheck_weeks, regular_weekday, regular_time, periodic_days } = current as Record<string, unknown>;
  const { data, error } = await client.from('school_deadlines').upsert({ school_id, profiles_weeks, crosscheck_weeks, regular_weekday, regular_time, periodic_days }).select('school_id');
  return !error && (data?.length ?? 0) === 1;
}
/** Re-writes the year's first test date as it is; true when a row came back. */
async function writeTestDate(client: SupabaseClient): Promise<boolean> {
  const { data: rows } = await serviceClient().from('assessment_periods').select('id, test_date').eq('school_year_id', year.id).order('period').limit(1);
  expect(rows?.length, 'the demo year has test dates').toBe(1);
  const { data, error } = await client.from('assessment_periods').update({ test_date: rows![0]!.test_date }).eq('id', rows![0]!.id).select('id');
  return !error && (data?.length ?? 0) === 1;
}

beforeAll(async () => {
  board = await signedIn(at('bqt'));
  principal = await signedIn(at('hieutruong'));
  teacher = await signedIn(at('gv.toan'));
  const svc = serviceClient();
  const school = (await svc.from('org_units').select('id').eq('code', 'thpt-tandong').single()).data!.id as string;
  year = (await svc.from('school_years').select('id, school_id').eq('school_id', school).eq('code', '2026-2027').single()).data as typeof year;
});

describe('who may change the deadlines and the test dates, as the database answers it', () => {
  it('the admin board may set both, and both writes go through', async () => {
    expect(await rights(board)).toEqual({ deadlines: true, test_dates: true });
    expect(await writeDeadlines(board)).toBe(true);
    expect(await writeTestDate(board)).toBe(true);
  });

  it('the principal may set the test dates but not the deadlines, whose write is refused', async () => {
    expect(await rights(principal)).toEqual({ deadlines: false, test_dates: true });
    expect(await writeTestDate(principal)).toBe(true);
    expect(await writeDeadlines(principal)).toBe(false);
  });

  it('a subject teacher may set neither, and both writes are refused (the admin board, above, is the control)', async () => {
    expect(await rights(teacher)).toEqual({ deadlines: false, test_dates: false });
    expect(await writeDeadlines(teacher)).toBe(false);
    expect(await writeTestDate(teacher)).toBe(false);
  });
});
