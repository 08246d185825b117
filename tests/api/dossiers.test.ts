// Electronic dossiers' submissions over HTTP as the demo people (issue 17; migration
// 20261204009000_dossier_submissions.sql, function `dossiers`): uploads finalised or refused with nothing
// stored (too large, an executable renamed .pdf, an SVG, a macro-enabled DOCX, a PDF changed after it was
// signed, another school's obligation, a locked semester), the signature required before a personal dossier
// is submitted, review with comments bound to a version, reopening an approved dossier only with BGH's
// grant, versions immutable and undeletable through every API, downloads as attachments, who reads what
// (each denial with its positive control), a check round recorded as a biên bản kiểm tra, and the
// year-end package with its manifest of hashes.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { zipSync, strToU8 } from 'fflate';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { ensureCertificate, TEST_PIN } from '../helpers/sign.ts';
import { waitForJob } from '../helpers/jobs.ts';

type Client = SupabaseClient<Database>;
interface Answer { status: number; body: Record<string, unknown> & { code?: string; message?: string } }

const users = new Map<string, Client>();
const as = async (email: string) => {
  if (!users.has(email)) users.set(email, await signedIn(email));
  return users.get(email)!;
};
const svc = serviceClient();
const GV = 'gv.toan@thpt-tandong.edu.vn';
const TT = 'totruong.toan@thpt-tandong.edu.vn';
const HT = 'hieutruong@thpt-tandong.edu.vn';
const fx = { thpt: '', th: '', year: '', thYear: '', gv: '' };

async function call(client: Client, body: unknown): Promise<Answer> {
  const token = (await client.auth.getSession()).data.session!.access_token;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/dossiers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() as Answer['body'] };
}

async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 60, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return await doc.save();
}

/** Uploads into the caller's incoming folder as the browser does; the storage answer. */
async function put(client: Client, bytes: Uint8Array, contentType: string, ext = 'pdf') {
  const uid = (await client.auth.getUser()).data.user!.id;
  const path = `incoming/${uid}/${crypto.randomUUID()}.${ext}`;
  const { error } = await client.storage.from('dossiers').upload(path, bytes, { contentType });
  return { path, error };
}

/** Upload + finalise; the function's answer. */
async function submitFile(client: Client, obligationId: string, bytes: Uint8Array, fileName: string, contentType = 'application/pdf', extra: Record<string, unknown> = {}) {
  const ext = fileName.split('.').pop()!;
  const up = await put(client, bytes, contentType, ext);
  if (up.error) throw new Error(`upload: ${up.error.message}`);
  const r = await call(client, { action: 'finalise', obligation_id: obligationId, path: up.path, file_name: fileName, ...extra });
  return { ...r, path: up.path };
}

async function objectExists(path: string): Promise<boolean> {
  const folder = path.split('/').slice(0, -1).join('/');
  const { data } = await svc.storage.from('dossiers').list(folder, { limit: 1000 });
  return (data ?? []).some((o) => `${folder}/${o.name}` === path);
}

const versionsOf = async (obligationId: string) =>
  (await svc.from('dossier_versions').select('id, version, signed_by, signature_kind, sha256').eq('obligation_id', obligationId).order('version')).data!;

/** gv.toan@'s obligation of an item for the week starting `monday`. */
async function teacherObligation(item: string, monday: string): Promise<string> {
  const { data, error } = await svc.from('dossier_obligations').select('id, dossier_items!inner(code)')
    .eq('profile_id', fx.gv).eq('dossier_items.code', item).eq('period_start', monday).single();
  if (error) throw new Error(`${item} ${monday}: ${error.message}`);
  return data.id;
}

beforeAll(async () => {
  fx.thpt = await unitOf('thpt-tandong');
  fx.th = await unitOf('th-tandong');
  fx.year = (await yearsOf(fx.thpt)).current;
  fx.thYear = (await yearsOf(fx.th)).current;
  fx.gv = await idOf(GV);
  await ensureCertificate(await as('bqt@thpt-tandong.edu.vn'), await as(GV), fx.thpt, fx.gv);
}, 120_000);

