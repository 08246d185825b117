import { describe, expect, it } from 'vitest';
import type { Membership } from '../../providers/userContext.ts';
import { actionsFor, isBoard, orderClasses, publicationOf, returnNote, statusOf, type PublicationEventRow, type PublicationRow } from './publications.ts';

const pub = (over: Partial<PublicationRow> = {}): PublicationRow => ({
  id: 'p1', class_id: 'c1', school_year_id: 'y', semester: 1, status: 'proposed',
  proposed_by: 'u1', proposed_at: '2026-12-20T03:00:00Z', approved_by: null, approved_at: null, published_by: null, published_at: null,
  ...over,
});
const event = (id: number, action: PublicationEventRow['action'], note: string | null = null): PublicationEventRow => ({
  id, publication_id: 'p1', action, actor_id: 'u1', note, correction_request_id: null, created_at: '2026-12-20T03:00:00Z',
});
const membership = (role: string, school_year: string | null): Membership => ({
  org_unit_id: 's', org_unit_name: 'THPT', org_unit_kind: 'school', school_year, current: school_year === null || school_year === '2026-2027', role,
});

describe('publication state', () => {
  it('a class without a publication row of the period is not yet submitted', () => {
    const rows = [pub({ semester: null, status: 'published' })];
    expect(publicationOf(rows, 'c1', 1)).toBeUndefined();
    expect(statusOf(publicationOf(rows, 'c1', 1))).toBe('draft');
    expect(statusOf(publicationOf(rows, 'c1', null))).toBe('published');
  });
});

describe('actions offered', () => {
  it('the homeroom teacher submits a draft and withdraws a submission, nothing else', () => {
    const gvcn = { homeroom: true, board: false };
    expect(actionsFor('draft', gvcn)).toEqual(['propose']);
    expect(actionsFor('proposed', gvcn)).toEqual(['withdraw']);
    expect(actionsFor('approved', gvcn)).toEqual([]);
    expect(actionsFor('published', gvcn)).toEqual([]);
  });

  it('the school board returns or approves a submission and publishes approved results', () => {
    const bgh = { homeroom: false, board: true };
    expect(actionsFor('draft', bgh)).toEqual([]);
    expect(actionsFor('proposed', bgh)).toEqual(['return', 'approve']);
    expect(actionsFor('approved', bgh)).toEqual(['publish']);
    expect(actionsFor('published', bgh)).toEqual([]);
  });

  it('anybody else is offered nothing', () => {
    for (const s of ['draft', 'proposed', 'approved', 'published'] as const) expect(actionsFor(s, { homeroom: false, board: false })).toEqual([]);
  });

  it('the board is the principal or vice principal of that school year only', () => {
    expect(isBoard([membership('principal', '2026-2027')], '2026-2027')).toBe(true);
    expect(isBoard([membership('vice_principal', '2025-2026')], '2025-2026')).toBe(true);
    expect(isBoard([membership('principal', '2025-2026')], '2026-2027')).toBe(false);
    expect(isBoard([membership('homeroom_teacher', '2026-2027')], '2026-2027')).toBe(false);
    expect(isBoard([membership('principal', '2026-2027')], undefined)).toBe(false);
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
