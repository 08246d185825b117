// What the browser walk (tests/e2e/walk.test.ts) needs: which visible labels are write actions (taken from
// the admin's own Vietnamese strings), what the permission matrix lets a set of roles do, and a probe that
// reads a page of the running admin the way a new user meets it — every visible button, the row it sits
// in, the data-action it carries, refusals on screen and on the wire. Writes are blocked at the network
// while the walk clicks around, so the demo data other tests read stays as it is.
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { vi } from '../../admin/src/i18n/vi.ts';
import { ACTION_LABELS } from '../../policies/labels.ts';
import { NOT_BUILT, matrix } from '../../policies/matrix.ts';
import { isAction, isResource, isRole, scopeOf, widerScope, type Action, type Resource, type Role, type Scope } from '../../policies/types.ts';
import fs from 'node:fs';
import { CHROMIUM } from './browser.ts';

/** SDT_WALK_TRACE=<file>: a line per page and click, and every wait of the walk that took a second or more. */
export function trace(line: string): void {
  if (process.env.SDT_WALK_TRACE) fs.appendFileSync(process.env.SDT_WALK_TRACE, `${new Date().toISOString().slice(11, 23)} ${line}\n`);
}

/** Runs `step`, tracing it when it took a second or more (to find what a walk waits for). */
export async function timed<T>(what: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await step();
  } finally {
    const ms = Date.now() - start;
    if (ms >= 1000) trace(`     slow ${what}: ${ms} ms`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Labels

/** A label with `{{placeholders}}` as a whole-string pattern. */
function labelPattern(label: string): RegExp {
  const parts = label.split(/\{\{[^}]+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * Labels of buttons that write or open a write, from admin/src/i18n/vi.ts (and the matrix's own action
 * labels), so a renamed button is still recognised. Export and print are actions too (i12-common.md).
 */
export const WRITE_LABELS: readonly string[] = [
  ...(['create', 'edit', 'delete', 'lock', 'unlock', 'approve', 'sign', 'print', 'export', 'appoint', 'reset_password', 'link'] as const).map((a) => ACTION_LABELS[a].vi),
  vi.common.edit,
  vi.common.save,
  vi.classes.create,
  vi.class_subjects.add,
  vi.enrolments.add,
  vi.enrolments.export,
  ...Object.values(vi.enrolments.actions),
  vi.import.open,
  vi.import.commit,
  vi.profiles.create,
  vi.profiles.reset_password,
  vi.account.change_password,
  vi.memberships.grant,
  vi.memberships.remove,
  vi.departments.create,
  vi.departments.rename,
  vi.departments.add_member,
  vi.departments.make_head,
  vi.departments.remove,
  vi.guardians.add,
  vi.guardians.edit,
  vi.gradebook_locks.create,
  ...Object.values(vi.gradebook_locks.actions),
  vi.lock_decisions.create,
  vi.score_entries.save,
  vi.score_entries.export,
  vi.score_entries.import.open,
  vi.score_entries.import.commit,
  vi.score_entries.correction.request,
  vi.conduct_ratings.save,
  vi.attendance.save,
  vi.correction_requests.create,
  vi.correction_requests.form.save,
  vi.correction_requests.detail.edit_draft,
  ...Object.values(vi.correction_requests.actions).filter((l) => !l.includes('{{')),
  vi.correction_requests.evidence.upload,
  vi.correction_requests.evidence.remove,
  vi.correction_requests.minutes.print,
  ...Object.values(vi.result_publications.actions),
  vi.quality_ratings.save,
  vi.gradebook_progress.check,
  vi.gradebook_progress.check_sheet,
  vi.inspections.create,
];
const WRITE_PATTERNS = [...new Set(WRITE_LABELS)].map(labelPattern);

/** Whether a visible label names a write action ("Thêm …" and "Lưu …" always do). */
export function isWriteLabel(label: string): boolean {
  const text = label.replace(/\s+/g, ' ').trim();
  if (!text) return false;
  return /^(Thêm|Lưu)( |$)/.test(text) || WRITE_PATTERNS.some((p) => p.test(text));
}

// ---------------------------------------------------------------------------------------------------
// The matrix

export const SCHOOL_WIDE: readonly Scope[] = ['school', 'district', 'province'];

/**
 * The widest scope `roles` have for `resource.action`: the matrix's cell (those an edge function or the
 * auth server enforces, OUT_OF_BAND, included); nothing for a cell not built yet.
 */
export function scopeFor(roles: readonly Role[], resource: Resource, action: Action): Scope {
  if (NOT_BUILT.some((c) => c.resource === resource && c.action === action)) return 'none';
  return scopeOf(matrix, roles, resource, action);
}

/** `resource.action` → scope, or null when the string is not a cell of the matrix vocabulary. */
export function cellScope(roles: readonly Role[], cell: string): Scope | null {
  const [resource, action, ...rest] = cell.split('.');
  if (rest.length || !isResource(resource) || !isAction(action)) return null;
  return scopeFor(roles, resource, action);
}

/** The roles `current_user_context()` reports for the current school years (as the admin counts them). */
export function currentRoles(context: { memberships: { role: string; current: boolean }[] }): Role[] {
  return [...new Set(context.memberships.filter((m) => m.current).map((m) => m.role).filter(isRole))];
}

/**
 * Actions a page offers without picking a row, by page (= resource): each inner list is one button, any of
 * whose cells may name it. Whether a role must get it comes from the matrix, not from here.
 */
export const PAGE_OFFERS: Partial<Record<Resource, string[][]>> = {
  enrolments: [['enrolments.create', 'students.create']],
  classes: [['classes.create']],
  class_subjects: [['class_subjects.create']],
  departments: [['departments.create']],
  profiles: [['profiles.create']],
  memberships: [['memberships.create']],
  lock_decisions: [['lock_decisions.create']],
  gradebook_locks: [['gradebook_locks.create', 'gradebook_locks.lock', 'gradebook_locks.unlock']],
  school_deadlines: [['school_deadlines.create', 'school_deadlines.edit']],
  inspections: [['inspections.create']],
};

/** Actions a page offers on each of its rows (checked when the page shows rows). */
export const ROW_OFFERS: Partial<Record<Resource, string[][]>> = {
  enrolments: [['enrolments.edit']],
  memberships: [['memberships.delete', 'memberships.edit']],
  students: [['students.edit']],
};

/** The widest scope of any cell of an offer. */
export function offerScope(roles: readonly Role[], offer: readonly string[]): Scope {
  return offer.reduce<Scope>((w, cell) => widerScope(w, cellScope(roles, cell) ?? 'none'), 'none');
}

// ---------------------------------------------------------------------------------------------------
// The browser

/** One Chromium for the whole walk; each account gets a fresh context (no cookies, no storage). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
}

/** RPCs that write (everything else the admin calls is a read; the dossiers' review_, decide_, request_ and start_ ones too). */
const WRITE_RPC = /^(save|advance|import|reassign|change|link|set|create|update|delete|end|lock|unlock|grant|remove|record|add|approve|publish|propose|submit|reset|authorize|withdraw|appoint|send|acknowledge|generate|review|decide|request|start)_/;

/** Whether a request to the API would change something. */
export function isWrite(request: Request, apiUrl: string): boolean {
  const url = new URL(request.url());
  if (!request.url().startsWith(apiUrl)) return false;
  const method = request.method();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  if (url.pathname.startsWith('/auth/v1/token') || url.pathname.startsWith('/auth/v1/logout')) return false;
  if (url.pathname.startsWith('/rest/v1/rpc/')) return method !== 'POST' || WRITE_RPC.test(url.pathname.slice('/rest/v1/rpc/'.length));
  if (url.pathname.startsWith('/functions/v1/status')) return false;
  // Storage reads by POST: listing and signing URLs.
  if (/^\/storage\/v1\/object\/(list|sign)\//.test(url.pathname)) return false;
  return true;
}

/** How long nothing may go by on the wire for a page to count as settled. */
const QUIET_MS = 250;

/** What went by on the wire: requests in flight, refusals answered, writes the walk blocked. */
export class Wire {
  inflight = 0;
  lastChange = Date.now();
  refusals: string[] = [];
  blocked: string[] = [];

  constructor(readonly page: Page, readonly apiUrl: string) {}

  static async attach(context: BrowserContext, page: Page, apiUrl: string): Promise<Wire> {
    const wire = new Wire(page, apiUrl);
    const touch = (d: number) => {
      wire.inflight += d;
      wire.lastChange = Date.now();
    };
    page.on('request', () => touch(1));
    page.on('requestfinished', () => touch(-1));
    page.on('requestfailed', () => touch(-1));
    page.on('response', async (response) => {
      if (!response.url().startsWith(apiUrl) || response.status() < 400) return;
      const path = new URL(response.url()).pathname;
      let body = '';
      try {
        body = (await response.text()).slice(0, 300);
      } catch {
        /* the body is gone with a navigation */
      }
      if (response.status() === 401 || response.status() === 403 || /42501|row-level security|permission denied/i.test(body)) {
        wire.refusals.push(`${response.status()} ${response.request().method()} ${path} ${body}`);
      }
    });
    await context.route(`${apiUrl}/**`, async (route) => {
      if (isWrite(route.request(), apiUrl)) {
        wire.blocked.push(`${route.request().method()} ${new URL(route.request().url()).pathname}`);
        await route.abort('blockedbyclient');
      } else {
        await route.continue();
      }
    });
    return wire;
  }

  /**
   * Until nothing has been in flight for a quiet moment counted from now (so that effects a click or a
   * navigation just started have fired their requests: React runs them right after the render, and a
   * chained request starts as the previous one ends) and no spinner turns. Condition-based: no sleep of a
   * fixed length, only a quiet window of QUIET_MS.
   */
  async settle(timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    const deadline = start + timeoutMs;
    for (;;) {
      const quiet = this.inflight <= 0 && Date.now() - Math.max(this.lastChange, start) >= QUIET_MS;
      if (quiet) {
        const spinning = await this.page.locator('.ant-spin-spinning:visible, .ant-skeleton-active:visible').count();
        if (spinning === 0) return;
      }
      if (Date.now() > deadline) {
        trace(`     settle gave up after ${timeoutMs} ms: inflight=${this.inflight}`);
        return;
      }
      await this.page.waitForTimeout(50);
    }
  }
}

/**
 * Runs a navigation (`go`) and waits until the page content shown before it is gone and the new one has
 * settled: a single-page app changes the URL before it renders, so the URL alone is no proof. A `go` that
 * leaves the URL as it was (the menu entry of the page already open) replaces nothing: then only settle.
 */
export async function navigate(page: Page, wire: Wire, go: () => Promise<unknown>): Promise<void> {
  const before = page.url();
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.ant-layout-content > *, .ant-layout-content > * > *')) el.setAttribute('data-walk-stale', '');
  });
  await go();
  if (page.url() === before) {
    await page.evaluate(() => document.querySelectorAll('[data-walk-stale]').forEach((el) => el.removeAttribute('data-walk-stale')));
  } else {
    await timed('navigate: stale content gone', () =>
      page
        .waitForFunction(() => !document.querySelector('.ant-layout-content [data-walk-stale]') && !!document.querySelector('.ant-layout-content > *'), null, { timeout: 15_000 })
        .catch(() => trace('     navigate: stale content never went')),
    );
  }
  await timed('navigate: settle', () => wire.settle());
}

/** Opens a menu entry by clicking it, as a user does. */
export async function openMenu(page: Page, wire: Wire, name: string): Promise<void> {
  const link = page.locator(`[data-testid="app-menu"] [data-testid="menu-${name}"]`);
  await navigate(page, wire, () => link.click());
}

/** One visible clickable thing of the page's content (side menu and header left out). */
export interface Shown {
  /** Its order on the page when read (to find it again). */
  index: number;
  label: string;
  /** The data-action it carries (on itself, an ancestor, or a single inner element), or null. */
  action: string | null;
  disabled: boolean;
  /** The table row it sits in (data-row-key) and that row's text. */
  rowKey: string | null;
  rowText: string | null;
  /** An item of an open dropdown menu (opened by the walk from a row's trigger). */
  inMenu: boolean;
  testId: string | null;
}

/** Reads every visible button, link, menu item and [data-action] of the page's content. */
export async function readShown(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const outside = '.ant-layout-sider, .ant-layout-header, [data-testid="app-menu"], .ant-modal-root, .ant-drawer, .ant-popover, .ant-select-dropdown, .ant-picker-dropdown';
    const all = [...document.querySelectorAll('button, a[href], [role="button"], [data-action], .ant-dropdown-menu-item')];
    const candidates = new Set(all);
    const out: Shown[] = [];
    const elements: Element[] = [];
    // Reads only in this loop, writes after it: a write between layout reads would lay the page out again
    // for every element (a month of attendance is over a thousand cells).
    for (const el of all) {
      const inMenu = el.matches('.ant-dropdown-menu-item') || !!el.closest('.ant-dropdown-menu');
      if (!inMenu && el.closest(outside)) continue;
      if (inMenu && !el.matches('.ant-dropdown-menu-item')) continue;
      if (!visible(el)) continue;
      // A button inside a link (or a link inside a button) is one thing: keep the outer one.
      const outer = el.parentElement?.closest('button, a[href], [role="button"]');
      if (outer && !inMenu && candidates.has(outer) && visible(outer)) continue;
      const own = el.getAttribute('data-action') ?? el.closest('[data-action]')?.getAttribute('data-action') ?? null;
      const inner = el.querySelectorAll('[data-action]');
      const action = own ?? (inner.length === 1 ? inner[0]!.getAttribute('data-action') : null);
      const label = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
      const row = el.closest('tr');
      const disabled = el.matches(':disabled, [aria-disabled="true"], .ant-btn-disabled, .ant-dropdown-menu-item-disabled') || !!el.closest('button:disabled');
      elements.push(el);
      out.push({
        index: out.length,
        label,
        action,
        disabled,
        rowKey: row?.getAttribute('data-row-key') ?? null,
        rowText: row ? (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim().slice(0, 200) : null,
        inMenu,
        testId: el.getAttribute('data-testid'),
      });
    }
    elements.forEach((el, i) => el.setAttribute('data-walk-index', String(i)));
    return out;
  });
}

/**
 * Marks the toasts on screen now as seen, so that what a later click or page says is read alone: a toast
 * outlives the page that raised it by seconds (a write the walk blocked says "Không kết nối được máy chủ").
 */
export async function markToastsSeen(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.ant-notification-notice, .ant-message-notice').forEach((el) => el.setAttribute('data-walk-seen', '')));
}

/** Texts on screen that say the user was refused or something failed (403 page, error toasts not seen before, alerts). */
export async function readRefusals(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ denied }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const found: string[] = [];
      const text = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim().slice(0, 300);
      for (const el of document.querySelectorAll('.ant-result-403, .ant-result-404, .ant-result-error')) if (visible(el)) found.push(`page: ${text(el)}`);
      for (const el of document.querySelectorAll('.ant-notification-notice, .ant-message-notice, .ant-alert')) {
        if (!visible(el) || el.hasAttribute('data-walk-seen')) continue;
        const t = text(el);
        const error = el.querySelector('.ant-notification-notice-icon-error, .ant-message-error, .anticon-close-circle') || el.matches('.ant-alert-error');
        if (error || /không có quyền|không được phép|violates|row-level security|permission denied|JWT|42501|mã trạng thái/i.test(t)) found.push(`message: ${t}`);
      }
      const body = document.body.innerText;
      if (body.includes(denied) && !found.some((f) => f.includes(denied))) found.push(`text: ${denied}`);
      for (const raw of ['violates row-level security', 'permission denied for']) if (body.includes(raw) && !found.some((f) => f.includes(raw))) found.push(`text: …${raw}…`);
      return found;
    },
    { denied: vi.access.denied },
  );
}

