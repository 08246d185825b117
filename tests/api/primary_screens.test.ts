// A primary class is TT27's only (issue 18, item 4), through the real API: Postgres refuses a conduct
// rating (TT22's kết quả rèn luyện) for a pupil of a primary class — from the GVCN of 3A and from the
// service role alike, with a sentence, writing nothing — while a THPT GVCN still records one (positive
// control, in a cloned database so the shared demo keeps its conduct sheets); rpc/class_summary answers a
// primary class under regime tt27 (subject levels and tests, qualities, absences, and for the year the
// result and programme completion as public.primary_results computes them) and a THPT class under tt22
// as before; its readers are unchanged (a THPT subject teacher does not find 3A, the primary school's
// admin board reads it). Reads the demo only (3A of the current and the past year, 10A1).
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { one } from '../helpers/corrections.ts';
import { asUser, serviceClient, signedIn, useClonedDb } from '../helpers/stack.ts';

const GVCN_3A = 'gvcn.3a@th-tandong.edu.vn';
const GVCN_10A1 = 'gvcn.10a1@thpt-tandong.edu.vn';
const REFUSAL = 'Lớp 3A là lớp tiểu học: học sinh tiểu học được đánh giá theo Thông tư 27 (phẩm chất, năng lực), không xếp loại rèn luyện theo Thông tư 22.';

const fx = { th: '', thYear: '', thPast: '', c3a: '', c3aPast: '', thpt: '', thptYear: '', c10a1: '', pupil: '', student10a1: '' };
let gvcn: SupabaseClient<Database>;
const db = useClonedDb();

interface PrimaryAnswer {
  regime: string;
  subjects: { id: string; code: string; tested: boolean }[];
  students: {
    student_id: string;
    levels: Record<string, { level: string | null; score: number | null; exempt: boolean }>;
    qualities: { tot: number; dat: number; ccg: number };
    absences_excused: number;
    absences_unexcused: number;
    year_result: string | null;
    completion: string | null;
    learning_level: string | null;
    conduct_level: string | null;
  }[];
}

beforeAll(async () => {
  const svc = serviceClient();
  gvcn = await signedIn(GVCN_3A);
  fx.th = await unitOf('th-tandong');
  fx.thpt = await unitOf('thpt-tandong');
  const th = await yearsOf(fx.th);
  fx.thYear = th.current;
  fx.thPast = th.past!;
  fx.thptYear = (await yearsOf(fx.thpt)).current;
  const cls = async (year: string, name: string) => (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', name))).id as string;
  fx.c3a = await cls(fx.thYear, '3A');
  fx.c3aPast = await cls(fx.thPast, '3A');
  fx.c10a1 = await cls(fx.thptYear, '10A1');
  fx.pupil = (await one(svc.from('enrolments').select('student_id').eq('class_id', fx.c3a).is('ended_on', null).order('student_id').limit(1))).student_id as string;
  fx.student10a1 = (await one(svc.from('enrolments').select('student_id').eq('class_id', fx.c10a1).is('ended_on', null).order('student_id').limit(1))).student_id as string;
});

describe('conduct ratings are TT22 only', () => {
  const row = (semester: number) => ({ school_id: fx.th, school_year_id: fx.thYear, class_id: fx.c3a, student_id: fx.pupil, semester, level: 'tot' });

  it('the GVCN of 3A cannot record a conduct rating for a pupil of 3A: refused with a sentence, nothing written', async () => {
    const { data, error } = await gvcn.from('conduct_ratings').insert(row(1)).select('id');
    expect(error?.code).toBe('23514');
    expect(error?.message).toBe(REFUSAL);
    expect(data).toBeNull();
    expect((await serviceClient().from('conduct_ratings').select('id').eq('class_id', fx.c3a)).data).toEqual([]);
  });

  it('the service role is refused the same way: the rule is the table’s, for every client', async () => {
    const svc = serviceClient();
    const { error } = await svc.from('conduct_ratings').insert(row(2));
    expect(error?.code).toBe('23514');
    expect(error?.message).toBe(REFUSAL);
    expect((await svc.from('conduct_ratings').select('id').eq('school_id', fx.th)).data).toEqual([]);
  });

  it('positive control: the GVCN of 10A1 (THPT) records a conduct rating, and the GVCN of 3A is refused in the same database', async () => {
    // A clone of the demo, so the shared 10A1 keeps its sheet (the demo rates no current-year 10A1 pupil).
    const c = db();
    const insert = (email: string, values: unknown[]) =>
      idOf(email).then((sub) => asUser(c, { sub }, () =>
        c.query(`insert into public.conduct_ratings (school_id, school_year_id, class_id, student_id, semester, level)
                 values ($1, $2, $3, $4, 1, 'kha') returning level, entered_by`, values)
          .then((r) => r.rows, (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }))));
    expect(await insert(GVCN_10A1, [fx.thpt, fx.thptYear, fx.c10a1, fx.student10a1])).toEqual([{ level: 'kha', entered_by: await idOf(GVCN_10A1) }]);
    expect(await insert(GVCN_3A, [fx.th, fx.thYear, fx.c3a, fx.pupil])).toEqual({ code: '23514', message: REFUSAL });
  });
});

