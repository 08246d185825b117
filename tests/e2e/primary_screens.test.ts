// A primary class shows TT27 screens only (issue 18, item 4), in Chromium as gvcn.3a (homeroom of 3A at
// Tiểu học Tân Đông): no Rèn luyện in the menu, the conduct page opened by its address says in a sentence
// that it does not apply (and nothing TT22 is on it); the class summary of 3A has TT27's columns only —
// subject levels, qualities, the year result and programme completion of last year's 3A, checked
// against public.primary_results — and no ĐTB / học lực / hạnh kiểm column. Then the Tiếng Việt sheet of
// 3A, semester I, goes to Excel and back: exported (the demo's mid-semester levels in the file), edited,
// imported — a file with one bad row is previewed with its Lỗi column and refused whole (nothing saved),
// the corrected file is saved. Works on three pupils of this year's 3A in the middle by id (the API and
// progress tests of 3A take the first ten and the last four, in semester II) and reads last year's 3A.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf, yearsOf } from '../helpers/accounts.ts';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { one } from '../helpers/corrections.ts';
import { serviceClient, stackInfo } from '../helpers/stack.ts';

const GVCN = 'gvcn.3a@th-tandong.edu.vn';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEST_RULE = 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10';
const available = chromiumAvailable();
const fx = { school: '', year: '', past: '', cls: '', clsPast: '', tv: '', pupils: [] as { id: string; code: string }[] };
let browser: Browser;

async function open(hash: string): Promise<Page> {
  const page = await browser.context.newPage();
  await signIn(page, GVCN);
  await page.goto(`${stackInfo().adminUrl}#${hash}`);
  return page;
}

/** The pupils' end-of-semester-I Tiếng Việt rows (level, test score, comment), by student id. */
async function ckRows(): Promise<Map<string, { level: string | null; score: number | null; comment: string | null }>> {
  const { data } = await serviceClient().from('score_entries').select('student_id, level, score, comment')
    .in('student_id', fx.pupils.map((p) => p.id)).eq('subject_id', fx.tv).eq('school_year_id', fx.year).eq('semester', 1).eq('kind', 'ck');
  return new Map((data ?? []).map((r) => [r.student_id, { level: r.level, score: r.score === null ? null : Number(r.score), comment: r.comment }]));
}

