// The TT27/2020 primary rules (supabase/migrations/20261122002300_tt27_rules.sql), called with parameters
// in a database of this file's own: which subjects take periodic tests and when, the year result at each
// boundary (every subject T / one H / one C; every quality Tốt / one Đạt / one Cần cố gắng; tests 9/8,
// 7/6, 5/4), missing data, refused codes and scores, programme completion, and who may call them.
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

async function val(expr: string, params: unknown[] = []): Promise<unknown> {
  const { rows } = await db().query(`select ${expr} as v`, params);
  return rows[0].v;
}
const result = (subjects: (string | null)[] | null, qualities: (string | null)[] | null, tests: (number | null)[] | null) =>
  val('public.tt27_year_result($1::text[], $2::text[], $3::int[])', [subjects, qualities, tests]);
const required = (code: string, grade: number, period: string) => val('public.tt27_test_required($1, $2, $3)', [code, grade, period]);
const completion = (r: string | null, grade: number) => val('public.tt27_programme_completion($1, $2)', [r, grade]);

const SUBJECTS_T = ['T', 'T', 'T', 'T', 'T', 'T', 'T', 'T', 'T', 'T'];
const QUALITIES_TOT = Array<string>(15).fill('tot'); // 5 qualities, 3 general and 7 specific competencies
const with1 = (all: string[], other: string) => [...all.slice(1), other];

describe('TT27 periodic tests', () => {
  it('end of semester I and end of year: Tiếng Việt, Toán, Ngoại ngữ 1, Lịch sử và Địa lí, Khoa học, Tin học và Công nghệ; not the others', async () => {
    for (const code of ['tieng_viet', 'toan', 'ngoai_ngu_1', 'ls_dl', 'khoa_hoc', 'tin_hoc_cong_nghe']) {
      for (const period of ['ck1', 'cn']) expect(await required(code, 3, period), `${code} ${period}`).toBe(true);
    }
    for (const code of ['dao_duc', 'tnxh', 'gdtc', 'nghe_thuat', 'hdtn']) expect(await required(code, 3, 'cn'), code).toBe(false);
  });

  it('mid-semester only in grades 4 and 5, and only Tiếng Việt and Toán', async () => {
    for (const period of ['gk1', 'gk2']) {
      expect(await required('toan', 3, period)).toBe(false);
      expect(await required('toan', 4, period)).toBe(true);
      expect(await required('tieng_viet', 5, period)).toBe(true);
      expect(await required('khoa_hoc', 5, period)).toBe(false);
    }
    expect(await required('toan', 5, 'other')).toBe(false);
  });
});

