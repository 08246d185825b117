// Sao lưu và khôi phục (issue 19) in Chromium, on a school of the test's own (restoring it touches nobody
// else's data): IT staff back up the school year, ask to download it; the vice principal approves; IT
// staff get the links (one fetched: the encrypted bytes the manifest names); IT staff ask for a restore;
// the vice principal sees no decision button, the principal approves; the restore is checked and applied.
// Every rule is Postgres' (tests/functions/backups.test.ts); this walks the screen.
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { createUser, DEMO_PASSWORD, serviceClient, stackInfo, superuser } from '../helpers/stack.ts';

const available = chromiumAvailable();
let browser: Browser;
let page: Page | undefined;
let own: OwnSchool;
let itEmail: string;

async function open(email: string): Promise<Page> {
  await page?.close();
  page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  await signIn(page, email);
  await page.goto(`${stackInfo().adminUrl}#/backups`);
  await page.getByTestId('backups-page').waitFor();
  return page;
}

describe.skipIf(!available)('Sao lưu và khôi phục', () => {
  beforeAll(async () => {
    const su = await superuser();
    own = await createOwnSchool(su, { studentsPerClass: 2 });
    itEmail = `cntt-${own.domain.split('.')[0]}@${own.domain}`;
    const user = await createUser({ email: itEmail, password: DEMO_PASSWORD });
    await su.query(`insert into public.profiles (id, full_name, email) values ($1, 'Cán bộ CNTT Thử', $2) on conflict (id) do nothing`, [user.id, user.email]);
    await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'it_staff')`, [user.id, own.schoolId, own.yearId]);
    await su.end();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  it('cntt backs the year up and downloads it once BGH approve; the principal alone decides the restore, which is checked and applied', async () => {
    let p = await open(itEmail);
    await p.getByTestId('backup-kind').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Cả năm học' }).click();
    await p.getByTestId('backup-year').waitFor();
    expect(await p.getByTestId('backup-year').textContent()).toBe('2025-2026');
    await p.getByTestId('backup-start').click();
    const rowOf = (q: Page) => q.getByTestId('backups-table').locator('tbody tr.ant-table-row', { hasText: 'Bản sao năm học 2025-2026' });
    const row = p.getByTestId('backups-table').locator('tbody tr.ant-table-row', { hasText: 'Bản sao năm học 2025-2026' });
    await row.filter({ hasText: 'Hoàn tất' }).waitFor({ timeout: 120_000 });

    await row.getByTestId('backup-ask-download').click();
    await p.getByTestId('backups-ask-text').fill('ngắn');
    await p.getByRole('button', { name: 'Gửi Ban giám hiệu' }).click();
    expect(await p.locator('.ant-modal').getByRole('alert').textContent()).toContain('Hãy ghi rõ lý do tải bản sao lưu');
    await p.getByTestId('backups-ask-text').fill('Lưu bản sao năm học ra ổ cứng ngoài của trường');
    await p.getByRole('button', { name: 'Gửi Ban giám hiệu' }).click();
    await p.getByTestId('downloads-table').locator('tbody tr.ant-table-row', { hasText: 'Chờ duyệt' }).waitFor();
    // IT staff do not approve their own request: no button.
    expect(await p.getByTestId('download-approve').count()).toBe(0);

    p = await open(own.vice);
    await p.getByTestId('download-approve').click();
    await p.getByTestId('downloads-table').locator('tbody tr.ant-table-row', { hasText: 'Đã duyệt' }).waitFor();

    p = await open(itEmail);
    await p.getByTestId('download-links').click();
    const links = p.getByTestId('download-link-list').locator('a');
    await links.first().waitFor();
    const { data: files } = await serviceClient().from('backup_files').select('kind, seq, sha256').eq('school_id', own.schoolId);
    expect(await links.count()).toBe(files!.length);
    const first = await links.filter({ hasText: 'Phần dữ liệu 1' }).getAttribute('href');
    const res = await fetch(first!);
    expect(res.status).toBe(200);
    expect(crypto.createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(files!.find((f) => f.kind === 'part' && f.seq === 1)!.sha256);
    await p.locator('.ant-modal:visible .ant-modal-close').click();
    await p.getByTestId('download-link-list').waitFor({ state: 'hidden' });

    await rowOf(p).getByTestId('backup-ask-restore').click();
    await p.getByTestId('backups-ask-text').fill('Dữ liệu học sinh bị sửa nhầm hàng loạt');
    await p.getByRole('button', { name: 'Gửi Hiệu trưởng' }).click();
    await p.getByTestId('restores-table').locator('tbody tr.ant-table-row', { hasText: 'Chờ duyệt' }).waitFor();

    p = await open(own.vice);
    await p.getByTestId('restores-table').locator('tbody tr.ant-table-row', { hasText: 'Chờ duyệt' }).waitFor();
    expect(await p.getByTestId('restore-approve').count()).toBe(0);

    p = await open(own.principal);
    await p.getByTestId('restore-approve').click();
    await p.getByTestId('backups-ask-text').fill('Đồng ý khôi phục');
    await p.getByRole('button', { name: 'Đồng ý khôi phục' }).click();
    const done = p.getByTestId('restores-table').locator('tbody tr.ant-table-row', { hasText: 'Đã khôi phục' });
    await done.waitFor({ timeout: 120_000 });
    expect(await done.textContent()).toMatch(/Kiểm tra đạt: \d+ bảng khớp bản kê, \d+ chuỗi nhật ký nguyên vẹn\./);
  }, 400_000);
});
