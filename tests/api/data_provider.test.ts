// Issue 12, item 6: one honest error path. The admin's data provider (createDataProvider) asks for the
// rows it wrote; a write RLS filtered to zero rows is an error the user is told ("Không có gì được thay
// đổi…"), not "Đã cập nhật". Tried over HTTP as the demo parent forcing the Thôi học write on their
// child's 10A1 enrolment (the screen offers no button), with the admin board's same write as the control.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { createDataProvider, POSTGREST_MAX_ROWS } from '../../admin/src/providers/dataProvider.ts';
import { DbError, NothingChangedError } from '../../admin/src/providers/errors.ts';
import { vi as messages } from '../../admin/src/i18n/vi.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { DEMO_PASSWORD, demoStudent } from '../../supabase/seed/demo.ts';

const PARENT = 'phuhuynh@thpt-tandong.edu.vn';
const BOARD = 'bqt@thpt-tandong.edu.vn';

let parent: SupabaseClient;
let board: SupabaseClient;
const ids = { childEnrolment: '', otherEnrolment: '', today: '' };

interface EnrolmentEnd { ended_on: string | null; end_reason: string | null; end_note: string | null }

async function endOf(id: string): Promise<EnrolmentEnd> {
  const { data } = await serviceClient().from('enrolments').select('ended_on, end_reason, end_note').eq('id', id).single();
  return data as EnrolmentEnd;
}

/** Reopens an enrolment the control ended (as the superuser: audit and freeze triggers stay on). */
async function reopen(id: string) {
  const su = await superuser();
  try {
    await su.query(`update public.enrolments set ended_on = null, end_reason = null, end_note = null where id = $1`, [id]);
  } finally {
    await su.end();
  }
}

beforeAll(async () => {
  [parent, board] = await Promise.all([signedIn(PARENT), signedIn(BOARD)]);
  const school = await unitOf('thpt-tandong');
  const year = (await yearsOf(school)).current;
  const svc = serviceClient();
  ids.today = (await svc.rpc('app_today')).data as string;
  // The demo parent's child of 10A1 (her older child is in 12A1).
  const { data: child } = await svc.from('students').select('student_id:id').eq('student_code', demoStudent().student_code).single();
  const { data: cls } = await svc.from('classes').select('id').eq('school_year_id', year).eq('name', '10A1').single();
  const { data: open } = await svc.from('enrolments').select('id, student_id').eq('class_id', cls!.id).is('ended_on', null);
  ids.childEnrolment = open!.find((e) => e.student_id === child!.student_id)!.id as string;
  ids.otherEnrolment = open!.find((e) => e.student_id !== child!.student_id)!.id as string;
});

afterAll(async () => {
  if ((await endOf(ids.otherEnrolment)).ended_on) await reopen(ids.otherEnrolment);
});

