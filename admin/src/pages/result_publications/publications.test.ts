import { describe, expect, it } from 'vitest';
import { orderClasses, publicationOf, returnNote, statusOf, stepCell, type PublicationEventRow, type PublicationRow } from './publications.ts';

const pub = (over: Partial<PublicationRow> = {}): PublicationRow => ({
  id: 'p1', class_id: 'c1', school_year_id: 'y', semester: 1, status: 'proposed',
  proposed_by: 'u1', proposed_at: '2026-12-20T03:00:00Z', approved_by: null, approved_at: null, published_by: null, published_at: null,
  ...over,
});
const event = (id: number, action: PublicationEventRow['action'], note: string | null = null): PublicationEventRow => ({
  id, publication_id: 'p1', action, actor_id: 'u1', note, correction_request_id: null, created_at: '2026-12-20T03:00:00Z',
});
describe('publication state', () => {
  it('a class without a publication row of the period is not yet submitted', () => {
    const rows = [pub({ semester: null, status: 'published' })];
    expect(publicationOf(rows, 'c1', 1)).toBeUndefined();
    expect(statusOf(publicationOf(rows, 'c1', 1))).toBe('draft');
    expect(statusOf(publicationOf(rows, 'c1', null))).toBe('published');
  });
});

describe('steps and the matrix', () => {
  it('the GVCN\'s submission and withdrawal are the create cell, BGH\'s decisions the approve cell', () => {
    expect(['propose', 'withdraw'].map((a) => stepCell(a as never))).toEqual(['create', 'create']);
    expect(['return', 'approve', 'publish'].map((a) => stepCell(a as never))).toEqual(['approve', 'approve', 'approve']);
  });
});

describe('screen order and notes', () => {
  it('puts the homeroom teacher’s own class first, then by grade and name', () => {
    const classes = [
      { name: '11A1', grade: 11, homeroom_teacher_id: 'me' },
      { name: '10A2', grade: 10, homeroom_teacher_id: 'x' },
      { name: '10A10', grade: 10, homeroom_teacher_id: null },
      { name: '10A1', grade: 10, homeroom_teacher_id: 'y' },
    ];
    expect(orderClasses(classes, 'me').map((c) => c.name)).toEqual(['11A1', '10A1', '10A2', '10A10']);
    expect(orderClasses(classes, undefined).map((c) => c.name)).toEqual(['10A1', '10A2', '10A10', '11A1']);
  });

  it('shows the reason of the latest return while the results are back in draft', () => {
    const draft = pub({ status: 'draft' });
    expect(returnNote([event(1, 'propose'), event(2, 'return', 'Thiếu nhận xét')], draft)).toBe('Thiếu nhận xét');
    expect(returnNote([event(1, 'propose'), event(2, 'return', 'x'), event(3, 'propose'), event(4, 'withdraw')], draft)).toBeNull();
    expect(returnNote([event(1, 'propose'), event(2, 'return', 'x')], pub({ status: 'proposed' }))).toBeNull();
    expect(returnNote([], undefined)).toBeNull();
  });
});
