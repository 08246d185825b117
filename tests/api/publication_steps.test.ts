// rpc/publication_steps through the real API as the demo users: the database answers, per class of a
// year, which steps of the results' approval the caller may take now, and every step it offers is one
// rpc/advance_results accepts while the steps it withholds are refused. The demo publishes every past
// year (docs/DEMO.md), so the steps run on semester I of a school of this file's own
// (tests/helpers/ownSchool.ts: the seed's code path, a complete 2025–2026 nobody published), its 10A1
// and 11A1, with its GVCN, principal, vice principal and a teacher: proposed, returned, proposed again
// and approved — never published. The demo's current-year 10A1, still incomplete, is the class whose
// GVCN (gvcn.10a1@) is told what is missing instead; the demo family reads no state and no step.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { createOwnSchool } from '../helpers/ownSchool.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const ids = { pastYear: '', past10A1: '', past11A1: '', year: '', c10A1: '' };
let homeroom: SupabaseClient, principal: SupabaseClient, vice: SupabaseClient, teacher: SupabaseClient, guardian: SupabaseClient;
let demoHomeroom: SupabaseClient, demoTeacher: SupabaseClient;

interface Step { class_id: string; status: string; steps: string[]; missing: string | null }

async function stepsOf(client: SupabaseClient, yearId: string, semester: number | null = 1): Promise<Map<string, Step>> {
  const { data, error } = await client.rpc('publication_steps', { p_school_year_id: yearId, p_semester: semester });
  expect(error).toBeNull();
  return new Map((data as Step[]).map((s) => [s.class_id, s]));
}
const advance = (client: SupabaseClient, action: string, note?: string) =>
  client.rpc('advance_results', { p_class_id: ids.past10A1, p_semester: 1, p_action: action, p_note: note ?? null });

beforeAll(async () => {
  const svc = serviceClient();
  const su = await superuser();
  const own = await createOwnSchool(su).finally(() => su.end());
  homeroom = await signedIn(own.classes['10A1'].gvcn);
  principal = await signedIn(own.principal);
  vice = await signedIn(own.vice);
  teacher = await signedIn(own.classes['10A1'].teacher);
  demoHomeroom = await signedIn(at('gvcn.10a1'));
  demoTeacher = await signedIn(at('gv.toan'));
  guardian = await signedIn(at('phuhuynh'));
  const school = (await svc.from('org_units').select('id').eq('code', 'thpt-tandong').single()).data!.id as string;
  const yearOf = async (code: string) => (await svc.from('school_years').select('id').eq('school_id', school).eq('code', code).single()).data!.id as string;
  const classOf = async (year: string, name: string) => (await svc.from('classes').select('id').eq('school_year_id', year).eq('name', name).single()).data!.id as string;
  ids.pastYear = own.yearId;
  ids.year = await yearOf('2026-2027');
  ids.past10A1 = own.classes['10A1'].id;
  ids.past11A1 = own.classes['11A1'].id;
  ids.c10A1 = await classOf(ids.year, '10A1');
});

describe('the steps of a class\'s results, answered by the database', () => {
  it('in draft the GVCN of a complete class may propose it, and nobody else may do anything', async () => {
    const mine = await stepsOf(homeroom, ids.pastYear);
    expect(mine.get(ids.past10A1)).toEqual({ class_id: ids.past10A1, status: 'draft', steps: ['propose'], missing: null });
    // Another class of the year: the GVCN reads its state, with no step.
    expect(mine.get(ids.past11A1)?.steps).toEqual([]);
    for (const other of [principal, vice, teacher]) expect((await stepsOf(other, ids.pastYear)).get(ids.past10A1)?.steps).toEqual([]);
    // What is withheld is refused: BGH cannot approve a draft, a subject teacher cannot propose.
    expect((await advance(principal, 'approve')).error?.code).toBe('PT409');
    expect((await advance(teacher, 'propose')).error?.code).toBe('42501');
  });

  it('a family reads no state and no step; the staff of the same year do (control)', async () => {
    expect((await stepsOf(guardian, ids.year)).size).toBe(0);
    expect((await stepsOf(demoTeacher, ids.year)).get(ids.c10A1)?.status).toBe('draft');
  });

  it('the GVCN of an incomplete class is told what is missing instead of being offered to propose', async () => {
    const current = (await stepsOf(demoHomeroom, ids.year)).get(ids.c10A1)!;
    expect(current.steps).toEqual([]);
    expect(current.missing).toContain('chưa đủ điểm');
    // The refusal the step would meet says the same.
    const refused = await demoHomeroom.rpc('advance_results', { p_class_id: ids.c10A1, p_semester: 1, p_action: 'propose', p_note: null });
    expect(refused.error?.message).toContain(current.missing!);
  });

  it('every step offered is accepted: propose, then withdraw or return by BGH, then approve, then publish is next', async () => {
    expect((await advance(homeroom, 'propose')).error).toBeNull();
    expect((await stepsOf(homeroom, ids.pastYear)).get(ids.past10A1)).toMatchObject({ status: 'proposed', steps: ['withdraw'] });
    expect((await stepsOf(principal, ids.pastYear)).get(ids.past10A1)?.steps).toEqual(['return', 'approve']);
    expect((await stepsOf(vice, ids.pastYear)).get(ids.past10A1)?.steps).toEqual(['return', 'approve']);
    expect((await stepsOf(teacher, ids.pastYear)).get(ids.past10A1)?.steps).toEqual([]);
    // Withheld from the GVCN: approving; offered to BGH: returning.
    expect((await advance(homeroom, 'approve')).error?.code).toBe('42501');
    expect((await advance(vice, 'return', 'Xem lại nhận xét môn Ngữ văn')).error).toBeNull();
    expect((await stepsOf(homeroom, ids.pastYear)).get(ids.past10A1)).toMatchObject({ status: 'draft', steps: ['propose'] });

    expect((await advance(homeroom, 'propose')).error).toBeNull();
    expect((await advance(homeroom, 'withdraw')).error).toBeNull();
    expect((await advance(homeroom, 'propose')).error).toBeNull();
    expect((await advance(principal, 'approve')).error).toBeNull();
    expect((await stepsOf(principal, ids.pastYear)).get(ids.past10A1)).toMatchObject({ status: 'approved', steps: ['publish'] });
    expect((await stepsOf(vice, ids.pastYear)).get(ids.past10A1)?.steps).toEqual(['publish']);
    expect((await stepsOf(homeroom, ids.pastYear)).get(ids.past10A1)?.steps).toEqual([]);
    // Withheld from the GVCN once approved: withdrawing.
    expect((await advance(homeroom, 'withdraw')).error?.code).toBe('PT409');
  });
});
