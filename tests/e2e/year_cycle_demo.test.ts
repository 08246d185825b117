// Issue 20's Done-when, as written: the demo's bqt@ opens 2027–2028 in the 2027 summer. On a stack of this
// file's own (tests/helpers/ownStack.ts), started with "today" 2027-07-15 — the demo seed then enters
// 2026–2027 in full (supabase/seed/demo.ts: 10A1's sixth student absent over 45 days, its eighth failing Toán
// and Ngoại ngữ 1, re-test not yet taken) — so the run's shared stack keeps the demo's day. In Chromium:
// bqt prepares the year; nobody but the board sees it (over HTTP as the demo's teachers, BGH and family, and
// in gv.toan's year picker); the placement from the results (10A1's promoted students → 11A1, the student
// not promoted stays in 10A1, the students awaiting a re-test are held, 12A1 graduates); a new Excel list of
// grade-10 students with a bad row is refused, then imported into the new 10A1; the year is opened; on its
// first day gv.toan finds the students in his new classes' score sheets.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, openOptions, pick, signIn, type Browser } from '../helpers/browser.ts';
import { startOwnStack, type OwnStack } from '../helpers/ownStack.ts';

const available = chromiumAvailable();
const BOARD = 'bqt@thpt-tandong.edu.vn';
const TOAN = 'gv.toan@thpt-tandong.edu.vn';
let own: OwnStack;
let browser: Browser;

interface Student {
  id: string;
  code: string;
  name: string;
}
/** 2026–2027 students of a class with their year result (TT22 promotion). */
async function classResults(name: string): Promise<(Student & { promotion: string | null })[]> {
  const su = await own.superuser();
  try {
    const { rows } = await su.query(`
      select s.id, s.student_code as code, s.full_name as name, r.promotion
      from public.enrolments e join public.classes c on c.id = e.class_id join public.school_years y on y.id = e.school_year_id
      join public.org_units o on o.id = e.school_id and o.code = 'thpt-tandong'
      join public.students s on s.id = e.student_id
      left join public.student_results r on r.student_id = e.student_id and r.school_year_id = y.id and r.semester is null
      where y.code = '2026-2027' and c.name = $1 and e.end_reason is distinct from 'class_change' and e.end_reason is distinct from 'dropout'
      order by s.student_code`, [name]);
    return rows;
  } finally {
    await su.end();
  }
}

