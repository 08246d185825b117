// The TT22/2021 results as the views compute them from real entries (subject_results, student_results in
// 20261122002102_gradebook_results.sql), in a database of this file's own: a class of our own in the
// current year (nine scored subjects, three comment-only ones and a learning topic), one student per
// scenario, entries, conduct ratings, absences and exemptions inserted by the owner, and every rule of
// docs/DOMAIN.md §2 walked end to end with worked examples and boundaries. Then the grid's TypeScript twin
// of the averages (admin/src/shared/tt22.ts) is checked against the SQL functions on 12,000 random cases
// in one SQL call.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { semesterAverage, yearAverage } from '../../admin/src/shared/tt22.ts';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();
const run = crypto.randomBytes(3).toString('hex');

// The class's subjects and periods a year: ĐĐGtx required per semester is 2 up to 35 periods, 3 up to 70, 4 above.
const SCORED: Record<string, number> = {
  ngu_van: 105, toan: 105, ngoai_ngu_1: 105, lich_su: 52, gdqp_an: 35, vat_li: 70, hoa_hoc: 70, sinh_hoc: 70, tin_hoc: 70,
};
const COMMENT: Record<string, number> = { gdtc: 70, hdtn_hn: 105, ndgddp: 35 };
const TOPIC = 'cd_toan';
const required = (periods: number) => (periods <= 35 ? 2 : periods <= 70 ? 3 : 4);

const ctx = { school: '', year: '', yearCode: '', cls: '', subject: {} as Record<string, string> };

async function q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db().query(sql, params)).rows as T[];
}

/** A new student enrolled in the class since the first day of the year. */
async function newStudent(label: string): Promise<string> {
  const [s] = await q<{ id: string }>(
    `insert into public.students (school_id, student_code, family_name, middle_name, given_name, gender, birth_date)
     values ($1, $2, 'Kiểm', 'Thử', $3, 'female', '2011-05-05') returning id`, [ctx.school, `KT${run}${label}`.slice(0, 30), label]);
  await q(`insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on)
           select $1, $2, $3, $4, y.starts_on from public.school_years y where y.id = $2`, [ctx.school, ctx.year, s!.id, ctx.cls]);
  return s!.id;
}

type Value = number | boolean;
type Entry = { subject: string; semester: number | null; kind: 'tx' | 'gk' | 'ck' | 'retest'; seq?: number; value: Value };

/** Inserts entries as the owner (the table's triggers check them as for everyone), one statement. */
async function enter(student: string, entries: Entry[]): Promise<void> {
  const rows = entries.map((e) => ({
    subject_id: ctx.subject[e.subject]!, semester: e.semester, kind: e.kind, seq: e.seq ?? 1,
    score: typeof e.value === 'number' ? e.value : null, rating: typeof e.value === 'boolean' ? e.value : null,
  }));
  await q(`insert into public.score_entries (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq, score, rating)
           select $1, $2, $3, $4, r.subject_id, r.semester, r.kind, r.seq, r.score, r.rating
           from jsonb_to_recordset($5::jsonb) r (subject_id uuid, semester smallint, kind public.entry_kind, seq smallint, score numeric, rating boolean)`,
    [ctx.school, ctx.year, ctx.cls, student, JSON.stringify(rows)]);
}

/** Every assessment of a subject in a semester set to the same value: the required ĐĐGtx, GK, CK. */
function column(subject: string, semester: number, value: Value): Entry[] {
  const n = required(SCORED[subject] ?? COMMENT[subject]!);
  return [
    ...Array.from({ length: n }, (_, i) => ({ subject, semester, kind: 'tx' as const, seq: i + 1, value })),
    { subject, semester, kind: 'gk', value },
    { subject, semester, kind: 'ck', value },
  ];
}

type PerSemester<T> = T | [T, T];
/**
 * A whole year: each scored subject's semester averages (equal assessments give exactly that average),
 * each comment-only subject's rating; subjects left out of `scores`/`ratings` get `rest`/Đ, null skips one.
 */
