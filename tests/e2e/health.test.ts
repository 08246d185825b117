// "Y tế trường học" in a real browser (issue 16) on this year's 10A1 of THPT Tân Đông (the API test writes
// 10A2 and 11A1): the nurse enters the class's measurement round — BMI and the nutrition status appear
// as she types, 250 cm and 0 kg are refused with the database's Vietnamese sentence beside their rows and
// nothing typed is lost — records a clinic visit and the class's vision screening, and sends the yearly
// notice; the guardian, on a 360×740 phone, reads the child's book and acknowledges the notice without
// the page scrolling sideways; the GVCN reads the class's allergies with their action plans, a subject
// teacher only that a student has an alert and the severe case's plan; the Sở reads counts without
// names; the principal's read of a whole book appears in the access log. One person's page at a time.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { serviceClient, stackInfo } from '../helpers/stack.ts';
import { unitOf, yearsOf } from '../helpers/accounts.ts';
import { demoStudent } from '../../supabase/seed/demo.ts';

const available = chromiumAvailable();
const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const fx = { school: '', year: '', c10a1: '', enrolled: 0, child: '', severe: '', severeName: '', peanutName: '' };
let browser: Browser;
let page: Page | undefined;

/** Opens `hash` as `email` in a fresh page (the previous person's page is closed first). */
async function open(email: string, hash: string, viewport?: { width: number; height: number }): Promise<Page> {
  await page?.close();
  page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  if (viewport) await page.setViewportSize(viewport);
  await signIn(page, email);
  await page.goto(`${stackInfo().adminUrl}#/${hash}`);
  return page;
}

