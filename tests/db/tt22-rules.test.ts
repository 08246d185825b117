// The TT22/2021 result rules (supabase/migrations/20261122002000_tt22_rules.sql), called with parameters
// in a database of this file's own: worked examples and boundaries of every rule (rounding at .x5,
// missing entries, year average from rounded semesters, learning levels and the one-subject adjustment,
// year conduct, promotion order, awards), who may call the functions, and a property check of the
// semester average against an independent integer formula over 20,000 random cases in one SQL call.
import { describe, expect, it } from 'vitest';
import { asUser, useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

/** First column of the first row of `select <expr>`, as pg returns it (numeric as string). */
async function val(expr: string, params: unknown[] = []): Promise<unknown> {
  const { rows } = await db().query(`select ${expr} as v`, params);
  return rows[0].v;
}
const sem = (regular: (number | null)[] | null, midterm: number | null, final: number | null, required?: number) =>
  required === undefined
    ? val('public.tt22_semester_average($1::numeric[], $2::numeric, $3::numeric)', [regular, midterm, final])
    : val('public.tt22_semester_average($1::numeric[], $2::numeric, $3::numeric, $4::int)', [regular, midterm, final, required]);
const year = (s1: number | string | null, s2: number | string | null) => val('public.tt22_year_average($1::numeric, $2::numeric)', [s1, s2]);
const level = (scored: (number | null)[], comments: (boolean | null)[]) =>
  val('public.tt22_learning_level($1::numeric[], $2::boolean[])', [scored, comments]);
const unadjusted = (scored: number[], comments: boolean[]) =>
  val('public.tt22_learning_level_unadjusted($1::numeric[], $2::boolean[])', [scored, comments]);
const conductYear = (s1: string | null, s2: string | null) => val('public.tt22_year_conduct($1, $2)', [s1, s2]);
const promotion = (conduct: string | null, learning: string | null, absences: number | null, training?: boolean, retest?: boolean) =>
  training === undefined
    ? val('public.tt22_promotion($1, $2, $3::int)', [conduct, learning, absences])
    : val('public.tt22_promotion($1, $2, $3::int, $4, $5)', [conduct, learning, absences, training, retest]);
const award = (conduct: string, learning: string, averages: number[]) =>
  val('public.tt22_award($1, $2, $3::numeric[])', [conduct, learning, averages]);

const times = (n: number, x: number) => Array<number>(n).fill(x);
const ALL_PASSED = [true, true, true, true]; // GDTC, Nghệ thuật, HĐTN-HN, NDGDĐP

describe('TT22 semester average (ĐTBmhk)', () => {
  it('computes (Σ regular + 2·midterm + 3·final)/(n + 5) and rounds an exact 7.25 up to 7.3', async () => {
    // (7 + 7 + 8 + 2·6 + 3·8) / 8 = 58 / 8 = 7.25
    expect(await sem([7, 7, 8], 6, 8)).toBe('7.3');
  });

  it('rounds an exact 6.65 up to 6.7 (numeric, not float, where 6.65 would be 6.6499…)', async () => {
    // (5 × 6.5 + 2·6.5 + 3·7) / 10 = 66.5 / 10 = 6.65
    expect(await sem([6.5, 6.5, 6.5, 6.5, 6.5], 6.5, 7)).toBe('6.7');
  });

  it('rounds 8.345… (just under 8.35) down to 8.3 and an exact 8.35 up to 8.4', async () => {
    // (6 × 8 + 2·9 + 3·8.6) / 11 = 91.8 / 11 = 8.3454…
    expect(await sem(times(6, 8), 9, 8.6)).toBe('8.3');
    // (8 + 8 + 9 + 2·8 + 3·8.6) / 8 = 66.8 / 8 = 8.35
    expect(await sem([8, 8, 9], 8, 8.6)).toBe('8.4');
  });

  it('gives 10.0 and 0.0 at the ends of the scale', async () => {
    expect(await sem([10, 10], 10, 10)).toBe('10.0');
    expect(await sem([0, 0], 0, 0)).toBe('0.0');
  });

  it('is empty (null) while the midterm, the final or every regular score is missing', async () => {
    expect(await sem([8, 9], null, 8)).toBeNull();
    expect(await sem([8, 9], 8, null)).toBeNull();
    expect(await sem([], 8, 8)).toBeNull();
    expect(await sem(null, 8, 8)).toBeNull();
    expect(await sem([null, null], 8, 8)).toBeNull();
  });

  it('is empty (null) with fewer regular scores than required, and computed once they exist', async () => {
    expect(await sem([8, 9], 8, 8, 3)).toBeNull();
    expect(await sem([8, null, 9], 8, 8, 3)).toBeNull(); // a null is an entry not given yet
    expect(await sem([8, 9, 7], 8, 8, 3)).toBe('8.0'); // (24 + 16 + 24) / 8
    expect(await sem([8, 9, 7, 10], 8, 8, 3)).toBe('8.2'); // more than required: (34 + 40) / 9 = 8.22…
  });
});

describe('TT22 year average (ĐTBmcn)', () => {
  it('computes (I + 2·II)/3 rounded to one decimal', async () => {
    expect(await year(6.0, 7.5)).toBe('7.0');
    expect(await year(7.0, 7.1)).toBe('7.1'); // 21.2 / 3 = 7.066…
    expect(await year(6.5, 7.0)).toBe('6.8'); // 20.5 / 3 = 6.833…
  });

  it('uses the rounded semester averages: 7.35 → 7.4 and 8.35 → 8.4 give 8.1, where raw averages would give 8.0', async () => {
    const s1 = await sem([7, 7, 8], 7, 7.6); // 58.8 / 8 = 7.35
    const s2 = await sem([8, 8, 9], 8, 8.6); // 66.8 / 8 = 8.35
    expect([s1, s2]).toEqual(['7.4', '8.4']);
    expect(await year(s1 as string, s2 as string)).toBe('8.1'); // 24.2 / 3 = 8.066…
    expect(await val('round((7.35 + 2 * 8.35) / 3, 1)')).toBe('8.0'); // the unrounded path differs
  });

  it('is empty (null) while either semester is empty', async () => {
    expect(await year(null, 8)).toBeNull();
    expect(await year(8, null)).toBeNull();
  });
});

describe('TT22 comment-only subject rating', () => {
  const rating = (r: (boolean | null)[], required: number) => val('public.tt22_comment_subject_rating($1::boolean[], $2::int)', [r, required]);

  it('is Đạt when the required ratings exist and all are Đạt, Chưa đạt when one is not, empty while incomplete', async () => {
    expect(await rating([true, true], 2)).toBe(true);
    expect(await rating([true, true, true], 2)).toBe(true);
    expect(await rating([true, false], 2)).toBe(false);
    expect(await rating([false, true, true], 2)).toBe(false);
    expect(await rating([true], 2)).toBeNull();
    expect(await rating([true, null], 2)).toBeNull();
    expect(await rating([], 2)).toBeNull();
  });
});

describe('TT22 learning result (kết quả học tập)', () => {
  it('is Tốt with exactly six scored ≥ 8.0, every scored ≥ 6.5 and all comment-only Đạt', async () => {
    expect(await level([...times(6, 8.0), 6.5, 6.5], ALL_PASSED)).toBe('tot');
  });

  it('is Khá with only five scored ≥ 8.0 (7.9 is not 8.0)', async () => {
    expect(await level([...times(5, 8.0), 7.9, 6.5, 6.5], ALL_PASSED)).toBe('kha');
  });

  it('is Khá, not Tốt, when one scored subject is 6.4 (one level down is not adjusted)', async () => {
    expect(await level([...times(6, 8.0), 6.4, 7.0], ALL_PASSED)).toBe('kha');
  });

  it('is Khá with every scored ≥ 5.0 and six ≥ 6.5; Đạt with five ≥ 6.5', async () => {
    expect(await level([...times(6, 6.5), 5.0, 5.0], ALL_PASSED)).toBe('kha');
    expect(await level([...times(5, 6.5), 6.4, 5.0, 5.0], ALL_PASSED)).toBe('dat');
  });

  it('is Đạt with six scored ≥ 5.0 and none < 3.5, Chưa đạt with five', async () => {
    expect(await level([...times(6, 5.0), 4.0, 3.5], ALL_PASSED)).toBe('dat');
    expect(await level([...times(5, 5.0), 4.9, 4.0, 4.0], ALL_PASSED)).toBe('chua_dat');
  });

  it('counts comment-only Chưa đạt: none Tốt, one at most Đạt before adjustment, two Chưa đạt', async () => {
    const strong = times(8, 9.0);
    expect(await unadjusted(strong, ALL_PASSED)).toBe('tot');
    expect(await unadjusted(strong, [false, true, true, true])).toBe('dat');
    expect(await unadjusted(strong, [false, false, true, true])).toBe('chua_dat');
    // With the adjustment: one Chưa đạt pulls Tốt down two levels (to Đạt), so it is raised to Khá;
    // two Chưa đạt are not "one subject", so no adjustment.
    expect(await level(strong, ALL_PASSED)).toBe('tot');
    expect(await level(strong, [false, true, true, true])).toBe('kha');
    expect(await level(strong, [false, false, true, true])).toBe('chua_dat');
    // A student at Đạt level anyway stays Đạt with one comment-only Chưa đạt and Chưa đạt with two.
    expect(await level(times(8, 5.5), [false, true, true, true])).toBe('dat');
    expect(await level(times(8, 5.5), [false, false, true, true])).toBe('chua_dat');
  });

  it('one subject under 3.5 drops the thresholds to Chưa đạt; a would-be Tốt or Khá is raised to Đạt', async () => {
    const wouldBeTot = [...times(6, 9.0), 8.0, 3.4];
    expect(await unadjusted(wouldBeTot, ALL_PASSED)).toBe('chua_dat');
    expect(await level(wouldBeTot, ALL_PASSED)).toBe('dat');
    const wouldBeKha = [...times(7, 7.0), 3.4];
    expect(await unadjusted(wouldBeKha, ALL_PASSED)).toBe('chua_dat');
    expect(await level(wouldBeKha, ALL_PASSED)).toBe('dat');
  });

  it('one subject at 4.0 pulls a would-be Tốt down to Đạt; the adjustment raises it to Khá', async () => {
    const scored = [...times(6, 9.0), 8.0, 4.0];
    expect(await unadjusted(scored, ALL_PASSED)).toBe('dat');
    expect(await level(scored, ALL_PASSED)).toBe('kha');
  });

  it('does not adjust a drop of one level (would-be Đạt under 3.5 stays Chưa đạt) or a drop caused by two subjects', async () => {
    expect(await level([...times(7, 5.5), 3.4], ALL_PASSED)).toBe('chua_dat');
    expect(await level([...times(6, 9.0), 3.4, 3.0], ALL_PASSED)).toBe('chua_dat');
    expect(await level([...times(6, 9.0), 3.4], [false, true, true, true])).toBe('chua_dat');
  });

  it('the adjustment function alone leaves a level unchanged when no single subject explains it', async () => {
    expect(await val(`public.tt22_apply_one_subject_adjustment($1::numeric[], $2::boolean[], 'kha')`,
      [[...times(5, 8.0), 7.9, 6.5, 6.5], ALL_PASSED])).toBe('kha');
    expect(await val(`public.tt22_apply_one_subject_adjustment($1::numeric[], $2::boolean[], 'chua_dat')`,
      [[...times(6, 9.0), 8.0, 3.4], ALL_PASSED])).toBe('dat');
  });

  it('is empty (null) while a subject is incomplete', async () => {
    expect(await level([...times(7, 8.0), null], ALL_PASSED)).toBeNull();
    expect(await level(times(8, 8.0), [true, null, true, true])).toBeNull();
  });
});

describe('TT22 year conduct', () => {
  it('follows semester II, as in the table of every pair', async () => {
    const levels = ['tot', 'kha', 'dat', 'chua_dat'];
    // expected[ii][i]
    const expected: Record<string, Record<string, string>> = {
      tot: { tot: 'tot', kha: 'tot', dat: 'kha', chua_dat: 'kha' },
      kha: { tot: 'kha', kha: 'kha', dat: 'kha', chua_dat: 'dat' },
      dat: { tot: 'kha', kha: 'dat', dat: 'dat', chua_dat: 'dat' },
      chua_dat: { tot: 'chua_dat', kha: 'chua_dat', dat: 'chua_dat', chua_dat: 'chua_dat' },
    };
    for (const ii of levels) for (const i of levels) expect(await conductYear(i, ii), `I ${i}, II ${ii}`).toBe(expected[ii]![i]);
  });

  it('is empty while a semester is missing and rejects an unknown level', async () => {
    expect(await conductYear(null, 'tot')).toBeNull();
    expect(await conductYear('tot', null)).toBeNull();
    await expect(conductYear('gioi', 'tot')).rejects.toThrow(/Mức đánh giá không hợp lệ/);
  });
});

describe('TT22 promotion', () => {
  it('promotes with conduct and learning ≥ Đạt and exactly 45 absences; 46 absences is not promoted', async () => {
    expect(await promotion('dat', 'dat', 45)).toBe('promoted');
    expect(await promotion('tot', 'tot', 46)).toBe('not_promoted');
  });

  it('sends conduct Chưa đạt to summer training before any re-test, even with learning Chưa đạt', async () => {
    expect(await promotion('chua_dat', 'tot', 0)).toBe('summer_training');
    expect(await promotion('chua_dat', 'chua_dat', 10)).toBe('summer_training');
  });

  it('sends learning Chưa đạt with conduct ≥ Đạt to the re-test', async () => {
    expect(await promotion('dat', 'chua_dat', 10)).toBe('retest');
    expect(await promotion('tot', 'chua_dat', 45)).toBe('retest');
  });

  it('checks absences first: more than 45 is not promoted whatever the levels', async () => {
    expect(await promotion('chua_dat', 'chua_dat', 46)).toBe('not_promoted');
  });

  it('decides again after the second chance: still Chưa đạt is not promoted, a re-test may follow summer training', async () => {
    expect(await promotion('chua_dat', 'dat', 10, true, false)).toBe('not_promoted');
    expect(await promotion('dat', 'chua_dat', 10, true, false)).toBe('retest');
    expect(await promotion('dat', 'chua_dat', 10, true, true)).toBe('not_promoted');
    expect(await promotion('dat', 'dat', 10, true, true)).toBe('promoted');
  });

  it('is empty while an input is missing and rejects negative absences', async () => {
    expect(await promotion(null, 'dat', 0)).toBeNull();
    expect(await promotion('dat', 'dat', null)).toBeNull();
    await expect(promotion('dat', 'dat', -1)).rejects.toThrow(/không thể âm/);
  });
});

describe('TT22 awards', () => {
  it('is Xuất sắc with conduct Tốt, learning Tốt and six subjects ≥ 9.0; Giỏi with five', async () => {
    expect(await award('tot', 'tot', [...times(6, 9.0), 8.0, 8.0])).toBe('xuat_sac');
    expect(await award('tot', 'tot', [...times(5, 9.0), 8.9, 8.0, 8.0])).toBe('gioi');
  });

  it('gives no award unless conduct and learning are both Tốt', async () => {
    expect(await award('kha', 'tot', times(8, 10))).toBeNull();
    expect(await award('tot', 'kha', times(8, 10))).toBeNull();
  });
});

describe('who may call the TT22 functions', () => {
  // Pure invoker functions: no pinned search_path (20261122002104 explains why), so none may be
  // security definer.
  it('every signed-in user and service_role may execute every tt22 function; anon and public may not', async () => {
    const { rows } = await db().query<{ fn: string; authenticated: boolean; service_role: boolean; anon: boolean; is_public: boolean; immutable: boolean; definer: boolean }>(
      `select p.oid::regprocedure::text as fn,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
              has_function_privilege('service_role', p.oid, 'execute') as service_role,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as is_public,
              p.provolatile = 'i' as immutable,
              p.prosecdef as definer
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname like 'tt22\\_%' order by 1`);
    expect(rows.length).toBe(13);
    for (const r of rows) expect(r, r.fn).toMatchObject({ authenticated: true, service_role: true, anon: false, is_public: false, immutable: true, definer: false });
  });

  it('a signed-in user previews a result with the same rules', async () => {
    const got = await asUser(db(), { sub: crypto.randomUUID() }, async () =>
      (await db().query(`select public.tt22_semester_average(array[7, 7, 8]::numeric[], 6, 8) as v`)).rows[0].v);
    expect(got).toBe('7.3');
  });
});

describe('TT22 semester average property', () => {
  it('matches an independent integer formula on tenths in 20,000 random cases, including exact .x5 ties', async () => {
    // Scores as integer tenths t in 0..100; expected average in tenths = round-half-up(S / d) with
    // S = Σ regular + 2·midterm + 3·final (tenths) and d = n + 5, i.e. (2S + d) div (2d) on integers.
    const { rows } = await db().query<{ total: string; mismatches: string; ties: string; example: unknown }>(`
      with cases as (
        select g, 1 + floor(random() * 6)::int as n, floor(random() * 101)::int as m, floor(random() * 101)::int as f
        from generate_series(1, 20000) g
      ), regular as (
        select c.g, array_agg(floor(random() * 101)::int) as r
        from cases c cross join lateral generate_series(1, c.n) k
        group by c.g
      ), checked as (
        select c.g, c.n + 5 as d,
               (select sum(x) from unnest(r.r) x)::int + 2 * c.m + 3 * c.f as s,
               public.tt22_semester_average((select array_agg(x / 10.0) from unnest(r.r) x), c.m / 10.0, c.f / 10.0) as actual
        from cases c join regular r using (g)
      )
      select count(*) as total,
             count(*) filter (where actual is distinct from ((2 * s + d) / (2 * d))::numeric / 10) as mismatches,
             count(*) filter (where (2 * s) % (2 * d) = d) as ties,
             (array_agg(row(g, s, d, actual)) filter (where actual is distinct from ((2 * s + d) / (2 * d))::numeric / 10))[1] as example
      from checked`);
    expect(rows[0]).toMatchObject({ total: '20000', mismatches: '0' });
    expect(Number(rows[0]!.ties), 'exact half-way cases were exercised').toBeGreaterThan(100);
  });
});
