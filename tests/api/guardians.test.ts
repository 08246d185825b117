// Issue 11, finding 6: linking an account to a child's record. Whoever is linked to a guardian record
// (guardians.profile_id) or a student record (students.profile_id) reads that child's record, details
// and guardians, so linking is the admin board's act, through rpc link_guardian_account /
// link_student_account, audited: the homeroom teacher keeps editing a guardian's name and contacts but
// writes neither the link nor which child a guardian record belongs to. Tried over HTTP as the demo
// users; a link an attack made (on code without the rule) is undone in `finally`.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createdBy, idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { demoStudent } from '../../supabase/seed/demo.ts';

const BOARD = 'bqt@thpt-tandong.edu.vn';
const HOMEROOM = 'gvcn.10a1@thpt-tandong.edu.vn';
const PARENT = 'phuhuynh@thpt-tandong.edu.vn';

let board: SupabaseClient<Database>;
let homeroom: SupabaseClient<Database>;
let parent: SupabaseClient<Database>;
const ids = { school: '', year: '', board: '', homeroom: '', parent: '', child: '', parentGuardian: '', other: '', otherGuardian: '', otherGuardianProfile: null as string | null };

beforeAll(async () => {
  [board, homeroom, parent] = await Promise.all([signedIn(BOARD), signedIn(HOMEROOM), signedIn(PARENT)]);
  ids.school = await unitOf('thpt-tandong');
  ids.year = (await yearsOf(ids.school)).current;
  [ids.board, ids.homeroom, ids.parent] = await Promise.all([idOf(BOARD), idOf(HOMEROOM), idOf(PARENT)]);
  const svc = serviceClient();
  // The demo parent's guardian record of her child of 10A1 (her older child is in 12A1).
  const younger = (await svc.from('students').select('id').eq('student_code', demoStudent().student_code).single()).data!.id as string;
  const { data: child } = await svc.from('guardians').select('id, student_id').eq('profile_id', ids.parent).eq('student_id', younger).single();
  ids.child = child!.student_id as string;
  ids.parentGuardian = child!.id as string;
  // Another child of 10A1 (this year) with a guardian record not linked to any account.
  const { data: cls } = await svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '10A1').single();
  const { data: pupils } = await svc.from('enrolments').select('student_id').eq('class_id', cls!.id).is('ended_on', null).neq('student_id', ids.child);
  const { data: guardians } = await svc.from('guardians').select('id, student_id, profile_id').in('student_id', pupils!.map((p) => p.student_id as string)).is('profile_id', null).limit(1);
  ids.other = guardians![0]!.student_id as string;
  ids.otherGuardian = guardians![0]!.id as string;
});

async function guardianRow(id: string) {
  const { data } = await serviceClient().from('guardians').select('student_id, profile_id').eq('id', id).single();
  return data as { student_id: string; profile_id: string | null };
}

/** Puts a guardian record back as it was, with the superuser (no client writes the link any more). */
async function putBack(id: string, row: { student_id: string; profile_id: string | null }) {
  const su = await superuser();
  try {
    await su.query(`update public.guardians set student_id = $2, profile_id = $3 where id = $1 and (student_id <> $2 or profile_id is distinct from $3)`, [id, row.student_id, row.profile_id]);
  } finally {
    await su.end();
  }
}

async function reads(client: SupabaseClient<Database>, student: string) {
  const [s, d, g] = await Promise.all([
    client.from('students').select('id').eq('id', student),
    client.from('student_details').select('student_id').eq('student_id', student),
    client.from('guardians').select('id').eq('student_id', student),
  ]);
  return { student: (s.data ?? []).length, details: (d.data ?? []).length, guardians: (g.data ?? []).length };
}

