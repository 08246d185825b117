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

  it('turns drafts into inserts, updates and deletes, and lists invalid students', () => {
    const rows = [
      { id: 'r1', student_id: 's1', height_cm: 120, weight_kg: 22, version: 1 },
      { id: 'r2', student_id: 's2', height_cm: 125, weight_kg: null, version: 3 },
    ];
    const drafts = new Map([
      ['s1', { height: '121', weight: '22' }],
      ['s2', { height: '', weight: '' }],
      ['s3', { height: '118,5', weight: '' }],
      ['s4', { height: 'abc', weight: '' }],
    ]);
    expect(measureChanges(rows, drafts)).toEqual({
      changes: [
        { op: 'update', id: 'r1', version: 1, height_cm: 121, weight_kg: 22 },
        { op: 'delete', id: 'r2', version: 3 },
        { op: 'insert', student_id: 's3', height_cm: 118.5, weight_kg: null },
      ],
      invalid: ['s4'],
    });
  });
});
