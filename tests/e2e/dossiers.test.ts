// "Hồ sơ điện tử" in a real browser (issue 17) at THPT Tân Đông, on gv.toan@'s weekly teaching plan of the
// week after the pinned today (30/11–06/12/2026, due Friday 27/11), which the demo leaves untouched: she
// uploads a PDF made here, cannot submit it unsigned (the database's sentence is shown), signs it with her
// PIN and submits; totruong.toan@ returns it with a comment; she reads the comment, uploads a new
// version, signs and submits; he approves; her next upload is refused until hieutruong@ grants the reopen
// request she makes. congdoan@ submits the Công đoàn plan (no signature required). hieutruong@ reads the
// school's compliance and records a monthly check from it (the biên bản appears). so@ reads THPT Tân
// Đông's compliance and has no way to a teacher's file (the function answers 404 for her version);
// phong@ reads Tiểu học Tân Đông's. One person's page at a time.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { idOf, unitOf, yearsOf } from '../helpers/accounts.ts';
import { ensureCertificate, TEST_PIN } from '../helpers/sign.ts';

const available = chromiumAvailable();
const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const WEEK = '2026-11-30';
const fx = { school: '', year: '', toan: '', toanName: '', plan: '', union: '' };
let browser: Browser;
let page: Page | undefined;
const svc = serviceClient();

/** A one-page PDF with a line of text, different each time (a new version's bytes). */
async function pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const p = doc.addPage([595, 842]);
  p.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** Opens `hash` as `email` in a fresh page (the previous person's page is closed first). */
async function open(email: string, hash: string): Promise<Page> {
  await page?.close();
  page = await browser.context.newPage();
  page.setDefaultTimeout(45_000);
  await signIn(page, email);
  await page.goto(`${stackInfo().adminUrl}#/${hash}`);
  return page;
}

const toast = (p: Page, text: string | RegExp) => p.locator('.ant-message').getByText(text).first().waitFor();
const statusOf = async (id: string) => (await svc.from('dossier_obligations').select('status').eq('id', id).single()).data!.status;

/** gv.toan@'s row of the plan on Hồ sơ của tôi. */
async function planRow(p: Page): Promise<Locator> {
  await p.getByTestId('dossiers-table').waitFor();
  const row = p.getByTestId(`dossier-row-ke_hoach_day_hoc_tuan-${WEEK}`);
  await row.waitFor();
  return row;
}

async function upload(row: Locator, name: string, text: string) {
  await row.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: await pdf(text) });
}

async function signRow(p: Page, row: Locator, version: number) {
  await row.getByTestId('dossier-sign').click();
  await p.getByTestId('dossier-pin').fill(TEST_PIN);
  await p.getByTestId('dossier-sign-ok').click();
  await toast(p, `Đã ký số: phiên bản ${version}.`);
}

async function expectStatus(row: Locator, status: string) {
  await expect.poll(async () => await row.getAttribute('data-status'), { timeout: 30_000, interval: 300 }).toBe(status);
}

