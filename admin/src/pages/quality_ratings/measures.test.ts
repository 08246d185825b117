import { describe, expect, it } from 'vitest';
import { measureChanges, parseHeight, parseWeight } from './measures.ts';

describe('height and weight', () => {
  it('reads Vietnamese decimals with one digit and refuses the impossible', () => {
    expect(parseHeight('128,5')).toBe(128.5);
    expect(parseHeight('128.5')).toBe(128.5);
    expect(parseHeight('')).toBeNull();
    expect(parseHeight('1285')).toBeUndefined();
    expect(parseHeight('128,55')).toBeUndefined();
    expect(parseWeight('7')).toBeUndefined();
    expect(parseWeight('26')).toBe(26);
  });

  it('turns drafts into changes with the row read (id and version; null for a student without one), and lists invalid students', () => {
    const rows = [
      { id: 'r1', student_id: 's1', height_cm: 120, weight_kg: 22, version: 1 },
      { id: 'r2', student_id: 's2', height_cm: 125, weight_kg: null, version: 3 },
      { id: 'r5', student_id: 's5', height_cm: 119, weight_kg: 21, version: 2 },
    ];
    const drafts = new Map([
      ['s1', { height: '121', weight: '22' }],
      ['s2', { height: '', weight: '' }],
      ['s3', { height: '118,5', weight: '' }],
      ['s4', { height: 'abc', weight: '' }],
      ['s5', { height: '119', weight: '21,0' }],
      ['s6', { height: '', weight: '' }],
    ]);
    expect(measureChanges(rows, drafts)).toEqual({
      changes: [
        { student_id: 's1', height_cm: 121, weight_kg: 22, id: 'r1', version: 1 },
        { student_id: 's2', height_cm: null, weight_kg: null, id: 'r2', version: 3 },
        { student_id: 's3', height_cm: 118.5, weight_kg: null, id: null, version: null },
      ],
      invalid: ['s4'],
    });
  });
});
