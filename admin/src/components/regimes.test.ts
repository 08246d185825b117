import { describe, expect, it } from 'vitest';
import { appliesTo, onlyRegime, regimeOf, regimesOf } from './regimes.ts';

describe('assessment regimes of screens', () => {
  it('reads a school level as its regime: primary TT27, lower and upper secondary TT22', () => {
    expect(regimeOf('primary')).toBe('tt27');
    expect(regimeOf('lower_secondary')).toBe('tt22');
    expect(regimeOf('upper_secondary')).toBe('tt22');
    expect(regimeOf(null)).toBeNull();
    expect([...regimesOf(['primary', 'upper_secondary', null])].sort()).toEqual(['tt22', 'tt27']);
  });

  it('hides Rèn luyện from someone who works only at primary schools, and Phẩm chất, năng lực from someone only at secondary ones', () => {
    const primaryOnly = regimesOf(['primary']);
    const thptOnly = regimesOf(['upper_secondary']);
    expect(appliesTo('conduct_ratings', primaryOnly)).toBe(false);
    expect(appliesTo('quality_ratings', primaryOnly)).toBe(true);
    expect(appliesTo('conduct_ratings', thptOnly)).toBe(true);
    expect(appliesTo('quality_ratings', thptOnly)).toBe(false);
  });

  it('keeps every screen for someone at schools of both regimes, with no school (offices, families), and screens of both regimes for all', () => {
    const both = regimesOf(['primary', 'lower_secondary']);
    expect(appliesTo('conduct_ratings', both) && appliesTo('quality_ratings', both)).toBe(true);
    expect(appliesTo('conduct_ratings', new Set())).toBe(true);
    for (const resource of ['student_results', 'score_entries', 'attendance', 'dashboard']) {
      expect(appliesTo(resource, regimesOf(['primary'])), resource).toBe(true);
      expect(onlyRegime(resource), resource).toBeNull();
    }
    expect(onlyRegime('conduct_ratings')).toBe('tt22');
    expect(onlyRegime('quality_ratings')).toBe('tt27');
  });
});
