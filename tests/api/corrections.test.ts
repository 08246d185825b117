// The correction procedure (sửa điểm, seed 001 Điều 10) through the real API as the demo users, on the
// seed's locked and published past year: 10A1 Toán, semester II of 2025–2026 (the e2e suite works on semester I).
// Each refusal is checked with its code and Vietnamese message and with nothing changed. The corrections
// made here leave every result as it was (tests/helpers/corrections.ts). One check needs a role the
// demo does not give (a vice principal who files a request) and runs in a cloned database as SQL
// sessions of the same users (same RLS and triggers).
import fs from 'node:fs';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdClass, THPT_2025_10A1 } from '../helpers/classLock.ts';
import { asUser, serviceClient, signedIn, stackInfo, useClonedDb } from '../helpers/stack.ts';
import { TINY_PNG, gradebookSheetSchema, neutralChange, vn, type NeutralChange, type Sheet, one } from '../helpers/corrections.ts';

const BUCKET = 'correction-evidence';
const SEMESTER = 2;
const at = (email: string) => `${email}@thpt-tandong.edu.vn`;

const ids = { school: '', pastYear: '', past10A1: '', toan: '', vp: '', inspector: '', teacher: '' };
let teacher: SupabaseClient<Database>, admin: SupabaseClient<Database>, principal: SupabaseClient<Database>, homeroom: SupabaseClient<Database>;
let inspector: SupabaseClient<Database>, outsider: SupabaseClient<Database>, guardian: SupabaseClient<Database>;
let sheet: Sheet;
const used = new Set<string>();

async function loadSheet(client: SupabaseClient<Database> = teacher): Promise<Sheet> {
  const { data, error } = await client.rpc('gradebook_sheet', { p_class_id: ids.past10A1, p_subject_id: ids.toan, p_semester: SEMESTER });
  if (error) throw new Error(error.message);
  return gradebookSheetSchema.parse(data);
}

function pick(): NeutralChange {
  const c = neutralChange(sheet, used);
  used.add(c.student.student_id);
  return c;
}

async function entry(studentId: string, seq: number) {
  const { data } = await serviceClient().from('score_entries').select('id, score, version, correction_request_id, updated_at')
    .eq('student_id', studentId).eq('subject_id', ids.toan).eq('school_year_id', ids.pastYear).eq('semester', SEMESTER)
    .eq('kind', 'tx').eq('seq', seq).single();
  return data!;
}

function saveCell(client: SupabaseClient<Database>, studentId: string, seq: number, value: string, version: number) {
  return client.rpc('save_score_entries', {
    p_class_id: ids.past10A1, p_subject_id: ids.toan, p_semester: SEMESTER,
    p_changes: [{ student_id: studentId, kind: 'tx', seq, value, version }],
  });
}

async function draft(c: NeutralChange, reason = 'Nhập nhầm điểm so với bài kiểm tra') {
  const { data, error } = await teacher.rpc('save_correction_request', {
    p_id: null, p_class_id: ids.past10A1, p_subject_id: ids.toan, p_semester: SEMESTER, p_reason: reason,
    p_items: [{ student_id: c.student.student_id, kind: 'tx', seq: c.seq, value: vn(c.to) }],
  });
  expect(error).toBeNull();
  return data as string;
}

const advance = (client: SupabaseClient<Database>, id: string, to: Enums<'correction_status'>, extra: Record<string, unknown> = {}) =>
  client.rpc('advance_correction', { p_request_id: id, p_to: to, ...extra });

