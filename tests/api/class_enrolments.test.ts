// Xếp lớp's read over HTTP (rpc/class_enrolments, 20261206105000): as the real demo users through supabase-js.
// The GVCN reads their class with the pupils' details; a subject teacher of the class reads the same rows
// without details; a teacher of another class, another school's teacher and an unknown class read nothing;
// anon may not call it. tests/db/class_enrolments_rpc.test.ts compares every account and class with the
// former read under row-level security.
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn } from '../helpers/stack.ts';

const classId = { c10A1: '', c12A2: '' };

beforeAll(async () => {
  const { data, error } = await serviceClient()
    .from('classes').select('id, name, school_years!inner(code), org_units!classes_school_id_fkey!inner(code)')
    .eq('school_years.code', '2026-2027').eq('org_units.code', 'thpt-tandong').in('name', ['10A1', '12A2']);
  expect(error).toBeNull();
  for (const c of data ?? []) classId[c.name === '10A1' ? 'c10A1' : 'c12A2'] = c.id;
  expect(classId.c10A1 && classId.c12A2).toBeTruthy();
});

const read = async (email: string, id: string) => {
  const { data, error } = await (await signedIn(email)).rpc('class_enrolments', { p_class_id: id });
  expect(error).toBeNull();
  return data!;
};

describe('rpc/class_enrolments over HTTP', () => {
  it('gives the GVCN their class with details, a subject teacher of it the same rows without, others nothing', async () => {
    const { count } = await serviceClient().from('enrolments').select('id', { count: 'exact', head: true }).eq('class_id', classId.c10A1);
    const gvcn = await read('gvcn.10a1@thpt-tandong.edu.vn', classId.c10A1);
    expect(gvcn.length).toBe(count);
    expect(gvcn.length).toBeGreaterThan(30);
    expect(gvcn.filter((r) => r.details_shown).length).toBeGreaterThan(30);
    expect(gvcn.every((r) => r.full_name && r.student_code)).toBe(true);

    const teacher = await read('gv.toan@thpt-tandong.edu.vn', classId.c10A1);
    expect(teacher.map((r) => r.id).sort()).toEqual(gvcn.map((r) => r.id).sort());
    expect(teacher.some((r) => r.details_shown || r.birth_place !== null || r.ethnicity !== null)).toBe(false);

    expect(await read('gv.toan@thpt-tandong.edu.vn', classId.c12A2)).toEqual([]);
    expect(await read('gvcn.3a@th-tandong.edu.vn', classId.c10A1)).toEqual([]);
    expect(await read('gvcn.10a1@thpt-tandong.edu.vn', '00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('is refused to anon', async () => {
    const { data, error } = await anonClient().rpc('class_enrolments', { p_class_id: classId.c10A1 });
    expect(data).toBeNull();
    expect(error?.code).toBe('42501');
  });
});
