// "In ấn và lưu trữ" in a real browser (issue 14, item 6): vanthu@ prints 2025–2026 12A2's transcripts
// as a batch and watches it finish (the stack's jobs runner does the work), then the whole of 2024–2025's
// grade 12 (graduates whose transcripts no other suite prints), finds the versions in the archive,
// previews a part of the class's gradebook and prints the whole book (the jobs worker prints it part by
// part; it downloads), records an application for a copy and issues it (a numbered PDF downloads); BGH
// reads the page without the office's buttons; a subject teacher has no such page. 2025–2026 12A2 is
// printed by no other suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { serviceClient, stackInfo } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const available = chromiumAvailable();
const fx = { cls: '', students: 0, code: '' };
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  const svc = serviceClient();
  const school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  const year = (await one(svc.from('school_years').select('id').eq('school_id', school).eq('code', '2025-2026'))).id as string;
  fx.cls = (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', '12A2'))).id as string;
  const all = (await svc.from('enrolments').select('student_id, end_reason, students(student_code)').eq('class_id', fx.cls)).data as unknown as { end_reason: string | null; students: { student_code: string } }[];
  const kept = all.filter((e) => e.end_reason !== 'class_change');
  fx.students = kept.length;
  fx.code = kept[0]!.students.student_code;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('In ấn và lưu trữ', () => {
  it('vanthu@ prints 2025–2026 12A2 as a batch and sees it finish; the archive lists the class\'s current versions', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'vanthu@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/documents`);
    await page.getByTestId('documents-page').waitFor();
    await page.getByTestId('year-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2025-2026' }).click();
    await page.getByTestId('batch-class').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^12A2$/ }).click();
    await page.getByTestId('batch-start').click();
    // The job exists once the RPC has answered (the page says so).
    await page.getByText('Đã đưa vào hàng đợi in.').waitFor({ timeout: 30_000 });
    const job = (await one(serviceClient().from('jobs').select('id, total').eq('kind', 'print_class').contains('params', { class_id: fx.cls }))) as { id: string; total: number };
    expect(job.total).toBe(fx.students);
    await expect.poll(async () => (await page.getByTestId(`job-counts-${job.id}`).textContent()) ?? '', { timeout: 150_000, interval: 1000 })
      .toBe(`${fx.students}/${fx.students} văn bản xong, 0 lỗi`);
    await page.getByRole('tab', { name: 'Lưu trữ' }).click();
    await page.getByTestId('archive-table').locator('tbody tr').filter({ hasText: '2025-2026' }).first().waitFor();
    expect(await page.getByTestId('archive-table').getByText('Đang có hiệu lực').count()).toBeGreaterThan(5);
    await page.close();
  }, 200_000);

  it('vanthu@ prints a whole grade (2024–2025 grade 12): a job per class, each finishing with every student', async () => {
    const svc = serviceClient();
    const school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
    const year = (await one(svc.from('school_years').select('id').eq('school_id', school).eq('code', '2024-2025'))).id as string;
    const { data: grade12 } = await svc.from('classes').select('id, name').eq('school_year_id', year).eq('grade', 12);
    expect(grade12!.length).toBeGreaterThan(1);
    const page = await browser.context.newPage();
    await signIn(page, 'vanthu@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/documents`);
    await page.getByTestId('documents-page').waitFor();
    await page.getByTestId('year-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2024-2025' }).click();
    await page.getByTestId('batch-scope').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Một khối' }).click();
    await page.getByTestId('batch-grade').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Khối 12' }).click();
    await page.getByTestId('batch-start').click();
    await page.getByText(`Đã đưa ${grade12!.length} lớp vào hàng đợi in.`).waitFor({ timeout: 30_000 });
    for (const c of grade12!) {
      const job = (await one(svc.from('jobs').select('id, total').eq('kind', 'print_class').contains('params', { class_id: c.id }))) as { id: string; total: number };
      expect(job.total, c.name).toBeGreaterThan(20);
      await expect.poll(async () => (await page.getByTestId(`job-counts-${job.id}`).textContent()) ?? '', { timeout: 150_000, interval: 1000 })
        .toBe(`${job.total}/${job.total} văn bản xong, 0 lỗi`);
    }
    await page.close();
  }, 360_000);

  it('vanthu@ previews a part of 2025–2026 12A2\'s gradebook, then prints the whole book and downloads it', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'vanthu@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/documents`);
    await page.getByRole('tab', { name: 'Sổ theo dõi lớp' }).click();
    const tab = page.getByRole('tabpanel', { name: 'Sổ theo dõi lớp' });
    await tab.getByTestId('year-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2025-2026' }).last().click();
    await tab.getByTestId('gradebook-class').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^12A2$/ }).last().click();
    const toan = tab.getByTestId('gradebook-parts').locator('tbody tr').filter({ hasText: 'Môn Toán' });
    await toan.getByRole('button', { name: 'Xem trước' }).click();
    // the part's two pages (semesters I and II), drawn by pdf.js in the page
    await expect.poll(async () => tab.getByTestId('gradebook-preview').getByTestId('pdf-page').count(), { timeout: 30_000 }).toBe(2);
    await tab.getByTestId('gradebook-print').click();
    // Printed part by part by the jobs worker (or already archived by another suite: then it downloads at once).
    const download = page.waitForEvent('download', { timeout: 180_000 });
    void tab.getByTestId('gradebook-download').waitFor({ timeout: 180_000 }).then(() => tab.getByTestId('gradebook-download').click()).catch(() => undefined);
    expect((await download).suggestedFilename()).toBe('so-theo-doi-lop-12A2-2025-2026.pdf');
    await page.close();
  }, 240_000);

  it('vanthu@ records an application for a copy and issues it: a numbered PDF downloads and the register shows n/SY', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'vanthu@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/documents`);
    await page.getByRole('tab', { name: 'Sổ cấp bản sao' }).click();
    await page.getByTestId('copy-apply').click();
    // Bad input first: an unknown student code is refused in a sentence, nothing is recorded.
    await page.getByTestId('copy-student-code').fill('999999999');
    await page.getByTestId('copy-applicant').fill('Trần Thị Lan');
    await page.getByTestId('copy-relation').fill('Mẹ');
    await page.getByTestId('copy-reason').fill('Mất học bạ khi chuyển nhà');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Không tìm thấy học sinh có mã này trong trường.').waitFor();
    await page.getByTestId('copy-student-code').fill(fx.code);
    await page.getByRole('button', { name: 'Lưu' }).click();
    const row = page.getByTestId('copies-table').locator('tbody tr').filter({ hasText: 'Trần Thị Lan' });
    await row.getByText('Chưa cấp').waitFor();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Cấp bản sao' }).click();
    expect((await download).suggestedFilename()).toMatch(/^ban-sao-hoc-ba-.*\.pdf$/);
    await row.getByText(/^\d+\/SY \(2026\)$/).waitFor();
    await row.getByRole('button', { name: 'Tải lại bản sao' }).waitFor();
    await page.close();
  }, 90_000);

  it('hieutruong@ reads the page without the office\'s buttons; gv.toan@ has no such page in the menu', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'hieutruong@thpt-tandong.edu.vn');
    await page.goto(`${stackInfo().adminUrl}#/documents`);
    await page.getByTestId('documents-page').waitFor();
    await page.getByTestId('jobs-table').waitFor();
    expect(await page.locator('[data-action^="documents."]').count()).toBe(0);
    await page.close();
    const teacher = await browser.context.newPage();
    await signIn(teacher, 'gv.toan@thpt-tandong.edu.vn');
    await teacher.getByTestId('menu-score_entries').waitFor();
    expect(await teacher.getByTestId('menu-documents').count()).toBe(0);
    await teacher.close();
  }, 60_000);
});
