// Digital signatures (issue 15) through the `sign` function and the RPCs, as the demo people over HTTP, on
// 2024–2025 11A1 of THPT Tân Đông (gv.toan@ teaches its Toán; no other suite changes that class; 2025–2026
// 10A1 is left to the e2e): certificates issued on the holder's PIN, the principal's window, every subject
// teacher, the GVCN, the principal last and the school; verification for anyone; revocation; a correction
// re-opening one student's file. Each refusal a sentence, with a positive control; the files checked by
// pdfsig and OpenSSL.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { anonClient, serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { applyCorrection, one, pickNeutralChange } from '../helpers/corrections.ts';
import { ensureCertificate, prepared, sign, signClass, staffSignedIn, TEST_PIN } from '../helpers/sign.ts';
import { nssTrusting, opensslCmsVerify, opensslCrlText, opensslTsVerify, pdfsig } from '../helpers/pdfsig.ts';
import { print } from '../helpers/print.ts';
import { parseCms } from '../../supabase/functions/_shared/signing/cms.ts';
import { signaturesOf, slotsOf } from '../../supabase/functions/_shared/signing/pades.ts';
import { PDFDocument } from '@cantoo/pdf-lib';
import { waitForJob } from '../helpers/jobs.ts';

const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const ids = { school: '', year: '', class: '', toan: '' };
let board: SupabaseClient<Database>, principal: SupabaseClient<Database>, clerk: SupabaseClient<Database>, toan: SupabaseClient<Database>;
let teachers: { subject_id: string; name: string; email: string; client?: SupabaseClient<Database> }[] = [];
let homeroomEmail = '';
let files = 0;
/** Signatures on a complete file: one per person — each subject teacher but the GVCN, the GVCN (with their own subjects), the principal, the school. */
const signatureCount = () => new Set(teachers.filter((t) => t.email !== homeroomEmail).map((t) => t.email)).size + 3;


beforeAll(async () => {
  const svc = serviceClient();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2024-2025'))).id as string;
  const k = await one(svc.from('classes').select('id, homeroom_teacher_id').eq('school_year_id', ids.year).eq('name', '11A1'));
  ids.class = k.id as string;
  homeroomEmail = (await one(svc.from('profiles').select('email').eq('id', k.homeroom_teacher_id as string))).email as string;
  [board, principal, clerk, toan] = await Promise.all([signedIn(at('bqt')), signedIn(at('hieutruong')), signedIn(at('vanthu')), signedIn(at('gv.toan'))]);
  const su = await superuser();
  try {
    const { rows } = await su.query<{ subject_id: string; name: string; email: string }>(`
      select s.id as subject_id, s.name, p.email from public.teaching_assignments a
      join public.subjects s on s.id = a.subject_id join public.profiles p on p.id = a.teacher_id
      where a.class_id = $1 and a.ended_at is null and s.category <> 'topic' order by s.sort_order`, [ids.class]);
    teachers = rows;
  } finally {
    await su.end();
  }
  ids.toan = teachers.find((t) => t.name === 'Toán')!.subject_id;
  // Every student's year is archived (the clerk prints the class), as before any signing.
  const { data: job, error } = await clerk.rpc('create_print_job', { p_class_id: ids.class });
  expect(error).toBeNull();
  expect(await waitForJob(job as string)).toBe('done');
  const count = await superuser();
  try {
    files = Number((await count.query(`select count(*) from public.enrolments where class_id = $1 and end_reason is distinct from 'class_change'`, [ids.class])).rows[0].count);
  } finally {
    await count.end();
  }
  // Certificates: every teacher of the class, the GVCN, the principal and the school (held by the clerk).
  const idOf = async (email: string) => (await one(svc.from('profiles').select('id').eq('email', email))).id as string;
  const holders = new Map<string, SupabaseClient<Database>>([[at('gv.toan'), toan], [at('hieutruong'), principal]]);
  for (const email of new Set([...teachers.map((x) => x.email), homeroomEmail])) {
    if (!holders.has(email)) holders.set(email, await staffSignedIn(email));
  }
  for (const t of teachers) t.client = holders.get(t.email);
  for (const [email, holder] of holders) await ensureCertificate(board, holder, ids.school, await idOf(email));
  await ensureCertificate(board, clerk, ids.school, null);
}, 300_000);

