import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES, deadlinesForm, deadlinesUpsert, testDateChanges, testDatesForm } from './deadlines.ts';

const year = { id: 'y', school_id: 's' };

describe('deadlines', () => {
  it('a school without its own row shows the seed\'s defaults: 4 and 5 weeks, Sunday 23:59, 14 days', () => {
    expect(deadlinesForm(null)).toEqual({ profiles_weeks: 4, crosscheck_weeks: 5, regular_weekday: 7, regular_time: '23:59', periodic_days: 14 });
  });

  it('the time is shown as HH:mm and written back with seconds', () => {
    const form = deadlinesForm({ school_id: 's', profiles_weeks: 3, crosscheck_weeks: 6, regular_weekday: 5, regular_time: '17:30:00', periodic_days: 10 });
    expect(form.regular_time).toBe('17:30');
    expect(deadlinesUpsert(form, 's')).toEqual({ school_id: 's', profiles_weeks: 3, crosscheck_weeks: 6, regular_weekday: 5, regular_time: '17:30:00', periodic_days: 10 });
    expect(deadlinesUpsert(DEFAULT_DEADLINES, 's').regular_time).toBe('23:59:00');
  });
});

describe('test dates', () => {
  const existing = [
    { id: 'a', period: 'gk1' as const, test_date: '2026-10-19' },
    { id: 'b', period: 'ck1' as const, test_date: '2026-12-21' },
  ];

  it('saving writes only the dates set or changed and deletes the cleared ones', () => {
    const changes = testDateChanges(existing, { gk1: '2026-10-19', ck1: null, gk2: '2027-03-15' }, year);
    expect(changes.upserts).toEqual([{ school_id: 's', school_year_id: 'y', period: 'gk2', test_date: '2027-03-15' }]);
    expect(changes.deletes).toEqual(['b']);
  });

  it('an unchanged form changes nothing', () => {
    expect(testDateChanges(existing, testDatesForm(existing), year)).toEqual({ upserts: [], deletes: [] });
  });
});
