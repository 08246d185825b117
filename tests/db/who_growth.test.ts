// Nutrition status from the WHO Growth Reference 2007 (issue 16; migration 20261204006000_who_growth.sql),
// against values computed here by hand from the published LMS table (tests/fixtures/who2007-5-19y-lms.csv,
// the WHO file as published, read here independently of the migration): measurements just inside and just outside −3, −2, +1 and +2 SD for both sexes at months
// 61, 100, 150 and 228; the restricted method beyond ±3 SD for BMI; completed months across a month
// boundary; an age outside 61–228 months never classified.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

type Sex = 'male' | 'female';
interface Lms { l: number; m: number; s: number }
const table = new Map<string, Lms>();
{
  const csv = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/who2007-5-19y-lms.csv'), 'utf8').trim().split(/\r?\n/).slice(4);
  const groups: [string, Sex, number][] = [['height', 'male', 2], ['height', 'female', 5], ['bmi', 'male', 14], ['bmi', 'female', 17]];
  for (const line of csv) {
    const c = line.split(',');
    for (const [indicator, sex, i] of groups) {
      if (c[i] !== '') table.set(`${indicator}:${sex}:${Number(c[0])}`, { l: Number(c[i]), m: Number(c[i + 1]), s: Number(c[i + 2]) });
    }
  }
}
const lms = (indicator: string, sex: Sex, month: number) => table.get(`${indicator}:${sex}:${month}`)!;
/** The value at z (the LMS curve), and the z of a value, as WHO defines them. */
const at = (r: Lms, z: number) => r.m * Math.pow(1 + r.l * r.s * z, 1 / r.l);
const zOf = (r: Lms, x: number) => (Math.pow(x / r.m, r.l) - 1) / (r.l * r.s);

async function status(sex: Sex, month: number, heightCm: number, weightKg: number) {
  const { rows } = await db().query('select public.nutrition_status($1::public.gender, $2, $3, $4) as v', [sex, month, heightCm, weightKg]);
  return rows[0].v as { bmi: number; bmi_z: number | null; height_z: number | null; bmi_status: string; height_status: string };
}

const BMI_BANDS: [number, string][] = [[-3.01, 'gầy còm nặng'], [-2.99, 'gầy còm'], [-2.01, 'gầy còm'], [-1.99, 'bình thường'],
  [0.99, 'bình thường'], [1.01, 'thừa cân'], [1.99, 'thừa cân'], [2.01, 'béo phì']];
const HEIGHT_BANDS: [number, string][] = [[-3.01, 'thấp còi nặng'], [-2.99, 'thấp còi'], [-2.01, 'thấp còi'], [-1.99, 'bình thường'], [2.5, 'bình thường']];

