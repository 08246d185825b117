import { describe, expect, it } from 'vitest';
import { buildGrid } from './assignmentGrid.ts';

describe('buildGrid', () => {
  it('has a column per subject any class takes, in catalogue order, and the active teacher per cell', () => {
    const grid = buildGrid(
      [
        { class_id: 'c1', subject_id: 'van', subjects: { name: 'Ngữ văn', code: 'ngu_van', sort_order: 1 } },
        { class_id: 'c1', subject_id: 'toan', subjects: { name: 'Toán', code: 'toan', sort_order: 2 } },
        { class_id: 'c2', subject_id: 'toan', subjects: { name: 'Toán', code: 'toan', sort_order: 2 } },
      ],
      [{ id: 'a1', class_id: 'c2', subject_id: 'toan', teacher_id: 't1' }],
    );
    expect(grid.columns.map((c) => c.code)).toEqual(['ngu_van', 'toan']);
    expect(grid.offered('c2', 'van')).toBe(false);
    expect(grid.offered('c2', 'toan')).toBe(true);
    expect(grid.assignment('c2', 'toan')?.teacher_id).toBe('t1');
    expect(grid.assignment('c1', 'toan')).toBeNull();
  });
});