describe('TT27 year result', () => {
  it('Hoàn thành xuất sắc: every subject T, every quality Tốt, every test ≥ 9 (9 is enough; one 8 is not)', async () => {
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [9, 10, 9, 10])).toBe('xuat_sac');
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [9, 10, 8, 10])).toBe('tot');
  });

  it('Hoàn thành tốt: every subject T, every quality Tốt, every test ≥ 7 (7 is enough; one 6 is not)', async () => {
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [7, 7, 7, 7])).toBe('tot');
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [10, 10, 6, 10])).toBe('hoan_thanh');
  });

  it('one subject H, or one quality Đạt, is Hoàn thành at most, whatever the tests', async () => {
    expect(await result(with1(SUBJECTS_T, 'H'), QUALITIES_TOT, [10, 10, 10, 10])).toBe('hoan_thanh');
    expect(await result(SUBJECTS_T, with1(QUALITIES_TOT, 'dat'), [10, 10, 10, 10])).toBe('hoan_thanh');
  });

  it('Hoàn thành: subjects T or H, qualities Tốt or Đạt, every test ≥ 5 (5 is enough; one 4 is not)', async () => {
    const subjects = ['H', 'H', 'T', 'H', 'H', 'H', 'H', 'H', 'H', 'H'];
    const qualities = Array<string>(15).fill('dat');
    expect(await result(subjects, qualities, [5, 5, 5, 5])).toBe('hoan_thanh');
    expect(await result(subjects, qualities, [5, 4, 5, 5])).toBe('chua_hoan_thanh');
  });

  it('Chưa hoàn thành: one subject C, or one quality Cần cố gắng, even with top tests', async () => {
    expect(await result(with1(SUBJECTS_T, 'C'), QUALITIES_TOT, [10, 10, 10, 10])).toBe('chua_hoan_thanh');
    expect(await result(SUBJECTS_T, with1(QUALITIES_TOT, 'ccg'), [10, 10, 10, 10])).toBe('chua_hoan_thanh');
  });

  it('a grade without periodic tests (no scores) is decided by the ratings alone', async () => {
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [])).toBe('xuat_sac');
    expect(await result(SUBJECTS_T, QUALITIES_TOT, null)).toBe('xuat_sac');
  });

  it('is null while anything is missing', async () => {
    expect(await result([], QUALITIES_TOT, [9])).toBeNull();
    expect(await result(SUBJECTS_T, [], [9])).toBeNull();
    expect(await result([...SUBJECTS_T, null], QUALITIES_TOT, [9])).toBeNull();
    expect(await result(SUBJECTS_T, [...QUALITIES_TOT, null], [9])).toBeNull();
    expect(await result(SUBJECTS_T, QUALITIES_TOT, [9, null])).toBeNull();
  });

  it('refuses codes outside the lists and test scores that are not 1–10 (0 and 11), in Vietnamese', async () => {
    await expect(result(['T', 'A'], QUALITIES_TOT, [9])).rejects.toThrow('Mức đánh giá môn học phải là T, H hoặc C');
    await expect(result(SUBJECTS_T, ['tot', 'kha'], [9])).rejects.toThrow('Mức đánh giá phẩm chất, năng lực phải là Tốt, Đạt hoặc Cần cố gắng');
    await expect(result(SUBJECTS_T, QUALITIES_TOT, [0])).rejects.toThrow('Điểm kiểm tra định kì là số nguyên từ 1 đến 10');
    await expect(result(SUBJECTS_T, QUALITIES_TOT, [11])).rejects.toThrow('Điểm kiểm tra định kì là số nguyên từ 1 đến 10');
    // 7.5 cannot even reach the function: an int[] parameter refuses it.
    await expect(val('public.tt27_year_result($1::text[], $2::text[], $3::int[])', [SUBJECTS_T, QUALITIES_TOT, ['7.5']])).rejects.toThrow(/integer/);
  });
});

describe('TT27 programme completion', () => {
  it('Hoàn thành or better completes the class (grade 5: primary school); Chưa hoàn thành does not; unknown stays unknown', async () => {
    for (const r of ['xuat_sac', 'tot', 'hoan_thanh']) {
      expect(await completion(r, 3)).toBe('lop_hoc');
      expect(await completion(r, 5)).toBe('tieu_hoc');
    }
    expect(await completion('chua_hoan_thanh', 5)).toBe('chua');
    expect(await completion(null, 3)).toBeNull();
  });
});

describe('TT27 functions: who may call them', () => {
  it('every signed-in user and service_role may execute them; anon and public may not; pure and not security definer', async () => {
    const { rows } = await db().query<{ fn: string; authenticated: boolean; service_role: boolean; anon: boolean; is_public: boolean; immutable: boolean; definer: boolean }>(
      `select p.oid::regprocedure::text as fn,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
              has_function_privilege('service_role', p.oid, 'execute') as service_role,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as is_public,
              p.provolatile = 'i' as immutable, p.prosecdef as definer
       from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname like 'tt27%'`);
    expect(rows.map((r) => r.fn.split('(')[0]).sort()).toEqual(['tt27_programme_completion', 'tt27_quality_codes', 'tt27_test_required', 'tt27_year_result']);
    for (const r of rows) expect(r, r.fn).toMatchObject({ authenticated: true, service_role: true, anon: false, is_public: false, immutable: true, definer: false });
  });
});