describe('WHO 2007 nutrition status, computed in SQL', () => {
  for (const sex of ['male', 'female'] as const) {
    for (const month of [61, 100, 150, 228]) {
      it(`BMI-for-age at and around −3, −2, +1, +2 SD: ${sex}, ${month} months`, async () => {
        const r = lms('bmi', sex, month);
        const h = lms('height', sex, month).m; // a median height: only the BMI matters here
        for (const [z, expected] of BMI_BANDS) {
          const bmi = at(r, z);
          const got = await status(sex, month, h, bmi * (h / 100) ** 2);
          expect(got.bmi_status, `z ${z}`).toBe(expected);
          expect(got.bmi_z!, `z ${z}`).toBeCloseTo(z, 2);
        }
      });
      it(`height-for-age at and around −3, −2 SD: ${sex}, ${month} months`, async () => {
        const r = lms('height', sex, month);
        for (const [z, expected] of HEIGHT_BANDS) {
          const height = at(r, z);
          const got = await status(sex, month, height, 20 * (height / 100) ** 2);
          expect(got.height_status, `z ${z}`).toBe(expected);
          expect(got.height_z!, `z ${z}`).toBeCloseTo(zOf(r, height), 2);
        }
      });
    }
  }

  it('beyond ±3 SD the BMI z-score follows WHO\'s restricted method (the 2–3 SD distance), the category unchanged', async () => {
    for (const [sex, month] of [['male', 120], ['female', 200]] as const) {
      const r = lms('bmi', sex, month);
      for (const lmsZ of [3.6, -3.6]) {
        const bmi = at(r, lmsZ);
        const sd3 = at(r, 3 * Math.sign(lmsZ));
        const sd2 = at(r, 2 * Math.sign(lmsZ));
        const restricted = 3 * Math.sign(lmsZ) + (bmi - sd3) / Math.abs(sd3 - sd2);
        const { rows } = await db().query('select public.who_zscore($1, $2::public.gender, $3, $4) as z', ['bmi', sex, month, bmi]);
        expect(Number(rows[0].z), `${sex} ${month} ${lmsZ}`).toBeCloseTo(restricted, 6);
        expect(Math.abs(restricted - lmsZ)).toBeGreaterThan(0.01); // the two methods really differ there
        expect((await status(sex, month, 150, bmi * 2.25)).bmi_status).toBe(lmsZ > 0 ? 'béo phì' : 'gầy còm nặng');
      }
    }
  });

  it('age in completed months at the measurement date, across a month boundary; outside 61–228 months nothing is classified', async () => {
    const months = async (birth: string, on: string) => (await db().query('select public.age_in_months($1::date, $2::date) as m', [birth, on])).rows[0].m;
    expect(await months('2016-01-15', '2021-02-14')).toBe(60);
    expect(await months('2016-01-15', '2021-02-15')).toBe(61);
    expect(await months('2006-09-01', '2026-11-23')).toBe(242);
    // A 20-year-old repeater: the BMI is computed, never classified with adult cut-offs.
    const adult = await status('male', 242, 170, 80);
    expect(adult).toMatchObject({ bmi: 27.7, bmi_z: null, height_z: null, bmi_status: 'không phân loại', height_status: 'không phân loại' });
    expect((await status('female', 60, 108, 18)).bmi_status).toBe('không phân loại');
    expect((await status('female', 61, 108, 18)).bmi_status).not.toBe('không phân loại');
    // Weight-for-age ends at 120 months.
    expect((await db().query(`select public.who_zscore('weight', 'male', 121, 30) as z`)).rows[0].z).toBeNull();
    expect((await db().query(`select public.who_zscore('weight', 'male', 120, 30) as z`)).rows[0].z).not.toBeNull();
  });
});

describe('a measurement saved in the health book (student_measures, trigger private.compute_measure)', () => {
  async function measureAs(birth: string, on: string) {
    const c = db();
    const { rows: [e] } = await c.query(`
      select e.student_id, e.class_id, e.school_id, e.school_year_id from public.enrolments e
      join public.school_years y on y.id = e.school_year_id and y.starts_on <= $1::date and y.ends_on >= $1::date
      join public.classes c on c.id = e.class_id join public.org_units o on o.id = c.school_id
      where o.code = 'thpt-tandong' and c.name = '12A1' and e.ended_on is null order by e.student_id limit 1`, [on]);
    await c.query('update public.students set birth_date = $2 where id = $1', [e.student_id, birth]);
    const { rows: [m] } = await c.query(`
      insert into public.student_measures (school_id, school_year_id, class_id, student_id, measured_on, height_cm, weight_kg)
      values ($1, $2, $3, $4, $5, 165, 52) returning age_months, bmi, bmi_status, height_status, (select gender::text from public.students where id = $4) as sex`, [e.school_id, e.school_year_id, e.class_id, e.student_id, on]);
    await c.query('delete from public.student_measures where student_id = $1 and measured_on = $2', [e.student_id, on]);
    return m as { age_months: number; bmi: string; bmi_status: string; height_status: string; sex: Sex };
  }

  it('a 20-year-old repeater\'s measurement is saved with its BMI and marked "không phân loại", never with adult cut-offs', async () => {
    const m = await measureAs('2006-05-01', '2026-11-02');
    expect(m.age_months).toBe(246);
    expect(Number(m.bmi)).toBe(19.1);
    expect(m).toMatchObject({ bmi_status: 'không phân loại', height_status: 'không phân loại' });
  });

  it('at exactly 228 months (19 years) it is still classified, from the table\'s last month', async () => {
    const m = await measureAs('2007-11-02', '2026-11-02');
    expect(m.age_months).toBe(228);
    const z = zOf(lms('bmi', m.sex, 228), 52 / 1.65 ** 2);
    const hz = zOf(lms('height', m.sex, 228), 165);
    expect(m.bmi_status).toBe(z < -3 ? 'gầy còm nặng' : z < -2 ? 'gầy còm' : z > 2 ? 'béo phì' : z > 1 ? 'thừa cân' : 'bình thường');
    expect(m.height_status).toBe(hz < -3 ? 'thấp còi nặng' : hz < -2 ? 'thấp còi' : 'bình thường');
  });
});
