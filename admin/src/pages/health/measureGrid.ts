// The measurement round of a class (table student_measures, one row per student and date): what the
// grid holds, the BMI shown as the nurse types, and what a save sends. Pure, tested. Ranges are the
// database's (private.compute_measure refuses in Vietnamese); here only "is it a number".
import { parseNumber } from './useHealth.ts';

export const MEASURE_FIELDS = ['height_cm', 'weight_kg', 'systolic', 'diastolic', 'heart_rate', 'vision_left', 'vision_right'] as const;
export type MeasureField = (typeof MEASURE_FIELDS)[number];
export type MeasureDraft = Record<MeasureField, string>;
export type MeasureValues = Record<MeasureField, number | null>;

export interface SavedMeasure extends MeasureValues {
  id: string;
  student_id: string;
  version: number;
  bmi: number | null;
  bmi_status: string | null;
  height_status: string | null;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

export function draftOf(row: SavedMeasure | undefined): MeasureDraft {
  return Object.fromEntries(MEASURE_FIELDS.map((f) => [f, text(row?.[f])])) as MeasureDraft;
}

/** The draft's numbers, or the fields that are not numbers. */
export function parseDraft(d: MeasureDraft): { values: MeasureValues; bad: MeasureField[] } {
  const values = {} as MeasureValues;
  const bad: MeasureField[] = [];
  for (const f of MEASURE_FIELDS) {
    const v = parseNumber(d[f]);
    if (v === undefined) bad.push(f);
    values[f] = v ?? null;
  }
  return { values, bad };
}

/** BMI = kg / m², rounded to 0.1 (as public.nutrition_status); null without both or with a zero height. */
export function bmiOf(heightCm: number | null, weightKg: number | null): number | null {
  if (heightCm === null || weightKg === null || heightCm <= 0) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

/** Completed months from birth to the date (as public.age_in_months). */
export function ageInMonths(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

export function sameValues(a: MeasureValues, b: MeasureValues): boolean {
  return MEASURE_FIELDS.every((f) => a[f] === b[f]);
}

export function isEmpty(v: MeasureValues): boolean {
  return MEASURE_FIELDS.every((f) => v[f] === null);
}
