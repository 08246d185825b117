// Chuyển năm học (issue 20) in Chromium, on a school of the test's own (its current year is 2025–2026, so
// preparing and opening 2026–2027 touches nobody else's data): the board prepares the next year with the
// dates proposed a year on, a wrong order of dates is refused with the sentence and nothing is made, the
// year shows as being prepared, then the board opens it. The rules are Postgres' (tests/db/year_cycle.test.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { stackInfo, superuser } from '../helpers/stack.ts';

const available = chromiumAvailable();
let browser: Browser;
let page: Page | undefined;
let own: OwnSchool;

describe.skipIf(!available)('Chuyển năm học', () => {
  beforeAll(async () => {
    const su = await superuser();
    own = await createOwnSchool(su, { studentsPerClass: 2 });
    await su.end();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  it('bqt prepares 2026–2027 from 2025–2026 (a wrong date refused first), then opens it', async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, own.board);
    await page.goto(`${stackInfo().adminUrl}#/year_cycle`);
    const p = page;
    await p.getByTestId('year-cycle-page').waitFor();
    const row = (code: string) => p.getByTestId('years-table').locator('tbody tr.ant-table-row', { hasText: code });
    await row('2025-2026').filter({ hasText: 'Năm học hiện tại' }).waitFor();

    await p.getByTestId('year-prepare').click();
    const modal = p.locator('.ant-modal:visible');
    await modal.getByText('Chuẩn bị năm học 2026-2027').waitFor();
    // The dates a year on, shown the Vietnamese way.
    expect(await modal.locator('input').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))).toEqual(['05/09/2026', '16/01/2027', '18/01/2027', '31/05/2027']);
    // Semester II before semester I ends: Postgres' sentence, nothing made.
    const s2 = modal.locator('input').nth(2);
    await s2.click();
    await s2.fill('10/01/2027');
    await s2.press('Enter');
    await modal.getByRole('button', { name: 'Tạo năm học' }).click();
    await p.getByTestId('year-cycle-error').getByText('Các ngày của năm học phải theo thứ tự', { exact: false }).waitFor();
    expect(await row('2026-2027').count()).toBe(0);

    await s2.click();
    await s2.fill('18/01/2027');
    await s2.press('Enter');
    await modal.getByRole('button', { name: 'Tạo năm học' }).click();
    const done = await p.getByTestId('year-cycle-done').textContent();
    expect(done).toMatch(/^Đã tạo năm học 2026-2027: 3 lớp, \d+ môn học của lớp, \d+ phân công, \d+ vai trò được chuyển sang\.$/);
    await row('2026-2027').filter({ hasText: 'Đang chuẩn bị' }).waitFor();
    expect(await p.getByTestId('year-prepare').count()).toBe(0);

    await row('2026-2027').getByTestId('year-open').click();
    await p.locator('.ant-popconfirm:visible').getByText('Mở năm học 2026-2027?', { exact: false }).waitFor();
    await p.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Đồng ý/ }).click();
    await p.getByTestId('year-cycle-done').getByText('Đã mở năm học 2026-2027.').waitFor();
    // Its first day has come (5 September 2026): it is the school's current year now.
    await row('2026-2027').filter({ hasText: 'Năm học hiện tại' }).waitFor();
    await row('2025-2026').filter({ hasText: 'Đã mở' }).waitFor();

    const su = await superuser();
    try {
      const { rows } = await su.query(`select opened_at is not null as opened from public.school_years where school_id = $1 and code = '2026-2027'`, [own.schoolId]);
      expect(rows).toEqual([{ opened: true }]);
    } finally {
      await su.end();
    }
  }, 180_000);
});