describe('certificates', () => {
  it('only the admin board requests one; a holder who already has one is told to revoke it first', async () => {
    const { data: me } = await toan.auth.getUser();
    const denied = await toan.rpc('request_certificate', { p_school_id: ids.school, p_profile_id: me.user!.id });
    expect(denied.error?.message).toBe('Chỉ Ban quản trị của trường cấp chứng thư số.');
    const again = await board.rpc('request_certificate', { p_school_id: ids.school, p_profile_id: me.user!.id });
    expect(again.error?.message).toMatch(/đã có chứng thư số đang hiệu lực; thu hồi chứng thư đó trước khi cấp mới\.$/);
  });

  it('no API returns a private key: the keys table is read by no user, and the function\'s answers carry none', async () => {
    for (const who of [board, principal, clerk, toan]) {
      const { data, error } = await who.from('certificate_keys').select('*');
      expect(error?.message ?? '').toMatch(/permission denied/);
      expect(data).toBeNull();
    }
    // Positive control: the service role reads the sealed blobs (the function's way in) — sealed, never a key.
    const { data: sealed } = await serviceClient().from('certificate_keys').select('sealed').limit(1);
    expect(JSON.parse(sealed![0]!.sealed)).toMatchObject({ v: 1, ct: expect.any(String) });
    const trust = await sign(clerk, { action: 'trust' });
    expect(trust.status).toBe(200);
    expect(JSON.stringify(trust.json)).not.toMatch(/PRIVATE KEY|sealed|"ct"/);
    expect(trust.json.root_pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});

describe('the procedure on 2024–2025 11A1', () => {
  it('only the principal opens the window, for a locked year, with sensible dates', async () => {
    const toanTry = await toan.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-11-23', p_closes_on: '2026-12-07' });
    expect(toanTry.error?.message).toBe('Chỉ Hiệu trưởng mở thời hạn ký số.');
    const backwards = await principal.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-11-30', p_closes_on: '2026-11-23' });
    expect(backwards.error?.message).toBe('Ngày kết thúc ký số phải sau ngày bắt đầu.');
    const early = await sign(toan, { action: 'start', class_id: ids.class, role: 'subject', subject_id: ids.toan });
    expect(early.json.message).toBe('Hiệu trưởng chưa mở thời hạn ký số của lớp 11A1.');
    const ok = await principal.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-11-23', p_closes_on: '2026-12-07' });
    expect(ok.error).toBeNull();
  });

  it('gv.toan@ signs Toán for every year file of the class in one approval; a wrong PIN signs nothing', async () => {
    const started = await sign(toan, { action: 'start', class_id: ids.class, role: 'subject', subject_id: ids.toan });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ total: files, label: 'Ký học bạ lớp 11A1 năm học 2024-2025 – môn Toán' });
    expect(await prepared(started.json.batch_id as string)).toBe('awaiting_approval');
    const wrong = await sign(toan, { action: 'approve', batch_id: started.json.batch_id, pin: '111111' });
    expect(wrong.status).toBe(403);
    expect(wrong.json.message).toBe('Mã PIN ký số không đúng (còn 4 lần thử).');
    expect((await serviceClient().from('signatures').select('id', { count: 'exact', head: true }).eq('class_id', ids.class)).count).toBe(0);
    const ok = await sign(toan, { action: 'approve', batch_id: started.json.batch_id, pin: TEST_PIN });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ signed: files });
  }, 120_000);

  it('the principal before the others is refused, naming who is pending; a teacher cannot sign another role or subject', async () => {
    const early = await sign(principal, { action: 'start', class_id: ids.class, role: 'principal' });
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/^Chưa đến lượt ký: còn chờ .*giáo viên chủ nhiệm \(.+\).*môn Ngữ văn \(.+\)/);
    expect(early.json.message).not.toMatch(/môn Toán/);
    const otherRole = await sign(toan, { action: 'start', class_id: ids.class, role: 'homeroom' });
    expect(otherRole.json.message).toBe('Bạn không ký học bạ của lớp này với vai trò này.');
    const otherSubject = await sign(toan, { action: 'start', class_id: ids.class, role: 'subject', subject_id: teachers.find((t) => t.name === 'Ngữ văn')!.subject_id });
    expect(otherSubject.status).toBe(403);
    const again = await sign(toan, { action: 'start', class_id: ids.class, role: 'subject', subject_id: ids.toan });
    expect(again.json.message).toBe('Bạn đã ký tất cả học bạ của lớp 11A1 với vai trò này.');
  });

  it('two teachers signing the same files at once both end up in them', async () => {
    const [a, b] = teachers.filter((t) => t.name !== 'Toán' && t.email !== homeroomEmail).slice(0, 2);
    const [sa, sb] = await Promise.all([
      sign(a!.client!, { action: 'start', class_id: ids.class, role: 'subject', subject_id: a!.subject_id }),
      sign(b!.client!, { action: 'start', class_id: ids.class, role: 'subject', subject_id: b!.subject_id }),
    ]);
    await Promise.all([prepared(sa.json.batch_id as string), prepared(sb.json.batch_id as string)]);
    const [ra, rb] = await Promise.all([
      sign(a!.client!, { action: 'approve', batch_id: sa.json.batch_id, pin: TEST_PIN }),
      sign(b!.client!, { action: 'approve', batch_id: sb.json.batch_id, pin: TEST_PIN }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect((ra.json.signed as number) + (rb.json.signed as number)).toBe(2 * files);
    expect((ra.json.redone as number) + (rb.json.redone as number)).toBeGreaterThan(0);
    const { data: rows } = await serviceClient().from('signatures').select('document_version_id, revision, subject_id').eq('class_id', ids.class);
    const byVersion = new Map<string, typeof rows>();
    for (const r of rows!) byVersion.set(r.document_version_id, [...(byVersion.get(r.document_version_id) ?? []), r]);
    expect(byVersion.size).toBe(files);
    for (const list of byVersion.values()) {
      expect(list!.map((r) => r.revision).sort()).toEqual([1, 2, 3]);
      expect(new Set(list!.map((r) => r.subject_id))).toEqual(new Set([ids.toan, a!.subject_id, b!.subject_id]));
    }
  }, 180_000);

  it('every other teacher, the GVCN, then the principal, then the school: the downloaded file carries every signature, valid and trusted, in order', async () => {
    const signedSubjects = new Set((await serviceClient().from('signatures').select('subject_id').eq('class_id', ids.class)).data!.map((r) => r.subject_id));
    const own = teachers.filter((x) => x.email === homeroomEmail);
    expect(own.length, 'the GVCN of 11A1 teaches a subject of it').toBeGreaterThan(0);
    for (const t of teachers.filter((x) => !signedSubjects.has(x.subject_id) && x.email !== homeroomEmail)) {
      const r = await signClass(t.client!, { class_id: ids.class, role: 'subject', subject_id: t.subject_id }, TEST_PIN);
      expect(r.status, `${t.name}: ${JSON.stringify(r.json)}`).toBe(200);
    }
    const clerkFirst = await sign(clerk, { action: 'start', class_id: ids.class, role: 'organisation' });
    expect(clerkFirst.json.message).toMatch(/^Chưa đến lượt ký: còn chờ .*hiệu trưởng/);
    // The GVCN signs their own subject with the class: one signature per person per file.
    const homeroom = await staffSignedIn(homeroomEmail);
    const ownSubject = await sign(homeroom, { action: 'start', class_id: ids.class, role: 'subject', subject_id: own[0]!.subject_id });
    expect(ownSubject.status).toBe(400);
    expect(ownSubject.json.message).toBe(`Bạn là giáo viên chủ nhiệm lớp 11A1: môn ${own[0]!.name} được ký cùng một lần với chữ ký giáo viên chủ nhiệm (mục "Giáo viên chủ nhiệm" trong hộp ký).`);
    const { data: gvcnInbox } = await homeroom.rpc('my_signing_inbox');
    const mine = (gvcnInbox as { class_id: string; role: string; also_subjects: string[] }[]).filter((i) => i.class_id === ids.class);
    expect(mine.map((i) => i.role)).toEqual(['homeroom']);
    expect(mine[0]!.also_subjects).toEqual(own.map((t) => t.name));
    const hr = await signClass(homeroom, { class_id: ids.class, role: 'homeroom' }, TEST_PIN);
    expect(hr.status, JSON.stringify(hr.json)).toBe(200);
    // Its rows: the subject and the class in the same revision of each file.
    const { data: gvcnRows } = await serviceClient().from('signatures').select('document_version_id, revision, role, subject_id, storage_path').eq('class_id', ids.class).eq('batch_id', (await serviceClient().from('signatures').select('batch_id').eq('class_id', ids.class).eq('role', 'homeroom').limit(1).single()).data!.batch_id!);
    expect(gvcnRows!.length).toBe(files * (1 + own.length));
    for (const r of gvcnRows!.filter((x) => x.role === 'subject')) {
      const h = gvcnRows!.find((x) => x.role === 'homeroom' && x.document_version_id === r.document_version_id)!;
      expect([r.revision, r.storage_path]).toEqual([h.revision, h.storage_path]);
    }
    expect((await signClass(principal, { class_id: ids.class, role: 'principal' }, TEST_PIN)).status).toBe(200);
    expect((await signClass(clerk, { class_id: ids.class, role: 'organisation' }, TEST_PIN)).status).toBe(200);

    // The clerk downloads one student's file (the latest revision) as any reader of the archive would.
    const { data: last } = await clerk.from('signatures').select('storage_path, revision, document_version_id').eq('class_id', ids.class).eq('role', 'organisation').limit(1).single();
    const { data: blob, error } = await clerk.storage.from('signed-documents').download(last!.storage_path);
    expect(error).toBeNull();
    const pdf = new Uint8Array(await blob!.arrayBuffer());
    // The print function serves the same signed file for that student's year (the archived print plus every signature).
    const { data: version } = await serviceClient().from('document_versions').select('student_id, school_year_id').eq('id', last!.document_version_id).single();
    const printed = await print(clerk, { document: 'transcript', student_id: version!.student_id, school_year_id: version!.school_year_id });
    expect(printed.status).toBe(200);
    expect(printed.headers.get('x-signatures')).toBe(String(last!.revision));
    expect(Buffer.from(printed.bytes).equals(Buffer.from(pdf))).toBe(true);
    const trust = await sign(clerk, { action: 'trust' });
    const report = pdfsig(pdf, nssTrusting(trust.json.root_pem as string));
    // One signature per person: every subject teacher but the GVCN, the GVCN (with their subject), the principal, the school.
    expect(report).toHaveLength(signatureCount());
    expect(new Set(report.map((r) => r.commonName)).size).toBe(report.length);
    for (const r of report) {
      expect(r.validation, r.field).toBe('Signature is Valid.');
      expect(r.certificate, r.field).toBe('Certificate is Trusted.');
      expect(r.type).toBe('ETSI.CAdES.detached');
    }
    expect(report.at(-1)!.total).toBe(true);
    // Every slot of the year is filled: a signature's widget, or the stamp of the GVCN's own subject.
    const slots = slotsOf(await PDFDocument.load(pdf));
    expect([...slots.values()].every((x) => x.signed)).toBe(true);
    expect(slots.size).toBe(teachers.length + 2);
    expect(report.slice(-3).map((r) => r.field.replace(/^(seal\.)?sig\.[0-9a-f-]+\./, '$1'))).toEqual(['homeroom', 'principal', 'seal.principal']);
    expect(report.at(-1)!.commonName).toBe('Trường THPT Tân Đông');
    const tsaChain = (trust.json.tsa_pem as string);
    for (const s of signaturesOf(pdf)) {
      expect(opensslCmsVerify(pdf, s, trust.json.root_pem as string).output, s.field ?? '').toContain('CMS Verification successful');
      const cms = parseCms(s.cms);
      expect(cms.hasSigningTime).toBe(false);
      expect(opensslTsVerify(cms.timestamp!.token, cms.signature, trust.json.root_pem as string, tsaChain).output).toContain('Verification: OK');
    }
    // The signature board counts every signer's files.
    const { data: boardView, error: boardError } = await principal.rpc('class_signature_board', { p_class_id: ids.class });
    expect(boardError, JSON.stringify(boardError)).toBeNull();
    const signers = (boardView as { signers: { role: string; signed: number }[] }).signers;
    expect(signers.every((s) => s.signed === files)).toBe(true);
  }, 300_000);

  it('a parent, a student and another school are refused the board and the files', async () => {
    const parent = await signedIn(at('phuhuynh'));
    expect((await parent.rpc('class_signature_board', { p_class_id: ids.class })).error?.message).toBe('Bạn không xem được tình trạng ký số của lớp này.');
    const { data: path } = await serviceClient().from('signatures').select('storage_path').eq('class_id', ids.class).limit(1).single();
    expect((await parent.storage.from('signed-documents').download(path!.storage_path)).data).toBeNull();
    const other = await signedIn('bqt@th-tandong.edu.vn');
    expect((await other.from('signatures').select('id').eq('class_id', ids.class)).data).toEqual([]);
    expect((await anonClient().rpc('class_signature_board', { p_class_id: ids.class })).error).not.toBeNull();
    // Positive control: the clerk reads them.
    expect((await clerk.from('signatures').select('id').eq('class_id', ids.class)).data!.length).toBeGreaterThan(0);
  });
});

/** POST /functions/v1/verify with the project's anon key (anyone). */
async function verify(pdf: Uint8Array) {
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/verify`, {
    method: 'POST', headers: { Authorization: `Bearer ${stackInfo().anonKey}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/pdf' }, body: Buffer.from(pdf),
  });
  return { status: res.status, json: await res.json() as { valid: boolean; signatures: { index: number; signer: string; valid: boolean; checks: { ok: boolean; label: string; detail: string }[] }[]; document: { message: string; current_version?: boolean; latest_revision?: boolean } } };
}