const witnesses = () => [{ profile_id: ids.vp, capacity: 'bgh' }, { profile_id: ids.inspector, capacity: 'inspector' }];
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** Draft with evidence → submitted → forwarded → approved. */
async function approvedRequest(c: NeutralChange): Promise<string> {
  const id = await draft(c);
  expect((await teacher.storage.from(BUCKET).upload(`${id}/bai-kiem-tra.png`, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
  for (const [client, to] of [[teacher, 'submitted'], [admin, 'forwarded'], [principal, 'approved']] as const) {
    const { error } = await advance(client, id, to);
    expect(error, to).toBeNull();
  }
  return id;
}

async function status(id: string) {
  return (await one(serviceClient().from('correction_requests').select('status').eq('id', id))).status as string;
}

let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  // Its relocks reprint archived year files of the class, which the signing e2e signs: one at a time.
  release = await holdClass(THPT_2025_10A1);
  const svc = serviceClient();
  teacher = await signedIn(at('gv.toan'));
  admin = await signedIn(at('bqt'));
  principal = await signedIn(at('hieutruong'));
  homeroom = await signedIn(at('gvcn.10a1'));
  inspector = await signedIn(at('thanhtra'));
  outsider = await signedIn(at('yte'));
  guardian = await signedIn(at('phuhuynh'));
  ids.teacher = (await teacher.auth.getUser()).data.user!.id;
  ids.vp = (await (await signedIn(at('phohieutruong'))).auth.getUser()).data.user!.id;
  ids.inspector = (await inspector.auth.getUser()).data.user!.id;
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.pastYear = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2025-2026'))).id as string;
  ids.past10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.pastYear).eq('name', '10A1'))).id as string;
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  sheet = await loadSheet();
}, 900_000);
afterAll(async () => {
  await release?.();
});

