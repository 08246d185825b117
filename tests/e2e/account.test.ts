// A person looking after their own password in the admin, in a real browser against the real stack:
// Tài khoản → Đổi mật khẩu with the current password, and Quên mật khẩu → the mail in the stack's
// local inbox (MailDev) → its link → Đặt mật khẩu mới. Each test uses a teacher account it creates
// through the admin board's staff-accounts function, so no demo password changes. Every page is
// watched for Content-Security-Policy refusals: the admin must work under its policy.
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { verifyLink, waitForMail } from '../helpers/mail.ts';
import { signedIn, stackInfo } from '../helpers/stack.ts';

const available = chromiumAvailable();
let browser: Browser;

beforeAll(async () => {
  if (available) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A new teacher of THPT Tân Đông, created as the admin board creates one. */
async function newTeacher(): Promise<{ email: string; password: string }> {
  const admin = await signedIn('bqt@thpt-tandong.edu.vn');
  const token = (await admin.auth.getSession()).data.session!.access_token;
  const email = `gv.tk-${crypto.randomUUID().slice(0, 8)}@thpt-tandong.edu.vn`;
  const password = `GiaoVien@${crypto.randomUUID().slice(0, 6)}`;
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/staff-accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'create', email, full_name: 'Đỗ Thị Thu Hà', password }),
  });
  expect(res.status).toBe(201);
  await res.body?.cancel();
  return { email, password };
}

/** A tab that records every Content-Security-Policy refusal Chromium reports. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.context.newPage();
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i.test(msg.text())) violations.push(msg.text());
  });
  return { page, violations };
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-email').waitFor();
}

describe.skipIf(!available)('own account', () => {
  it('a teacher changes her password in Tài khoản: a wrong current password is refused, the right one changes it', async () => {
    const teacher = await newTeacher();
    const { page, violations } = await watchedPage();
    try {
      await signIn(page, teacher.email, teacher.password);
      await page.getByTestId('header-account').click();
      await page.getByTestId('account-page').waitFor();
      expect(await page.getByTestId('account-email').textContent()).toBe(teacher.email);

      await page.getByTestId('current-password').fill('KhongPhaiMatKhau@1');
      await page.getByTestId('new-password').fill('MatKhauMoi@2026');
      await page.getByTestId('confirm-password').fill('MatKhauMoi@2026');
      await page.getByTestId('change-password-submit').click();
      await page.getByTestId('change-password-error').waitFor();
      expect(await page.getByTestId('change-password-error').textContent()).toBe('Mật khẩu hiện tại không đúng');

      await page.getByTestId('current-password').fill(teacher.password);
      await page.getByTestId('change-password-submit').click();
      await page.getByText('Đã đổi mật khẩu').waitFor();
      await signOut(page);

      await signIn(page, teacher.email, 'MatKhauMoi@2026');
      await signOut(page);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a teacher who forgot her password resets it through the link in the local inbox, and is signed in', async () => {
    const teacher = await newTeacher();
    const { page, violations } = await watchedPage();
    try {
      await page.goto(stackInfo().adminUrl);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByTestId('login-forgot').click();
      await page.getByTestId('forgot-password-email').fill(teacher.email);
      await page.getByTestId('forgot-password-submit').click();
      await page.getByTestId('forgot-password-sent').waitFor();

      const mail = await waitForMail(teacher.email);
      expect(mail.subject).toContain('Đặt lại mật khẩu');
      await page.goto(verifyLink(mail));
      await page.getByTestId('reset-password-title').waitFor();
      expect(page.url()).toMatch(/#\/reset-password$/);
      expect(page.url()).not.toContain('access_token');
      expect(await page.getByTestId('reset-password').textContent()).toContain(teacher.email);

      await page.getByTestId('new-password').fill('DatLai@2026-moi');
      await page.getByTestId('confirm-password').fill('DatLai@2026-moi');
      await page.getByTestId('reset-password-submit').click();
      await page.getByTestId('header-user-name').waitFor();
      expect(await page.getByTestId('header-user-name').textContent()).toBe('Đỗ Thị Thu Hà');
      await signOut(page);

      await signIn(page, teacher.email, 'DatLai@2026-moi');
      await signOut(page);

      // The link worked once: opened again, it says so and offers a new one.
      await page.goto(verifyLink(mail));
      await page.getByTestId('reset-password-link-error').waitFor();
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