beforeAll(async () => {
  if (!available) return;
  fx.school = await unitOf('thpt-tandong');
  fx.year = (await yearsOf(fx.school)).current;
  fx.toan = await idOf(at('gv.toan'));
  fx.toanName = (await svc.from('profiles').select('full_name').eq('id', fx.toan).single()).data!.full_name!;
  const item = async (code: string) => (await svc.from('dossier_items').select('id').eq('code', code).eq('owner_id', await unitOf('so-tayninh')).single()).data!.id;
  fx.plan = (await svc.from('dossier_obligations').select('id').eq('item_id', await item('ke_hoach_day_hoc_tuan')).eq('profile_id', fx.toan)
    .eq('school_year_id', fx.year).eq('period_start', WEEK).single()).data!.id;
  fx.union = (await svc.from('dossier_obligations').select('id').eq('item_id', await item('cong_doan')).eq('school_year_id', fx.year).single()).data!.id;
  // The demo leaves both untouched (nothing else in the tests writes them).
  expect(await statusOf(fx.plan)).toBe('missing');
  expect(await statusOf(fx.union)).toBe('missing');
  // gv.toan@'s certificate (PIN 246810), as the demo issues it on \`npm start\`.
  await ensureCertificate(await signedIn(at('bqt')), await signedIn(at('gv.toan')), fx.school, fx.toan);
  browser = await launchBrowser();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !process.env.SDT_SHOTS) return;
  await page?.screenshot({ path: `${process.env.SDT_SHOTS}/dossiers-${ctx.task.name.slice(0, 20)}.png`, fullPage: true }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('Hồ sơ điện tử, THPT Tân Đông', () => {
  it("gv.toan uploads next week's teaching plan, cannot submit it unsigned, signs it with her PIN and submits it", async () => {
    // The start page lists what waits for her: the weekly plans before today are overdue; each count links to her dossiers.
    const p = await open(at('gv.toan'), '');
    const overdue = p.locator('[data-testid="start-section"][data-role="dossiers"] li[data-kind="dossier_overdue"]').filter({ hasText: 'Kế hoạch dạy học tuần' });
    await expect.poll(async () => await overdue.textContent()).toMatch(/^Kế hoạch dạy học tuần: \d+ kỳ quá hạn nộp \(sớm nhất hạn \d\d\/\d\d\/2026\)$/);
    await overdue.locator('a').click();
    const row = await planRow(p);
    await expect.poll(async () => await row.textContent()).toContain('27/11/2026');
    await upload(row, 'ke-hoach-day-hoc-tuan.pdf', 'Ke hoach day hoc tuan 30/11-06/12/2026');
    await toast(p, /^Đã tải lên phiên bản 1 /);
    await expectStatus(row, 'draft');
    await row.getByTestId('dossier-needs-signature').waitFor();
    // The button stays: the database refuses, with its sentence.
    await row.getByTestId('dossier-submit').click();
    await expect.poll(async () => await p.getByTestId('dossier-refusal').textContent()).toMatch(/phải được ký số trước khi nộp: phiên bản 1 chưa có chữ ký số của bạn/);
    expect(await statusOf(fx.plan)).toBe('draft');
    await signRow(p, row, 2);
    await row.getByTestId('dossier-submit').click();
    await toast(p, /^Đã nộp /);
    await expectStatus(row, 'submitted');
    // Her own file, downloaded as an attachment.
    const [download] = await Promise.all([p.waitForEvent('download'), row.getByTestId('dossier-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  }, 180_000);

  it('totruong.toan returns it with a comment; gv.toan reads the comment, uploads a new version, signs and submits it; he approves', async () => {
    let p = await open(at('totruong.toan'), 'dossier_reviews');
    await p.getByTestId('dossier-review-table').waitFor();
    let row = p.getByTestId(`review-row-ke_hoach_day_hoc_tuan-${WEEK}`).and(p.locator(`[data-party="${fx.toanName}"]`));
    await row.getByTestId('review-return').click();
    await p.getByTestId('review-return-text').fill('Bổ sung mục tiêu bài dạy tiết 2 và phân phối thời gian.');
    await p.getByTestId('review-return-ok').click();
    await toast(p, /^Đã trả lại hồ sơ của /);
    await row.waitFor({ state: 'detached' });
    expect(await statusOf(fx.plan)).toBe('returned');

    p = await open(at('gv.toan'), 'dossiers');
    const mine = await planRow(p);
    await expectStatus(mine, 'returned');
    await expect.poll(async () => await mine.getByTestId('dossier-comment').textContent()).toBe('Bổ sung mục tiêu bài dạy tiết 2 và phân phối thời gian.');
    // The history shows the return, its comment bound to version 2.
    await mine.getByTestId('dossier-history-open').click();
    await expect.poll(async () => await p.getByTestId('dossier-events').textContent()).toMatch(/Trả lại — Phiên bản 2.*Bổ sung mục tiêu/);
    await p.locator('.ant-drawer-close').click();
    await upload(mine, 'ke-hoach-day-hoc-tuan-v2.pdf', 'Ke hoach day hoc tuan (bo sung muc tieu)');
    await toast(p, /^Đã tải lên phiên bản 3 /);
    await expectStatus(mine, 'draft');
    await signRow(p, mine, 4);
    await mine.getByTestId('dossier-submit').click();
    await toast(p, /^Đã nộp /);
    await expectStatus(mine, 'submitted');

    p = await open(at('totruong.toan'), 'dossier_reviews');
    await p.getByTestId('dossier-review-table').waitFor();
    row = p.getByTestId(`review-row-ke_hoach_day_hoc_tuan-${WEEK}`).and(p.locator(`[data-party="${fx.toanName}"]`));
    await row.getByTestId('review-approve').click();
    await toast(p, /^Đã duyệt hồ sơ của /);
    await expect.poll(() => statusOf(fx.plan)).toBe('approved');
  }, 240_000);

  it("gv.toan's new upload is refused until hieutruong grants the reopen request she makes", async () => {
    let p = await open(at('gv.toan'), 'dossiers');
    let row = await planRow(p);
    await expectStatus(row, 'approved');
    await upload(row, 'ke-hoach-day-hoc-tuan-v3.pdf', 'Ke hoach day hoc tuan (sua sau khi duyet)');
    await expect.poll(async () => await p.getByTestId('dossier-refusal').textContent()).toMatch(/đã được duyệt: muốn thay đổi cần gửi đề nghị và được Ban giám hiệu cho phép/);
    // Nothing stored: still four versions.
    expect((await svc.from('dossier_versions').select('id', { count: 'exact', head: true }).eq('obligation_id', fx.plan)).count).toBe(4);
    await row.getByTestId('dossier-reopen').click();
    await p.getByTestId('dossier-reopen-text').fill('Cần cập nhật lịch dạy bù tiết thứ Năm.');
    await p.getByTestId('dossier-reopen-ok').click();
    await toast(p, 'Đã gửi đề nghị sửa hồ sơ đến Ban giám hiệu.');

    p = await open(at('hieutruong'), 'dossier_compliance');
    await p.getByRole('tab', { name: 'Đề nghị sửa hồ sơ' }).click();
    const pending = p.getByTestId('reopen-row-pending').filter({ hasText: 'Cần cập nhật lịch dạy bù tiết thứ Năm.' });
    await pending.getByTestId('reopen-grant').click();
    await toast(p, /^Đã đồng ý cho sửa hồ sơ/);
    await p.getByTestId('reopen-row-granted').filter({ hasText: 'Cần cập nhật lịch dạy bù tiết thứ Năm.' }).waitFor();

    p = await open(at('gv.toan'), 'dossiers');
    row = await planRow(p);
    await expectStatus(row, 'reopened');
    await upload(row, 'ke-hoach-day-hoc-tuan-v3.pdf', 'Ke hoach day hoc tuan (sua sau khi duyet)');
    await toast(p, /^Đã tải lên phiên bản 5 /);
    await expectStatus(row, 'draft');
  }, 240_000);

  it('congdoan submits the Công đoàn plan, which needs no signature', async () => {
    const p = await open(at('congdoan'), 'dossiers');
    await p.getByTestId('dossiers-table').waitFor();
    const row = p.locator('[data-testid^="dossier-row-cong_doan-"]');
    await upload(row, 'ke-hoach-cong-doan.pdf', 'Ke hoach hoat dong Cong doan nam hoc 2026-2027');
    await toast(p, /^Đã tải lên phiên bản 1 /);
    expect(await row.getByTestId('dossier-needs-signature').count()).toBe(0);
    await row.getByTestId('dossier-submit').click();
    await toast(p, /^Đã nộp /);
    await expectStatus(row, 'submitted');
    expect(await statusOf(fx.union)).toBe('submitted');
  }, 120_000);

  it("hieutruong reads the school's compliance and records a monthly check from it; the biên bản appears", async () => {
    const p = await open(at('hieutruong'), 'dossier_compliance');
    const table = p.getByTestId('dossier-compliance');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.textContent()).toContain('Kế hoạch dạy học tuần');
    await p.getByTestId('dossier-check').click();
    await p.locator('.ant-modal').getByText('Hằng tháng', { exact: true }).click();
    await p.getByTestId('dossier-check-conclusion').fill('Nhắc các tổ hoàn thiện hồ sơ còn thiếu trước 30/11/2026.');
    await p.getByTestId('dossier-check-ok').click();
    await p.getByTestId('dossier-check-confirm').click();
    await toast(p, 'Đã lập biên bản kiểm tra hồ sơ.');
    const checks = p.getByTestId('dossier-checks');
    await expect.poll(async () => await checks.textContent(), { timeout: 30_000 })
      .toMatch(/Kiểm tra hồ sơ điện tử tháng 01\/11\/2026–30\/11\/2026: \d+ hồ sơ đến hạn.*Nhắc các tổ hoàn thiện hồ sơ còn thiếu/);
    const { data } = await svc.from('inspections').select('kind, scope, findings').eq('school_year_id', fx.year).eq('scope', 'dossiers').eq('kind', 'monthly')
      .like('findings', '%Nhắc các tổ hoàn thiện%');
    expect(data?.length).toBe(1);
  }, 120_000);

  it("so@ reads THPT Tân Đông's compliance and has no way to a teacher's file; phong@ reads Tiểu học Tân Đông's", async () => {
    let p = await open('so@tayninh.edu.vn', 'dossier_schools');
    await p.getByTestId('dossier-schools').waitFor();
    const school = p.locator('[data-testid^="dossier-school-"]').filter({ hasText: 'THPT Tân Đông' });
    await school.getByTestId('dossier-school-open').click();
    const table = p.getByTestId('dossier-school-compliance');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.textContent()).toContain('Kế hoạch dạy học tuần');
    // No download anywhere, no "Hồ sơ của tôi" for the office, and the function answers 404 for her file.
    expect(await p.getByText('Tải về', { exact: true }).count()).toBe(0);
    await p.goto(`${stackInfo().adminUrl}#/dossiers`);
    await p.locator('.ant-result-403').waitFor();
    const so = await signedIn('so@tayninh.edu.vn');
    const { data: v } = await svc.from('dossier_versions').select('id').eq('obligation_id', fx.plan).order('version', { ascending: false }).limit(1).single();
    const token = (await so.auth.getSession()).data.session!.access_token;
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/dossiers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'download', version_id: v!.id }),
    });
    expect(res.status).toBe(404);

    p = await open('phong@tanchau.edu.vn', 'dossier_schools');
    await p.getByTestId('dossier-schools').waitFor();
    const primary = p.locator('[data-testid^="dossier-school-"]').filter({ hasText: 'Tiểu học Tân Đông' });
    await primary.waitFor();
    expect(await p.locator('[data-testid^="dossier-school-"]').filter({ hasText: 'THPT Tân Đông' }).count()).toBe(0);
    await primary.getByTestId('dossier-school-open').click();
    await p.getByTestId('dossier-school-compliance').locator('tbody tr.ant-table-row').first().waitFor();
  }, 120_000);
});