describe('a teacher\'s weekly plan: upload, sign, submit, review, reopen', () => {
  let obligation = '';
  it('an unsigned version is refused on submission; signed, it is submitted; the Tổ trưởng returns it with a comment bound to that version', async () => {
    obligation = await teacherObligation('ke_hoach_day_hoc_tuan', '2026-12-07');
    const gv = await as(GV);
    const up = await submitFile(gv, obligation, await pdf('Ke hoach day hoc tuan 14'), 'Kế hoạch dạy học tuần 14.pdf');
    expect(up.status).toBe(201);
    const v1 = up.body.version as { id: string; version: number; sha256: string; signed_by: string | null };
    expect(v1.version).toBe(1);
    expect(v1.signed_by).toBeNull();
    const unsigned = await gv.rpc('submit_dossier', { p_version_id: v1.id });
    expect(unsigned.error?.message).toMatch(/phải được ký số trước khi nộp: phiên bản 1 chưa có chữ ký số của bạn/);
    expect((await svc.from('dossier_obligations').select('status').eq('id', obligation).single()).data!.status).toBe('draft');

    const wrongPin = await call(gv, { action: 'sign', version_id: v1.id, pin: '135791' });
    expect(wrongPin.status).toBe(403);
    expect(wrongPin.body.message).toMatch(/Mã PIN ký số không đúng/);
    const signed = await call(gv, { action: 'sign', version_id: v1.id, pin: TEST_PIN });
    expect(signed.status).toBe(201);
    const v2 = signed.body.version as { id: string; version: number; signed_by: string; signature_kind: string; sha256: string };
    expect(v2).toMatchObject({ version: 2, signed_by: fx.gv, signature_kind: 'pades' });
    expect(v2.sha256).not.toBe(v1.sha256);
    // Only the newest version is submitted.
    expect((await gv.rpc('submit_dossier', { p_version_id: v1.id })).error?.message).toMatch(/phiên bản mới hơn/);
    const sub = await gv.rpc('submit_dossier', { p_version_id: v2.id });
    expect(sub.error).toBeNull();
    expect(sub.data).toMatchObject({ status: 'submitted', late: false });

    // The Tổ trưởng reviews; a return needs a comment; gv.toan@ cannot review their own.
    expect((await gv.rpc('review_dossier', { p_version_id: v2.id, p_decision: 'approve' })).error?.code).toBe('42501');
    const tt = await as(TT);
    const queue = await tt.rpc('dossier_list', { p_to_review: true, p_school_year_id: fx.year });
    expect(queue.data!.map((r) => r.id)).toContain(obligation);
    // No decision is no decision (not a return without its comment).
    expect((await tt.rpc('review_dossier', { p_version_id: v2.id, p_decision: null as unknown as string })).error?.message).toBe('Quyết định phải là duyệt hoặc trả lại.');
    // A version of another school is "not found", as an id that does not exist.
    const { data: foreign } = await svc.from('dossier_versions').select('id').neq('school_id', fx.thpt).limit(1).maybeSingle();
    for (const id of [foreign?.id, crypto.randomUUID()].filter(Boolean)) {
      expect((await gv.rpc('submit_dossier', { p_version_id: id! })).error?.message).toBe('Không tìm thấy phiên bản hồ sơ này.');
    }
    expect((await tt.rpc('review_dossier', { p_version_id: v2.id, p_decision: 'return', p_comment: ' ' })).error?.message)
      .toBe('Khi trả lại hồ sơ, hãy ghi nhận xét cho người nộp (điều cần sửa).');
    const back = await tt.rpc('review_dossier', { p_version_id: v2.id, p_decision: 'return', p_comment: 'Bổ sung mục tiêu tiết 3.' });
    expect(back.error).toBeNull();
    const events = (await gv.from('dossier_events').select('kind, version_id, comment').eq('obligation_id', obligation).order('id')).data!;
    expect(events.map((e) => e.kind)).toEqual(['uploaded', 'signed', 'submitted', 'returned']);
    expect(events[3]).toMatchObject({ version_id: v2.id, comment: 'Bổ sung mục tiêu tiết 3.' });
    const mine = await gv.rpc('dossier_list', { p_mine: true, p_school_year_id: fx.year, p_from: '2026-12-01', p_to: '2026-12-13' });
    expect(mine.data!.find((r) => r.id === obligation)).toMatchObject({ status: 'returned', last_comment: 'Bổ sung mục tiêu tiết 3.', can_submit: true });
  });

  it('a new version is signed, submitted and approved; replacing it is refused until BGH grants a reopen request', async () => {
    const gv = await as(GV);
    const up = await submitFile(gv, obligation, await pdf('Ke hoach day hoc tuan 14 (sua)'), 'Kế hoạch dạy học tuần 14.pdf');
    expect(up.status).toBe(201);
    const signed = await call(gv, { action: 'sign', version_id: (up.body.version as { id: string }).id, pin: TEST_PIN });
    const v4 = signed.body.version as { id: string; version: number };
    expect(v4.version).toBe(4);
    expect((await gv.rpc('submit_dossier', { p_version_id: v4.id })).error).toBeNull();
    expect((await (await as(TT)).rpc('review_dossier', { p_version_id: v4.id, p_decision: 'approve' })).error).toBeNull();

    const refused = await put(gv, await pdf('thay the'), 'application/pdf');
    const r = await call(gv, { action: 'finalise', obligation_id: obligation, path: refused.path, file_name: 'thay.pdf' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/đã được duyệt: muốn thay đổi cần gửi đề nghị và được Ban giám hiệu cho phép/);
    expect(await objectExists(refused.path)).toBe(false);
    expect((await versionsOf(obligation)).length).toBe(4);

    expect((await gv.rpc('request_dossier_reopen', { p_obligation_id: obligation, p_reason: 'ok' })).error?.message).toMatch(/lý do/);
    const req = await gv.rpc('request_dossier_reopen', { p_obligation_id: obligation, p_reason: 'Cần đổi tiết dạy thứ Năm.' });
    expect(req.error).toBeNull();
    // The Tổ trưởng is not BGH: only BGH grants.
    expect((await (await as(TT)).rpc('decide_dossier_reopen', { p_request_id: req.data!, p_grant: true })).error?.code).toBe('42501');
    const ht = await as(HT);
    const requests = (await ht.from('dossier_reopen_requests').select('id, status, reason').eq('obligation_id', obligation)).data!;
    expect(requests).toEqual([{ id: req.data, status: 'pending', reason: 'Cần đổi tiết dạy thứ Năm.' }]);
    expect((await ht.rpc('decide_dossier_reopen', { p_request_id: req.data!, p_grant: null as unknown as boolean })).error?.message).toBe('Hãy chọn đồng ý hoặc không đồng ý.');
    expect((await ht.rpc('decide_dossier_reopen', { p_request_id: req.data!, p_grant: true, p_note: 'Đồng ý.' })).error).toBeNull();
    const again = await submitFile(gv, obligation, await pdf('Ke hoach moi'), 'Kế hoạch dạy học tuần 14.pdf');
    expect(again.status).toBe(201);
    expect((again.body.version as { version: number }).version).toBe(5);
    const kinds = (await svc.from('dossier_events').select('kind').eq('obligation_id', obligation).order('id')).data!.map((e) => e.kind);
    expect(kinds.slice(-4)).toEqual(['approved', 'reopen_requested', 'reopen_granted', 'uploaded']);
  });

  it('versions are immutable and undeletable through every API; the stored file cannot be replaced or removed', async () => {
    const [v] = await versionsOf(obligation);
    const upd = await svc.from('dossier_versions').update({ file_name: 'x.pdf' }).eq('id', v!.id).select('id');
    expect(upd.error).not.toBeNull();
    const del = await svc.from('dossier_versions').delete().eq('id', v!.id).select('id');
    expect(del.error).not.toBeNull();
    const gv = await as(GV);
    expect((await gv.from('dossier_versions').update({ file_name: 'x.pdf' }).eq('id', v!.id).select('id')).error).not.toBeNull();
    expect((await gv.from('dossier_versions').delete().eq('id', v!.id).select('id')).error).not.toBeNull();
    expect((await svc.from('dossier_obligations').delete().eq('id', obligation).select('id')).error).not.toBeNull();
    expect((await svc.from('dossier_events').delete().eq('obligation_id', obligation).select('id')).error).not.toBeNull();
    const { data: row } = await svc.from('dossier_versions').select('storage_path, sha256').eq('id', v!.id).single();
    const removed = await svc.storage.from('dossiers').remove([row!.storage_path]);
    expect(await objectExists(row!.storage_path)).toBe(true);
    expect(removed.data ?? []).toEqual([]);
    const replaced = await svc.storage.from('dossiers').upload(row!.storage_path, await pdf('khac'), { contentType: 'application/pdf', upsert: true });
    expect(replaced.error).not.toBeNull();
    expect((await svc.from('dossier_versions').select('id', { count: 'exact', head: true }).eq('obligation_id', obligation)).count).toBe(5);
  });

  it('a download is a short-lived link served as an attachment, with the exact bytes', async () => {
    const [v] = await versionsOf(obligation);
    const r = await call(await as(GV), { action: 'download', version_id: v!.id });
    expect(r.status).toBe(200);
    const res = await fetch(String(r.body.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(v!.sha256);
  });
});

describe('due and overdue from the database\'s today (23/11/2026, Vietnam time)', () => {
  it('the plan of the week of 23/11 (due Friday 20/11) is overdue; the week of 30/11 (due 27/11) is not yet; a month\'s report is due after the month ends', async () => {
    const rows = (await (await as(GV)).rpc('dossier_list', { p_mine: true, p_school_year_id: fx.year, p_from: '2026-11-16', p_to: '2026-12-06' })).data!;
    const plan = (monday: string) => rows.find((r) => r.item_code === 'ke_hoach_day_hoc_tuan' && r.period_start === monday)!;
    expect(plan('2026-11-23')).toMatchObject({ due_on: '2026-11-20', overdue: true });
    expect(new Date(plan('2026-11-23').due_at).toISOString()).toBe('2026-11-20T16:59:59.000Z');
    expect(plan('2026-11-30')).toMatchObject({ due_on: '2026-11-27', overdue: false });
    const { data: monthly } = await svc.from('dossier_obligations').select('period_start, period_end, due_on, dossier_items!inner(code)')
      .eq('school_id', fx.thpt).eq('school_year_id', fx.year).eq('dossier_items.code', 'trien_khai_thang').eq('period_start', '2026-11-01').single();
    expect(monthly).toMatchObject({ period_end: '2026-11-30', due_on: '2026-11-30' });
  });
});

describe('refused with nothing stored', () => {
  let obligation = '';
  beforeAll(async () => {
    obligation = await teacherObligation('ke_hoach_bai_day', '2026-12-07');
  });

  it('a 60 MB file is refused by storage before anything is kept', async () => {
    const big = new Uint8Array(60 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const up = await put(await as(GV), big, 'application/pdf');
    expect(up.error).not.toBeNull();
    expect(await objectExists(up.path)).toBe(false);
    expect(await versionsOf(obligation)).toEqual([]);
  });

  it('an executable renamed .pdf and an SVG are refused (storage sniffs them; the function does too)', async () => {
    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const up = await put(await as(GV), exe, 'application/pdf');
    expect(up.error).not.toBeNull();
    expect(await objectExists(up.path)).toBe(false);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const up2 = await put(await as(GV), svg, 'image/svg+xml', 'svg');
    expect(up2.error).not.toBeNull();
    expect(await objectExists(up2.path)).toBe(false);
    expect(await versionsOf(obligation)).toEqual([]);
  });

  it('a macro-enabled Word file that storage accepts is refused by the function and removed', async () => {
    const docm = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
      'word/document.xml': strToU8('<w:document/>'),
      'word/vbaProject.bin': new Uint8Array(64),
    });
    const up = await put(await as(GV), docm, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
    if (up.error) {
      // A storage that refuses it is as good: nothing kept.
      expect(await objectExists(up.path)).toBe(false);
    } else {
      const r = await call(await as(GV), { action: 'finalise', obligation_id: obligation, path: up.path, file_name: 'giaoan.docx' });
      expect(r.status).toBe(415);
      expect(r.body.message).toMatch(/macro/);
      expect(await objectExists(up.path)).toBe(false);
    }
    expect(await versionsOf(obligation)).toEqual([]);
  });

  it('a PDF changed after it was signed is refused — bytes edited inside the signed range, or a revision appended after the signature', async () => {
    const gv = await as(GV);
    const other = await teacherObligation('ke_hoach_day_hoc_tuan', '2026-12-14');
    const v1 = (await submitFile(gv, other, await pdf('Ke hoach tuan 15 - ban goc'), 'tuan15.pdf')).body.version as { id: string };
    const v2 = (await call(gv, { action: 'sign', version_id: v1.id, pin: TEST_PIN })).body.version as { id: string };
    const link = await call(gv, { action: 'download', version_id: v2.id });
    const signed = new Uint8Array(await (await fetch(String(link.body.url))).arrayBuffer());
    // One byte of the header's binary comment (inside the first signed range): the file still opens.
    const at = Buffer.from(signed).toString('latin1').indexOf('\n') + 2;
    const edited = signed.slice();
    edited[at] = edited[at]! ^ 0x01;
    const r1 = await submitFile(gv, obligation, edited, 'tuan15.pdf');
    expect(r1.status).toBe(400);
    expect(r1.body.message).toMatch(/không hợp lệ: Nội dung đã bị thay đổi sau khi ký/);
    expect(await objectExists(r1.path)).toBe(false);
    const appended = new Uint8Array([...signed, ...new TextEncoder().encode('\n% added after signing\n1 0 obj\n<<>>\nendobj\n%%EOF\n')]);
    const r2 = await submitFile(gv, obligation, appended, 'tuan15.pdf');
    expect(r2.status).toBe(400);
    expect(r2.body.message).toMatch(/đã bị sửa sau khi ký/);
    expect(await objectExists(r2.path)).toBe(false);
    expect(await versionsOf(obligation)).toEqual([]);
    // The untouched signed file is accepted as it is, signed by its uploader.
    const ok = await submitFile(gv, obligation, signed, 'tuan15.pdf');
    expect(ok.status).toBe(201);
    expect(ok.body.version).toMatchObject({ signature_kind: 'pades', signed_by: fx.gv });
  });

  it('a submission to another school\'s obligation is refused and the upload removed', async () => {
    const { data: th } = await svc.from('dossier_obligations').select('id').eq('school_id', fx.th).eq('party', 'school').limit(1).single();
    const up = await put(await as(GV), await pdf('x'), 'application/pdf');
    const r = await call(await as(GV), { action: 'finalise', obligation_id: th!.id, path: up.path, file_name: 'x.pdf' });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('Không tìm thấy hồ sơ phải nộp này.');
    expect(await objectExists(up.path)).toBe(false);
    // The principal reads gv.toan@'s obligation but does not submit it.
    const mineOnly = await teacherObligation('ke_hoach_day_hoc_tuan', '2026-12-21');
    const up2 = await put(await as(HT), await pdf('x'), 'application/pdf');
    const r2 = await call(await as(HT), { action: 'finalise', obligation_id: mineOnly, path: up2.path, file_name: 'x.pdf' });
    expect([r2.status, r2.body.message]).toEqual([403, 'Bạn không phải người nộp hồ sơ này.']);
    expect(await objectExists(up2.path)).toBe(false);
    // Another person's upload cannot be finalised either, nor written into their folder.
    const tt = await as(TT);
    const foreign = await tt.storage.from('dossiers').upload(`incoming/${fx.gv}/${crypto.randomUUID()}.pdf`, await pdf('x'), { contentType: 'application/pdf' });
    expect(foreign.error).not.toBeNull();
  });

  it('a locked semester accepts nothing (upload, submit, review); the lock is the principal\'s alone', async () => {
    // A school item of its own in last year, locked there (the current year stays open for the other suites).
    const past = (await yearsOf(fx.thpt)).past!;
    const board = await as('bqt@thpt-tandong.edu.vn');
    const { data: group } = await board.from('dossier_groups').insert({ owner_id: fx.thpt, code: 'rieng_truong', name: 'Hồ sơ riêng của trường' }).select('id').single();
    const { data: item } = await board.from('dossier_items').insert({ owner_id: fx.thpt, group_id: group!.id, code: 'so_nghi_quyet', name: 'Sổ nghị quyết',
      party: 'school', cadence: 'semester', due_days: 5, reviewer: 'principal' }).select('id').single();
    expect((await svc.rpc('generate_dossier_obligations', { p_school_year_id: past })).error).toBeNull();
    const { data: obs } = await svc.from('dossier_obligations').select('id, label').eq('item_id', item!.id).eq('school_year_id', past).order('period_start');
    const [hk1, hk2] = obs!;
    const vt = await as('vanthu@thpt-tandong.edu.vn');
    const draft = await submitFile(vt, hk2!.id, await pdf('Nghi quyet HK2'), 'nq-hk2.pdf');
    expect(draft.status).toBe(201);
    const draft1 = await submitFile(vt, hk1!.id, await pdf('Nghi quyet HK1'), 'nq-hk1.pdf');
    expect((await vt.rpc('submit_dossier', { p_version_id: (draft1.body.version as { id: string }).id })).error).toBeNull();

    expect((await (await as('phohieutruong@thpt-tandong.edu.vn')).rpc('lock_dossiers', { p_school_year_id: past, p_semester: 1 })).error?.code).toBe('42501');
    expect((await board.rpc('lock_dossiers', { p_school_year_id: past, p_semester: 1 })).error?.code).toBe('42501');
    const ht = await as(HT);
    const lock = await ht.rpc('lock_dossiers', { p_school_year_id: past, p_semester: 1 });
    expect(lock.error).toBeNull();
    expect((await ht.rpc('lock_dossiers', { p_school_year_id: past, p_semester: 1 })).error?.message).toMatch(/đã được khoá/);

    const up = await put(vt, await pdf('muon'), 'application/pdf');
    const r = await call(vt, { action: 'finalise', obligation_id: hk1!.id, path: up.path, file_name: 'muon.pdf' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/đã bị khoá/);
    expect(await objectExists(up.path)).toBe(false);
    expect((await ht.rpc('review_dossier', { p_version_id: (draft1.body.version as { id: string }).id, p_decision: 'approve' })).error?.message).toMatch(/đã bị khoá/);
    // Semester II of that year is still open: its draft is submitted.
    expect((await vt.rpc('submit_dossier', { p_version_id: (draft.body.version as { id: string }).id })).error).toBeNull();
    expect((await ht.rpc('lock_dossiers', { p_school_year_id: past })).error).toBeNull();
    expect((await vt.rpc('submit_dossier', { p_version_id: (draft.body.version as { id: string }).id })).error?.message).toMatch(/đã bị khoá/);
  });
});

describe('who reads what', () => {
  let teacherVersion = '';
  let schoolVersion = '';
  let unionObligation = '';
  beforeAll(async () => {
    const { data: other } = await svc.from('dossier_obligations').select('id, dossier_items!inner(code)')
      .eq('profile_id', fx.gv).eq('school_year_id', fx.year).eq('dossier_items.code', 'ho_so_khac').single();
    const ob = other!.id;
    teacherVersion = ((await submitFile(await as(GV), ob, await pdf('Ho so khac'), 'khac.pdf')).body.version as { id: string }).id;
    const { data: plan } = await svc.from('dossier_obligations').select('id, dossier_items!inner(code)').eq('school_id', fx.thpt)
      .eq('school_year_id', fx.year).eq('dossier_items.code', 'ke_hoach_nha_truong').single();
    schoolVersion = ((await submitFile(await as('vanthu@thpt-tandong.edu.vn'), plan!.id, await pdf('Ke hoach nha truong'), 'kehoach.pdf')).body.version as { id: string }).id;
    // A Công đoàn item of the school's own (the office's Công đoàn plan is the browser suite's).
    const board = await as('bqt@thpt-tandong.edu.vn');
    const { data: group } = await board.from('dossier_groups').insert({ owner_id: fx.thpt, code: 'doan_the_truong', name: 'Đoàn thể (của trường)' }).select('id').single();
    const { data: item } = await board.from('dossier_items').insert({ owner_id: fx.thpt, group_id: group!.id, code: 'cong_doan_thi_dua', name: 'Hồ sơ thi đua công đoàn',
      party: 'union_group', union_group: 'cong_doan', cadence: 'once', due_days: 60, reviewer: 'principal' }).select('id').single();
    expect((await board.rpc('generate_dossier_obligations', { p_school_year_id: fx.year })).error).toBeNull();
    const { data: cd } = await svc.from('dossier_obligations').select('id').eq('item_id', item!.id).single();
    unionObligation = cd!.id;
    const r = await submitFile(await as('congdoan@thpt-tandong.edu.vn'), unionObligation, await pdf('Ke hoach cong doan'), 'congdoan.pdf');
    expect(r.status).toBe(201);
    expect((await (await as('congdoan@thpt-tandong.edu.vn')).rpc('submit_dossier', { p_version_id: (r.body.version as { id: string }).id })).data)
      .toMatchObject({ status: 'submitted' });
  }, 60_000);

  const reads = async (email: string, id: string) => ((await (await as(email)).from('dossier_versions').select('id').eq('id', id)).data ?? []).length === 1;

  it('a teacher\'s file: the teacher, the Tổ trưởng, BGH and the admin board — nobody else, never the offices', async () => {
    for (const e of [GV, TT, HT, 'phohieutruong@thpt-tandong.edu.vn', 'bqt@thpt-tandong.edu.vn']) expect([e, await reads(e, teacherVersion)]).toEqual([e, true]);
    for (const e of ['gvcn.10a1@thpt-tandong.edu.vn', 'congdoan@thpt-tandong.edu.vn', 'yte@thpt-tandong.edu.vn', 'vanthu@thpt-tandong.edu.vn',
      'cntt@thpt-tandong.edu.vn', 'thanhtra@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn', 'hocsinh@thpt-tandong.edu.vn',
      'so@tayninh.edu.vn', 'phong@tanchau.edu.vn', 'bqt@th-tandong.edu.vn', 'gvcn.3a@th-tandong.edu.vn']) {
      expect([e, await reads(e, teacherVersion)]).toEqual([e, false]);
    }
    // The download goes through the same read: the Sở gets no link to a teacher's file.
    const so = await call(await as('so@tayninh.edu.vn'), { action: 'download', version_id: teacherVersion });
    expect(so.status).toBe(404);
    // … and its history neither (the teacher's as the control).
    const ob = (await svc.from('dossier_versions').select('obligation_id').eq('id', teacherVersion).single()).data!.obligation_id;
    expect((await (await as(GV)).from('dossier_events').select('id').eq('obligation_id', ob)).data!.length).toBeGreaterThan(0);
    expect((await (await as('so@tayninh.edu.vn')).from('dossier_events').select('id').eq('obligation_id', ob)).data).toEqual([]);
    // The Sở sees the obligation's status, not the file.
    expect((await (await as('so@tayninh.edu.vn')).from('dossier_obligations').select('status').eq('id', ob).single()).data!.status).toBe('draft');
    expect((await (await as('phong@tanchau.edu.vn')).from('dossier_obligations').select('id').eq('id', ob)).data).toEqual([]);
  });

  it('a school file reported up: the Sở reads it and downloads it; the Phòng (not its office) does not', async () => {
    expect(await reads('so@tayninh.edu.vn', schoolVersion)).toBe(true);
    expect((await call(await as('so@tayninh.edu.vn'), { action: 'download', version_id: schoolVersion })).status).toBe(200);
    expect(await reads('phong@tanchau.edu.vn', schoolVersion)).toBe(false);
    expect(await reads(GV, schoolVersion)).toBe(false);
  });

  it('the union officer submits and reads their group\'s dossiers only', async () => {
    const cd = await as('congdoan@thpt-tandong.edu.vn');
    const groups = new Set((await cd.from('dossier_obligations').select('union_group')).data!.map((r) => r.union_group));
    expect(groups).toEqual(new Set(['cong_doan']));
    const { data: nc } = await svc.from('dossier_obligations').select('id').eq('school_id', fx.thpt).eq('school_year_id', fx.year).eq('union_group', 'nu_cong').single();
    const up = await put(cd, await pdf('x'), 'application/pdf');
    const r = await call(cd, { action: 'finalise', obligation_id: nc!.id, path: up.path, file_name: 'x.pdf' });
    expect(r.status).toBe(403);
    // Another group's obligation is one the officer does not read: not found, as for another school's.
    expect(r.body.message).toBe('Không tìm thấy hồ sơ phải nộp này.');
    expect(await objectExists(up.path)).toBe(false);
    // The Công đoàn's plan is reviewed by the principal (not the vice principal).
    const v = (await versionsOf(unionObligation)).at(-1)!;
    expect((await (await as('phohieutruong@thpt-tandong.edu.vn')).rpc('review_dossier', { p_version_id: v.id, p_decision: 'approve' })).error?.code).toBe('42501');
    expect((await (await as(HT)).rpc('review_dossier', { p_version_id: v.id, p_decision: 'approve' })).error).toBeNull();
  });

  it('compliance: BGH the school\'s items × parties, each office its schools\' counts', async () => {
    const ht = await as(HT);
    const rows = (await ht.rpc('dossier_compliance', { p_school_year_id: fx.year })).data!;
    expect(rows.length).toBeGreaterThan(10);
    // Staff see each teacher's name; the office (below) only counts.
    expect(rows.filter((r) => r.party === 'teacher').every((r) => r.party_name && r.party_name !== 'Giáo viên')).toBe(true);
    const so = (await (await as('so@tayninh.edu.vn')).rpc('dossier_school_compliance')).data!;
    expect(so.map((r) => r.school_id)).toContain(fx.thpt);
    const phong = (await (await as('phong@tanchau.edu.vn')).rpc('dossier_school_compliance')).data!;
    expect(phong.map((r) => r.school_id)).toEqual([fx.th]);
    expect((await (await as(GV)).rpc('dossier_school_compliance')).data!.map((r) => r.school_id)).toEqual([fx.thpt]);
    expect((await (await as('phuhuynh@thpt-tandong.edu.vn')).rpc('dossier_school_compliance')).data).toEqual([]);
  });
});

describe('check rounds and the year-end package', () => {
  it('BGH records a monthly check of the school; a Tổ trưởng of their department only; a teacher none', async () => {
    const ht = await as(HT);
    const id = await ht.rpc('record_dossier_check', { p_school_year_id: fx.year, p_kind: 'monthly', p_on: '2026-11-23', p_conclusion: 'Nhắc giáo viên nộp đúng hạn.' });
    expect(id.error).toBeNull();
    const { data: row } = await ht.from('inspections').select('scope, kind, findings, details, period_start, period_end').eq('id', id.data!).single();
    expect(row).toMatchObject({ scope: 'dossiers', kind: 'monthly', period_start: '2026-11-01', period_end: '2026-11-30' });
    expect(row!.findings).toMatch(/^Kiểm tra hồ sơ điện tử tháng 01\/11\/2026–30\/11\/2026: \d+ hồ sơ đến hạn/);
    const items = (row!.details as { items: { finding: string }[] }).items;
    expect(items.some((i) => i.finding === 'missing')).toBe(true);
    expect((await (await as(GV)).rpc('record_dossier_check', { p_school_year_id: fx.year, p_kind: 'weekly' })).error?.code).toBe('42501');
    const { data: dept } = await svc.from('department_members').select('department_id').eq('profile_id', await idOf(TT)).eq('is_head', true).eq('school_year_id', fx.year).single();
    expect((await (await as(TT)).rpc('record_dossier_check', { p_school_year_id: fx.year, p_kind: 'weekly', p_department_id: dept!.department_id })).error).toBeNull();
    expect((await (await as(TT)).rpc('record_dossier_check', { p_school_year_id: fx.year, p_kind: 'weekly' })).error?.code).toBe('42501');
    // A dossier check cannot be written by hand.
    const forged = await ht.from('inspections').insert({ school_id: fx.thpt, school_year_id: fx.year, kind: 'weekly', scope: 'dossiers', findings: 'Không có gì' });
    expect(forged.error).not.toBeNull();
  });

  it('the year-end package: zip parts and a manifest of every file\'s sha256, built by the jobs worker, never overwritten', async () => {
    expect((await (await as(GV)).rpc('start_dossier_package', { p_school_year_id: fx.year })).error?.code).toBe('42501');
    // The clerk reads the school's own files only: a package holds every teacher's.
    expect((await (await as('vanthu@thpt-tandong.edu.vn')).rpc('start_dossier_package', { p_school_year_id: fx.year })).error?.code).toBe('42501');
    const ht = await as(HT);
    const started = await ht.rpc('start_dossier_package', { p_school_year_id: fx.year });
    expect(started.error).toBeNull();
    const { package_id, job_id, files } = started.data as { package_id: string; job_id: string; files: number };
    expect(await waitForJob(job_id)).toBe('done');
    const { data: pkg } = await ht.from('dossier_packages').select('*').eq('id', package_id).single();
    expect(pkg).toMatchObject({ status: 'done', files });
    const link = await call(ht, { action: 'package_file', package_id, part: 0 });
    expect(link.status).toBe(200);
    const manifest = await (await fetch(String(link.body.url))).json() as { files: { version_id: string; sha256: string }[]; parts: { name: string; sha256: string }[] };
    const stored = (await svc.from('dossier_versions').select('id, sha256').eq('school_year_id', fx.year)).data!;
    const bySha = new Map(stored.map((v) => [v.id, v.sha256]));
    expect(manifest.files.length).toBeGreaterThanOrEqual(files);
    for (const f of manifest.files.slice(0, files)) expect(f.sha256).toBe(bySha.get(f.version_id));
    const part = await call(ht, { action: 'package_file', package_id, part: 1 });
    const zip = new Uint8Array(await (await fetch(String(part.body.url))).arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(zip).digest('hex')).toBe(manifest.parts[0]!.sha256);
    expect((await call(await as(GV), { action: 'package_file', package_id, part: 0 })).status).toBe(404);
  }, 180_000);
});
