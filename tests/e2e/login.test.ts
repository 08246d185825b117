// Every demo account of DEMO.md signs in through the admin's login page, sees the Vietnamese layout
// (their name, their school, their roles in Vietnamese, the menu the permission matrix allows) and signs
// out. Real browser (Debian's Chromium through playwright-core), real stack, no mocks.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, stackInfo } from '../helpers/stack.ts';
import { chromiumAvailable, launchBrowser, type Browser } from '../helpers/browser.ts';
const THPT = 'Trường THPT Tân Đông';
const TIEU_HOC = 'Trường Tiểu học Tân Đông';

interface Expected {
  email: string;
  /** Role labels the header must show, in Vietnamese. */
  roles: string[];
  /** Org unit name the header must show. */
  orgUnit: string;
  /** Whether "Trạng thái hệ thống" is in the menu (admin board and IT staff only). */
  statusPage: boolean;
}

// Written out from DEMO.md rather than derived from the seed or policies/labels.ts, so a wrong label or a
// wrong seed fails here.
const ACCOUNTS: Expected[] = [
  { email: 'bqt@thpt-tandong.edu.vn', roles: ['Ban quản trị'], orgUnit: THPT, statusPage: true },
  { email: 'hieutruong@thpt-tandong.edu.vn', roles: ['Hiệu trưởng'], orgUnit: THPT, statusPage: false },
  { email: 'phohieutruong@thpt-tandong.edu.vn', roles: ['Phó hiệu trưởng'], orgUnit: THPT, statusPage: false },
  // The head of the Toán – Tin department also teaches (seed: dept_head + subject_teacher).
  { email: 'totruong.toan@thpt-tandong.edu.vn', roles: ['Tổ trưởng chuyên môn', 'Giáo viên bộ môn'], orgUnit: THPT, statusPage: false },
  { email: 'gv.toan@thpt-tandong.edu.vn', roles: ['Giáo viên bộ môn'], orgUnit: THPT, statusPage: false },
  { email: 'gvcn.10a1@thpt-tandong.edu.vn', roles: ['Giáo viên chủ nhiệm', 'Giáo viên bộ môn'], orgUnit: THPT, statusPage: false },
  { email: 'yte@thpt-tandong.edu.vn', roles: ['Nhân viên y tế'], orgUnit: THPT, statusPage: false },
  { email: 'vanthu@thpt-tandong.edu.vn', roles: ['Văn thư – giáo vụ'], orgUnit: THPT, statusPage: false },
  { email: 'thanhtra@thpt-tandong.edu.vn', roles: ['Ban thanh tra nhân dân'], orgUnit: THPT, statusPage: false },
  { email: 'phuhuynh@thpt-tandong.edu.vn', roles: ['Phụ huynh'], orgUnit: THPT, statusPage: false },
  { email: 'cntt@thpt-tandong.edu.vn', roles: ['Bộ phận CNTT'], orgUnit: THPT, statusPage: true },
  { email: 'congdoan@thpt-tandong.edu.vn', roles: ['Công đoàn – đoàn thể'], orgUnit: THPT, statusPage: false },
  { email: 'hocsinh@thpt-tandong.edu.vn', roles: ['Học sinh'], orgUnit: THPT, statusPage: false },
  { email: 'bqt@th-tandong.edu.vn', roles: ['Ban quản trị'], orgUnit: TIEU_HOC, statusPage: true },
  { email: 'gvcn.3a@th-tandong.edu.vn', roles: ['Giáo viên chủ nhiệm'], orgUnit: TIEU_HOC, statusPage: false },
  { email: 'phong@tanchau.edu.vn', roles: ['Cán bộ Phòng GD&ĐT'], orgUnit: 'Phòng GD&ĐT Tân Châu', statusPage: false },
  { email: 'so@tayninh.edu.vn', roles: ['Cán bộ Sở GD&ĐT'], orgUnit: 'Sở GD&ĐT Tây Ninh', statusPage: false },
];

const available = chromiumAvailable();
let browser: Browser;
let context: BrowserContext;
let adminUrl: string;

beforeAll(async () => {
  if (!available) return;
  adminUrl = stackInfo().adminUrl;
  browser = await launchBrowser();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
});

/** A new tab on the login page, with nothing left over from an earlier test (session, language). */
async function openLoginPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(adminUrl);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('login-email').waitFor();
  return page;
}

/** Fills and submits the login form; resolves when the auth server has answered. */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().includes('/auth/v1/token')),
    page.getByTestId('login-submit').click(),
  ]);
}

