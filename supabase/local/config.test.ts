import { describe, expect, it } from 'vitest';
import { DEMO_TODAY, loadConfig, todayFrom } from './config.ts';

describe('SDT_TODAY', () => {
  it('pins the demo day when unset, so the demo and the tests do not follow the real calendar', () => {
    expect(todayFrom({})).toBe(DEMO_TODAY);
    expect(loadConfig({}).today).toBe(DEMO_TODAY);
  });

  it('pins another date, or follows the clock with "real"', () => {
    expect(todayFrom({ SDT_TODAY: '2027-03-15' })).toBe('2027-03-15');
    expect(todayFrom({ SDT_TODAY: 'real' })).toBeNull();
  });

  it('refuses what is not a calendar date', () => {
    expect(() => todayFrom({ SDT_TODAY: '2027-02-30' })).toThrow(/SDT_TODAY=2027-02-30/);
    expect(() => todayFrom({ SDT_TODAY: 'tomorrow' })).toThrow(/neither a date/);
  });
});

describe('SDT_POSTGREST_PLAN', () => {
  it('is off unless set to "true": PostgREST serves no query plans to users', () => {
    expect(loadConfig({}).postgrestPlan).toBe(false);
    expect(loadConfig({ SDT_POSTGREST_PLAN: '1' }).postgrestPlan).toBe(false);
    expect(loadConfig({ SDT_POSTGREST_PLAN: 'true' }).postgrestPlan).toBe(true);
  });
});
