// Issue 12, item 6: one honest error path. The admin's data provider (createDataProvider) asks for the
// rows it wrote; a write RLS filtered to zero rows is an error the user is told ("Không có gì được thay
// đổi…"), not "Đã cập nhật". Tried over HTTP as the demo parent forcing the Thôi học write on their
// child's 10A1 enrolment (the screen offers no button), with the admin board's same write as the control.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataProvider } from '../../admin/src/providers/dataProvider.ts';
import { DbError, NothingChangedError } from '../../admin/src/providers/errors.ts';
import { vi as messages } from '../../admin/src/i18n/vi.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { demoStudent } from '../../supabase/seed/demo.ts';

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
