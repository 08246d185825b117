// Issue 12, item 6: names, never ids. A class's GVCN and an assignment's teacher are shown by name to
// whoever reads the class or the assignment (computed fields homeroom_teacher_name, teacher_name), the
// name only: a parent reads the GVCN of their child's class but no staff profile (no e-mail), and a row
// forged in an RPC call names nobody. Over HTTP as the demo users.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { serviceClient, signedIn } from '../helpers/stack.ts';

const T = (local: string) => `${local}@thpt-tandong.edu.vn`;
const names = new Map<string, string>();
let year = '';

beforeAll(async () => {
  year = (await yearsOf(await unitOf('thpt-tandong'))).current;
  const { data } = await serviceClient().from('profiles').select('id, full_name');
  for (const p of data!) names.set(p.id as string, p.full_name as string);
});

describe('teacher names', () => {
  it('shows the subject teacher every class of the year with its GVCN by name', async () => {
    const gv = await signedIn(T('gv.toan'));
    const { data, error } = await gv.from('classes').select('id, name, homeroom_teacher_id, homeroom_teacher_name').eq('school_year_id', year);
    expect(error).toBeNull();
    const withGvcn = data!.filter((c) => c.homeroom_teacher_id);
    expect(withGvcn.length).toBeGreaterThan(1);
    for (const c of withGvcn) expect(c.homeroom_teacher_name).toBe(names.get(c.homeroom_teacher_id as string));
  });

  it('shows the subject teacher the teacher of every assignment of the year by name', async () => {
    const gv = await signedIn(T('gv.toan'));
    const { data, error } = await gv.from('teaching_assignments').select('teacher_id, teacher_name').eq('school_year_id', year).is('ended_at', null);
    expect(error).toBeNull();
    expect(new Set(data!.map((a) => a.teacher_id)).size).toBeGreaterThan(1);
    for (const a of data!) expect(a.teacher_name).toBe(names.get(a.teacher_id as string));
  });

  it('shows the parent the GVCN of their child\'s class by name, but not the GVCN\'s profile or e-mail', async () => {
    const parent = await signedIn(T('phuhuynh'));
    const gvcn = await idOf(T('gvcn.10a1'));
    // Her two children's classes (10A1, and 12A1 of her older child), each with its GVCN's name.
    const { data } = await parent.from('classes').select('name, homeroom_teacher_name').eq('school_year_id', year).order('name');
    const { data: homeroom12A1 } = await serviceClient().from('classes').select('homeroom_teacher_id').eq('school_year_id', year).eq('name', '12A1').single();
    expect(data).toEqual([
      { name: '10A1', homeroom_teacher_name: names.get(gvcn) },
      { name: '12A1', homeroom_teacher_name: names.get(homeroom12A1!.homeroom_teacher_id as string) },
    ]);
    const { data: profile } = await parent.from('profiles').select('id, email').eq('id', gvcn);
    expect(profile).toEqual([]);
  });

  it('names nobody for a class row the parent forges in an RPC call', async () => {
    const svc = serviceClient();
    const { data: other } = await svc.from('classes').select('*').eq('school_year_id', year).eq('name', '10A2').single();
    expect(other!.homeroom_teacher_id).toBeTruthy();
    const parent = await signedIn(T('phuhuynh'));
    // The forged call is what the types forbid (a computed field's argument is the row): untyped on purpose.
    const { data, error } = await (parent as unknown as SupabaseClient).rpc('homeroom_teacher_name', { c: other });
    // Either PostgREST refuses the composite argument or the function answers null: never the name.
    expect(error ? null : data).toBeNull();
    const board = await signedIn(T('bqt'));
    const { data: control } = await board.from('classes').select('homeroom_teacher_name').eq('id', other!.id).single();
    expect(control!.homeroom_teacher_name).toBe(names.get(other!.homeroom_teacher_id as string));
  });

  it('gives a parent no assignment and so no teacher name', async () => {
    const parent = await signedIn(T('phuhuynh'));
    const { data } = await parent.from('teaching_assignments').select('teacher_name').eq('school_year_id', year);
    expect(data).toEqual([]);
  });
});

describe('membership holder names', () => {
  it('shows the Sở officer the names of the BGH of a school under it, without their profiles', async () => {
    const so = await signedIn('so@tayninh.edu.vn');
    const { data, error } = await so.from('memberships').select('profile_id, role, holder_name').eq('org_unit_id', await unitOf('thpt-tandong'));
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.map((m) => m.profile_id)).toContain(await idOf(T('hieutruong')));
    for (const m of data!) expect(m.holder_name).toBe(names.get(m.profile_id as string));
    const { data: profiles } = await so.from('profiles').select('id, email').in('id', data!.map((m) => m.profile_id as string));
    expect(profiles).toEqual([]);
  });

  it('gives a subject teacher only their own memberships, so no colleague\'s role or name through them', async () => {
    const gv = await signedIn(T('gv.toan'));
    const me = await idOf(T('gv.toan'));
    const { data } = await gv.from('memberships').select('profile_id, holder_name');
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.every((m) => m.profile_id === me && m.holder_name === names.get(me))).toBe(true);
  });
});