async function pick(p: Page, testId: string, text: string | RegExp) {
  await p.getByTestId(testId).click();
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

const svc = serviceClient();

beforeAll(async () => {
  if (!available) return;
  fx.school = await unitOf('thpt-tandong');
  fx.year = (await yearsOf(fx.school)).current;
  fx.c10a1 = (await svc.from('classes').select('id').eq('school_year_id', fx.year).eq('name', '10A1').single()).data!.id;
  fx.enrolled = (await svc.from('enrolments').select('student_id', { count: 'exact', head: true }).eq('class_id', fx.c10a1).is('ended_on', null)).count!;
  fx.child = (await svc.from('students').select('id').eq('student_code', demoStudent().student_code).single()).data!.id;
  const severe = (await svc.from('health_conditions').select('student_id, students!inner(full_name, enrolments!inner(class_id))')
    .eq('severity', 'severe').eq('name', 'Hen phế quản').eq('students.enrolments.class_id', fx.c10a1).single()).data!;
  fx.severe = severe.student_id;
  fx.severeName = (severe.students as unknown as { full_name: string }).full_name;
  fx.peanutName = (await svc.from('health_allergies').select('students!inner(full_name)').eq('agent', 'Đậu phộng (lạc)').single()).data!.students.full_name ?? '';
  browser = await launchBrowser();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !process.env.SDT_SHOTS) return;
  await page?.screenshot({ path: `${process.env.SDT_SHOTS}/health-${ctx.task.name.slice(0, 20)}.png`, fullPage: true }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('Y tế trường học, lớp 10A1', () => {
  it('the nurse enters the measurement round: BMI and status as typed; 250 cm and 0 kg refused in Vietnamese beside their rows, nothing lost', async () => {
    const p = await open(at('yte'), 'health');
    await p.getByTestId('nurse-overview').waitFor();
    await p.getByRole('tab', { name: 'Đo sức khỏe' }).click();
    await pick(p, 'measure-class', /^10A1$/);
    await p.locator('#measure-cell-2-0').waitFor();
    const code = async (row: number) => (await p.locator(`#measure-cell-${row}-0`).getAttribute('data-testid'))!.replace('measure-height_cm-', '');
    const [a, b, c] = [await code(0), await code(1), await code(2)];
    // Keyboard entry as in the gradebook: Enter moves down the column.
    await p.locator('#measure-cell-0-0').fill('165');
    await p.locator('#measure-cell-0-0').press('Enter');
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('measure-cell-1-0');
    await p.keyboard.type('250');
    await p.keyboard.press('Enter');
    await p.keyboard.type('160');
    await p.getByTestId(`measure-weight_kg-${a}`).fill('55');
    await p.getByTestId(`measure-weight_kg-${b}`).fill('50');
    await p.getByTestId(`measure-weight_kg-${c}`).fill('0');
    await p.getByTestId(`measure-systolic-${a}`).fill('110');
    await p.getByTestId(`measure-diastolic-${a}`).fill('70');
    await p.getByTestId(`measure-vision_left-${a}`).fill('10');
    await p.getByTestId(`measure-vision_right-${a}`).fill('9');
    await expect.poll(() => p.getByTestId(`measure-bmi-${a}`).textContent()).toBe('20,2');
    await expect.poll(() => p.getByTestId(`measure-status-${a}`).textContent()).toMatch(/^(bình thường|gầy còm|gầy còm nặng|thừa cân|béo phì|không phân loại)$/);
    const typedStatus = await p.getByTestId(`measure-status-${a}`).textContent();
    await p.getByTestId('measures-save').click();
    await expect.poll(() => p.getByTestId(`measure-problem-${b}`).textContent()).toBe('Chiều cao 250 cm không hợp lệ: nhập từ 50 đến 220 cm.');
    await expect.poll(() => p.getByTestId(`measure-problem-${c}`).textContent()).toBe('Cân nặng 0 kg không hợp lệ: nhập từ 8 đến 150 kg.');
    expect(await p.getByTestId(`measure-height_cm-${b}`).inputValue()).toBe('250');
    expect(await p.getByTestId(`measure-weight_kg-${c}`).inputValue()).toBe('0');
    expect(await p.getByTestId(`measure-problem-${a}`).count()).toBe(0);
    // Only the good row is written, with what the grid showed.
    const rows = (await svc.from('student_measures').select('student_id, height_cm, weight_kg, bmi, bmi_status, systolic, vision_right, students!inner(student_code)')
      .eq('class_id', fx.c10a1).eq('measured_on', '2026-11-23')).data!;
    expect(rows.map((r) => (r.students as unknown as { student_code: string }).student_code)).toEqual([a]);
    expect(rows[0]).toMatchObject({ height_cm: 165, weight_kg: 55, bmi: 20.2, bmi_status: typedStatus, systolic: 110, vision_right: 9 });
    // The refused row corrected: saved, its message gone.
    await p.getByTestId(`measure-height_cm-${b}`).fill('170');
    await p.getByTestId('measures-save').click();
    await expect.poll(() => p.getByTestId(`measure-problem-${b}`).count()).toBe(0);
    await expect.poll(() => p.getByTestId(`measure-problem-${c}`).textContent()).toBe('Cân nặng 0 kg không hợp lệ: nhập từ 8 đến 150 kg.');
  });

  it('the nurse records a clinic visit, the vision screening of 10A1 and sends the yearly notice to its families', async () => {
    const p = await open(at('yte'), 'health');
    await p.getByRole('tab', { name: 'Phòng y tế' }).click();
    await p.getByTestId('clinic-add').click();
    await p.getByTestId('clinic-student').click();
    await p.getByTestId('clinic-student').locator('input').fill(demoStudent().student_code);
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: demoStudent().student_code }).click();
    await p.getByTestId('clinic-complaint').fill('Đau bụng sau giờ ra chơi');
    await p.getByTestId('clinic-treatment').fill('Nghỉ tại phòng y tế 20 phút');
    await p.getByTestId('clinic-ok').click();
    await p.locator('.ant-message').getByText('Đã ghi lượt đến phòng y tế.').waitFor();
    await p.getByTestId('clinic-visits').getByText('Đau bụng sau giờ ra chơi').waitFor();
    const visit = (await svc.from('clinic_visits').select('class_id, outcome').eq('student_id', fx.child).eq('complaint', 'Đau bụng sau giờ ra chơi').single()).data!;
    expect(visit).toEqual({ class_id: fx.c10a1, outcome: 'back_to_class' });

    await p.getByRole('tab', { name: 'Khám sàng lọc' }).click();
    await pick(p, 'screening-class', /^10A1$/);
    await p.getByTestId(`screening-result-${demoStudent().student_code}`).waitFor();
    await p.getByTestId('screening-examiner').fill('BS. Trần Thị Hạnh');
    await p.getByTestId('screening-all-normal').click();
    await p.getByTestId(`screening-result-${demoStudent().student_code}`).getByText('Có vấn đề').click();
    await p.getByTestId(`screening-note-${demoStudent().student_code}`).fill('Cận thị nhẹ, đề nghị đo kính');
    await p.getByTestId('screenings-save').click();
    await p.locator('.ant-message').getByText(`Đã lưu ${fx.enrolled} học sinh.`).waitFor();
    const screened = (await svc.from('health_screenings').select('student_id, result, examiner').eq('class_id', fx.c10a1).eq('kind', 'vision').eq('screened_on', '2026-11-23')).data!;
    expect(screened.length).toBe(fx.enrolled);
    expect(screened.find((s) => s.student_id === fx.child)).toMatchObject({ result: 'finding', examiner: 'BS. Trần Thị Hạnh' });

    await p.getByRole('tab', { name: 'Thông báo' }).click();
    await p.getByTestId('notice-yearly-10A1').click();
    await expect.poll(() => p.getByTestId('notice-sent-yearly-10A1').textContent()).toBe(`Đã gửi ${fx.enrolled} thông báo.`);
    const notices = (await svc.from('health_notices').select('student_id, body').eq('school_year_id', fx.year).eq('kind', 'yearly').eq('student_id', fx.child)).data!;
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toMatch(/Mắt \(thị lực, tật khúc xạ\) \(23\/11\/2026\): Có vấn đề \(theo dõi\) — Cận thị nhẹ/);
  });

  it('the nurse imports 10A1\'s dental screening from Excel: a file with an unknown code is checked, its row named, nothing written; the corrected file is written whole', async () => {
    const pupils = (await svc.from('enrolments').select('students!inner(student_code)').eq('class_id', fx.c10a1).is('ended_on', null).limit(3)).data!
      .map((e) => (e.students as unknown as { student_code: string }).student_code);
    const file = async (codes: string[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Răng miệng');
      ws.addRow(['Mã học sinh', 'Ngày khám', 'Kết quả', 'Ghi chú', 'Người khám']);
      codes.forEach((c, i) => ws.addRow([c, '10/11/2026', i === 0 ? 'Có vấn đề' : 'Bình thường', i === 0 ? 'Sâu răng' : null, 'BS. Phạm Văn Khoa']));
      return { name: 'rang-mieng-10a1.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
    };
    const dental = async () => (await svc.from('health_screenings').select('id', { count: 'exact', head: true })
      .eq('class_id', fx.c10a1).eq('kind', 'dental').eq('screened_on', '2026-11-10')).count;
    const p = await open(at('yte'), 'health');
    await p.getByRole('tab', { name: 'Nhập từ Excel' }).click();
    await pick(p, 'import-kind', 'Khám răng miệng');
    await p.getByTestId('health-import').locator('input[type=file]').setInputFiles(await file([...pupils, '9999999999']));
    await p.getByTestId('import-check').click();
    await p.getByText('Không có học sinh mã 9999999999 ở trường.').waitFor();
    await p.getByText(/1\/4 dòng có lỗi/).waitFor();
    expect(await p.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await dental()).toBe(0);
    await p.getByTestId('health-import').locator('input[type=file]').setInputFiles(await file(pupils));
    await p.getByTestId('import-check').click();
    await p.getByText('Cả 3 dòng hợp lệ. Bấm "Ghi vào sổ" để ghi.').waitFor();
    await p.getByTestId('import-commit').click();
    await p.getByText('Đã ghi 3 dòng vào sổ theo dõi sức khỏe.').waitFor();
    expect(await dental()).toBe(3);
  });

  it('the guardian, on a 360×740 phone, reads the child\'s book and acknowledges the notice; the page never scrolls sideways', async () => {
    const page = await open('phuhuynh@thpt-tandong.edu.vn', 'health', { width: 360, height: 740 });
    // Her two children's books, one under the other; this one is the 10A1 child's.
    const p = page.getByTestId(`family-health-${demoStudent().student_code}`);
    await p.waitFor();
    expect(await page.locator('[data-testid^="family-health-"]').count()).toBe(2);
    await p.getByTestId('book-allergies').getByText('Phấn hoa').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // One column on a phone: the notices first, then the book's parts, no tabs to find.
    await p.getByTestId('book-clinic').getByText('Đau bụng sau giờ ra chơi').waitFor();
    const notice = p.getByTestId('book-notice').filter({ hasText: 'Thông báo sức khỏe năm học' });
    await notice.getByText('Cận thị nhẹ, đề nghị đo kính').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await notice.getByTestId('notice-acknowledge').click();
    await notice.getByTestId('notice-acknowledged').waitFor();
    const row = (await svc.from('health_notices').select('acknowledged_at').eq('student_id', fx.child).eq('kind', 'yearly').eq('school_year_id', fx.year).single()).data!;
    expect(row.acknowledged_at).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('the GVCN reads the class\'s allergy "Đậu phộng (lạc)" with its action plan, and no clinic notes', async () => {
    const p = await open(at('gvcn.10a1'), 'health_alerts');
    await pick(p, 'alerts-class', /^10A1$/);
    const peanut = p.getByTestId('health-alerts').locator('tr').filter({ hasText: 'Đậu phộng (lạc)' });
    await peanut.waitFor();
    expect(await peanut.textContent()).toContain(fx.peanutName);
    expect(await peanut.textContent()).toMatch(/Tránh mọi món có lạc/);
    const text = (await p.getByTestId('health-alerts').textContent())!;
    expect(text).toMatch(/Hen phế quản/);
    expect(text).not.toMatch(/Đau bụng sau giờ ra chơi|Paracetamol|Nhiệt độ|BMI/);
  });

  it('a subject teacher reads only that students have an alert and the severe case\'s action plan', async () => {
    const p = await open(at('gv.toan'), 'health_alerts');
    await pick(p, 'alerts-class', /^10A1$/);
    const severe = p.getByTestId('health-alerts').locator('tr').filter({ hasText: 'Hen phế quản' });
    await severe.waitFor();
    expect(await severe.textContent()).toContain(fx.severeName);
    expect(await severe.textContent()).toMatch(/salbutamol/);
    const text = (await p.getByTestId('health-alerts').textContent())!;
    expect(text).toContain('Có lưu ý sức khỏe');
    expect(text).not.toMatch(/Đậu phộng|Phấn hoa|Cận thị/);
  });

  it('the Sở reads THPT Tân Đông\'s counts, under 5 as "< 5", without any name', async () => {
    const p = await open('so@tayninh.edu.vn', 'health');
    const card = p.getByTestId('officer-school-Trường THPT Tân Đông');
    await card.getByTestId('health-report-table').getByText('Tổng cộng').waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain('< 5');
    expect(text).not.toContain(demoStudent().full_name);
    expect(text).not.toContain(fx.severeName);
  });

  it('the principal reads a whole book (told the read is logged) and finds the read in the access log', async () => {
    const p = await open(at('hieutruong'), 'health');
    await p.getByTestId('health-report-table').getByText('Tổng cộng').waitFor();
    await p.getByRole('tab', { name: 'Sổ sức khỏe' }).click();
    await pick(p, 'book-class', /^10A1$/);
    await p.getByTestId('book-student').click();
    await p.getByTestId('book-student').locator('input').fill(fx.severeName);
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: fx.severeName }).first().click();
    await p.getByTestId('book-open').click();
    await expect.poll(() => p.getByTestId('health-book-logged').textContent()).toBe('Lần xem này được ghi vào nhật ký truy cập.');
    await p.getByTestId('book-conditions').getByText('Hen phế quản').waitFor();
    await p.getByRole('tab', { name: 'Nhật ký truy cập' }).click();
    const entry = p.getByTestId('health-access-log').locator('tr').filter({ hasText: fx.severeName }).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Hiệu trưởng');
    const log = (await svc.from('health_access_log').select('reader_roles').eq('student_id', fx.severe)).data!;
    expect(log.map((l) => l.reader_roles)).toContain('principal');
  });
});