/** Texts of table cells that show a raw uuid where a name belongs. */
export async function readIdsInCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
    return [...document.querySelectorAll('.ant-layout-content td, .ant-layout-content .ant-descriptions-item-content, .ant-layout-content .ant-select-selection-item')]
      .map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim())
      .filter((t) => uuid.test(t));
  });
}

/** Picker selects that choose what a page shows rows for (class, subject). */
const PICKERS = ['class-select', 'score-class-select', 'score-subject-select', 'quality-class-select'];

/**
 * Picks, for every empty class/subject picker of the page, the first option offered — or the option
 * named `prefer` when it is there. Returns the labels picked.
 */
export async function pickFirst(page: Page, wire: Wire, prefer?: string): Promise<string[]> {
  const picked: string[] = [];
  for (const testId of PICKERS) {
    // A picker may re-render while the page loads what it offers: try again on a fresh handle.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const label = await timed(`pick ${testId}`, () => pickOne(page, wire, testId, prefer));
        if (label !== null) picked.push(label);
        break;
      } catch {
        await page.keyboard.press('Escape');
        await wire.settle();
      }
    }
  }
  return picked;
}

async function pickOne(page: Page, wire: Wire, testId: string, prefer: string | undefined): Promise<string | null> {
  const select = page.locator(`.ant-layout-content [data-testid="${testId}"]`).first();
  if (!(await select.isVisible())) return null;
  const state = await select.evaluate((el) => ({ disabled: el.classList.contains('ant-select-disabled'), chosen: !!el.querySelector('.ant-select-selection-item') }));
  if (state.disabled || state.chosen) return null;
  await select.click({ timeout: 5000 });
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  if (!(await timed(`pick ${testId}: options`, () => options.first().waitFor({ timeout: 5000 })).then(() => true, () => false))) {
    await page.keyboard.press('Escape');
    return null;
  }
  const wanted = prefer && testId.includes('class') ? options.filter({ hasText: new RegExp(`^${prefer}$`) }) : null;
  const option = wanted && (await wanted.count()) > 0 ? wanted.first() : options.first();
  const label = ((await option.innerText({ timeout: 5000 })) || '').trim();
  await option.click({ timeout: 5000 });
  await timed(`pick ${testId}: settle`, () => wire.settle());
  return label;
}

