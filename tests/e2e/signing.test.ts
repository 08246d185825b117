// "Ký số" in a real browser (issue 15) on 2025–2026 10A1 of THPT Tân Đông: the principal opens the class's
// signing window; gv.toan@ enters her PIN and signs Toán for every year file of the class in one approval;
// the principal's attempt before the others is refused naming who is pending; the admin board issues the
// GVCN's certificate, which she activates with a PIN of her own and signs the class (with her own subject,
// Ngữ văn: one signature per person per file); the other subject teachers sign over HTTP (the same sign
// function); the principal signs last and the clerk adds the school's signature. A downloaded year file is
// checked by pdfsig (NSS trusting the exported root) and each timestamp by `openssl ts -verify`. Then a
// correction of one Toán entry re-opens that student's file alone. The correction suites relock the same
// class (reprinting its archived files), so the class is held while this suite works (helpers/classLock.ts).
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { applyCorrection, one } from '../helpers/corrections.ts';
import { ensureCertificate, sign, signClass, staffSignedIn, TEST_PIN } from '../helpers/sign.ts';
import { nssTrusting, opensslTsVerify, pdfsig } from '../helpers/pdfsig.ts';
import { holdClass, THPT_2025_10A1 } from '../helpers/classLock.ts';
import { parseCms } from '../../supabase/functions/_shared/signing/cms.ts';
import { signaturesOf } from '../../supabase/functions/_shared/signing/pades.ts';
import { waitForJob } from '../helpers/jobs.ts';

const available = chromiumAvailable();
const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const YEAR = '2025-2026';
const ids = { school: '', year: '', cls: '', toan: '', gvcn: '' };
const names = { gvcn: '' };
let files = 0;
let teachers: { subject_id: string; name: string; email: string }[] = [];
let browser: Browser;
let board: SupabaseClient<Database>, principal: SupabaseClient<Database>, clerk: SupabaseClient<Database>, toan: SupabaseClient<Database>;
let release: (() => Promise<void>) | undefined;


async function as(email: string): Promise<Page> {
  const page = await browser.context.newPage();
  // Signing and the stack's jobs share two cores with the other suite running beside this one.
  page.setDefaultTimeout(90_000);
  await signIn(page, email);
  await page.goto(`${stackInfo().adminUrl}#/signing`);
  await page.getByTestId('signing-page').waitFor();
  return page;
}

/** Signs an inbox item in the page: start, wait for the prepared files, the PIN, the approval's toast. */
async function signInPage(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId('signing-batch').waitFor();
  await page.getByTestId('signing-pin').waitFor({ timeout: 150_000 });
  await page.getByTestId('signing-pin').fill(TEST_PIN);
  await page.getByTestId('signing-approve').click();
  await page.locator('.ant-message').getByText(`Đã ký ${files} học bạ.`).waitFor({ timeout: 120_000 });
}

beforeAll(async () => {
  if (!available) return;
  release = await holdClass(THPT_2025_10A1);
  const svc = serviceClient();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', YEAR))).id as string;
  const k = await one(svc.from('classes').select('id, homeroom_teacher_id').eq('school_year_id', ids.year).eq('name', '10A1'));
  ids.cls = k.id as string;
  ids.gvcn = k.homeroom_teacher_id as string;
  names.gvcn = (await one(svc.from('profiles').select('full_name, email').eq('id', ids.gvcn))).full_name as string;
  const su = await superuser();
  try {
    teachers = (await su.query<{ subject_id: string; name: string; email: string }>(`
      select s.id as subject_id, s.name, p.email from public.teaching_assignments a
      join public.subjects s on s.id = a.subject_id join public.profiles p on p.id = a.teacher_id
      where a.class_id = $1 and a.ended_at is null and s.category <> 'topic' order by s.sort_order`, [ids.cls])).rows;
    files = Number((await su.query(`select count(*) from public.enrolments where class_id = $1 and end_reason is distinct from 'class_change'`, [ids.cls])).rows[0].count);
  } finally {
    await su.end();
  }
  ids.toan = teachers.find((t) => t.name === 'Toán')!.subject_id;
  [board, principal, clerk, toan] = await Promise.all([signedIn(at('bqt')), signedIn(at('hieutruong')), signedIn(at('vanthu')), signedIn(at('gv.toan'))]);
  // The clerk archives every student's year of the class (as before any signing).
  const { data: job, error } = await clerk.rpc('create_print_job', { p_class_id: ids.cls });
  expect(error).toBeNull();
  expect(await waitForJob(job as string)).toBe('done');
  // Certificates of the people who sign here without the certificate screen (the GVCN's is issued on it).
  const idOf = async (email: string) => (await one(svc.from('profiles').select('id').eq('email', email))).id as string;
  await ensureCertificate(board, toan, ids.school, await idOf(at('gv.toan')));
  await ensureCertificate(board, principal, ids.school, await idOf(at('hieutruong')));
  await ensureCertificate(board, clerk, ids.school, null);
  browser = await launchBrowser();
}, 900_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !process.env.SDT_SHOTS) return;
  for (const [i, page] of browser.context.pages().entries()) await page.screenshot({ path: `${process.env.SDT_SHOTS}/${ctx.task.name.slice(0, 20)}-${i}.png`, fullPage: true }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await release?.();
});