async function year(student: string, o: { scores?: Record<string, PerSemester<number> | null>; rest?: number; ratings?: Record<string, PerSemester<boolean> | null> } = {}) {
  const entries: Entry[] = [];
  for (const subject of Object.keys(SCORED)) {
    const v = o.scores && subject in o.scores ? o.scores[subject] : (o.rest ?? 7);
    if (v === null || v === undefined) continue;
    const [v1, v2] = Array.isArray(v) ? v : [v, v];
    entries.push(...column(subject, 1, v1), ...column(subject, 2, v2));
  }
  for (const subject of Object.keys(COMMENT)) {
    const v = o.ratings && subject in o.ratings ? o.ratings[subject] : true;
    if (v === null || v === undefined) continue;
    const [v1, v2] = Array.isArray(v) ? v : [v, v];
    entries.push(...column(subject, 1, v1), ...column(subject, 2, v2));
  }
  await enter(student, entries);
}

async function conduct(student: string, levels: { 1?: string; 2?: string; summer?: string }) {
  for (const [key, level] of Object.entries(levels)) {
    await q(`insert into public.conduct_ratings (school_id, school_year_id, class_id, student_id, semester, level) values ($1, $2, $3, $4, $5, $6)
             on conflict (student_id, school_year_id, semester) do update set level = excluded.level`,
      [ctx.school, ctx.year, ctx.cls, student, key === 'summer' ? null : Number(key), level]);
  }
}

/** One day absent per date, excused or not. */
async function absent(student: string, dates: string[], excused: boolean) {
  await q(`insert into public.attendance (school_id, school_year_id, class_id, student_id, on_date, excused)
           select $1, $2, $3, $4, d, $5 from unnest($6::date[]) d`, [ctx.school, ctx.year, ctx.cls, student, excused, dates]);
}
const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

interface SubjectResult { semester: number | null; average: string | null; rating: boolean | null; final_average: string | null; final_rating: boolean | null }
async function subjectResult(student: string, subject: string, semester: number | null): Promise<SubjectResult | undefined> {
  return (await q<SubjectResult>(`select semester, average::text, rating, final_average::text, final_rating from public.subject_results
                                  where student_id = $1 and subject_id = $2 and semester is not distinct from $3`,
    [student, ctx.subject[subject], semester]))[0];
}
const avg = async (student: string, subject: string, semester: number | null) => (await subjectResult(student, subject, semester))?.average ?? null;

