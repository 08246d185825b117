import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  evidenceDisplayName,
  evidenceKey,
  evidenceKind,
  evidenceProblem,
  gradebookLink,
  itemsPayload,
  minutesDate,
  minutesDateTime,
  needsMe,
  parseSemesterParam,
  rolesInYear,
  unlockUntilValid,
  type CorrectionStatus,
  type Viewer,
} from './correctionModel.ts';

const viewer = (id: string, roles: string[], witnessOf: string[] = []): Viewer => ({ id, roles: new Set(roles), witnessOf: new Set(witnessOf) });
const req = (status: CorrectionStatus, requested_by = 'teacher') => ({ id: 'q1', status, requested_by });

describe('needsMe (the inbox "Cần tôi xử lý")', () => {
  it('the requester has to act on their draft and on an open unlock, not on a submitted request', () => {
    const me = viewer('teacher', ['subject_teacher']);
    expect(needsMe(req('draft'), me)).toBe(true);
    expect(needsMe(req('unlocked'), me)).toBe(true);
    expect(needsMe(req('submitted'), me)).toBe(false);
    expect(needsMe(req('draft', 'someone else'), me)).toBe(false);
  });
  it('the admin board acts on submitted, approved, unlocked, edited and relocked requests', () => {
    const board = viewer('bqt', ['admin_board']);
    for (const s of ['submitted', 'approved', 'unlocked', 'edited', 'relocked'] as const) expect(needsMe(req(s), board)).toBe(true);
    for (const s of ['draft', 'forwarded', 'rejected', 'minuted', 'withdrawn'] as const) expect(needsMe(req(s), board)).toBe(false);
  });
  it('the principal acts on forwarded requests, never on their own', () => {
    expect(needsMe(req('forwarded'), viewer('ht', ['principal']))).toBe(true);
    expect(needsMe(req('forwarded'), viewer('pht', ['vice_principal']))).toBe(true);
    expect(needsMe(req('forwarded', 'pht'), viewer('pht', ['vice_principal', 'subject_teacher']))).toBe(false);
    expect(needsMe(req('approved'), viewer('ht', ['principal']))).toBe(false);
  });
  it('inspectors and recorded witnesses follow the unlock until it is closed', () => {
    expect(needsMe(req('unlocked'), viewer('tt', ['inspector']))).toBe(true);
    expect(needsMe(req('relocked'), viewer('gvcn', ['homeroom_teacher'], ['q1']))).toBe(true);
    expect(needsMe(req('minuted'), viewer('gvcn', ['homeroom_teacher'], ['q1']))).toBe(false);
    expect(needsMe(req('submitted'), viewer('tt', ['inspector']))).toBe(false);
  });
});

describe('availableTransitions', () => {
  it('offers each role only its own steps', () => {
    expect(availableTransitions(req('draft'), viewer('teacher', []))).toEqual(['submitted', 'withdrawn']);
    expect(availableTransitions(req('submitted'), viewer('teacher', []))).toEqual(['withdrawn']);
    expect(availableTransitions(req('submitted'), viewer('bqt', ['admin_board']))).toEqual(['forwarded']);
    expect(availableTransitions(req('forwarded'), viewer('ht', ['principal']))).toEqual(['approved', 'rejected']);
    expect(availableTransitions(req('forwarded', 'ht'), viewer('ht', ['principal']))).toEqual([]);
    expect(availableTransitions(req('approved'), viewer('bqt', ['admin_board']))).toEqual(['unlocked']);
    expect(availableTransitions(req('edited'), viewer('bqt', ['admin_board']))).toEqual(['relocked']);
    expect(availableTransitions(req('relocked'), viewer('bqt', ['admin_board']))).toEqual(['minuted']);
    expect(availableTransitions(req('minuted'), viewer('bqt', ['admin_board']))).toEqual([]);
  });
});

describe('rolesInYear', () => {
  it('keeps the roles of the named school year only', () => {
    const m = (role: string, school_year: string | null) => ({ org_unit_id: 'o', org_unit_name: 'T', org_unit_kind: 'school' as const, school_year, current: true, role });
    expect([...rolesInYear([m('principal', '2025-2026'), m('subject_teacher', '2026-2027'), m('dept_officer', null)], '2025-2026')]).toEqual(['principal']);
  });
});

describe('evidence files', () => {
  it('accepts JPEG, PNG and PDF up to 10 MB', () => {
    expect(evidenceProblem({ type: 'image/jpeg', size: 10_000_000 })).toBeNull();
    expect(evidenceProblem({ type: 'application/pdf', size: 10_000_001 })).toBe('size');
    expect(evidenceProblem({ type: 'image/gif', size: 10 })).toBe('type');
  });
  it('stores a Vietnamese file name under a safe ASCII key and shows it back without the time', () => {
    const key = evidenceKey('9b1c6c1e-0000-4000-8000-000000000001', { name: 'Bài kiểm tra 15 phút (Đạt).JPG', type: 'image/jpeg' }, 1732259200000);
    expect(key).toBe('9b1c6c1e-0000-4000-8000-000000000001/1732259200000-bai-kiem-tra-15-phut-dat.jpg');
    expect(evidenceDisplayName(key)).toBe('bai-kiem-tra-15-phut-dat.jpg');
    expect(evidenceKind(key)).toBe('image');
    expect(evidenceKind('x/1-so-diem.pdf')).toBe('pdf');
  });
});

describe('links, items and times', () => {
  it('opens the re-test sheet of the gradebook for a request without semester', () => {
    expect(gradebookLink({ class_id: 'c', subject_id: 's', semester: null })).toBe('#/score_entries?class=c&subject=s&semester=retest');
    expect(parseSemesterParam('retest')).toBeNull();
    expect(parseSemesterParam('2')).toBe(2);
    expect(parseSemesterParam('x')).toBeUndefined();
  });
  it('sends values as typed (trimmed) and seq 1 for GK, CK and the re-test', () => {
    expect(itemsPayload([{ student_id: 's', kind: 'gk', seq: 3, value: ' 8,5 ' }])).toEqual([{ student_id: 's', kind: 'gk', seq: 1, value: '8,5' }]);
  });
  it('accepts an unlock end within the next 24 hours only', () => {
    const now = new Date('2026-11-22T08:00:00Z');
    expect(unlockUntilValid(new Date('2026-11-22T09:00:00Z'), now)).toBe(true);
    expect(unlockUntilValid(new Date('2026-11-23T08:00:01Z'), now)).toBe(false);
    expect(unlockUntilValid(new Date('2026-11-22T07:59:00Z'), now)).toBe(false);
  });
  it('writes the minutes times in Vietnam time', () => {
    expect(minutesDateTime('2026-11-22T07:05:00Z')).toBe('14 giờ 05 phút, ngày 22 tháng 11 năm 2026');
    expect(minutesDate('2026-11-22T18:00:00Z')).toBe('ngày 23 tháng 11 năm 2026');
  });
});