describe.skipIf(!available)('Ký số học bạ lớp 10A1 (2025–2026)', () => {
  it('the principal opens the window; gv.toan signs Toán for the class in one approval; the principal before the others is refused, naming who is pending', async () => {
    const p = await as(at('hieutruong'));
    await p.getByRole('tab', { name: 'Tình trạng ký của lớp' }).click();
    await p.getByTestId('year-select').click();
    await p.locator('.ant-select-item-option').filter({ hasText: YEAR }).click();
    await p.getByTestId('board-class').click();
    await p.locator('.ant-select-item-option').filter({ hasText: /^10A1$/ }).click();
    await p.getByTestId('signing-board').waitFor();
    await p.getByTestId('open-window').click();
    const range = p.locator('.ant-modal .ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill('23/11/2026');
    await range.nth(1).click();
    await range.nth(1).fill('31/12/2026');
    await range.nth(1).press('Enter');
    await p.getByTestId('open-window-ok').click();
    await p.locator('.ant-message').getByText('Đã mở thời hạn ký số của lớp.').waitFor();
    await expect.poll(async () => await p.getByTestId('board-window').textContent(), { timeout: 60_000, interval: 500 }).toContain('Thời hạn ký: 23/11/2026 – 31/12/2026');
    // One person at a time: the pages of the browser share the signed-in session.
    await p.close();

    const t = await as(at('gv.toan'));
    const toanItem = `sign-${YEAR}-10A1-subject-Toán`;
    await t.getByTestId(toanItem).waitFor();
    await signInPage(t, toanItem);
    await expect.poll(async () => await t.getByTestId(toanItem).count(), { timeout: 60_000, interval: 500 }).toBe(0);
    expect((await serviceClient().from('signatures').select('id', { count: 'exact', head: true }).eq('class_id', ids.cls).eq('subject_id', ids.toan)).count).toBe(files);

    await t.close();
    const p2 = await as(at('hieutruong'));
    await p2.getByTestId(`sign-${YEAR}-10A1-principal`).click();
    const refusal = p2.locator('.ant-message').getByText(/^Chưa đến lượt ký: còn chờ /);
    await refusal.waitFor();
    const text = (await refusal.textContent())!;
    expect(text).toMatch(/môn Ngữ văn \(.+\)/);
    expect(text).toContain(`giáo viên chủ nhiệm (${names.gvcn})`);
    expect(text).not.toMatch(/môn Toán/);
    await p2.close();
  }, 400_000);

  it('the admin board issues the GVCN\'s certificate, she activates it with her PIN and signs the class with her own subject, after every other teacher', async () => {
    const b = await as(at('bqt'));
    await b.getByRole('tab', { name: 'Chứng thư số' }).click();
    await b.getByTestId('request-certificate').click();
    await b.getByTestId('request-for').click();
    await b.keyboard.type(names.gvcn);
    await b.locator('.ant-select-item-option').filter({ hasText: names.gvcn }).first().click();
    await b.getByTestId('request-ok').click();
    await b.locator('.ant-message').getByText('Đã tạo yêu cầu cấp chứng thư số: người được cấp kích hoạt bằng mã PIN của mình.').waitFor();
    await b.close();
    const { data: pendingRequests } = await serviceClient().from('certificate_requests').select('profile_id').eq('status', 'pending').eq('profile_id', ids.gvcn);
    expect(pendingRequests).toHaveLength(1);

    const g = await as(at('gvcn.10a1'));
    await g.getByRole('tab', { name: 'Chứng thư số' }).click();
    await g.getByTestId('activate-person').click();
    await g.getByTestId('activate-pin').fill('12345');
    await g.getByTestId('activate-pin-again').fill('12345');
    await g.getByTestId('activate-ok').click();
    await g.getByText('Mã PIN ký số gồm 6 đến 12 chữ số.').waitFor();
    await g.getByTestId('activate-pin').fill(TEST_PIN);
    await g.getByTestId('activate-pin-again').fill(TEST_PIN);
    await g.getByTestId('activate-ok').click();
    await g.locator('.ant-message').getByText('Chứng thư số đã được kích hoạt.').waitFor();
    // Her activation offer is gone and her certificate is active (the table may page: other suites issue many).
    await expect.poll(async () => await g.getByTestId('activate-person').count(), { timeout: 60_000, interval: 500 }).toBe(0);
    expect((await serviceClient().from('certificates').select('id').eq('profile_id', ids.gvcn).eq('status', 'active')).data).toHaveLength(1);

    // The other subject teachers sign through the same function over HTTP.
    for (const teacher of teachers.filter((x) => x.name !== 'Toán' && x.email !== at('gvcn.10a1'))) {
      const client = await staffSignedIn(teacher.email);
      const holder = (await one(serviceClient().from('profiles').select('id').eq('email', teacher.email))).id as string;
      await ensureCertificate(board, client, ids.school, holder);
      const r = await signClass(client, { class_id: ids.cls, role: 'subject', subject_id: teacher.subject_id }, TEST_PIN);
      expect(r.status, `${teacher.name}: ${JSON.stringify(r.json)}`).toBe(200);
    }

    await g.getByRole('tab', { name: 'Hộp ký' }).click();
    await g.reload();
    await g.getByTestId('signing-page').waitFor();
    const item = `sign-${YEAR}-10A1-homeroom`;
    await g.getByTestId('signing-inbox').getByText('Giáo viên chủ nhiệm (cùng môn Ngữ văn)').waitFor();
    // No separate Ngữ văn item: her subject is signed with the class.
    expect(await g.getByTestId(`sign-${YEAR}-10A1-subject-Ngữ văn`).count()).toBe(0);
    await signInPage(g, item);
    await g.close();
  }, 600_000);

  it('the principal signs last, the clerk adds the school\'s signature; the board shows every signer done', async () => {
    const p = await as(at('hieutruong'));
    await signInPage(p, `sign-${YEAR}-10A1-principal`);
    await p.close();
    const c = await as(at('vanthu'));
    await signInPage(c, `sign-${YEAR}-10A1-organisation`);
    await c.close();
    const p2 = await as(at('hieutruong'));
    await p2.getByRole('tab', { name: 'Tình trạng ký của lớp' }).click();
    await p2.getByTestId('year-select').click();
    await p2.locator('.ant-select-item-option').filter({ hasText: YEAR }).click();
    await p2.getByTestId('board-class').click();
    await p2.locator('.ant-select-item-option').filter({ hasText: /^10A1$/ }).click();
    const rows = p2.getByTestId('signing-board').locator('tbody tr');
    await expect.poll(async () => await rows.count(), { timeout: 60_000, interval: 500 }).toBe(teachers.length + 3);
    expect(await p2.getByTestId('signing-board').getByText(`${files}/${files}`).count()).toBe(teachers.length + 3);
    await p2.close();
  }, 400_000);

  it('a downloaded year file: every signature valid and trusted by pdfsig, ETSI.CAdES.detached, in order, the last covering the whole file; every timestamp verified by OpenSSL', async () => {
    const { data: last } = await clerk.from('signatures').select('storage_path, document_version_id').eq('class_id', ids.cls).eq('role', 'organisation').limit(1).single();
    const { data: blob, error } = await clerk.storage.from('signed-documents').download(last!.storage_path);
    expect(error).toBeNull();
    const pdf = new Uint8Array(await blob!.arrayBuffer());
    const trust = await sign(clerk, { action: 'trust' });
    const report = pdfsig(pdf, nssTrusting(trust.json.root_pem as string));
    // One signature per person: every subject teacher but the GVCN, the GVCN (with Ngữ văn), the principal, the school.
    expect(report).toHaveLength(teachers.filter((x) => x.email !== at('gvcn.10a1')).length + 3);
    for (const r of report) {
      expect(r.validation, r.field).toBe('Signature is Valid.');
      expect(r.certificate, r.field).toBe('Certificate is Trusted.');
      expect(r.type, r.field).toBe('ETSI.CAdES.detached');
    }
    const roles = report.map((r) => r.field.replace(/^(seal\.)?sig\.[0-9a-f-]+\./, '$1').replace(/^subject\..*/, 'subject'));
    expect(roles.slice(-3)).toEqual(['homeroom', 'principal', 'seal.principal']);
    expect(new Set(roles.slice(0, -3))).toEqual(new Set(['subject']));
    expect(report[0]!.commonName).toBe((await one(serviceClient().from('profiles').select('full_name').eq('email', at('gv.toan')))).full_name);
    expect(report.slice(0, -1).every((r) => !r.total)).toBe(true);
    expect(report.at(-1)!.total).toBe(true);
    for (const s of signaturesOf(pdf)) {
      const cms = parseCms(s.cms);
      expect(cms.hasSigningTime).toBe(false);
      expect(opensslTsVerify(cms.timestamp!.token, cms.signature, trust.json.root_pem as string, trust.json.tsa_pem as string).output, s.field ?? '').toContain('Verification: OK');
    }
    // The public verification page, signed out: the code printed on the file, the file recognised as the
    // latest signed revision, and its signatures checked item by item.
    const { data: version } = await serviceClient().from('document_versions').select('verification_code').eq('id', last!.document_version_id).single();
    const page = await browser.context.newPage();
    await page.goto(`${stackInfo().adminUrl}#/verify/${version!.verification_code}`);
    await page.getByTestId('verify-status').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'hoc-ba.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await expect.poll(async () => await page.getByTestId('verify-match').textContent(), { timeout: 60_000, interval: 500 }).toBe(`Tệp trùng khớp từng byte với bản đã ký số mới nhất của văn bản (${report.length} chữ ký).`);
    await page.getByTestId('verify-signatures').click();
    await page.getByTestId('verify-report').waitFor();
    expect(await page.getByTestId('verify-report').getByText('Hợp lệ', { exact: true }).count()).toBe(report.length);
    await page.getByTestId('verify-report').getByText('Đây là bản hiện hành của văn bản.').waitFor();
    await page.close();
  }, 120_000);

  it('a correction to one Toán entry makes a new version of that student\'s year file, asks its signers again and leaves the other files and the old version\'s bytes untouched', async () => {
    const svc = serviceClient();
    const current = async () => new Map((await svc.from('document_versions').select('id, student_id').eq('class_id', ids.cls).eq('kind', 'transcript_year').eq('status', 'current')).data!.map((v) => [v.student_id!, v.id]));
    const latestFiles = async () => {
      const { data } = await svc.from('signatures').select('document_version_id, revision, sha256').eq('class_id', ids.cls).order('revision', { ascending: false });
      const out = new Map<string, string>();
      for (const r of data!) if (!out.has(r.document_version_id)) out.set(r.document_version_id, r.sha256);
      return out;
    };
    const before = await current();
    const signedBefore = await latestFiles();
    expect(before.size).toBe(files);
    const idOf = async (email: string) => (await one(svc.from('profiles').select('id').eq('email', email))).id as string;
    const correction = await applyCorrection({ teacher: toan, admin: board, principal }, { class_id: ids.cls, subject_id: ids.toan, semester: 1 },
      { vp: await idOf(at('phohieutruong')), inspector: await idOf(at('thanhtra')) });
    const student = correction.change.student.student_id;
    const { data: job } = await svc.from('jobs').select('id').eq('kind', 'print_class').contains('params', { correction_request_id: correction.requestId }).single();
    expect(await waitForJob(job!.id)).toBe('done');
    const after = await current();
    expect(after.get(student)).not.toBe(before.get(student));
    for (const [s, v] of before) if (s !== student) expect(after.get(s), s).toBe(v);
    // The old version's signed revisions and every other file are byte for byte what was signed.
    const oldVersion = before.get(student)!;
    const { data: oldRevisions } = await svc.from('signatures').select('storage_path, sha256').eq('document_version_id', oldVersion);
    for (const r of oldRevisions!) {
      const bytes = new Uint8Array(await (await svc.storage.from('signed-documents').download(r.storage_path)).data!.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
    }
    const signedAfter = await latestFiles();
    for (const [version, sha] of signedBefore) expect(signedAfter.get(version), version).toBe(sha);
    expect(signedAfter.has(after.get(student)!)).toBe(false);
    // Its signers find that one file again: gv.toan (1 of the class) and the GVCN.
    const inbox = async (client: SupabaseClient<Database>) => ((await client.rpc('my_signing_inbox')).data as { class_id: string; role: string; unsigned: number }[]).filter((i) => i.class_id === ids.cls);
    expect(await inbox(toan)).toMatchObject([{ role: 'subject', unsigned: 1 }]);
    expect(await inbox(await signedIn(at('gvcn.10a1')))).toMatchObject([{ role: 'homeroom', unsigned: 1 }]);
  }, 300_000);
});