beforeAll(async () => {
  if (!available) return;
  const svc = serviceClient();
  fx.school = await unitOf('th-tandong');
  const years = await yearsOf(fx.school);
  fx.year = years.current;
  fx.past = years.past!;
  fx.cls = (await one(svc.from('classes').select('id').eq('school_year_id', fx.year).eq('name', '3A'))).id as string;
  fx.clsPast = (await one(svc.from('classes').select('id').eq('school_year_id', fx.past).eq('name', '3A'))).id as string;
  fx.tv = (await one(svc.from('subjects').select('id').eq('school_level', 'primary').eq('code', 'tieng_viet'))).id as string;
  const enrolled = (await svc.from('enrolments').select('student_id, students!inner(student_code)').eq('class_id', fx.cls).is('ended_on', null).order('student_id')).data as unknown as
    { student_id: string; students: { student_code: string } }[];
  fx.pupils = enrolled.slice(12, 15).map((e) => ({ id: e.student_id, code: e.students.student_code }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('a primary class shows TT27 screens only', () => {
  it('gvcn.3a has no Rèn luyện in the menu; the conduct page opened by its address says it does not apply', async () => {
    const page = await open('/');
    await page.getByTestId('menu-dashboard').waitFor();
    const menu = await page.locator('[data-testid="app-menu"] [data-testid^="menu-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(menu).toEqual(expect.arrayContaining(['menu-score_entries', 'menu-student_results']));
    expect(menu).not.toContain('menu-conduct_ratings');

    await page.goto(`${stackInfo().adminUrl}#/conduct_ratings`);
    const notice = page.getByTestId('regime-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Màn hình “Rèn luyện” thuộc Thông tư 22 (trung học cơ sở, trung học phổ thông) và không áp dụng cho tiểu học');
    expect(await page.getByTestId('conduct-table').count()).toBe(0);
    expect(await page.locator('.ant-layout-content').textContent()).not.toMatch(/Mức rèn luyện|Khá|Chưa đạt/);
    // It leads to the TT27 screens instead.
    await notice.getByRole('link', { name: 'Tổng hợp kết quả giáo dục' }).click();
    await page.getByTestId('student-results-tt27').waitFor();
    await page.close();
  });

  it('the summary of 3A has TT27 columns only, and last year’s year results and programme completion as Postgres computes them', async () => {
    const page = await open('/student_results');
    const notice = page.getByTestId('student-results-tt27');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Lớp 3A là lớp tiểu học, đánh giá theo Thông tư 27');
    const tt22 = /ĐTB|Điểm trung bình|Học lực|Hạnh kiểm|Kết quả học tập|Kết quả rèn luyện|KQRL|Khen thưởng|Lên lớp/i;
    const headers = async () => (await page.locator('[data-testid="student-results-table"] thead').textContent()) ?? '';
    await expect.poll(headers).toContain('Phẩm chất, năng lực');
    expect(await headers()).not.toMatch(tt22);
    expect(await page.getByTestId('period-2').count()).toBe(0);

    // Last year's 3A at the end of the year: the result and the completion of each pupil, and the totals.
    await page.getByTestId('year-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '2025-2026' }).first().click();
    await page.getByTestId('period-year').click();
    const svc = serviceClient();
    const rows = (await svc.from('primary_results').select('student_id, year_result, completion').eq('class_id', fx.clsPast)).data ?? [];
    expect(rows.length).toBeGreaterThan(20);
    const codes = new Map(((await svc.from('students').select('id, student_code').in('id', rows.map((r) => r.student_id!))).data ?? []).map((s) => [s.id, s.student_code]));
    const LABELS: Record<string, string> = { xuat_sac: 'Hoàn thành xuất sắc', tot: 'Hoàn thành tốt', hoan_thanh: 'Hoàn thành', chua_hoan_thanh: 'Chưa hoàn thành' };
    const COMPLETION: Record<string, string> = { lop_hoc: 'Hoàn thành chương trình lớp học', chua: 'Chưa hoàn thành chương trình lớp học' };
    for (const r of rows.slice(0, 5)) {
      const code = codes.get(r.student_id!)!;
      await expect.poll(() => page.getByTestId(`result-${code}-year_result`).textContent(), { timeout: 20_000 }).toBe(LABELS[r.year_result!]);
      expect(await page.getByTestId(`result-${code}-completion`).textContent()).toBe(COMPLETION[r.completion!]);
    }
    expect(await headers()).not.toMatch(tt22);
    expect(await headers()).toContain('Kết quả giáo dục');
    const excellent = rows.filter((r) => r.year_result === 'xuat_sac').length;
    const share = ((excellent * 100) / rows.length).toFixed(1).replace('.', ',');
    expect(await page.getByTestId('total-result-xuat_sac').textContent()).toBe(`Hoàn thành xuất sắc: ${excellent} (${share}%)`);
    await page.close();
  });

  it('exports Tiếng Việt HK I of 3A to Excel, a file with a bad row is refused whole (Lỗi column, nothing saved), the corrected file is saved', async () => {
    const page = await open(`/score_entries?class=${fx.cls}&subject=${fx.tv}&semester=1`);
    await page.getByTestId('score-grid').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('score-export').click()]);
    expect(download.suggestedFilename()).toBe('So-diem-3A-tieng_viet-HK1.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['STT', 'Mã học sinh', 'Họ và tên', 'Mức giữa kỳ', 'Nhận xét giữa kỳ', 'Mức cuối kỳ', 'KTĐK cuối kỳ', 'Nhận xét cuối kỳ']);
    const rowOf = (code: string) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(2).value === code) found = n;
      });
      if (!found) throw new Error(`${code} is not in the exported file`);
      return ws.getRow(found);
    };
    // The demo's mid-semester I levels are in the file, as the database has them.
    const { data: gk } = await serviceClient().from('score_entries').select('student_id, level').eq('subject_id', fx.tv).eq('school_year_id', fx.year).eq('semester', 1).eq('kind', 'gk').in('student_id', fx.pupils.map((p) => p.id));
    expect(gk?.length).toBe(3);
    for (const p of fx.pupils) expect(rowOf(p.code).getCell(4).value).toBe(gk!.find((g) => g.student_id === p.id)!.level);
    expect([...(await ckRows()).values()]).toEqual([]);

    const [a, b, c] = fx.pupils as [{ code: string; id: string }, { code: string; id: string }, { code: string; id: string }];
    const fill = (code: string, level: string, test: number, comment: string) => {
      const row = rowOf(code);
      row.getCell(6).value = level;
      row.getCell(7).value = test;
      row.getCell(8).value = comment;
    };
    fill(a.code, 'T', 9, 'Đọc lưu loát, viết đúng chính tả.');
    fill(b.code, 'h', 7, '- Cần luyện viết chữ hoa.');
    fill(c.code, 'T', 11, 'Tiến bộ rõ.');
    const upload = async () => {
      await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'so-diem-3A.xlsx', mimeType: XLSX, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    };

    await page.getByTestId('score-import-open').click();
    await upload();
    await page.getByTestId('score-import-errors').waitFor();
    expect(await page.getByTestId('score-import-errors').textContent()).toBe('Không thể nhập: 1 dòng có lỗi, chưa ghi gì vào hệ thống');
    expect(await page.locator('.ant-modal thead').textContent()).toContain('Lỗi');
    const bad = rowOf(c.code).number;
    expect(await page.getByTestId(`import-row-error-${bad}`).textContent()).toBe(`KTĐK cuối kỳ: ${TEST_RULE}`);
    expect(await page.getByTestId(`import-row-error-${rowOf(a.code).number}`).count()).toBe(0);
    expect(await page.getByTestId('score-import-commit').isDisabled()).toBe(true);
    expect([...(await ckRows()).values()]).toEqual([]);

    // Corrected and chosen again: valid, saved in one call.
    rowOf(c.code).getCell(7).value = 10;
    await upload();
    await page.getByTestId('score-import-ready').waitFor();
    expect(await page.getByTestId('score-import-ready').textContent()).toBe('Hợp lệ: 9 ô (mức, điểm KTĐK, nhận xét) sẽ được ghi, 0 ô sẽ bị xoá');
    await page.getByTestId('score-import-commit').click();
    await page.locator('.ant-message').getByText('Đã lưu 3 đánh giá').waitFor();
    const saved = await ckRows();
    expect(saved.get(a.id)).toEqual({ level: 'T', score: 9, comment: 'Đọc lưu loát, viết đúng chính tả.' });
    expect(saved.get(b.id)).toEqual({ level: 'H', score: 7, comment: '- Cần luyện viết chữ hoa.' });
    expect(saved.get(c.id)).toEqual({ level: 'T', score: 10, comment: 'Tiến bộ rõ.' });
    // The grid shows them once reloaded.
    await expect.poll(() => page.getByTestId(`score-cell-${a.code}-ck_test`).inputValue()).toBe('9');
    await page.close();
  });
});