describe.skipIf(!available)('login page', () => {
  it('is in Vietnamese for a first visit', async () => {
    const page = await openLoginPage();
    try {
      expect(page.url()).toMatch(/#\/login/);
      expect(await page.getByTestId('login-title').textContent()).toBe('Đăng nhập');
      expect(await page.getByTestId('login-submit').textContent()).toContain('Đăng nhập');
      expect(await page.title()).toBe('Đăng nhập | Sổ điện tử');
    } finally {
      await page.close();
    }
  });

  it('tells a visitor with a wrong password that email or password is wrong, and keeps them out', async () => {
    const page = await openLoginPage();
    try {
      // An address that does not exist, so no demo account gets closer to being throttled.
      await signIn(page, 'khong.ton.tai@thpt-tandong.edu.vn', 'SaiMatKhau@1');
      await page.getByTestId('login-error').waitFor();
      expect(await page.getByTestId('login-error').textContent()).toBe('Email hoặc mật khẩu không đúng');
      expect(page.url()).toMatch(/#\/login/);
      expect(await page.getByTestId('header-user-name').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('tells a visitor who failed five times in a row to wait a few minutes', async () => {
    const page = await openLoginPage();
    try {
      // A fresh address: the throttle counts failures per email (unknown addresses included).
      const email = `thu.sai.${Date.now()}@thpt-tandong.edu.vn`;
      for (let attempt = 1; attempt <= 5; attempt++) {
        await signIn(page, email, `SaiMatKhau@${attempt}`);
        await page.getByTestId('login-error').waitFor();
        expect(await page.getByTestId('login-error').textContent()).toBe('Email hoặc mật khẩu không đúng');
      }
      await signIn(page, email, 'SaiMatKhau@6');
      await page.getByTestId('login-error').filter({ hasText: 'vài phút' }).waitFor();
      expect(await page.getByTestId('login-error').textContent()).toBe('Bạn đã nhập sai quá nhiều lần, vui lòng đợi vài phút rồi thử lại');
    } finally {
      await page.close();
    }
  });
});

describe.skipIf(!available)('every demo account', () => {
  for (const account of ACCOUNTS) {
    it(`${account.email} signs in, sees ${account.roles.join(' + ')} at ${account.orgUnit} in Vietnamese, and signs out`, async () => {
      const page = await openLoginPage();
      try {
        await signIn(page, account.email, DEMO_PASSWORD);
        await page.getByTestId('header-user-name').waitFor();
        await page.getByTestId('menu-dashboard').waitFor();

        // The profile's full name, not the email fallback used when current_user_context fails.
        const name = (await page.getByTestId('header-user-name').textContent())?.trim() ?? '';
        expect(name.length).toBeGreaterThan(1);
        expect(name).not.toContain('@');
        expect(await page.getByTestId('header-org-unit').textContent()).toContain(account.orgUnit);

        const roles = await page.getByTestId('header-roles').locator('.ant-tag').allTextContents();
        expect(roles.sort()).toEqual([...account.roles].sort());

        expect(await page.getByTestId('menu-dashboard').textContent()).toBe('Trang chủ');
        expect(await page.getByTestId('dashboard-greeting').textContent()).toBe(`Xin chào, ${name}`);
        expect(await page.getByTestId('menu-status').count()).toBe(account.statusPage ? 1 : 0);
        expect(await page.title()).toBe('Trang chủ | Sổ điện tử');

        await page.getByTestId('sign-out').click();
        await page.getByTestId('login-email').waitFor();
        expect(page.url()).toMatch(/#\/login$/);
        expect(await page.getByTestId('header-user-name').count()).toBe(0);
      } finally {
        await page.close();
      }
    });
  }
});

describe.skipIf(!available)('system status page', () => {
  it('shows the IT staff the Postgres version and applied migrations from the status function', async () => {
    const page = await openLoginPage();
    try {
      await signIn(page, 'cntt@thpt-tandong.edu.vn', DEMO_PASSWORD);
      await page.getByTestId('menu-status').click();
      await page.getByTestId('status-page').waitFor();
      await page.waitForFunction(() => {
        const cell = document.querySelector('[data-testid=status-postgres-version]');
        return cell !== null && /^\d+/.test(cell.textContent ?? '');
      });
      expect(await page.getByTestId('status-postgres-version').textContent()).toMatch(/^17\b/);
      expect(await page.getByTestId('status-error').count()).toBe(0);
      await page.getByTestId('sign-out').click();
      await page.getByTestId('login-email').waitFor();
    } finally {
      await page.close();
    }
  });

  it('refuses the page to a subject teacher who opens its address directly', async () => {
    const page = await openLoginPage();
    try {
      await signIn(page, 'gv.toan@thpt-tandong.edu.vn', DEMO_PASSWORD);
      await page.getByTestId('header-user-name').waitFor();
      await page.goto(new URL('#/status', adminUrl).toString());
      await page.locator('.ant-result-403').waitFor();
      expect(await page.locator('.ant-result-403').textContent()).toContain('Bạn không có quyền truy cập trang này');
      expect(await page.getByTestId('status-page').count()).toBe(0);
      await page.getByTestId('sign-out').click();
      await page.getByTestId('login-email').waitFor();
    } finally {
      await page.close();
    }
  });
});

describe.skipIf(!available)('language switch', () => {
  it('turns the layout to English and back to Vietnamese, and remembers the choice', async () => {
    const page = await openLoginPage();
    try {
      await signIn(page, 'hieutruong@thpt-tandong.edu.vn', DEMO_PASSWORD);
      await page.getByTestId('header-roles').waitFor();
      await page.getByTestId('language-switch').getByText('English').click();
      await page.getByTestId('menu-dashboard').filter({ hasText: 'Home' }).waitFor();
      expect(await page.getByTestId('header-roles').textContent()).toBe('Principal');

      await page.reload();
      await page.getByTestId('menu-dashboard').filter({ hasText: 'Home' }).waitFor();

      await page.getByTestId('language-switch').getByText('Tiếng Việt').click();
      await page.getByTestId('menu-dashboard').filter({ hasText: 'Trang chủ' }).waitFor();
      expect(await page.getByTestId('header-roles').textContent()).toBe('Hiệu trưởng');
      await page.getByTestId('sign-out').click();
      await page.getByTestId('login-email').waitFor();
    } finally {
      await page.close();
    }
  });
});
