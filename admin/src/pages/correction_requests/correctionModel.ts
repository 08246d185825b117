// The correction procedure as the screens see it: status codes (held equal to the SQL enum by
// tests/api/correction_actions.test.ts), the matrix cell of each step's button, the inbox, evidence keys
// and file checks, and the items a draft sends. Which steps the user may take is never computed here:
// each row carries the database's answer (`allowed_actions`, the checks of rpc/advance_correction).
import { unaccent } from '../../shared/studentProfile.ts';
import type { Action } from '../../../../policies/types.ts';
import type { Enums, Narrowed, Tables } from '../../../../supabase/functions/_shared/database.ts';

export const CORRECTION_STATUSES = ['draft', 'submitted', 'forwarded', 'approved', 'rejected', 'unlocked', 'edited', 'relocked', 'minuted', 'withdrawn'] as const satisfies readonly Enums<'correction_status'>[];
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

export type CorrectionRequestRow = Narrowed<Tables<'correction_requests'>, { semester: 1 | 2 | null; status: CorrectionStatus }> & {
  /** The statuses the signed-in user may move the request to now (computed field; select it explicitly). */
  allowed_actions?: CorrectionStatus[] | null;
};

/**
 * The steps a request can be moved to (rpc/advance_correction's `p_to`): every status but the first
 * and `edited`, which the last approved write reaches. Which of them the signed-in user may take on a
 * request now is the database's answer, `allowed_actions` on the row; the admin never recomputes it.
 */
export type Transition = Exclude<CorrectionStatus, 'draft' | 'edited'>;

/**
 * The matrix cell (policies/matrix.ts, resource `correction_requests`) each step's button belongs to:
 * the requester's filing (create), BGH's decision (approve), the admin board's unlock procedure
 * (forward and unlock: unlock; relock and close the minutes: lock).
 */
export const TRANSITION_ACTION = {
  submitted: 'create',
  withdrawn: 'create',
  forwarded: 'unlock',
  approved: 'approve',
  rejected: 'approve',
  unlocked: 'unlock',
  relocked: 'lock',
  minuted: 'lock',
} as const satisfies Record<Transition, Action>;

/** The steps of the database's answer the admin has a button for, in the machine's order. */
export function offeredTransitions(allowed: readonly string[] | null | undefined): Transition[] {
  return CORRECTION_STATUSES.filter((s): s is Transition => s in TRANSITION_ACTION && (allowed ?? []).includes(s));
}

/**
 * Whether the request waits for the signed-in user ("Cần tôi xử lý"): a step is theirs to take now (the
 * database's `allowed_actions`), they are the requester of an open unlock (the values are theirs to
 * write), or they are a recorded witness while it is open or being closed.
 */
export function needsMe(
  q: Pick<CorrectionRequestRow, 'id' | 'status' | 'requested_by' | 'allowed_actions'>,
  me: { id: string; witnessOf: ReadonlySet<string> },
): boolean {
  if (offeredTransitions(q.allowed_actions).length > 0) return true;
  if (q.requested_by === me.id && q.status === 'unlocked') return true;
  return me.witnessOf.has(q.id) && ['unlocked', 'edited', 'relocked'].includes(q.status);
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
/** The bucket's allowed types and the extension each is stored under. */
export const EVIDENCE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

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

/** The longest unlock rpc/advance_correction accepts, in hours (held equal to SQL by a test). */
export const UNLOCK_MAX_HOURS = 24;

/** Whether an unlock end time is acceptable to the server: after now and within UNLOCK_MAX_HOURS. */
export function unlockUntilValid(until: Date, now: Date = new Date()): boolean {
  const diff = until.getTime() - now.getTime();
  return diff > 0 && diff <= UNLOCK_MAX_HOURS * 3_600_000;
}

/** The reason's length the table accepts (check constraint, held equal to SQL by a test). */
export const REASON_LENGTH = { min: 10, max: 2000 } as const;

// The minutes' time lines and evidence names are shared with the PDF of the `print` function.
export { evidenceDisplayName, minutesDate, minutesDateTime } from '../../../../supabase/functions/_shared/contracts/minutes.ts';
