// Printing and verifying in a real browser: vanthu@ opens a 12A1 student's record, prints the 2025–2026
// year (final: archived), sees its pages previewed (react-pdf) and the archive's verification code;
// somebody with no account opens the code's verification page, reads what it is and that it is current,
// then drops the PDF on the page (hashed in the browser) — the genuine file matches, a file with one
// byte changed does not. 12A1's 2025–2026 transcripts are printed by no other suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const available = chromiumAvailable();
const fx = { student: '', name: '', code: '', pdf: Buffer.alloc(0) };
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  const svc = serviceClient();
  const school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  const year = (await one(svc.from('school_years').select('id').eq('school_id', school).eq('code', '2026-2027'))).id as string;
  const cls = (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', '12A1'))).id as string;
  const row = await one(svc.from('enrolments').select('student_id, students(full_name)').eq('class_id', cls).is('ended_on', null).order('student_id').limit(1));
  fx.student = row.student_id as string;
  fx.name = (row as unknown as { students: { full_name: string } }).students.full_name;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('print and verify in the browser', () => {
  it('vanthu@ previews the 2025–2026 transcript of a 12A1 student: two pages, archived with a verification code', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'vanthu@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/students/show/${fx.student}`);
    await page.getByTestId('student-edit-page').waitFor();
    await page.locator('[data-action="students.print"]').click();
    await page.getByTestId('print-what').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Năm học 2025-2026' }).click();
    await page.getByTestId('print-preview').click();
    await page.locator('[data-testid="pdf-page"] canvas').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('pdf-page').count()).toBe(2);
    const archived = await page.getByText(/Bản chính đã lưu trữ: phiên bản \d+, mã xác thực [A-Z2-9]{16}/).textContent();
    fx.code = /([A-Z2-9]{16})/.exec(archived!)![1]!;
    await page.close();
  }, 90_000);

  it('without an account, the code\'s page says what the document is and that it is current; the genuine PDF matches, a changed one does not', async () => {
    // The same archived version over the API (same bytes as the preview's).
    const clerk = await signedIn('vanthu@thpt-tandong.edu.vn');
    const { data: years } = await serviceClient().from('school_years').select('id').eq('code', '2025-2026')
      .eq('school_id', (await one(serviceClient().from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string);
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/print`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${(await clerk.auth.getSession()).data.session!.access_token}`, apikey: stackInfo().anonKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ document: 'transcript', student_id: fx.student, school_year_id: years![0]!.id }),
    });
    expect(res.headers.get('x-verification-code')).toBe(fx.code);
    fx.pdf = Buffer.from(await res.arrayBuffer());

    const page = await browser.context.newPage();
    // Signed out: the profile's stored session is cleared before the admin's code runs, so the page is
    // opened as a visitor's (clearing it in a loaded, signed-in admin raced with its own session check,
    // which could send the page to the login form first).
    await page.addInitScript(() => localStorage.clear());
    await page.goto(`${stackInfo().adminUrl}#/verify/${fx.code}`);
    await page.getByTestId('verify-page').waitFor();
    await expect.poll(() => page.getByTestId('verify-status').textContent()).toBe('Đang có hiệu lực');
    const text = await page.getByTestId('verify-page').textContent();
    expect(text).toContain('Học bạ (một năm học)');
    expect(text).toContain('Trường THPT Tân Đông');
    expect(text).toContain('2025-2026');
    // Nothing of the name but its initials.
    expect(text).not.toContain(fx.name);
    const initials = fx.name.split(/\s+/).map((w) => `${w[0]!.toLocaleUpperCase('vi')}.`).join('');
    expect(text).toContain(initials);

    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'hoc-ba.pdf', mimeType: 'application/pdf', buffer: fx.pdf });
    await expect.poll(() => page.getByTestId('verify-match').textContent()).toBe('Tệp trùng khớp từng byte với văn bản đã lưu trữ.');
    const changed = Buffer.from(fx.pdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = changed[at]! ^ 1;
    await input.setInputFiles({ name: 'hoc-ba-sua.pdf', mimeType: 'application/pdf', buffer: changed });
    await expect.poll(() => page.getByTestId('verify-match').textContent()).toContain('KHÔNG trùng khớp');
    await page.close();
  }, 90_000);
});
