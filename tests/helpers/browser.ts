// Debian's Chromium driven by playwright-core, with a fresh profile per launch. Without Chromium the
// browser suites are skipped on a developer machine, but under CI=true its absence fails the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, stackInfo } from './stack.ts';

export const CHROMIUM = process.env.SDT_CHROMIUM ?? '/usr/bin/chromium';

/** Whether browser tests can run; throws under CI=true when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with 'apt-get install -y chromium' (CI=true does not skip browser tests)`);
  }
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A phone's screen for the browser tests of issue 18, item 2 (a common Android size). */
export const PHONE = { width: 360, height: 740 } as const;

export interface LaunchOptions {
  /** The window's size in CSS pixels; 1280 × 800 unless given. */
  viewport?: { width: number; height: number };
  /** A phone: the meta viewport is honoured and the screen is touch (Chromium's mobile emulation). */
  mobile?: boolean;
}

/** A headless Chromium with a new, empty --user-data-dir (playwright passes it via a persistent context). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.mobile && { isMobile: true, hasTouch: true }),
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the admin (the run's stack unless `adminUrl` names another) on a clean profile state and signs in through the login form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, adminUrl = stackInfo().adminUrl): Promise<void> {
  await page.goto(adminUrl);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user-name').waitFor();
}

/** The options of the open antd Select dropdown (closed dropdowns stay in the DOM, hidden). */
export const openOptions = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/**
 * Opens the antd Select `testId` once it is enabled (a select enabled by a previous choice), optionally types
 * to filter (a long list is virtual: only the options in view exist), picks the first option matching
 * `option`, and waits for the dropdown to close (its animation can outlast a second on a loaded machine).
 */
export async function pick(page: Page, testId: string, option: RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect.poll(() => select.getAttribute('class')).not.toContain('ant-select-disabled');
  await select.click();
  if (search) await page.keyboard.type(search);
  await openOptions(page).filter({ hasText: option }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 15_000 }).toBe(0);
}
