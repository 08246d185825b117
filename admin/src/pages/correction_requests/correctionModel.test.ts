import { describe, expect, it } from 'vitest';
import { isAllowed } from '../../providers/accessControlProvider.ts';
import {
  CORRECTION_STATUSES,
  TRANSITION_ACTION,
  evidenceDisplayName,
  evidenceKey,
  evidenceKind,
  evidenceProblem,
  gradebookLink,
  itemsPayload,
  minutesDate,
  minutesDateTime,
  needsMe,
  offeredTransitions,
  parseSemesterParam,
  unlockUntilValid,
  type CorrectionStatus,
} from './correctionModel.ts';

const me = (id: string, witnessOf: string[] = []) => ({ id, witnessOf: new Set(witnessOf) });
const req = (status: CorrectionStatus, allowed_actions: CorrectionStatus[] = [], requested_by = 'teacher') => ({ id: 'q1', status, requested_by, allowed_actions });

describe('offeredTransitions (the buttons of the database\'s allowed_actions)', () => {
  it('keeps the steps the database offers, in the machine\'s order, and never "edited" or "draft"', () => {
    expect(offeredTransitions(['withdrawn', 'submitted'])).toEqual(['submitted', 'withdrawn']);
    expect(offeredTransitions(['edited', 'draft', 'relocked'])).toEqual(['relocked']);
    expect(offeredTransitions(null)).toEqual([]);
    expect(offeredTransitions([])).toEqual([]);
  });
  it('names a matrix cell for every step, which the role owning the step holds', () => {
    const steps = CORRECTION_STATUSES.filter((s) => s !== 'draft' && s !== 'edited');
    expect(Object.keys(TRANSITION_ACTION).sort()).toEqual([...steps].sort());
    for (const step of ['submitted', 'withdrawn'] as const) expect(isAllowed(['subject_teacher'], 'correction_requests', TRANSITION_ACTION[step])).toBe(true);
    for (const step of ['approved', 'rejected'] as const) expect(isAllowed(['vice_principal'], 'correction_requests', TRANSITION_ACTION[step])).toBe(true);
    for (const step of ['forwarded', 'unlocked', 'relocked', 'minuted'] as const) expect(isAllowed(['admin_board'], 'correction_requests', TRANSITION_ACTION[step])).toBe(true);
    // …and the inspection board none.
    for (const step of steps) expect(isAllowed(['inspector'], 'correction_requests', TRANSITION_ACTION[step as keyof typeof TRANSITION_ACTION])).toBe(false);
  });
});

describe('needsMe (the inbox "Cần tôi xử lý")', () => {
  it('a request waits for whoever the database offers a step on it', () => {
    expect(needsMe(req('submitted', ['forwarded']), me('bqt'))).toBe(true);
    expect(needsMe(req('submitted'), me('bqt'))).toBe(false);
    expect(needsMe(req('draft', ['submitted', 'withdrawn']), me('teacher'))).toBe(true);
  });
  it('the requester has to write the values of an open unlock; a witness follows it until it is closed', () => {
    expect(needsMe(req('unlocked'), me('teacher'))).toBe(true);
    expect(needsMe(req('unlocked', [], 'someone else'), me('teacher'))).toBe(false);
    expect(needsMe(req('relocked'), me('gvcn', ['q1']))).toBe(true);
    expect(needsMe(req('minuted'), me('gvcn', ['q1']))).toBe(false);
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