describe('a homeroom teacher cannot hand a child\'s record to an account', () => {
  it('gvcn.10a1@ cannot link phuhuynh@\'s account to another child\'s guardian record; the parent still cannot read that child', async () => {
    const before = await guardianRow(ids.otherGuardian);
    try {
      const res = await homeroom.from('guardians').update({ profile_id: ids.parent }).eq('id', ids.otherGuardian).select('id');
      expect.soft(res.error?.code).toBe('42501');
      expect.soft(await guardianRow(ids.otherGuardian)).toEqual(before);
      expect.soft(await reads(parent, ids.other)).toEqual({ student: 0, details: 0, guardians: 0 });
    } finally {
      await putBack(ids.otherGuardian, before);
    }
  });

  it('gvcn.10a1@ cannot make themselves a guardian of a pupil, neither by adding a record nor by editing one', async () => {
    const before = await guardianRow(ids.otherGuardian);
    let added: string | undefined;
    try {
      const add = await homeroom.from('guardians').insert({ school_id: ids.school, student_id: ids.other, relationship: 'guardian', full_name: 'Người Giám Hộ Giả', profile_id: ids.homeroom }).select('id');
      added = add.data?.[0]?.id as string | undefined;
      expect(add.error?.code).toBe('42501');
      const edit = await homeroom.from('guardians').update({ profile_id: ids.homeroom }).eq('id', ids.otherGuardian).select('id');
      expect(edit.error?.code).toBe('42501');
      const { data } = await serviceClient().from('guardians').select('id').eq('profile_id', ids.homeroom);
      expect(data).toEqual([]);
    } finally {
      await putBack(ids.otherGuardian, before);
      if (added) await putBack(added, { student_id: ids.other, profile_id: null });
    }
  });

  it('gvcn.10a1@ cannot move phuhuynh@\'s guardian record to another child', async () => {
    const before = await guardianRow(ids.parentGuardian);
    try {
      const res = await homeroom.from('guardians').update({ student_id: ids.other }).eq('id', ids.parentGuardian).select('id');
      expect.soft(res.error?.code).toBe('42501');
      expect.soft(await guardianRow(ids.parentGuardian)).toEqual(before);
      expect.soft((await reads(parent, ids.other)).student).toBe(0);
    } finally {
      await putBack(ids.parentGuardian, before);
    }
  });

  it('gvcn.10a1@ cannot link a student record to an account', async () => {
    const res = await homeroom.from('students').update({ profile_id: ids.parent }).eq('id', ids.other).select('id');
    expect(res.error?.code).toBe('42501');
    expect((await serviceClient().from('students').select('profile_id').eq('id', ids.other).single()).data!.profile_id).toBeNull();
  });

  it('gvcn.10a1@ cannot call the linking functions', async () => {
    const g = await homeroom.rpc('link_guardian_account', { p_guardian_id: ids.otherGuardian, p_profile_id: ids.parent });
    expect(g.error?.code).toBe('42501');
    expect(g.error?.message).toMatch(/Ban quản trị/);
    const s = await homeroom.rpc('link_student_account', { p_student_id: ids.other, p_profile_id: ids.parent });
    expect(s.error?.code).toBe('42501');
    expect((await guardianRow(ids.otherGuardian)).profile_id).toBeNull();
  });

  it('control: gvcn.10a1@ still edits a guardian\'s contacts and adds a guardian without an account', async () => {
    const { data: row } = await serviceClient().from('guardians').select('occupation').eq('id', ids.otherGuardian).single();
    const edit = await homeroom.from('guardians').update({ occupation: row!.occupation }).eq('id', ids.otherGuardian).select('id');
    expect(edit.error).toBeNull();
    expect(edit.data).toHaveLength(1);
    const add = await homeroom.from('guardians').insert({ school_id: ids.school, student_id: ids.other, relationship: 'guardian', full_name: 'Trần Văn Bác' }).select('id, profile_id');
    expect(add.error).toBeNull();
    expect(add.data![0]!.profile_id).toBeNull();
  });
});

describe('the admin board links accounts', () => {
  it('bqt@thpt-tandong links a parent account it created to a guardian record; the parent reads the child, details and guardians; the link is audited; unlinking ends it', async () => {
    const account = await createdBy(board, 'thpt-tandong.edu.vn', 'Phụ Huynh Mới');
    expect((await board.from('memberships').insert({ profile_id: account.id, org_unit_id: ids.school, school_year_id: ids.year, role: 'guardian' })).error).toBeNull();
    const { data: added } = await board.from('guardians').insert({ school_id: ids.school, student_id: ids.other, relationship: 'father', full_name: 'Phụ Huynh Mới' }).select('id');
    const guardian = added![0]!.id as string;
    const linked = await board.rpc('link_guardian_account', { p_guardian_id: guardian, p_profile_id: account.id });
    expect(linked.error).toBeNull();
    expect(linked.data).toMatchObject({ id: guardian, student_id: ids.other, profile_id: account.id });
    const newParent = await signedIn(account.email, account.password);
    const seen = await reads(newParent, ids.other);
    expect(seen.student).toBe(1);
    expect(seen.details).toBe(1);
    expect(seen.guardians).toBeGreaterThan(0);
    const { data: audit } = await serviceClient().from('audit_log').select('actor_id, action, new_rows').eq('table_name', 'guardians').contains('row_keys', [guardian]).eq('action', 'update');
    expect(audit).toHaveLength(1);
    expect(audit![0]!.actor_id).toBe(ids.board);
    expect((audit![0]!.new_rows as { profile_id: string }[])[0]!.profile_id).toBe(account.id);
    const unlinked = await board.rpc('link_guardian_account', { p_guardian_id: guardian, p_profile_id: null });
    expect(unlinked.error).toBeNull();
    expect(await reads(newParent, ids.other)).toEqual({ student: 0, details: 0, guardians: 0 });
  });

  it('bqt@thpt-tandong links a student account to a pupil record, and the pupil reads their own record', async () => {
    const account = await createdBy(board, 'thpt-tandong.edu.vn', 'Học Sinh Mới');
    const linked = await board.rpc('link_student_account', { p_student_id: ids.other, p_profile_id: account.id });
    expect(linked.error).toBeNull();
    try {
      const pupil = await signedIn(account.email, account.password);
      expect((await reads(pupil, ids.other)).student).toBe(1);
      // A second link of the same account is refused in Vietnamese.
      const twice = await board.rpc('link_student_account', { p_student_id: ids.child, p_profile_id: account.id });
      expect(twice.error?.message).toMatch(/đã được liên kết/);
    } finally {
      expect((await board.rpc('link_student_account', { p_student_id: ids.other, p_profile_id: null })).error).toBeNull();
    }
  });

  it('bqt@thpt-tandong cannot link its own account nor one of another school; bqt@th-tandong cannot link into THPT', async () => {
    const foreign = await idOf('gvcn.3a@th-tandong.edu.vn');
    for (const profile of [ids.board, foreign]) {
      const res = await board.rpc('link_guardian_account', { p_guardian_id: ids.otherGuardian, p_profile_id: profile });
      expect(res.error?.code, profile).toBe('42501');
    }
    const thBoard = await signedIn('bqt@th-tandong.edu.vn');
    const res = await thBoard.rpc('link_guardian_account', { p_guardian_id: ids.otherGuardian, p_profile_id: foreign });
    expect(res.error?.code).toBe('42501');
    expect((await guardianRow(ids.otherGuardian)).profile_id).toBeNull();
  });
});