describe('a correction from request to minutes (gv.toan, 10A1 Toán, semester II of 2025–2026)', () => {
  let c: NeutralChange;
  let id: string;

  it('the sheet is locked and offers nothing to correct yet', async () => {
    expect(sheet.locked).toBe(true);
    expect(sheet.locked_reason).toBe('đã khoá');
    expect((sheet as unknown as { corrections: unknown[] }).corrections).toEqual([]);
  });

  it('the class results of semester II are published (the demo publishes its past years): nothing left to propose or publish', async () => {
    const pub = await one(serviceClient().from('result_publications').select('status, proposed_by, published_by').eq('class_id', ids.past10A1).eq('semester', SEMESTER));
    expect(pub.status).toBe('published');
    expect(pub.proposed_by).toBe((await homeroom.auth.getUser()).data.user!.id);
    const again = await homeroom.rpc('advance_results', { p_class_id: ids.past10A1, p_semester: SEMESTER, p_action: 'propose' });
    expect(again.error?.code).toBe('PT409');
    expect((await principal.rpc('advance_results', { p_class_id: ids.past10A1, p_semester: SEMESTER, p_action: 'publish' })).error?.code).toBe('PT409');
  });

  it('goes through every step, each by its role, and any other move is refused', async () => {
    c = pick();
    id = await draft(c);
    // Submitting without evidence is refused.
    const bare = await advance(teacher, id, 'submitted');
    expect(bare.error?.code).toBe('22023');
    expect(bare.error?.message).toContain('minh chứng');
    expect((await teacher.storage.from(BUCKET).upload(`${id}/bai-kiem-tra.png`, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
    // The principal cannot approve a request the admin board has not forwarded.
    const early = await advance(principal, id, 'submitted');
    expect(early.error?.code).toBe('42501');
    expect((await advance(teacher, id, 'submitted')).error).toBeNull();
    const skip = await advance(principal, id, 'approved');
    expect(skip.error?.code).toBe('PT409');
    expect(skip.error?.message).toBe('Không thể chuyển đề nghị sửa điểm từ "Đã gửi" sang "Đã duyệt"');
    // The teacher cannot forward; the admin board can.
    expect((await advance(teacher, id, 'forwarded')).error?.code).toBe('42501');
    expect((await advance(admin, id, 'forwarded')).error).toBeNull();
    // The requester cannot approve (not BGH); the admin board cannot either; the principal can.
    const self = await advance(teacher, id, 'approved');
    expect(self.error?.code).toBe('42501');
    expect((await advance(admin, id, 'approved')).error?.code).toBe('42501');
    expect((await advance(principal, id, 'approved')).error).toBeNull();
    // Nobody writes the request rows directly, not even the service role.
    const direct = await serviceClient().from('correction_requests').update({ status: 'unlocked' }).eq('id', id).select('id');
    expect(direct.error?.code).toBe('42501');
    expect(await status(id)).toBe('approved');
  });

  it('the approved request does not open anything by itself: the entry is still refused (423)', async () => {
    const e = await entry(c.student.student_id, c.seq);
    const { error, status: http } = await saveCell(teacher, c.student.student_id, c.seq, vn(c.to), e.version);
    expect(http).toBe(423);
    expect(error?.message).toContain('đề nghị sửa điểm');
    expect((await entry(c.student.student_id, c.seq)).score).toBe(c.from);
  });

  it('the unlock needs the witnesses, a future end time within 24 hours, and the admin board', async () => {
    const noInspector = await advance(admin, id, 'unlocked', { p_until: inMinutes(30), p_witnesses: [{ profile_id: ids.vp, capacity: 'bgh' }] });
    expect(noInspector.error?.code).toBe('22023');
    expect(noInspector.error?.message).toBe('Cần có đại diện Ban thanh tra nhân dân chứng kiến');
    const wrongPerson = await advance(admin, id, 'unlocked', { p_until: inMinutes(30), p_witnesses: [{ profile_id: ids.teacher, capacity: 'bgh' }, { profile_id: ids.inspector, capacity: 'inspector' }] });
    expect(wrongPerson.error?.code).toBe('22023');
    const past = await advance(admin, id, 'unlocked', { p_until: inMinutes(-1), p_witnesses: witnesses() });
    expect(past.error?.message).toContain('trong vòng 24 giờ');
    const tooLong = await advance(admin, id, 'unlocked', { p_until: inMinutes(25 * 60), p_witnesses: witnesses() });
    expect(tooLong.error?.code).toBe('22023');
    expect((await advance(principal, id, 'unlocked', { p_until: inMinutes(30), p_witnesses: witnesses() })).error?.code).toBe('42501');
    // None of the refused attempts left a witness behind.
    expect((await serviceClient().from('correction_witnesses').select('id').eq('request_id', id)).data).toEqual([]);
    expect(await status(id)).toBe('approved');
    const { data, error } = await advance(admin, id, 'unlocked', { p_until: inMinutes(30), p_witnesses: witnesses() });
    expect(error).toBeNull();
    expect((data as { status: string }).status).toBe('unlocked');
    const caps = (await serviceClient().from('correction_witnesses').select('capacity').eq('request_id', id)).data!.map((w) => w.capacity).sort();
    expect(caps).toEqual(['admin_board', 'bgh', 'homeroom', 'inspector', 'requester']);
  });

  it('the teacher sees exactly the approved cell open, cannot change the entry next to it nor write another value, and nobody else can write it', async () => {
    const now = await loadSheet();
    expect((now as unknown as { corrections: { student_id: string; seq: number; value: string }[] }).corrections)
      .toEqual([expect.objectContaining({ student_id: c.student.student_id, kind: 'tx', seq: c.seq, value: vn(c.to), applied: false })]);
    const neighbour = await entry(c.student.student_id, c.neighbour.seq);
    const next = await saveCell(teacher, c.student.student_id, c.neighbour.seq, vn(c.neighbour.score === 10 ? 9.9 : c.neighbour.score! + 0.1), neighbour.version);
    expect(next.status).toBe(423);
    expect(next.error?.code).toBe('PT423');
    expect(await entry(c.student.student_id, c.neighbour.seq)).toEqual(neighbour);
    const target = await entry(c.student.student_id, c.seq);
    const other = await saveCell(teacher, c.student.student_id, c.seq, vn(c.to === 10 ? 9.8 : c.to + 0.1 === c.from ? c.to - 0.1 : c.to + 0.1), target.version);
    expect(other.error?.code).toBe('PT423');
    // A save of both cells at once is refused as a whole.
    const both = await teacher.rpc('save_score_entries', {
      p_class_id: ids.past10A1, p_subject_id: ids.toan, p_semester: SEMESTER,
      p_changes: [{ student_id: c.student.student_id, kind: 'tx', seq: c.seq, value: vn(c.to), version: target.version },
                  { student_id: c.student.student_id, kind: 'tx', seq: c.neighbour.seq, value: vn(c.neighbour.score!), version: neighbour.version + 0 }],
    });
    expect(both.error?.code).toBe('PT423');
    // The service role has no user: the unlock is the teacher's alone.
    const svc = await saveCell(serviceClient(), c.student.student_id, c.seq, vn(c.to), target.version);
    expect(svc.error?.code).toBe('PT423');
    expect(await entry(c.student.student_id, c.seq)).toEqual(target);
  });

  it('the teacher writes the approved value: the entry, the item and the audit entry all name the request; the request is "edited"', async () => {
    const target = await entry(c.student.student_id, c.seq);
    const { error } = await saveCell(teacher, c.student.student_id, c.seq, vn(c.to), target.version);
    expect(error).toBeNull();
    const after = await entry(c.student.student_id, c.seq);
    expect(after.score).toBe(c.to);
    expect(after.correction_request_id).toBe(id);
    expect(await status(id)).toBe('edited');
    const item = await one(serviceClient().from('correction_items').select('applied_at, audit_id').eq('request_id', id));
    expect(item.applied_at).not.toBeNull();
    const audit = await one(serviceClient().from('audit_log').select('actor_id, old_rows, new_rows').eq('id', item.audit_id as number));
    expect(audit.actor_id).toBe(ids.teacher);
    expect((audit.old_rows as { score: number }[])[0]!.score).toBe(c.from);
    expect((audit.new_rows as { score: number; correction_request_id: string }[])[0]).toMatchObject({ score: c.to, correction_request_id: id });
    // The published semester II records why it changed.
    const pub = await one(serviceClient().from('result_publications').select('id').eq('class_id', ids.past10A1).eq('semester', SEMESTER));
    // (Other suites' corrections of this published class may revise it too: this request's revision, once.)
    const revisions = (await serviceClient().from('result_publication_events').select('action, correction_request_id')
      .eq('publication_id', pub.id as string).eq('correction_request_id', id)).data!;
    expect(revisions).toEqual([{ action: 'revise', correction_request_id: id }]);
  });

  it('relocked at once: the teacher cannot write again; minuted; no step can be replayed', async () => {
    expect((await advance(teacher, id, 'relocked')).error?.code).toBe('42501');
    expect((await advance(admin, id, 'relocked')).error).toBeNull();
    const target = await entry(c.student.student_id, c.seq);
    const again = await saveCell(teacher, c.student.student_id, c.seq, vn(c.to), target.version);
    expect(again.error?.code).toBe('PT423');
    expect((await advance(admin, id, 'unlocked', { p_until: inMinutes(30), p_witnesses: witnesses() })).error?.code).toBe('PT409');
    expect((await advance(admin, id, 'minuted', { p_note: 'Phòng họp Ban giám hiệu' })).error).toBeNull();
    expect((await advance(principal, id, 'approved')).error?.code).toBe('PT409');
    expect(await status(id)).toBe('minuted');
  });

  it('the minutes come from the audit log: old and new values, who and when, the witnesses, the count', async () => {
    const { data, error } = await inspector.rpc('correction_minutes', { p_request_id: id });
    expect(error).toBeNull();
    const m = data as { items: Record<string, unknown>[]; witnesses: { capacity: string; full_name: string }[]; corrected_count: number; minutes_place: string; status: string };
    expect(m.status).toBe('minuted');
    expect(m.corrected_count).toBe(1);
    expect(m.minutes_place).toBe('Phòng họp Ban giám hiệu');
    expect(m.items).toHaveLength(1);
    expect(m.items[0]).toMatchObject({ student_id: c.student.student_id, label: `TX${c.seq}`, old_value: vn(c.from), new_value: vn(c.to), audit_request_id: id });
    expect(m.items[0]!.changed_by).toBeTruthy();
    expect(m.witnesses.map((w) => w.capacity).sort()).toEqual(['admin_board', 'bgh', 'homeroom', 'inspector', 'requester']);
    // The corrected-entries count the transcript prints.
    const { data: counted } = await admin.from('corrected_entries').select('corrected')
      .eq('student_id', c.student.student_id).eq('school_year_id', ids.pastYear).eq('subject_id', ids.toan);
    expect(counted).toEqual([{ corrected: 1 }]);
    // The cell's history names the request.
    const { data: history } = await admin.rpc('entry_history', { p_student_id: c.student.student_id, p_subject_id: ids.toan,
      p_school_year_id: ids.pastYear, p_semester: SEMESTER, p_kind: 'tx', p_seq: c.seq });
    expect((history as { old_value: string; new_value: string; correction_request_id: string }[]).at(-1))
      .toMatchObject({ old_value: vn(c.from), new_value: vn(c.to), correction_request_id: id });
  });

  it('the audit chain of the year still verifies', async () => {
    const { data, error } = await admin.rpc('verify_audit_chain', { p_school_id: ids.school, p_school_year_id: ids.pastYear });
    expect(error).toBeNull();
    expect(data).toBeNull();
  });
});

describe('an expired unlock', () => {
  it('refuses the write after its end time (no timer: checked at write time), and can then be relocked', async () => {
    const c = pick();
    const id = await approvedRequest(c);
    const { error } = await advance(admin, id, 'unlocked', { p_until: new Date(Date.now() + 2500).toISOString(), p_witnesses: witnesses() });
    expect(error).toBeNull();
    await new Promise((r) => setTimeout(r, 3500));
    const target = await entry(c.student.student_id, c.seq);
    const late = await saveCell(teacher, c.student.student_id, c.seq, vn(c.to), target.version);
    expect(late.status).toBe(423);
    expect(await entry(c.student.student_id, c.seq)).toEqual(target);
    expect((await loadSheet() as unknown as { corrections: unknown[] }).corrections).toEqual([]);
    expect(await status(id)).toBe('unlocked');
    expect((await advance(admin, id, 'relocked')).error).toBeNull();
  });
});

describe('requests and evidence: drafts, who reads, what is stored', () => {
  it('a request is filed only by the teacher of the sheet, with valid values that differ from the recorded ones', async () => {
    const c = neutralChange(sheet, used);
    const base = { p_id: null, p_class_id: ids.past10A1, p_subject_id: ids.toan, p_semester: SEMESTER, p_reason: 'Nhập nhầm điểm so với bài kiểm tra' };
    const item = (value: string) => [{ student_id: c.student.student_id, kind: 'tx', seq: c.seq, value }];
    const notMine = await homeroom.rpc('save_correction_request', { ...base, p_items: item(vn(c.to)) });
    expect(notMine.error?.code).toBe('42501');
    const bad = await teacher.rpc('save_correction_request', { ...base, p_items: item('10,5') });
    expect(bad.error?.code).toBe('22023');
    expect(bad.error?.message).toContain('Điểm phải từ 0 đến 10');
    const same = await teacher.rpc('save_correction_request', { ...base, p_items: item(vn(c.from)) });
    expect(same.error?.message).toContain('trùng giá trị đang ghi');
    const short = await teacher.rpc('save_correction_request', { ...base, p_reason: 'sai', p_items: item(vn(c.to)) });
    expect(short.error?.message).toContain('lý do');
    const { count } = await serviceClient().from('correction_requests').select('id', { count: 'exact', head: true }).eq('reason', 'sai');
    expect(count).toBe(0);
  });

  it('a 20 MB file or an HTML page is refused as evidence and nothing is stored; a PNG is kept', async () => {
    const c = neutralChange(sheet, used);
    const id = await draft(c);
    const big = Buffer.alloc(20_000_000, 0);
    TINY_PNG.copy(big);
    const tooBig = await teacher.storage.from(BUCKET).upload(`${id}/scan.png`, big, { contentType: 'image/png' });
    expect((tooBig.error as { statusCode?: string } | null)?.statusCode).toBe('413');
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const asHtml = await teacher.storage.from(BUCKET).upload(`${id}/bai.html`, html, { contentType: 'text/html' });
    expect((asHtml.error as { statusCode?: string } | null)?.statusCode).toBe('415');
    const disguised = await teacher.storage.from(BUCKET).upload(`${id}/bai.png`, html, { contentType: 'image/png' });
    expect((disguised.error as { statusCode?: string } | null)?.statusCode).toBe('415');
    expect((await serviceClient().storage.from(BUCKET).list(id)).data).toEqual([]);
    const folder = path.join(stackInfo().dataDir, 'storage', BUCKET, id);
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
    expect((await teacher.storage.from(BUCKET).upload(`${id}/bai-kiem-tra.png`, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
    expect((await serviceClient().storage.from(BUCKET).list(id)).data!.map((f) => f.name)).toEqual(['bai-kiem-tra.png']);
    // Another teacher cannot add evidence to this draft.
    const intruder = await homeroom.storage.from(BUCKET).upload(`${id}/x.png`, TINY_PNG, { contentType: 'image/png' });
    expect(intruder.error).not.toBeNull();
    expect((await advance(teacher, id, 'withdrawn')).error).toBeNull();
  });

  it('evidence is read by the people of the procedure only and cannot change once submitted, even by the service role', async () => {
    const c = pick();
    const id = await draft(c);
    const key = `${id}/bai-kiem-tra.png`;
    expect((await teacher.storage.from(BUCKET).upload(key, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
    // A draft is the teacher's own: the admin board does not see it yet.
    expect((await admin.storage.from(BUCKET).download(key)).error).not.toBeNull();
    expect((await advance(teacher, id, 'submitted')).error).toBeNull();
    for (const reader of [teacher, admin, principal, homeroom, inspector]) {
      const { data, error } = await reader.storage.from(BUCKET).download(key);
      expect(error).toBeNull();
      expect(Buffer.from(await data!.arrayBuffer())).toEqual(TINY_PNG);
    }
    for (const stranger of [outsider, guardian]) {
      expect((await stranger.storage.from(BUCKET).download(key)).error).not.toBeNull();
      expect((await stranger.from('correction_requests').select('id').eq('id', id)).data).toEqual([]);
    }
    expect((await teacher.storage.from(BUCKET).upload(`${id}/them.png`, TINY_PNG, { contentType: 'image/png' })).error).not.toBeNull();
    await teacher.storage.from(BUCKET).remove([key]);
    await serviceClient().storage.from(BUCKET).remove([key]);
    expect((await serviceClient().storage.from(BUCKET).list(id)).data!.map((f) => f.name)).toEqual(['bai-kiem-tra.png']);
    // Nor can the items change after submission.
    const rewrite = await teacher.rpc('save_correction_request', { p_id: id, p_class_id: null, p_subject_id: null, p_semester: null,
      p_reason: 'Nhập nhầm điểm so với bài kiểm tra', p_items: [{ student_id: c.student.student_id, kind: 'tx', seq: c.neighbour.seq, value: '5' }] });
    expect(rewrite.error?.code).toBe('42501');
    expect((await advance(teacher, id, 'withdrawn')).error).toBeNull();
  });

  it('a request on an open sheet is refused: the teacher edits it directly', async () => {
    const svc = serviceClient();
    const year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
    const c11 = (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', '11A1'))).id as string;
    const s = gradebookSheetSchema.parse((await teacher.rpc('gradebook_sheet', { p_class_id: c11, p_subject_id: ids.toan, p_semester: 2 })).data);
    expect(s.locked).toBe(false);
    const { data: id, error } = await teacher.rpc('save_correction_request', { p_id: null, p_class_id: c11, p_subject_id: ids.toan, p_semester: 2,
      p_reason: 'Nhập nhầm điểm so với bài kiểm tra', p_items: [{ student_id: s.students[0]!.student_id, kind: 'tx', seq: 1, value: '7' }] });
    expect(error).toBeNull();
    expect((await teacher.storage.from(BUCKET).upload(`${id}/a.png`, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
    const submit = await advance(teacher, id as string, 'submitted');
    expect(submit.error?.code).toBe('22023');
    expect(submit.error?.message).toContain('chưa khoá');
    expect((await advance(teacher, id as string, 'withdrawn')).error).toBeNull();
  });
});

describe('separation of duties (cloned database: a vice principal who also teaches)', () => {
  const db = useClonedDb();

  it('the requester cannot approve their own request, through the RPC or by writing the row', async () => {
    const su = db();
    const q1 = async (sql: string, params: unknown[] = []) => (await su.query(sql, params)).rows[0];
    const teacherId = (await q1(`select id from auth.users where email = $1`, [at('gv.toan')])).id as string;
    const adminId = (await q1(`select id from auth.users where email = $1`, [at('bqt')])).id as string;
    const year = (await q1(`select y.id from school_years y join org_units o on o.id = y.school_id where o.code = 'thpt-tandong' and y.code = '2025-2026'`)).id as string;
    const cls = (await q1(`select id from classes where school_year_id = $1 and name = '10A1'`, [year])).id as string;
    const school = (await q1(`select school_id from classes where id = $1`, [cls])).school_id as string;
    await su.query(`insert into memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'vice_principal')`, [teacherId, school, year]);
    const student = (await q1(`select student_id from score_entries where class_id = $1 and subject_id = $2 and semester = 1 and kind = 'tx' and seq = 1 and score < 9 limit 1`, [cls, ids.toan])).student_id as string;
    // Committed steps as each user (asUser rolls back, which is what the refusal below needs).
    const as = async (sub: string, sql: string, params: unknown[]) => {
      await su.query('begin');
      await su.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'authenticated', sub })]);
      await su.query('set local role authenticated');
      const r = (await su.query(sql, params)).rows[0];
      await su.query('commit');
      return r;
    };
    const id = (await as(teacherId, `select public.save_correction_request(null, $1, $2, 1, 'Nhập nhầm điểm so với bài kiểm tra', $3) as id`,
      [cls, ids.toan, JSON.stringify([{ student_id: student, kind: 'tx', seq: 1, value: '9' }])])).id as string;
    await su.query(`insert into storage.objects (bucket_id, name) values ('${BUCKET}', $1)`, [`${id}/a.png`]);
    await as(teacherId, `select public.advance_correction($1, 'submitted')`, [id]);
    await as(adminId, `select public.advance_correction($1, 'forwarded')`, [id]);
    await expect(asUser(su, { sub: teacherId }, () => su.query(`select public.advance_correction($1, 'approved')`, [id])))
      .rejects.toThrow('Người đề nghị không được tự duyệt đề nghị sửa điểm của mình');
    // Even the owner cannot record the requester as the approver.
    await expect(su.query(`update correction_requests set status = 'approved', decided_by = requested_by where id = $1`, [id]))
      .rejects.toThrow(/correction_requests_not_self_approved/);
    expect((await q1(`select status from correction_requests where id = $1`, [id])).status).toBe('forwarded');
  });

  it('any move outside the machine is refused, whoever writes the row', async () => {
    const su = db();
    const id = (await su.query(`select id from correction_requests where status = 'forwarded' limit 1`)).rows[0]!.id as string;
    await expect(su.query(`update correction_requests set status = 'unlocked' where id = $1`, [id]))
      .rejects.toThrow('Không thể chuyển đề nghị sửa điểm từ "Đã trình Hiệu trưởng" sang "Đang mở khoá để sửa"');
    await expect(su.query(`delete from correction_requests where id = $1`, [id])).rejects.toThrow('không được xoá');
  });
});