describe('the data provider', () => {
  it('tells the parent that forcing Thôi học on their child changed nothing, and the enrolment stays open', async () => {
    const before = await endOf(ids.childEnrolment);
    const write = createDataProvider(parent).update({
      resource: 'enrolments',
      id: ids.childEnrolment,
      variables: { ended_on: ids.today, end_reason: 'dropout', end_note: 'Thử' },
    });
    await expect(write).rejects.toBeInstanceOf(NothingChangedError);
    await expect(write).rejects.toThrow(messages.errors.nothing_changed);
    expect(before.ended_on).toBeNull();
    expect(await endOf(ids.childEnrolment)).toEqual(before);
  });

  it('lets the admin board end an enrolment of 10A1 with the same write and returns the row', async () => {
    const { data } = await createDataProvider(board).update({
      resource: 'enrolments',
      id: ids.otherEnrolment,
      variables: { ended_on: ids.today, end_reason: 'dropout', end_note: 'Thử' },
    });
    expect(data).toMatchObject({ id: ids.otherEnrolment, ended_on: ids.today, end_reason: 'dropout' });
    expect(await endOf(ids.otherEnrolment)).toEqual({ ended_on: ids.today, end_reason: 'dropout', end_note: 'Thử' });
    await reopen(ids.otherEnrolment);
  });

  it('answers the parent\'s forced insert into memberships with the Vietnamese refusal, not the RLS text', async () => {
    const school = await unitOf('thpt-tandong');
    const write = createDataProvider(parent).create({
      resource: 'memberships',
      variables: { profile_id: await idOf(PARENT), org_unit_id: school, school_year_id: (await yearsOf(school)).current, role: 'admin_board' },
    });
    const error = await write.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect((error as DbError).message).not.toMatch(/row-level security|memberships|policy/);
    expect((error as DbError).message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
  });
});

describe('a list read whole (pagination off)', () => {
  /** A client signed in as the account, recording the Prefer header of every PostgREST request. */
  async function recording(email: string): Promise<{ client: SupabaseClient; prefers: string[] }> {
    const prefers: string[] = [];
    const s = stackInfo();
    const client = createClient(s.apiUrl, s.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      global: {
        fetch: (input, init) => {
          if (String(input).includes('/rest/v1/')) prefers.push(new Headers(init?.headers).get('prefer') ?? '');
          return fetch(input, init);
        },
      },
    });
    const { error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
    if (error) throw new Error(error.message);
    return { client, prefers };
  }

  it('gives the GVCN of 10A1 the rows and total the counted read gives, without asking PostgREST to count', async () => {
    const { client, prefers } = await recording('gvcn.10a1@thpt-tandong.edu.vn');
    const school = await unitOf('thpt-tandong');
    const { data: cls } = await serviceClient().from('classes').select('id').eq('school_year_id', (await yearsOf(school)).current).eq('name', '10A1').single();
    const params = {
      resource: 'enrolments',
      pagination: { mode: 'off' as const },
      filters: [{ field: 'class_id', operator: 'eq' as const, value: cls!.id }],
      sorters: [{ field: 'student_id', order: 'asc' as const }],
      meta: { select: 'id, class_id, student_id, students(full_name, student_details(birth_place, ethnicity))' },
    };
    const whole = await createDataProvider(client).getList(params);
    expect(prefers.some((p) => p.includes('count='))).toBe(false);
    // The control: the base provider's read of the same list, counted by PostgREST.
    const counted = await createDataProvider(client).getList({ ...params, pagination: { mode: 'server', currentPage: 1, pageSize: 100 } });
    expect(prefers.some((p) => p.includes('count=exact'))).toBe(true);
    expect(whole.total).toBeGreaterThan(30);
    expect(whole.total).toBe(counted.total);
    expect(whole.data).toEqual(counted.data);
    expect((whole.data[0] as { students: { student_details: unknown } }).students.student_details).not.toBeNull();
  });

  it('asks for the count when PostgREST cut the list at its row limit, so the total stays true', async () => {
    const svc = serviceClient();
    const { count } = await svc.from('score_entries').select('id', { count: 'exact', head: true });
    expect(count!).toBeGreaterThan(POSTGREST_MAX_ROWS);
    const got = await createDataProvider(svc).getList({ resource: 'score_entries', pagination: { mode: 'off' }, meta: { select: 'id' } });
    expect(got.data.length).toBe(POSTGREST_MAX_ROWS);
    expect(got.total).toBe(count);
  });

  it('says a refused read in Vietnamese, as the counted read does', async () => {
    const { client } = await recording(PARENT);
    const params = { resource: 'enrolments', meta: { select: 'id, no_such_column' } };
    const whole = await createDataProvider(client).getList({ ...params, pagination: { mode: 'off' } }).catch((e: unknown) => e);
    const counted = await createDataProvider(client).getList({ ...params, pagination: { mode: 'server' } }).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(DbError);
    expect(counted).toBeInstanceOf(DbError);
    expect((whole as DbError).message).toBe((counted as DbError).message);
    expect((whole as DbError).message).not.toMatch(/column|does not exist/i);
  });
});