/** Overlays a click may open: modal, drawer, popconfirm or popover, dropdown menu. */
const OVERLAYS = '.ant-modal-wrap:visible, .ant-drawer-open, .ant-popover:not(.ant-popover-hidden):visible, .ant-dropdown:not(.ant-dropdown-hidden):visible';

/** Until no overlay is open (true), or `ms` passed with one still open (false). Polls the page's state. */
async function overlaysGone(page: Page, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await page.locator(OVERLAYS).count()) === 0) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(50);
  }
}

/**
 * Closes whatever a click opened (modal, drawer, popconfirm, dropdown) without saving: the overlay's own
 * Hủy / Đóng button or close icon when it has one (a modal's Escape needs the focus inside it), else Escape
 * and the pointer moved away (a hover dropdown closes when it leaves); each time until nothing is open.
 * A button is clicked only when one is there: a locator that matches nothing would wait out its timeout.
 */
export async function closeOverlays(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await page.locator(OVERLAYS).count()) === 0) break;
    const cancel = page.locator('.ant-modal-wrap:visible, .ant-drawer-open, .ant-popover:visible').getByRole('button', { name: new RegExp(`^(${vi.common.cancel}|${vi.common.close}|Close|Cancel|No)$`) });
    const icon = page.locator('.ant-modal-close:visible, .ant-drawer-close:visible');
    const button = (await cancel.count()) > 0 ? cancel.first() : (await icon.count()) > 0 ? icon.first() : null;
    if (button) await button.click({ timeout: 2000 }).catch(() => undefined);
    else await page.keyboard.press('Escape');
    await page.mouse.move(1, 1);
    if (await timed(button ? 'close: button' : 'close: Escape', () => overlaysGone(page, 2000))) break;
  }
  await page.mouse.move(1, 1);
}

/** Opens the first row's action menu (a dropdown trigger in a table row), if any; true when open. */
export async function openFirstRowMenu(page: Page): Promise<boolean> {
  const trigger = page.locator('.ant-layout-content tr .ant-dropdown-trigger:visible').first();
  if ((await trigger.count()) === 0) return false;
  const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item').first();
  // Hover opens antd's default dropdown; a click-triggered one needs the click. The popup is rendered on
  // first open, which a loaded machine takes seconds to do.
  await timed('row menu: hover', () => trigger.hover());
  if (!(await timed('row menu: open on hover', () => menu.waitFor({ timeout: 5000 }).then(() => true, () => false)))) {
    await trigger.click();
    if (!(await timed('row menu: open on click', () => menu.waitFor({ timeout: 5000 }).then(() => true, () => false)))) return false;
  }
  // Read it once its opening animation is over (until then antd may still swap the popup's nodes).
  return timed('row menu: animation', () => page
    .waitForFunction(() => [...document.querySelectorAll('.ant-dropdown:not(.ant-dropdown-hidden)')].some((d) => !/-(appear|enter)/.test(d.className)), null, { timeout: 5000 })
    .then(() => true, () => false));
}
