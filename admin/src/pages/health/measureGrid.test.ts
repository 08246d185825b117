import { describe, expect, it } from 'vitest';
import { ageInMonths, bmiOf, draftOf, parseDraft } from './measureGrid.ts';

describe('the measurement grid', () => {
  it('computes BMI as the nurse types, rounded to 0,1 like public.nutrition_status', () => {
    expect(bmiOf(160, 50.5)).toBe(19.7);
    expect(bmiOf(165, 55)).toBe(20.2);
    expect(bmiOf(null, 50)).toBeNull();
    expect(bmiOf(0, 50)).toBeNull();
  });

  it('counts completed months like public.age_in_months', () => {
    expect(ageInMonths('2011-09-26', '2026-11-23')).toBe(181);
    expect(ageInMonths('2011-11-23', '2026-11-23')).toBe(180);
    expect(ageInMonths('2011-11-24', '2026-11-23')).toBe(179);
  });

  it('reads Vietnamese decimals and leaves ranges to the database', () => {
    const { values, bad } = parseDraft({ ...draftOf(undefined), height_cm: '152,5', weight_kg: '0', heart_rate: 'abc' });
    expect(values.height_cm).toBe(152.5);
    expect(values.weight_kg).toBe(0);
    expect(bad).toEqual(['heart_rate']);
  });
});