interface StudentResult {
  learning_level: string | null; conduct_level: string | null; absences: number; absences_excused: number; absences_unexcused: number;
  learning_after_retest: string | null; conduct_after_summer: string | null; promotion: string | null; award: string | null;
}
async function result(student: string, semester: number | null): Promise<StudentResult> {
  const rows = await q<StudentResult>(`select learning_level, conduct_level, absences, absences_excused, absences_unexcused,
                                             learning_after_retest, conduct_after_summer, promotion, award
                                      from public.student_results where student_id = $1 and semester is not distinct from $2`, [student, semester]);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

beforeAll(async () => {
  const [y] = await q<{ school: string; year: string; code: string }>(
    `select y.school_id as school, y.id as year, y.code from public.school_years y join public.org_units o on o.id = y.school_id
     where o.code = 'thpt-tandong' and y.starts_on <= public.app_today() order by y.starts_on desc limit 1`);
  Object.assign(ctx, { school: y!.school, year: y!.year, yearCode: y!.code });
  const [c] = await q<{ id: string }>(`insert into public.classes (school_id, school_year_id, grade, name) values ($1, $2, 10, '10KT9') returning id`,
    [ctx.school, ctx.year]);
  ctx.cls = c!.id;
  const periods = { ...SCORED, ...COMMENT, [TOPIC]: 35 };
  const subjects = await q<{ id: string; code: string }>(
    `select id, code from public.subjects where school_level = 'upper_secondary' and code = any ($1)`, [Object.keys(periods)]);
  for (const s of subjects) ctx.subject[s.code] = s.id;
  expect(Object.keys(ctx.subject).sort()).toEqual(Object.keys(periods).sort());
  await q(`insert into public.class_subjects (school_id, school_year_id, class_id, subject_id, periods_per_year)
           select $1, $2, $3, s.id, p.periods::int from jsonb_each_text($4::jsonb) p (code, periods)
           join public.subjects s on s.school_level = 'upper_secondary' and s.code = p.code`,
    [ctx.school, ctx.year, ctx.cls, JSON.stringify(periods)]);
  // The views show everything to the owner's own session (the seed's); make sure that is what we are.
  expect(await q(`select private.reads_all_gradebooks() as all`)).toEqual([{ all: true }]);
});

describe('subject averages through subject_results', () => {
  it('ĐTBmhk of Vật lí with TX 6, 6, 6, GK 6, CK 7.2 is 51.6 / 8 = 6.45, rounded half up to 6.5; 57.6 / 9 = 6.4 stays 6.4', async () => {
    const s = await newStudent('rounding');
    await enter(s, [
      { subject: 'vat_li', semester: 1, kind: 'tx', seq: 1, value: 6 }, { subject: 'vat_li', semester: 1, kind: 'tx', seq: 2, value: 6 },
      { subject: 'vat_li', semester: 1, kind: 'tx', seq: 3, value: 6 }, { subject: 'vat_li', semester: 1, kind: 'gk', value: 6 },
      { subject: 'vat_li', semester: 1, kind: 'ck', value: 7.2 },
      // Toán (105 periods, four ĐĐGtx): (4 × 6 + 2·6 + 3·7.2) / 9 = 57.6 / 9 = 6.4
      ...[1, 2, 3, 4].map((seq) => ({ subject: 'toan', semester: 1, kind: 'tx' as const, seq, value: 6 })),
      { subject: 'toan', semester: 1, kind: 'gk', value: 6 }, { subject: 'toan', semester: 1, kind: 'ck', value: 7.2 },
      // Hoá học with five ĐĐGtx (more than the three required count too): (7+7+7+8+9 + 2·6.5 + 3·8.5) / 10 = 76.5 / 10 = 7.65 → 7.7
      ...[7, 7, 7, 8, 9].map((value, i) => ({ subject: 'hoa_hoc', semester: 1, kind: 'tx' as const, seq: i + 1, value })),
      { subject: 'hoa_hoc', semester: 1, kind: 'gk', value: 6.5 }, { subject: 'hoa_hoc', semester: 1, kind: 'ck', value: 8.5 },
    ]);
    expect(await avg(s, 'vat_li', 1)).toBe('6.5');
    expect(await avg(s, 'toan', 1)).toBe('6.4');
    expect(await avg(s, 'hoa_hoc', 1)).toBe('7.7');
    // The grid's twin agrees.
    expect(semesterAverage([6, 6, 6], 6, 7.2, 3)).toBe(6.5);
    expect(semesterAverage([7, 7, 7, 8, 9], 6.5, 8.5, 3)).toBe(7.7);
  });

  it('ĐTBmhk stays empty until GK, CK and the required number of ĐĐGtx exist (3 for 70 periods, 2 for 35); the year until both semesters do', async () => {
    const s = await newStudent('incomplete');
    await enter(s, [
      { subject: 'vat_li', semester: 1, kind: 'tx', seq: 1, value: 8 }, { subject: 'vat_li', semester: 1, kind: 'tx', seq: 2, value: 9 },
      { subject: 'vat_li', semester: 1, kind: 'gk', value: 7 },
    ]);
    expect(await avg(s, 'vat_li', 1)).toBeNull(); // no CK
    await enter(s, [{ subject: 'vat_li', semester: 1, kind: 'ck', value: 8 }]);
    expect(await avg(s, 'vat_li', 1)).toBeNull(); // two ĐĐGtx of three
    await enter(s, [{ subject: 'vat_li', semester: 1, kind: 'tx', seq: 3, value: 7 }]);
    expect(await avg(s, 'vat_li', 1)).toBe('7.8'); // (24 + 14 + 24) / 8 = 7.75
    // A missing GK with everything else present: empty too.
    await enter(s, [...[1, 2, 3].map((seq) => ({ subject: 'vat_li', semester: 2, kind: 'tx' as const, seq, value: 8 })),
      { subject: 'vat_li', semester: 2, kind: 'ck', value: 8 }]);
    expect(await avg(s, 'vat_li', 2)).toBeNull();
    expect(await avg(s, 'vat_li', null)).toBeNull();
    await enter(s, [{ subject: 'vat_li', semester: 2, kind: 'gk', value: 8 }]);
    expect(await avg(s, 'vat_li', 2)).toBe('8.0');
    expect(await avg(s, 'vat_li', null)).toBe('7.9'); // (7.8 + 16) / 3 = 7.93
    // GDQP-AN (35 periods): two ĐĐGtx are enough.
    await enter(s, [{ subject: 'gdqp_an', semester: 1, kind: 'tx', seq: 1, value: 9 }, { subject: 'gdqp_an', semester: 1, kind: 'gk', value: 9 },
      { subject: 'gdqp_an', semester: 1, kind: 'ck', value: 9 }]);
    expect(await avg(s, 'gdqp_an', 1)).toBeNull();
    await enter(s, [{ subject: 'gdqp_an', semester: 1, kind: 'tx', seq: 2, value: 9 }]);
    expect(await avg(s, 'gdqp_an', 1)).toBe('9.0');
    // The semester learning result waits for every subject.
    expect((await result(s, 1)).learning_level).toBeNull();
  });

  it('ĐTBmcn comes from the rounded semester averages: I = 5.2, II = 6.45 → 6.5, year (5.2 + 2·6.5)/3 = 6.07 → 6.1, not 6.0 from 6.45', async () => {
    const s = await newStudent('yearavg');
    await enter(s, [
      ...column('vat_li', 1, 5.2),
      ...[1, 2, 3].map((seq) => ({ subject: 'vat_li', semester: 2, kind: 'tx' as const, seq, value: 6 })),
      { subject: 'vat_li', semester: 2, kind: 'gk', value: 6 }, { subject: 'vat_li', semester: 2, kind: 'ck', value: 7.2 },
    ]);
    expect(await avg(s, 'vat_li', 1)).toBe('5.2');
    expect(await avg(s, 'vat_li', 2)).toBe('6.5');
    expect(await avg(s, 'vat_li', null)).toBe('6.1');
    expect(yearAverage(5.2, 6.5)).toBe(6.1);
    expect(yearAverage(5.2, 6.45)).toBe(6.0); // what the unrounded semester would have given
  });

  it('a comment-only subject is Đạt when its assessments exist and all are Đạt; the year takes semester II', async () => {
    const up = await newStudent('cmtup');
    await enter(up, [...column('gdtc', 1, true), ...column('gdtc', 2, true)]);
    await q(`update public.score_entries set rating = false where student_id = $1 and semester = 1 and kind = 'tx' and seq = 2`, [up]);
    expect(await subjectResult(up, 'gdtc', 1)).toMatchObject({ rating: false, average: null });
    expect(await subjectResult(up, 'gdtc', 2)).toMatchObject({ rating: true });
    expect(await subjectResult(up, 'gdtc', null)).toMatchObject({ rating: true, final_rating: true });

    const down = await newStudent('cmtdown');
    await enter(down, [...column('gdtc', 1, true), ...column('gdtc', 2, true)]);
    await q(`update public.score_entries set rating = false where student_id = $1 and semester = 2 and kind = 'ck'`, [down]);
    expect(await subjectResult(down, 'gdtc', 1)).toMatchObject({ rating: true });
    expect(await subjectResult(down, 'gdtc', 2)).toMatchObject({ rating: false });
    expect(await subjectResult(down, 'gdtc', null)).toMatchObject({ rating: false });

    // Incomplete (two of the three required ĐĐGtx in semester II): no rating, for the semester nor the year.
    const open = await newStudent('cmtopen');
    await enter(open, [...column('gdtc', 1, true), ...column('gdtc', 2, true).filter((e) => !(e.kind === 'tx' && e.seq === 3))]);
    expect(await subjectResult(open, 'gdtc', 2)).toMatchObject({ rating: null });
    expect(await subjectResult(open, 'gdtc', null)).toMatchObject({ rating: null });
  });

  it('a learning topic takes no entries of its own and has no result row', async () => {
    const s = await newStudent('topic');
    await expect(enter(s, [{ subject: TOPIC, semester: 1, kind: 'tx', seq: 1, value: 8 }])).rejects.toMatchObject({
      code: '22023', message: 'Chuyên đề học tập Toán không có cột điểm riêng: kết quả chuyên đề được nhập là một ĐĐGtx của môn học tương ứng',
    });
    expect(await subjectResult(s, TOPIC, 1)).toBeUndefined();
    expect(await q(`select count(*)::int as n from public.subject_results where student_id = $1`, [s]))
      .toEqual([{ n: (Object.keys(SCORED).length + Object.keys(COMMENT).length) * 3 }]);
  });
});

describe('learning result (kết quả học tập) through student_results', () => {
  const six80 = { ngu_van: 8, toan: 8, ngoai_ngu_1: 8, lich_su: 8, gdqp_an: 8, vat_li: 8 };

  it('Tốt with exactly six scored subjects ≥ 8.0 and the others at 6.5; Khá with five', async () => {
    const tot = await newStudent('tot6');
    await year(tot, { scores: six80, rest: 6.5 });
    expect(await result(tot, 1)).toMatchObject({ learning_level: 'tot' });
    expect(await result(tot, 2)).toMatchObject({ learning_level: 'tot' });
    expect(await result(tot, null)).toMatchObject({ learning_level: 'tot' });

    const kha = await newStudent('kha5');
    await year(kha, { scores: { ...six80, vat_li: 7.9 }, rest: 6.5 });
    expect(await result(kha, null)).toMatchObject({ learning_level: 'kha' });
  });

  it('one scored subject at 6.4 keeps six subjects ≥ 8.0 from Tốt (Khá); one comment-only Chưa đạt makes it Đạt, raised to Khá by the one-subject rule', async () => {
    const low = await newStudent('at64');
    await year(low, { scores: { ...six80, hoa_hoc: 6.4 }, rest: 6.5 });
    expect(await result(low, null)).toMatchObject({ learning_level: 'kha' });

    const cd = await newStudent('onecd');
    await year(cd, { scores: six80, rest: 6.5, ratings: { ndgddp: false } });
    expect(await subjectResult(cd, 'ndgddp', null)).toMatchObject({ rating: false });
    expect(await result(cd, null)).toMatchObject({ learning_level: 'kha' });
  });

  it('one subject under 3.5: Chưa đạt with the others at 5.5, Đạt at exactly 3.5; with the others at 8.0 the one-subject rule raises it to Đạt', async () => {
    const under = await newStudent('u34');
    await year(under, { scores: { toan: 3.4 }, rest: 5.5 });
    expect(await avg(under, 'toan', null)).toBe('3.4');
    expect(await result(under, null)).toMatchObject({ learning_level: 'chua_dat' });

    const at = await newStudent('u35');
    await year(at, { scores: { toan: 3.5 }, rest: 5.5 });
    expect(await result(at, null)).toMatchObject({ learning_level: 'dat' });

    const strong = await newStudent('u34strong');
    await year(strong, { scores: { toan: 3.4 }, rest: 8 });
    expect(await result(strong, null)).toMatchObject({ learning_level: 'dat' });
  });

  it('an exempt subject is left out: a year GDTC exemption gives no GDTC rows and a complete result; a semester I exemption from Tin học makes the year that of semester II', async () => {
    const s = await newStudent('exempt');
    await q(`insert into public.subject_exemptions (school_id, school_year_id, student_id, subject_id, semester, reason) values
             ($1, $2, $3, $4, null, 'Miễn GDTC cả năm'), ($1, $2, $3, $5, 1, 'Miễn Tin học học kỳ I')`,
      [ctx.school, ctx.year, s, ctx.subject.gdtc, ctx.subject.tin_hoc]);
    await year(s, { scores: { ...six80, tin_hoc: null }, rest: 6.5, ratings: { gdtc: null } });
    await enter(s, column('tin_hoc', 2, 7.0));
    await expect(enter(s, column('gdtc', 1, true))).rejects.toMatchObject({ code: '22023' });
    await expect(enter(s, column('tin_hoc', 1, 9))).rejects.toMatchObject({ code: '22023' });
    expect(await q(`select semester from public.subject_results where student_id = $1 and subject_id = $2`, [s, ctx.subject.gdtc])).toEqual([]);
    expect(await q(`select semester, average::text from public.subject_results where student_id = $1 and subject_id = $2 order by semester`,
      [s, ctx.subject.tin_hoc])).toEqual([{ semester: 2, average: '7.0' }, { semester: null, average: '7.0' }]);
    expect(await result(s, 1)).toMatchObject({ learning_level: 'tot' });
    expect(await result(s, null)).toMatchObject({ learning_level: 'tot' });
    // Control: the same entries without the exemptions leave the result open.
    const control = await newStudent('noexempt');
    await year(control, { scores: { ...six80, tin_hoc: null }, rest: 6.5, ratings: { gdtc: null } });
    await enter(control, column('tin_hoc', 2, 7.0));
    expect(await result(control, null)).toMatchObject({ learning_level: null });
  });
});

describe('conduct, absences, promotion and awards through student_results', () => {
  it('the year conduct follows semester II by the TT22 table', async () => {
    const s = await newStudent('conduct');
    const cases: [string, string, string][] = [
      ['kha', 'tot', 'tot'], ['dat', 'tot', 'kha'], ['tot', 'kha', 'kha'], ['chua_dat', 'kha', 'dat'], ['tot', 'dat', 'kha'],
      ['kha', 'dat', 'dat'], ['tot', 'chua_dat', 'chua_dat'], ['dat', 'kha', 'kha'], ['tot', 'tot', 'tot'],
    ];
    for (const [i, ii, expected] of cases) {
      await conduct(s, { 1: i, 2: ii });
      expect(await result(s, 1), `I ${i}`).toMatchObject({ conduct_level: i });
      expect(await result(s, 2), `II ${ii}`).toMatchObject({ conduct_level: ii });
      expect((await result(s, null)).conduct_level, `I ${i}, II ${ii}`).toBe(expected);
    }
  });

  it('45 days absent (excused and not) still promotes; the 46th does not', async () => {
    const s = await newStudent('absent');
    await year(s, { rest: 7 });
    await conduct(s, { 1: 'tot', 2: 'tot' });
    expect(await result(s, null)).toMatchObject({ learning_level: 'kha', conduct_level: 'tot', absences: 0, promotion: 'promoted' });
    await absent(s, days('2026-10-05', 20), true); // semester I
    await absent(s, days('2027-03-01', 15), true); // semester II
    await absent(s, days('2027-04-05', 10), false);
    expect(await result(s, 1)).toMatchObject({ absences: 20, absences_excused: 20, absences_unexcused: 0 });
    expect(await result(s, 2)).toMatchObject({ absences: 25, absences_excused: 15, absences_unexcused: 10 });
    expect(await result(s, null)).toMatchObject({ absences: 45, absences_excused: 35, absences_unexcused: 10, promotion: 'promoted' });
    await absent(s, ['2027-05-03'], false);
    expect(await result(s, null)).toMatchObject({ absences: 46, absences_unexcused: 11, promotion: 'not_promoted', award: null });
  });

  it('learning Chưa đạt → re-test of every subject under 5.0; once all are re-tested the result replaces the year\'s and promotion is decided again', async () => {
    const weak = { toan: 4, ngoai_ngu_1: 4, lich_su: 4.9, vat_li: 4 };
    const pass = await newStudent('retestok');
    await year(pass, { scores: weak, rest: 6 });
    await conduct(pass, { 1: 'kha', 2: 'tot' });
    expect(await result(pass, null)).toMatchObject({ learning_level: 'chua_dat', conduct_level: 'tot', learning_after_retest: null, promotion: 'retest', award: null });
    // Three of the four re-tests: not decided yet.
    await enter(pass, ['toan', 'ngoai_ngu_1', 'lich_su'].map((subject) => ({ subject, semester: null, kind: 'retest' as const, value: 5.5 })));
    expect(await subjectResult(pass, 'toan', null)).toMatchObject({ average: '4.0', final_average: '5.5' });
    expect(await result(pass, null)).toMatchObject({ learning_after_retest: null, promotion: 'retest' });
    await enter(pass, [{ subject: 'vat_li', semester: null, kind: 'retest', value: 5 }]);
    expect(await result(pass, null)).toMatchObject({ learning_level: 'chua_dat', learning_after_retest: 'dat', promotion: 'promoted' });
    // A subject at 6.0 was not to be re-tested: its final value is its year average.
    expect(await subjectResult(pass, 'hoa_hoc', null)).toMatchObject({ average: '6.0', final_average: '6.0' });

    const fail = await newStudent('retestko');
    await year(fail, { scores: weak, rest: 6 });
    await conduct(fail, { 1: 'tot', 2: 'tot' });
    await enter(fail, Object.keys(weak).map((subject) => ({ subject, semester: null, kind: 'retest' as const, value: 4.5 })));
    expect(await result(fail, null)).toMatchObject({ learning_after_retest: 'chua_dat', promotion: 'not_promoted' });
  });

  it('conduct Chưa đạt → summer training before any re-test; after the summer re-rating the re-test is decided, then promotion', async () => {
    const weak = { toan: 4, ngoai_ngu_1: 4, lich_su: 4, vat_li: 4 };
    const s = await newStudent('summer');
    await year(s, { scores: weak, rest: 6 });
    await conduct(s, { 1: 'dat', 2: 'chua_dat' });
    expect(await result(s, null)).toMatchObject({ learning_level: 'chua_dat', conduct_level: 'chua_dat', conduct_after_summer: null, promotion: 'summer_training' });
    await conduct(s, { summer: 'dat' });
    expect(await result(s, null)).toMatchObject({ conduct_level: 'chua_dat', conduct_after_summer: 'dat', promotion: 'retest' });
    await enter(s, Object.keys(weak).map((subject) => ({ subject, semester: null, kind: 'retest' as const, value: 6 })));
    expect(await result(s, null)).toMatchObject({ learning_after_retest: 'dat', promotion: 'promoted' });

    // Good learning, conduct still Chưa đạt after the summer: not promoted.
    const t = await newStudent('summerko');
    await year(t, { rest: 7 });
    await conduct(t, { 1: 'kha', 2: 'chua_dat' });
    expect(await result(t, null)).toMatchObject({ learning_level: 'kha', promotion: 'summer_training' });
    await conduct(t, { summer: 'chua_dat' });
    expect(await result(t, null)).toMatchObject({ conduct_after_summer: 'chua_dat', promotion: 'not_promoted' });
  });

  it('award: Xuất sắc with conduct and learning Tốt and six subjects ≥ 9.0, Giỏi with five; none with conduct Khá', async () => {
    const six90 = { ngu_van: 9, toan: 9, ngoai_ngu_1: 9, lich_su: 9, gdqp_an: 9, vat_li: 9 };
    const xs = await newStudent('xuatsac');
    await year(xs, { scores: six90, rest: 8 });
    await conduct(xs, { 1: 'tot', 2: 'tot' });
    expect(await result(xs, null)).toMatchObject({ learning_level: 'tot', conduct_level: 'tot', promotion: 'promoted', award: 'xuat_sac' });

    const gioi = await newStudent('gioi');
    await year(gioi, { scores: { ...six90, vat_li: 8.9 }, rest: 8 });
    await conduct(gioi, { 1: 'kha', 2: 'tot' });
    expect(await result(gioi, null)).toMatchObject({ learning_level: 'tot', conduct_level: 'tot', award: 'gioi' });

    const none = await newStudent('noaward');
    await year(none, { scores: six90, rest: 8 });
    await conduct(none, { 1: 'tot', 2: 'kha' });
    expect(await result(none, null)).toMatchObject({ learning_level: 'tot', conduct_level: 'kha', promotion: 'promoted', award: null });
  });
});

describe('the grid\'s averages (admin/src/shared/tt22.ts) against the SQL functions', () => {
  it('semesterAverage and yearAverage agree with tt22_semester_average and tt22_year_average on 12,000 random cases, in one SQL call', async () => {
    const tenth = () => Math.floor(Math.random() * 101) / 10;
    const maybe = <T>(x: T, pNull: number) => (Math.random() < pNull ? null : x);
    type Case = { kind: 'sem'; regular: (number | null)[]; midterm: number | null; final: number | null; required: number; expected: number | null }
      | { kind: 'year'; sem1: number | null; sem2: number | null; expected: number | null };
    const cases: Case[] = [];
    let ties = 0;
    for (let i = 0; i < 8000; i++) {
      const regular = Array.from({ length: Math.floor(Math.random() * 7) }, () => maybe(tenth(), 0.1));
      const c = { regular, midterm: maybe(tenth(), 0.05), final: maybe(tenth(), 0.05), required: Math.floor(Math.random() * 5) };
      const expected = semesterAverage(c.regular, c.midterm, c.final, c.required);
      const given = regular.filter((r) => r !== null) as number[];
      if (expected !== null && c.midterm !== null && c.final !== null) {
        const s = given.reduce((a, r) => a + Math.round(r * 10), 0) + 2 * Math.round(c.midterm * 10) + 3 * Math.round(c.final * 10);
        if ((2 * s) % (2 * (given.length + 5)) === given.length + 5) ties++;
      }
      cases.push({ kind: 'sem', ...c, expected });
    }
    for (let i = 0; i < 4000; i++) {
      const sem1 = maybe(tenth(), 0.05);
      const sem2 = maybe(tenth(), 0.05);
      cases.push({ kind: 'year', sem1, sem2, expected: yearAverage(sem1, sem2) });
    }
    const { rows } = await db().query<{ total: number; compared: number; mismatches: number; examples: unknown }>(`
      with c as (
        select e, case e ->> 'kind'
          when 'sem' then public.tt22_semester_average(
            (select array_agg((x #>> '{}')::numeric order by k) from jsonb_array_elements(e -> 'regular') with ordinality r (x, k)),
            (e ->> 'midterm')::numeric, (e ->> 'final')::numeric, (e ->> 'required')::int)
          else public.tt22_year_average((e ->> 'sem1')::numeric, (e ->> 'sem2')::numeric) end as actual
        from jsonb_array_elements($1::jsonb) e
      )
      select count(*)::int as total,
             count(*) filter (where e ->> 'kind' = 'sem' or e ->> 'kind' = 'year')::int as compared,
             count(*) filter (where actual is distinct from (e ->> 'expected')::numeric)::int as mismatches,
             (jsonb_agg(e || jsonb_build_object('sql', actual)) filter (where actual is distinct from (e ->> 'expected')::numeric)) -> 0 as examples
      from c`, [JSON.stringify(cases)]);
    expect(rows[0]).toEqual({ total: 12_000, compared: 12_000, mismatches: 0, examples: null });
    expect(ties, 'exact half-way semester cases were exercised').toBeGreaterThan(50);
    expect(cases.filter((c) => c.expected === null).length, 'empty averages were exercised').toBeGreaterThan(500);
  });
});
