// The correction procedure as the screens see it: statuses, who has to act on a request now (the
// inbox), the transitions each role is offered, evidence keys and file checks, and the items a draft
// sends. Pure: the database (rpc/advance_correction and its triggers) is the authority on every move;
// these only decide what to show so nobody is offered a button the server would refuse anyway.
import { unaccent } from '../../shared/studentProfile.ts';
import type { Membership } from '../../providers/userContext.ts';
import type { Narrowed, Tables } from '../../../../supabase/functions/_shared/database.ts';

export const CORRECTION_STATUSES = ['draft', 'submitted', 'forwarded', 'approved', 'rejected', 'unlocked', 'edited', 'relocked', 'minuted', 'withdrawn'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** antd tag colours by status (presets, no inline styles). */
export const STATUS_COLORS: Record<CorrectionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  forwarded: 'processing',
  approved: 'cyan',
  rejected: 'error',
  unlocked: 'warning',
  edited: 'gold',
  relocked: 'purple',
  minuted: 'success',
  withdrawn: 'default',
};

export type CorrectionRequestRow = Narrowed<Tables<'correction_requests'>, { semester: 1 | 2 | null; status: CorrectionStatus }>;

/** What the viewer is, for one request (roles are those of the request's school year). */
export interface Viewer {
  id: string;
  roles: ReadonlySet<string>;
  /** Requests the viewer is recorded as a witness of. */
  witnessOf: ReadonlySet<string>;
}

/** Roles held in the school year with code `yearCode` (memberships name their year by code). */
export function rolesInYear(memberships: readonly Membership[] | undefined, yearCode: string | null | undefined): Set<string> {
  return new Set((memberships ?? []).filter((m) => yearCode && m.school_year === yearCode).map((m) => m.role));
}

const isBgh = (v: Viewer) => v.roles.has('principal') || v.roles.has('vice_principal');
const OPEN_OR_CLOSING: CorrectionStatus[] = ['unlocked', 'edited', 'relocked'];

/**
 * Whether the request waits for the viewer: the requester on a draft or an open unlock; the admin board
 * on what it forwards, unlocks, relocks or records; BGH on a forwarded request (not their own); the
 * inspection board and the witnesses while the correction is being done and closed.
 */
export function needsMe(q: Pick<CorrectionRequestRow, 'id' | 'status' | 'requested_by'>, v: Viewer): boolean {
  const mine = q.requested_by === v.id;
  if (mine && (q.status === 'draft' || q.status === 'unlocked')) return true;
  if (v.roles.has('admin_board') && ['submitted', 'approved', 'unlocked', 'edited', 'relocked'].includes(q.status)) return true;
  if (isBgh(v) && !mine && q.status === 'forwarded') return true;
  if ((v.roles.has('inspector') || v.witnessOf.has(q.id)) && OPEN_OR_CLOSING.includes(q.status)) return true;
  return false;
}

export type Transition = 'submitted' | 'withdrawn' | 'forwarded' | 'approved' | 'rejected' | 'unlocked' | 'relocked' | 'minuted';

/** The transitions offered to the viewer on a request in its current status. */
export function availableTransitions(q: Pick<CorrectionRequestRow, 'status' | 'requested_by'>, v: Viewer): Transition[] {
  const mine = q.requested_by === v.id;
  const admin = v.roles.has('admin_board');
  const out: Transition[] = [];
  switch (q.status) {
    case 'draft':
      if (mine) out.push('submitted', 'withdrawn');
      break;
    case 'submitted':
      if (admin) out.push('forwarded');
      if (mine) out.push('withdrawn');
      break;
    case 'forwarded':
      if (isBgh(v) && !mine) out.push('approved', 'rejected');
      break;
    case 'approved':
      if (admin) out.push('unlocked');
      break;
    case 'unlocked':
    case 'edited':
      if (admin) out.push('relocked');
      break;
    case 'relocked':
      if (admin) out.push('minuted');
      break;
  }
  return out;
}

/** The minutes exist from the unlock on (witnesses recorded). */
export const hasMinutes = (status: CorrectionStatus) => ['unlocked', 'edited', 'relocked', 'minuted'].includes(status);