describe('verification for anyone (the verify function)', () => {
  let file: Uint8Array;
  beforeAll(async () => {
    const { data: last } = await serviceClient().from('signatures').select('storage_path').eq('class_id', ids.class).eq('role', 'organisation').limit(1).single();
    file = new Uint8Array(await (await serviceClient().storage.from('signed-documents').download(last!.storage_path)).data!.arrayBuffer());
  });

  it('the root and the school\'s CA certificates are downloadable without a token, as recorded', async () => {
    const svc = serviceClient();
    for (const [kind, path] of [['root', 'root.crt'], ['school_ca', null]] as const) {
      let q = svc.from('certificates').select('id, der_base64').eq('kind', kind).eq('status', 'active');
      if (kind === 'school_ca') q = q.eq('school_id', ids.school);
      const { data: cert } = await q.single();
      const res = await fetch(`${stackInfo().apiUrl}/storage/v1/object/public/pki/${path ?? `ca/${cert!.id}.crt`}`);
      expect(res.status, kind).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString('base64')).toBe(cert!.der_base64);
    }
  });

  it('the complete file: every signature valid item by item, in order, and the current version with every signature', async () => {
    const r = await verify(file);
    expect(r.status).toBe(200);
    expect(r.json.valid).toBe(true);
    expect(r.json.signatures).toHaveLength(signatureCount());
    expect(r.json.signatures.at(-1)!.signer).toBe('Trường THPT Tân Đông');
    expect(r.json.signatures[0]!.checks.map((c) => c.label)).toEqual(['Toàn vẹn văn bản', 'Chữ ký số', 'Thuật toán', 'Dấu thời gian', 'Chuỗi chứng thư', 'Hiệu lực chứng thư']);
    expect(r.json.document).toMatchObject({ current_version: true, latest_revision: true, message: 'Đây là bản hiện hành của văn bản.' });
  });

  it('a byte changed in the last revision: the school\'s signature is named broken, every earlier one stays valid, and the archive does not know the file', async () => {
    const tampered = file.slice();
    const at = file.length - 200;
    tampered[at] = tampered[at]! ^ 0x01;
    const r = await verify(tampered);
    expect(r.json.valid).toBe(false);
    expect(r.json.signatures.map((s) => s.valid)).toEqual([...Array(signatureCount() - 1).fill(true), false]);
    expect(r.json.signatures.at(-1)!.checks.find((c) => !c.ok)!.detail).toBe('Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).');
    expect(r.json.document.message).toBe('Tệp này không khớp với văn bản nào trong kho lưu trữ của hệ thống (có thể đã bị sửa).');
  });

  it('an earlier revision is known but not the latest; a file that is not a PDF gets a sentence', async () => {
    const { data: first } = await serviceClient().from('signatures').select('storage_path').eq('class_id', ids.class).eq('revision', 1).limit(1).single();
    const early = new Uint8Array(await (await serviceClient().storage.from('signed-documents').download(first!.storage_path)).data!.arrayBuffer());
    const r = await verify(early);
    expect(r.json.valid).toBe(true);
    expect(r.json.document).toMatchObject({ latest_revision: false, message: 'Tệp này chưa có đủ chữ ký: đã có bản ký mới hơn.' });
    const bad = await verify(new TextEncoder().encode('hello'));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ message: 'Tệp gửi lên không phải PDF.' });
  });
});