describe('rpc/class_summary of a primary class', () => {
  it('answers last year’s 3A for the year under TT27: each pupil’s result and completion as primary_results, no TT22 level', async () => {
    const { data, error } = await gvcn.rpc('class_summary', { p_class_id: fx.c3aPast, p_semester: null });
    expect(error).toBeNull();
    const summary = data as unknown as PrimaryAnswer;
    expect(summary.regime).toBe('tt27');
    expect(summary.students.length).toBeGreaterThan(20);
    const { data: results } = await gvcn.from('primary_results').select('student_id, year_result, completion').eq('class_id', fx.c3aPast);
    const expected = new Map((results ?? []).map((r) => [r.student_id, r]));
    expect(summary.students.map((s) => [s.year_result, s.completion])).toEqual(summary.students.map((s) => [expected.get(s.student_id)?.year_result ?? null, expected.get(s.student_id)?.completion ?? null]));
    // The past year is complete: results are there, and more than one kind of them.
    expect(new Set(summary.students.map((s) => s.year_result)).size).toBeGreaterThan(1);
    expect(summary.students.every((s) => s.year_result !== null && s.completion === (s.year_result === 'chua_hoan_thanh' ? 'chua' : 'lop_hoc'))).toBe(true);
    expect(summary.students.every((s) => s.learning_level === null && s.conduct_level === null)).toBe(true);
    // Every subject of the class has a level per pupil; Tiếng Việt and Toán have the end-of-year test.
    const tested = Object.fromEntries(summary.subjects.map((s) => [s.code, s.tested]));
    expect(tested).toMatchObject({ tieng_viet: true, toan: true, dao_duc: false });
    const first = summary.students[0]!;
    expect(Object.keys(first.levels).sort()).toEqual(summary.subjects.map((s) => s.id).sort());
    const toan = summary.subjects.find((s) => s.code === 'toan')!.id;
    expect(summary.students.every((s) => s.levels[toan]!.exempt || (['T', 'H', 'C'].includes(s.levels[toan]!.level!) && Number(s.levels[toan]!.score) >= 1))).toBe(true);
    expect(first.qualities.tot + first.qualities.dat + first.qualities.ccg).toBe(15);
  });

  it('answers this year’s 3A at the end of semester I with no year result yet, and absences counted from attendance', async () => {
    const { data, error } = await gvcn.rpc('class_summary', { p_class_id: fx.c3a, p_semester: 1 });
    expect(error).toBeNull();
    const summary = data as unknown as PrimaryAnswer;
    expect(summary.regime).toBe('tt27');
    expect(summary.students.every((s) => s.year_result === null && s.completion === null)).toBe(true);
    const { data: absences } = await serviceClient().from('attendance').select('student_id, excused').eq('class_id', fx.c3a).eq('semester', 1);
    const excused = (absences ?? []).filter((a) => a.excused).length;
    expect(summary.students.reduce((n, s) => n + s.absences_excused, 0)).toBe(excused);
    expect(summary.students.reduce((n, s) => n + s.absences_unexcused, 0)).toBe((absences ?? []).length - excused);
  });

  it('answers a THPT class under TT22 as before', async () => {
    const { data, error } = await (await signedIn(GVCN_10A1)).rpc('class_summary', { p_class_id: fx.c10a1, p_semester: 1 });
    expect(error).toBeNull();
    const summary = data as unknown as { regime: string; students: Record<string, unknown>[] };
    expect(summary.regime).toBe('tt22');
    expect(Object.keys(summary.students[0]!).sort()).toEqual([
      'absences', 'absences_excused', 'absences_unexcused', 'award', 'conduct_after_summer', 'conduct_level', 'full_name',
      'learning_after_retest', 'learning_level', 'promotion', 'results', 'student_code', 'student_id',
    ]);
  });

  it('keeps its readers: a THPT subject teacher does not even find 3A, the primary school’s admin board reads it', async () => {
    const refused = await (await signedIn('gv.toan@thpt-tandong.edu.vn')).rpc('class_summary', { p_class_id: fx.c3a, p_semester: 1 });
    // Another school's class is not readable to him, so it is "not found" (a refusal names nothing unreadable).
    expect(refused.error).toMatchObject({ code: '22023', message: 'Không tìm thấy lớp' });
    expect(refused.data).toBeNull();
    const bqt = await (await signedIn('bqt@th-tandong.edu.vn')).rpc('class_summary', { p_class_id: fx.c3a, p_semester: 1 });
    expect(bqt.error).toBeNull();
    expect((bqt.data as unknown as PrimaryAnswer).regime).toBe('tt27');
  });
});
