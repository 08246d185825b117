// Tổng quan các trường (issue 18) in Chromium: so@ opens the Sở's overview, drills into THPT Tân Đông's
// progress, then into Phòng GD&ĐT Tân Châu and its Tiểu học Tân Đông; phong@ sees Tiểu học Tân Đông and
// no THPT. The figures' masking ("< 5") is asserted in tests/api/office_overview.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { stackInfo } from '../helpers/stack.ts';

const available = chromiumAvailable();
let browser: Browser;
let page: Page | undefined;

async function open(email: string, hash: string): Promise<Page> {
  await page?.close();
  page = await browser.context.newPage();
  page.setDefaultTimeout(45_000);
  await signIn(page, email);
  await page.goto(`${stackInfo().adminUrl}#/${hash}`);
  return page;
}

describe.skipIf(!available)('Tổng quan các trường', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  it("so@ drills from the Sở to THPT Tân Đông's progress, and through the Phòng to Tiểu học Tân Đông", async () => {
    const p = await open('so@tayninh.edu.vn', 'office_overview');
    await p.getByTestId('office-overview-page').waitFor();
    await p.getByTestId('office-schools').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await p.getByRole('heading', { level: 3 }).textContent()).toBe('Sở GD&ĐT Tây Ninh');
    const thpt = p.getByTestId('office-school-Trường THPT Tân Đông');
    await thpt.getByTestId('office-school-open').click();
    const progress = p.getByTestId('office-school-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Tiến độ nhập điểm (Học kỳ I)');
    expect(await p.getByTestId('office-progress-share').textContent()).toMatch(/\d+(,\d)?%/);
    expect(await p.getByTestId('office-progress-overdue').textContent()).toMatch(/^(\d[\d.]*|< 5)$/);
    expect(await p.getByRole('heading', { level: 3 }).textContent()).toBe('Trường THPT Tân Đông');
    await p.getByTestId('office-school-health').waitFor();
    await p.getByTestId('office-back').click();

    await p.getByTestId('office-unit-Phòng GD&ĐT Tân Châu').getByTestId('office-unit-open').click();
    await p.getByTestId('office-school-Trường Tiểu học Tân Đông').waitFor();
    expect(await p.getByTestId('office-path').textContent()).toContain('Phòng GD&ĐT Tân Châu');
    expect(await p.getByTestId('office-school-Trường THPT Tân Đông').count()).toBe(0);
  }, 120_000);

  it('phong@ sees Tiểu học Tân Đông and no THPT', async () => {
    const p = await open('phong@tanchau.edu.vn', 'office_overview');
    const school = p.getByTestId('office-school-Trường Tiểu học Tân Đông');
    await school.waitFor();
    expect(await p.getByTestId('office-school-Trường THPT Tân Đông').count()).toBe(0);
    expect(await p.getByTestId('office-offices').count()).toBe(0);
    await school.getByTestId('office-school-open').click();
    expect(await p.getByTestId('office-school-progress').textContent()).toContain('Học kỳ I');
  }, 120_000);
});