export type SemesterParam = '1' | '2' | 'retest';
export const semesterParam = (s: 1 | 2 | null): SemesterParam => (s === null ? 'retest' : s === 1 ? '1' : '2');
export function parseSemesterParam(value: string | null): 1 | 2 | null | undefined {
  return value === '1' ? 1 : value === '2' ? 2 : value === 'retest' ? null : undefined;
}

/** The gradebook link where the requester writes the approved values. */
export function gradebookLink(q: Pick<CorrectionRequestRow, 'class_id' | 'subject_id' | 'semester'>): string {
  return `#/score_entries?class=${encodeURIComponent(q.class_id)}&subject=${encodeURIComponent(q.subject_id)}&semester=${semesterParam(q.semester)}`;
}

/** The key of one item (student, column): also the suffix of its test ids. */
export const itemKey = (studentId: string, kind: string, seq: number) => `${studentId}-${kind}-${seq}`;

export interface DraftItem {
  student_id: string;
  kind: 'tx' | 'gk' | 'ck' | 'retest';
  seq: number;
  value: string;
}

/** Items as `p_items` of rpc/save_correction_request (values as typed, trimmed: the server parses them). */
export function itemsPayload(items: readonly DraftItem[]): DraftItem[] {
  return items.map((i) => ({ student_id: i.student_id, kind: i.kind, seq: i.kind === 'tx' ? i.seq : 1, value: i.value.trim() }));
}

// ---------------------------------------------------------------------------------------------------
// Evidence (bucket correction-evidence): JPEG, PNG, PDF up to 10 MB, keys "<request id>/<time>-<slug>.<ext>".
// ---------------------------------------------------------------------------------------------------
export const EVIDENCE_BUCKET = 'correction-evidence';
export const EVIDENCE_MAX_BYTES = 10_000_000;
export const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.pdf';
const EVIDENCE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export type EvidenceProblem = 'type' | 'size' | null;
/** Why a file cannot be evidence (checked again by the server, whose answer wins). */
export function evidenceProblem(file: { type: string; size: number }): EvidenceProblem {
  if (!EVIDENCE_TYPES[file.type]) return 'type';
  if (file.size > EVIDENCE_MAX_BYTES) return 'size';
  return null;
}

/** A safe ASCII storage key keeping the original name readable: "<id>/1732259200000-bai-kiem-tra-15-phut.jpg". */
export function evidenceKey(requestId: string, file: { name: string; type: string }, now: number = Date.now()): string {
  const dot = file.name.lastIndexOf('.');
  const base = dot > 0 ? file.name.slice(0, dot) : file.name;
  const ext = EVIDENCE_TYPES[file.type] ?? (dot > 0 ? file.name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : 'bin');
  const slug =
    unaccent(base)
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'minh-chung';
  return `${requestId}/${now}-${slug}.${ext}`;
}

/** The name shown for a stored key: its slug without the time prefix ("bai-kiem-tra-15-phut.jpg"). */
export function evidenceDisplayName(name: string): string {
  const file = name.slice(name.lastIndexOf('/') + 1);
  return file.replace(/^\d{10,}-/, '');
}

export type EvidenceKind = 'image' | 'pdf' | 'other';
export function evidenceKind(name: string): EvidenceKind {
  const lower = name.toLowerCase();
  if (/\.(jpe?g|png)$/.test(lower)) return 'image';
  if (lower.endsWith('.pdf')) return 'pdf';
  return 'other';
}

/** ISO end time of an unlock `minutes` from `now`. */
export function unlockUntil(minutes: number, now: Date = new Date()): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/** Whether an unlock end time is acceptable to the server: after now and within 24 hours. */
export function unlockUntilValid(until: Date, now: Date = new Date()): boolean {
  const diff = until.getTime() - now.getTime();
  return diff > 0 && diff <= 24 * 3_600_000;
}

/** "14 giờ 05 phút, ngày 22 tháng 11 năm 2026" in Asia/Ho_Chi_Minh (the minutes' time lines). */
export function minutesDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "ngày 22 tháng 11 năm 2026" (the italic place-and-date line). */
export function minutesDate(value: string | null | undefined): string {
  const full = minutesDateTime(value);
  return full ? full.slice(full.indexOf('ngày')) : '';
}
