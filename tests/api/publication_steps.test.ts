// rpc/publication_steps through the real API as the demo users: the database answers, per class of a
// year, which steps of the results' approval the caller may take now, and every step it offers is one
// rpc/advance_results accepts while the steps it withholds are refused. Works on semester I of the seed's
// complete 2024–2025 10A1 (publications.test.ts uses the whole year of that class, corrections.test.ts
// 2025–2026): proposed, returned, proposed again and approved — never published, so no family reads it.
// The current year's 10A1, still incomplete, is the class whose GVCN is told what is missing instead.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn } from '../helpers/stack.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const ids = { pastYear: '', past10A1: '', past10A2: '', year: '', c10A1: '' };
let homeroom: SupabaseClient, principal: SupabaseClient, vice: SupabaseClient, teacher: SupabaseClient, guardian: SupabaseClient;

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
  homeroom = await signedIn(at('gvcn.10a1'));
  principal = await signedIn(at('hieutruong'));
  vice = await signedIn(at('phohieutruong'));
  teacher = await signedIn(at('gv.toan'));
  guardian = await signedIn(at('phuhuynh'));
  const school = (await svc.from('org_units').select('id').eq('code', 'thpt-tandong').single()).data!.id as string;
  const yearOf = async (code: string) => (await svc.from('school_years').select('id').eq('school_id', school).eq('code', code).single()).data!.id as string;
  const classOf = async (year: string, name: string) => (await svc.from('classes').select('id').eq('school_year_id', year).eq('name', name).single()).data!.id as string;
  ids.pastYear = await yearOf('2024-2025');
  ids.year = await yearOf('2026-2027');
  ids.past10A1 = await classOf(ids.pastYear, '10A1');
  ids.past10A2 = await classOf(ids.pastYear, '10A2');
  ids.c10A1 = await classOf(ids.year, '10A1');
});

describe('the steps of a class\'s results, answered by the database', () => {
  it('in draft the GVCN of a complete class may propose it, and nobody else may do anything', async () => {
    const mine = await stepsOf(homeroom, ids.pastYear);
    expect(mine.get(ids.past10A1)).toEqual({ class_id: ids.past10A1, status: 'draft', steps: ['propose'], missing: null });
    // Another class of the year: the GVCN reads its state, with no step.
    expect(mine.get(ids.past10A2)?.steps).toEqual([]);
    for (const other of [principal, vice, teacher]) expect((await stepsOf(other, ids.pastYear)).get(ids.past10A1)?.steps).toEqual([]);
    // What is withheld is refused: BGH cannot approve a draft, a subject teacher cannot propose.
    expect((await advance(principal, 'approve')).error?.code).toBe('PT409');
    expect((await advance(teacher, 'propose')).error?.code).toBe('42501');
  });

  it('a family reads no state and no step; the staff of the same year do (control)', async () => {
    expect((await stepsOf(guardian, ids.year)).size).toBe(0);
    expect((await stepsOf(teacher, ids.year)).get(ids.c10A1)?.status).toBe('draft');
  });

  it('the GVCN of an incomplete class is told what is missing instead of being offered to propose', async () => {
    const current = (await stepsOf(homeroom, ids.year)).get(ids.c10A1)!;
    expect(current.steps).toEqual([]);
    expect(current.missing).toContain('chưa đủ điểm');
    // The refusal the step would meet says the same.
    const refused = await homeroom.rpc('advance_results', { p_class_id: ids.c10A1, p_semester: 1, p_action: 'propose', p_note: null });
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