/** An Excel class list of new grade-10 students (the columns of the class-list import). */
async function newStudents(rows: [code: string, name: string, gender: string, born: string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('10A1');
  sheet.addRow(['STT', 'Mã học sinh', 'Họ và tên', 'Giới tính', 'Ngày sinh']);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.skipIf(!available)('the demo school opens 2027–2028 in the 2027 summer', () => {
  beforeAll(async () => {
    own = await startOwnStack('2027-07-15');
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await own?.stop();
  });

  it('bqt prepares 2027–2028, places 10A1 and 12A1 from their results, imports new grade-10 students, opens it; gv.toan sees his students on its first day', async () => {
    const tenA1 = await classResults('10A1');
    const twelveA1 = await classResults('12A1');
    const repeater = tenA1.find((s) => s.promotion === 'not_promoted')!;
    const retest = tenA1.filter((s) => s.promotion === 'retest');
    const promoted = tenA1.filter((s) => s.promotion === 'promoted');
    expect(repeater).toBeDefined();
    expect(retest.length).toBeGreaterThanOrEqual(1);
    expect(promoted.length).toBeGreaterThan(30);

    const page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, BOARD, undefined, own.adminUrl);
    await page.goto(`${own.adminUrl}#/year_cycle`);
    await page.getByTestId('year-cycle-page').waitFor();
    const row = (code: string) => page.getByTestId('years-table').locator('tbody tr.ant-table-row', { hasText: code });
    await row('2026-2027').filter({ hasText: 'Năm học hiện tại' }).waitFor();

    // 1. Prepared, with the dates a year on.
    await page.getByTestId('year-prepare').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('Chuẩn bị năm học 2027-2028').waitFor();
    expect(await modal.locator('input').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))).toEqual(['05/09/2027', '16/01/2028', '18/01/2028', '31/05/2028']);
    await modal.getByRole('button', { name: 'Tạo năm học' }).click();
    expect(await page.getByTestId('year-cycle-done').textContent()).toMatch(/^Đã tạo năm học 2027-2028: 6 lớp, \d+ môn học của lớp, \d+ phân công, \d+ vai trò được chuyển sang\.$/);
    await row('2027-2028').filter({ hasText: 'Đang chuẩn bị' }).waitFor();

    // 2. Nobody but the board sees it: over HTTP as the demo's people (the board as positive control)…
    const next = await own.superuser();
    const nextId = (await next.query(`select y.id from public.school_years y join public.org_units o on o.id = y.school_id and o.code = 'thpt-tandong' where y.code = '2027-2028'`)).rows[0].id as string;
    await next.end();
    const seen = async (email: string) => {
      const client = await own.signedIn(email);
      const years = await client.from('school_years').select('code');
      const classes = await client.from('classes').select('name').eq('school_year_id', nextId);
      expect(years.error, email).toBeNull();
      expect(classes.error, email).toBeNull();
      return { year: years.data!.some((y) => y.code === '2027-2028'), classes: classes.data!.length };
    };
    expect(await seen(BOARD)).toEqual({ year: true, classes: 6 });
    for (const email of [TOAN, 'gvcn.10a1@thpt-tandong.edu.vn', 'hieutruong@thpt-tandong.edu.vn', 'phuhuynh@thpt-tandong.edu.vn', 'hocsinh@thpt-tandong.edu.vn']) {
      expect(await seen(email), email).toEqual({ year: false, classes: 0 });
    }
    // …and in gv.toan's year picker.
    const teacher = await browser.context.newPage();
    teacher.setDefaultTimeout(60_000);
    await signIn(teacher, TOAN, undefined, own.adminUrl);
    await teacher.goto(`${own.adminUrl}#/score_entries`);
    await teacher.getByTestId('score-pick').waitFor();
    await teacher.getByTestId('year-select').click();
    await openOptions(teacher).first().waitFor();
    expect((await openOptions(teacher).allTextContents()).sort()).toEqual(['2024-2025', '2025-2026', '2026-2027']);
    await teacher.keyboard.press('Escape');
    // One browser profile, one session: the board signs in again.
    await signIn(page, BOARD, undefined, own.adminUrl);
    await page.goto(`${own.adminUrl}#/year_cycle`);
    await row('2027-2028').filter({ hasText: 'Đang chuẩn bị' }).waitFor();

    // 3. The placement, reviewed a class at a time.
    const placement = page.getByTestId('placement-table');
    const studentRow = (code: string) => placement.locator('tbody tr.ant-table-row', { hasText: code });
    await pick(page, 'placement-from-class', /^10A1$/);
    await studentRow(repeater.code).filter({ hasText: 'Không được lên lớp' }).filter({ hasText: 'Ở lại lớp' }).filter({ hasText: '10A1' }).waitFor();
    for (const s of retest) await studentRow(s.code).filter({ hasText: 'Chờ kiểm tra lại' }).filter({ hasText: 'Giữ lại, chờ kết quả' }).waitFor();
    await studentRow(promoted[0]!.code).filter({ hasText: 'Được lên lớp' }).filter({ hasText: 'Lên lớp' }).filter({ hasText: '11A1' }).waitFor();
    expect(await placement.locator('tbody tr.ant-table-row').count()).toBe(tenA1.length);
    await pick(page, 'placement-from-class', /^12A1$/);
    for (const s of twelveA1.filter((x) => x.promotion === 'promoted')) await studentRow(s.code).filter({ hasText: 'Ra trường' }).waitFor();
    await page.getByTestId('placement-commit').click();
    await page.getByTestId('placement-message').getByText('Đã xếp lớp', { exact: false }).waitFor();

    const su = await own.superuser();
    try {
      const placed = async (ids: string[]) => (await su.query(`
        select s.student_code as code, c.name as class, e.start_reason as reason, p.action
        from public.students s
        left join public.enrolments e on e.student_id = s.id and e.school_year_id = (select id from public.school_years where code = '2027-2028' and school_id = s.school_id)
        left join public.classes c on c.id = e.class_id
        left join public.year_placements p on p.student_id = s.id and p.school_year_id = (select id from public.school_years where code = '2027-2028' and school_id = s.school_id)
        where s.id = any ($1::uuid[]) order by s.student_code`, [ids])).rows;
      expect(new Set((await placed(promoted.map((s) => s.id))).map((r) => `${r.class} ${r.reason} ${r.action}`))).toEqual(new Set(['11A1 promoted promote']));
      expect(await placed([repeater.id])).toEqual([{ code: repeater.code, class: '10A1', reason: 'repeating', action: 'repeat' }]);
      expect(new Set((await placed(retest.map((s) => s.id))).map((r) => `${r.class} ${r.action}`))).toEqual(new Set(['null null']));
      const graduates = twelveA1.filter((s) => s.promotion === 'promoted');
      expect(new Set((await placed(graduates.map((s) => s.id))).map((r) => `${r.class} ${r.action}`))).toEqual(new Set(['null graduate']));
    } finally {
      await su.end();
    }

    // 4. New grade-10 students from Excel into the new 10A1: a bad row refuses the whole file, then the corrected file is imported.
    await page.goto(`${own.adminUrl}#/enrolments`);
    await page.getByTestId('enrolments-page').waitFor();
    await pick(page, 'year-select', /^2027-2028$/);
    await pick(page, 'class-select', /^10A1$/);
    const upload = async (rows: Parameters<typeof newStudents>[0]) => {
      await page.getByTestId('import-open').click();
      await page.locator('.ant-modal:visible input[type=file]').setInputFiles({
        name: 'lop-10A1-2027-2028.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await newStudents(rows),
      });
    };
    const good: Parameters<typeof newStudents>[0] = [['7200127001', 'Trần Ngọc Ánh', 'Nữ', '12/03/2012'], ['7200127002', 'Lê Hoàng Phúc', 'Nam', '28/11/2012']];
    await upload([good[0]!, ['7200127003', 'Phạm Minh Khôi', 'Nam', '31/02/2012'], good[1]!]);
    await page.getByTestId('import-error-row-3').getByText('Ngày sinh không tồn tại', { exact: false }).waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.locator('.ant-modal:visible').getByRole('button', { name: /Huỷ|Hủy|Cancel/ }).click();
    const check = await own.superuser();
    const imported = async () => (await check.query(`
      select s.student_code, c.name, e.start_reason from public.students s join public.enrolments e on e.student_id = s.id
      join public.classes c on c.id = e.class_id join public.school_years y on y.id = e.school_year_id and y.code = '2027-2028'
      where s.student_code like '72001270%' order by 1`)).rows;
    try {
      expect(await imported()).toEqual([]);
      await upload(good);
      await page.getByTestId('import-ready').waitFor();
      await page.getByTestId('import-commit').click();
      await page.getByText('Đã nhập 2 học sinh').waitFor();
      expect(await imported()).toEqual([
        { student_code: '7200127001', name: '10A1', start_reason: 'new' },
        { student_code: '7200127002', name: '10A1', start_reason: 'new' },
      ]);
    } finally {
      await check.end();
    }

    // 5. Opened; its first day comes.
    await page.goto(`${own.adminUrl}#/year_cycle`);
    await row('2027-2028').getByTestId('year-open').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Đồng ý/ }).click();
    await page.getByTestId('year-cycle-done').getByText('Đã mở năm học 2027-2028.').waitFor();
    await page.close();
    await own.setToday('2027-09-05');

    // Opened, the year is seen by those it concerns (the positive control of the denials above): the family of a
    // promoted child, and 11A1's homeroom teacher (gvcn.10a1@, carried up with her class) reads its students.
    expect(await seen('phuhuynh@thpt-tandong.edu.vn')).toMatchObject({ year: true });
    const gvcn = await own.signedIn('gvcn.10a1@thpt-tandong.edu.vn');
    const elevenA1 = await gvcn.from('classes').select('id, enrolments(students(student_code))').eq('school_year_id', nextId).eq('name', '11A1').single();
    expect(elevenA1.error).toBeNull();
    const codes = (elevenA1.data!.enrolments as unknown as { students: { student_code: string } }[]).map((e) => e.students.student_code).sort();
    expect(codes).toEqual(promoted.map((s) => s.code).sort());

    // gv.toan (Toán of 10A1 and 11A1 in 2026–2027: 11A1 and 12A1 now) finds the promoted 10A1 students in 11A1's sheet.
    await signIn(teacher, TOAN, undefined, own.adminUrl);
    await teacher.goto(`${own.adminUrl}#/score_entries`);
    await teacher.getByTestId('score-pick').waitFor();
    // The picker fills once the years are read; the year of today is chosen.
    await expect.poll(() => teacher.getByTestId('year-select').textContent(), { timeout: 20_000 }).toContain('2027-2028');
    await teacher.getByTestId('score-class-select').click();
    await openOptions(teacher).first().waitFor();
    expect((await openOptions(teacher).allTextContents()).sort()).toEqual(['11A1', '12A1']);
    await openOptions(teacher).filter({ hasText: /^11A1$/ }).click();
    await pick(teacher, 'score-subject-select', /^Toán$/);
    await pick(teacher, 'score-semester-select', /^Học kì I$/);
    await teacher.getByTestId('score-grid').waitFor();
    for (const s of promoted) await teacher.getByTestId(`score-cell-${s.code}-gk`).waitFor();
    expect(await teacher.getByTestId(`score-cell-${repeater.code}-gk`).count()).toBe(0);
    for (const s of retest) expect(await teacher.getByTestId(`score-cell-${s.code}-gk`).count()).toBe(0);
    await teacher.close();
  }, 600_000);
});