describe('revocation and the window', () => {
  it('a revoked certificate cannot sign: the CRL lists it, the procedure refuses it, Postgres refuses its signature; a new one is issued on a new request', async () => {
    const svc = serviceClient();
    const { data: me } = await toan.auth.getUser();
    const { data: cert } = await svc.from('certificates').select('id, serial, issuer_id').eq('profile_id', me.user!.id).eq('status', 'active').single();
    // Refusals first: gv.toan@ cannot revoke (even his own), the reason is required.
    expect((await sign(toan, { action: 'revoke', certificate_id: cert!.id, reason: 'Quên mã PIN' })).json.message).toBe('Chỉ Ban quản trị của trường thu hồi chứng thư số của trường.');
    expect((await sign(board, { action: 'revoke', certificate_id: cert!.id, reason: ' ' })).json.message).toBe('Cần ghi lý do thu hồi.');
    const revoked = await sign(board, { action: 'revoke', certificate_id: cert!.id, reason: 'Quên mã PIN' });
    expect(revoked.status).toBe(200);
    // The CRL (public, no token) names its serial.
    const crl = await fetch(revoked.json.crl as string);
    expect(crl.status).toBe(200);
    const text = opensslCrlText(new Uint8Array(await crl.arrayBuffer()));
    expect(text.toLowerCase()).toContain(cert!.serial.replace(/^0+/, ''));
    // The procedure refuses him before anything else.
    const start = await sign(toan, { action: 'start', class_id: ids.class, role: 'subject', subject_id: ids.toan });
    expect(start.json.message).toBe('Bạn chưa có chứng thư số đang hiệu lực: đề nghị Ban quản trị cấp.');
    // Postgres refuses a signature made with it, whoever records it (here the service role).
    const { data: version } = await svc.from('signatures').select('document_version_id, revision').eq('class_id', ids.class).order('revision', { ascending: false }).limit(1).single();
    const forged = await svc.from('signatures').insert({
      document_version_id: version!.document_version_id, school_id: ids.school, class_id: ids.class, revision: version!.revision + 1,
      role: 'subject', subject_id: ids.toan, profile_id: me.user!.id, certificate_id: cert!.id, signed_at: new Date().toISOString(),
      storage_path: `x/${crypto.randomUUID()}.pdf`, sha256: '0'.repeat(64), byte_size: 1,
    });
    expect(forged.error?.message).toBe('Chứng thư số đã bị thu hồi hoặc hết hạn: không ký được.');
    // A signature made before the revocation stays valid: the certificate was valid at the signing time.
    const { data: signedFile } = await svc.from('signatures').select('storage_path').eq('class_id', ids.class).eq('role', 'organisation').limit(1).single();
    const checked = await verify(new Uint8Array(await (await svc.storage.from('signed-documents').download(signedFile!.storage_path)).data!.arrayBuffer()));
    const toanSignature = checked.json.signatures.find((x) => x.checks.some((c) => c.detail.includes('bị thu hồi sau đó')));
    expect(toanSignature?.valid).toBe(true);
    // Reissued on a new request (the PIN is set again by its holder).
    const again = await ensureCertificate(board, toan, ids.school, me.user!.id);
    expect(again).not.toBe(cert!.id);
  });

  it('outside the window nobody starts signing; the window cannot end in the past', async () => {
    const past = await principal.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-11-01', p_closes_on: '2026-11-20' });
    expect(past.error?.message).toBe('Ngày kết thúc ký số đã qua.');
    expect((await principal.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-12-01', p_closes_on: '2026-12-10' })).error).toBeNull();
    const early = await sign(principal, { action: 'start', class_id: ids.class, role: 'principal' });
    expect(early.json.message).toBe('Ngoài thời hạn ký số của lớp 11A1 (từ 01/12/2026 đến 10/12/2026).');
    // Positive control: back inside the window, the principal is told he has signed everything.
    expect((await principal.rpc('open_signing_window', { p_class_id: ids.class, p_opens_on: '2026-11-23', p_closes_on: '2026-12-07' })).error).toBeNull();
    expect((await sign(principal, { action: 'start', class_id: ids.class, role: 'principal' })).json.message).toBe('Bạn đã ký tất cả học bạ của lớp 11A1 với vai trò này.');
  });
});

describe('a correction re-opens one student\'s file', () => {
  it('one Toán entry corrected: that student\'s year becomes a new unsigned version, the old one and its signed revisions stay, no other file changes; gv.toan@ signs it again and the principal waits', async () => {
    const svc = serviceClient();
    const currentVersions = async () => new Map((await svc.from('document_versions').select('id, student_id, status, sha256').eq('class_id', ids.class).eq('kind', 'transcript_year').eq('status', 'current')).data!.map((v) => [v.student_id!, v.id]));
    const before = await currentVersions();
    expect(before.size).toBe(files);
    const sheet = { class_id: ids.class, subject_id: ids.toan, semester: 1 };
    const idOf = async (email: string) => (await one(svc.from('profiles').select('id').eq('email', email))).id as string;
    const change = await pickNeutralChange(toan, sheet);
    const student = change.student.student_id;
    const oldVersion = before.get(student)!;
    const { data: oldRevisions } = await svc.from('signatures').select('storage_path, sha256').eq('document_version_id', oldVersion);
    const correction = await applyCorrection({ teacher: toan, admin: board, principal }, sheet, { vp: await idOf(at('phohieutruong')), inspector: await idOf(at('thanhtra')) }, change);
    // The relock printed that student's year again (a job of the admin board who relocked).
    const { data: job } = await svc.from('jobs').select('id, total').eq('kind', 'print_class').contains('params', { correction_request_id: correction.requestId }).single();
    expect(job!.total).toBe(1);
    expect(await waitForJob(job!.id)).toBe('done');
    const after = await currentVersions();
    const newVersion = after.get(student)!;
    expect(newVersion).not.toBe(oldVersion);
    for (const [s, v] of before) if (s !== student) expect(after.get(s), s).toBe(v);
    const { data: v2 } = await svc.from('document_versions').select('version, supersedes, correction_request_id').eq('id', newVersion).single();
    expect(v2).toMatchObject({ supersedes: oldVersion, correction_request_id: correction.requestId });
    expect((await svc.from('document_versions').select('status').eq('id', oldVersion).single()).data!.status).toBe('superseded');
    // The old version's signed revisions are untouched (their files still hash to what was recorded).
    expect(oldRevisions!.length).toBe(teachers.length + 3); // rows: one per role (the GVCN's subject shares their revision)
    for (const r of oldRevisions!.slice(0, 3)) {
      const bytes = new Uint8Array(await (await svc.storage.from('signed-documents').download(r.storage_path)).data!.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
    }
    // Every signer finds that one file again; gv.toan@ signs it alone; the principal waits for the others.
    const { data: inbox } = await toan.rpc('my_signing_inbox');
    expect((inbox as { class_id: string; unsigned: number }[]).find((i) => i.class_id === ids.class)).toMatchObject({ unsigned: 1 });
    const again = await signClass(toan, { class_id: ids.class, role: 'subject', subject_id: ids.toan }, TEST_PIN);
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json).toMatchObject({ signed: 1 });
    const early = await sign(principal, { action: 'start', class_id: ids.class, role: 'principal' });
    expect(early.json.message).toMatch(/^Chưa đến lượt ký: còn chờ .*giáo viên chủ nhiệm/);
    expect(early.json.message).not.toMatch(/môn Toán/);
  }, 240_000);
});

describe('the class gradebook is signed the same way', () => {
  it('2024–2025 11A1\'s book: the clerk archives it; the principal before the teachers is refused; every subject teacher signs their part, the GVCN with her subject, the principal, the school — one file, every signature valid and trusted', async () => {
    // The clerk prints the whole book (a job), then gets the archived book.
    const first = await print(clerk, { document: 'class_gradebook', class_id: ids.class });
    if (first.status === 202) expect(await waitForJob(first.json!.job_id as string)).toBe('done');
    const book = await print(clerk, { document: 'class_gradebook', class_id: ids.class });
    expect(book.status, book.json ? JSON.stringify(book.json) : '').toBe(200);
    expect(book.headers.get('x-signatures')).toBe('0');
    // Its signature slots: each signed subject's last sheet, the GVCN and the principal on the summary.
    const slots = slotsOf(await PDFDocument.load(book.bytes));
    expect([...slots.keys()].filter((k) => /\.subject\./.test(k)).length).toBe(teachers.length);
    expect(slots.has(`sig.${ids.year}.homeroom`) && slots.has(`sig.${ids.year}.principal`)).toBe(true);

    const early = await sign(principal, { action: 'start', class_id: ids.class, role: 'principal', document: 'gradebook' });
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/^Chưa đến lượt ký: còn chờ .*môn Toán/);
    const { data: inbox } = await toan.rpc('my_signing_inbox');
    expect((inbox as { class_id: string; document: string; unsigned: number; files: number }[]).filter((i) => i.class_id === ids.class)).toMatchObject([{ document: 'gradebook', unsigned: 1, files: 1 }]);

    for (const t of teachers.filter((x) => x.email !== homeroomEmail)) {
      const r = await signClass(t.client!, { class_id: ids.class, role: 'subject', subject_id: t.subject_id, document: 'gradebook' }, TEST_PIN);
      expect(r.status, `${t.name}: ${JSON.stringify(r.json)}`).toBe(200);
      expect(r.json).toMatchObject({ signed: 1 });
    }
    expect((await signClass(await staffSignedIn(homeroomEmail), { class_id: ids.class, role: 'homeroom', document: 'gradebook' }, TEST_PIN)).status).toBe(200);
    expect((await signClass(principal, { class_id: ids.class, role: 'principal', document: 'gradebook' }, TEST_PIN)).status).toBe(200);
    const school = await signClass(clerk, { class_id: ids.class, role: 'organisation', document: 'gradebook' }, TEST_PIN);
    expect(school.status, JSON.stringify(school.json)).toBe(200);

    const signedBook = await print(clerk, { document: 'class_gradebook', class_id: ids.class });
    expect(signedBook.status).toBe(200);
    expect(Number(signedBook.headers.get('x-signatures'))).toBe(signatureCount());
    const trust = await sign(clerk, { action: 'trust' });
    const report = pdfsig(signedBook.bytes, nssTrusting(trust.json.root_pem as string));
    expect(report).toHaveLength(signatureCount());
    for (const r of report) {
      expect([r.validation, r.certificate, r.type], r.field).toEqual(['Signature is Valid.', 'Certificate is Trusted.', 'ETSI.CAdES.detached']);
    }
    expect(report.at(-1)!.total).toBe(true);
    expect([...slotsOf(await PDFDocument.load(signedBook.bytes)).values()].every((x) => x.signed)).toBe(true);
    const { data: boardView } = await principal.rpc('class_signature_board', { p_class_id: ids.class, p_document: 'gradebook' });
    expect((boardView as { files: number; signers: { signed: number }[] }).signers.every((x) => x.signed === 1)).toBe(true);
  }, 400_000);
});
