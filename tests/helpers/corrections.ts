// Picking what a correction test changes on the shared stack. The seed's past years are locked and
// complete, and other suites read their results (re-tests, promotions, awards), so a test correction
// must not move any result: it changes one ĐĐGtx by a tenth or two such that the student's semester
// average (the same TS rule the grid uses, which agrees with SQL) stays what it was.
import type { SupabaseClient } from '@supabase/supabase-js';
import { semesterAverage } from '../../admin/src/shared/tt22.ts';
import type { Database, Enums } from '../../supabase/functions/_shared/database.ts';
import { gradebookSheetSchema } from '../../supabase/functions/_shared/contracts/gradebookSheet.ts';
import type { GradebookSheet as Sheet, SheetEntry, SheetStudent } from '../../supabase/functions/_shared/contracts/gradebookSheet.ts';
export { gradebookSheetSchema } from '../../supabase/functions/_shared/contracts/gradebookSheet.ts';
/** The answer of rpc/gradebook_sheet: the one shared contract, parsed by the tests as by the admin. */
export type { Sheet, SheetEntry, SheetStudent };

export interface NeutralChange {
  student: SheetStudent;
  seq: number;
  from: number;
  to: number;
  /** Another ĐĐGtx of the same student (the "entry next to it"). */
  neighbour: SheetEntry;
}

/** "8,5" — how a teacher types and reads a score. */
export const vn = (n: number) => n.toFixed(1).replace('.', ',');

/** A ĐĐGtx of a student not in `skip` whose change by ±0.1/±0.2 leaves the semester average unchanged. */
export function neutralChange(sheet: Sheet, skip: Set<string> = new Set()): NeutralChange {
  for (const student of sheet.students) {
    if (student.exempt || skip.has(student.student_id)) continue;
    const tx = student.entries.filter((e) => e.kind === 'tx' && e.score !== null).sort((a, b) => a.seq - b.seq);
    const gk = student.entries.find((e) => e.kind === 'gk')?.score ?? null;
    const ck = student.entries.find((e) => e.kind === 'ck')?.score ?? null;
    const before = semesterAverage(tx.map((e) => e.score), gk, ck, sheet.required_regular);
    if (before === null || tx.length < 2) continue;
    for (const entry of tx) {
      for (const delta of [0.1, -0.1, 0.2, -0.2]) {
        const to = Math.round((entry.score! + delta) * 10) / 10;
        if (to < 0 || to > 10) continue;
        const after = semesterAverage(tx.map((e) => (e === entry ? to : e.score)), gk, ck, sheet.required_regular);
        if (after === before) return { student, seq: entry.seq, from: entry.score!, to, neighbour: tx.find((e) => e !== entry)! };
      }
    }
  }
  throw new Error('no ĐĐGtx can be changed without moving an average');
}

/** The smallest valid PNG (1×1, grey): evidence that the storage server's sniffer accepts as image/png. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64',
);

/** The first row a lookup returns; throws (with the error) when there is none. */
export async function one<T>(q: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await q;
  if (error || !data?.[0]) throw new Error(`lookup failed: ${JSON.stringify(error)}`);
  return data[0];
}

/** The change applyCorrection will make on a sheet, chosen before it is made (read as the teacher). */
export async function pickNeutralChange(teacher: SupabaseClient<Database>, sheet: { class_id: string; subject_id: string; semester: number }): Promise<NeutralChange> {
  const { data, error } = await teacher.rpc('gradebook_sheet', { p_class_id: sheet.class_id, p_subject_id: sheet.subject_id, p_semester: sheet.semester });
  if (error) throw new Error(error.message);
  return neutralChange(gradebookSheetSchema.parse(data));
}

export interface AppliedCorrection {
  requestId: string;
  change: NeutralChange;
}

/**
 * A whole correction through the real API as the demo people, for suites that need one applied (the
 * printed "có sửa chữa ở … chỗ"): the teacher of the sheet drafts it with evidence, submits; the admin
 * board forwards; the principal approves; the admin board unlocks before the vice principal and the
 * inspector; the teacher writes the value; the admin board relocks. The change leaves every average as
 * it was (neutralChange). Pick a sheet no other suite writes.
 */
export async function applyCorrection(
  clients: { teacher: SupabaseClient<Database>; admin: SupabaseClient<Database>; principal: SupabaseClient<Database> },
  sheet: { class_id: string; subject_id: string; semester: number },
  witnesses: { vp: string; inspector: string },
  chosen?: NeutralChange,
): Promise<AppliedCorrection> {
  const { teacher, admin, principal } = clients;
  const change = chosen ?? (await pickNeutralChange(teacher, sheet));
  const step = async (what: string, q: PromiseLike<{ data: unknown; error: { message: string } | null }>) => {
    const { data, error } = await q;
    if (error) throw new Error(`${what}: ${error.message}`);
    return data;
  };
  const requestId = (await step('draft', teacher.rpc('save_correction_request', {
    p_id: null, p_class_id: sheet.class_id, p_subject_id: sheet.subject_id, p_semester: sheet.semester,
    p_reason: 'Nhập nhầm điểm so với bài kiểm tra',
    p_items: [{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, value: vn(change.to) }],
  }))) as string;
  const upload = await teacher.storage.from('correction-evidence').upload(`${requestId}/bai-kiem-tra.png`, TINY_PNG, { contentType: 'image/png' });
  if (upload.error) throw new Error(`evidence: ${upload.error.message}`);
  const advance = (client: SupabaseClient<Database>, to: Enums<'correction_status'>, extra: Record<string, unknown> = {}) =>
    step(to, client.rpc('advance_correction', { p_request_id: requestId, p_to: to, ...extra }));
  await advance(teacher, 'submitted');
  await advance(admin, 'forwarded');
  await advance(principal, 'approved');
  await advance(admin, 'unlocked', {
    p_until: new Date(Date.now() + 30 * 60_000).toISOString(),
    p_witnesses: [{ profile_id: witnesses.vp, capacity: 'bgh' }, { profile_id: witnesses.inspector, capacity: 'inspector' }],
  });
  const entry = change.student.entries.find((e) => e.kind === 'tx' && e.seq === change.seq)!;
  await step('write', teacher.rpc('save_score_entries', {
    p_class_id: sheet.class_id, p_subject_id: sheet.subject_id, p_semester: sheet.semester,
    p_changes: [{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, value: vn(change.to), version: entry.version }],
  }));
  await advance(admin, 'relocked');
  return { requestId, change };
}
