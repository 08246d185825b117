// Chuyển năm học (issue 20) in Chromium, on a school of the test's own (its current year is 2025–2026, so
// preparing and opening 2026–2027 touches nobody else's data; 10A1's first student was absent over 45 days,
// its last awaits a re-test). First học kỳ II of 2025–2026 is started with a change of teacher (refused without
// a reason: nothing written; then started). The board prepares the next year with the dates proposed a year on
// (a wrong order of dates is refused with the sentence and nothing is made); the placement table proposes from
// the results (repeating, held, a grade up, graduated); the board places, undoes, places again; on Lớp học it
// adds a class to the prepared year and renames it (11A3); 11A1, still holding students, is not removed alone
// (Postgres' sentence) but merged into 11A3; then it opens the year. The rules are Postgres'
// (tests/db/year_cycle.test.ts, tests/api/year_placement.test.ts, year_classes.test.ts, semester_two.test.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, pick, signIn, type Browser } from '../helpers/browser.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { stackInfo, superuser } from '../helpers/stack.ts';

const available = chromiumAvailable();
let browser: Browser;
let page: Page | undefined;
let own: OwnSchool;

describe.skipIf(!available)('Chuyển năm học', () => {
  beforeAll(async () => {
    const su = await superuser();
    own = await createOwnSchool(su, { studentsPerClass: 5, manyAbsences: ['10A1'], weak: ['10A1'] });
    await su.query(`delete from public.score_entries where student_id = $1 and kind = 'retest'`, [own.classes['10A1'].students.at(-1)]);
    await su.end();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  it('bqt prepares 2026–2027 from 2025–2026 (a wrong date refused first), places the students, undoes and places again, then opens it', async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, own.board);
    await page.goto(`${stackInfo().adminUrl}#/year_cycle`);
    const p = page;
    await p.getByTestId('year-cycle-page').waitFor();
    const row = (code: string) => p.getByTestId('years-table').locator('tbody tr.ant-table-row', { hasText: code });
    await row('2025-2026').filter({ hasText: 'Năm học hiện tại' }).waitFor();

    // Học kỳ II of 2025–2026 (its semester I ended): a change without a reason refuses the whole, then it starts.
    const su0 = await superuser();
    const newTeacher = (await su0.query(`select full_name from public.profiles where email = $1`, [own.classes['11A1'].teacher])).rows[0].full_name as string;
    await su0.end();
    await row('2025-2026').getByTestId('year-semester2').click();
    const sem = p.locator('.ant-modal:visible');
    await sem.getByText('Bắt đầu học kỳ II năm học 2025-2026').waitFor();
    expect(await sem.locator('.ant-picker input').inputValue()).toBe('18/01/2026');
    await p.getByTestId('semester2-add').click();
    await p.getByTestId('semester2-assignment').click();
    await p.keyboard.type('10A1 — Toán');
    await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^10A1 — Toán/ }).click();
    await p.getByTestId('semester2-teacher').click();
    await p.keyboard.type(newTeacher);
    await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: newTeacher }).first().click();
    await p.getByTestId('semester2-ok').click();
    await p.getByTestId('semester2-refusals').getByText('Toán — 10A1: Cần ghi lý do thay đổi phân công (ít nhất 3 ký tự).').waitFor();
    expect(await row('2025-2026').getByText('Đã bắt đầu học kỳ II').count()).toBe(0);
    await p.getByTestId('semester2-reason').fill('Giáo viên nghỉ sinh');
    await p.getByTestId('semester2-ok').click();
    await p.getByTestId('year-cycle-done').getByText('Đã bắt đầu học kỳ II năm học 2025-2026 từ ngày 18/01/2026; 1 phân công thay đổi.').waitFor();
    await row('2025-2026').getByText('Đã bắt đầu học kỳ II').waitFor();
    expect(await row('2025-2026').getByTestId('year-semester2').count()).toBe(0);

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
    await p.getByTestId('year-cycle-done').getByText('Đã tạo năm học', { exact: false }).waitFor();
    const done = await p.getByTestId('year-cycle-done').textContent();
    expect(done).toMatch(/^Đã tạo năm học 2026-2027: 3 lớp, \d+ môn học của lớp, \d+ phân công, \d+ vai trò được chuyển sang\.$/);
    await row('2026-2027').filter({ hasText: 'Đang chuẩn bị' }).waitFor();
    expect(await p.getByTestId('year-prepare').count()).toBe(0);

    // The placement: proposals from the results.
    const su = await superuser();
    const codeOf = async (id: string) => (await su.query(`select student_code from public.students where id = $1`, [id])).rows[0].student_code as string;
    const [repeater, held] = [await codeOf(own.classes['10A1'].students[0]!), await codeOf(own.classes['10A1'].students.at(-1)!)];
    const placement = p.getByTestId('placement-table');
    const studentRow = (code: string) => placement.locator('tbody tr.ant-table-row', { hasText: code });
    await studentRow(repeater).filter({ hasText: 'Không được lên lớp' }).filter({ hasText: 'Ở lại lớp' }).waitFor();
    await studentRow(held).filter({ hasText: 'Chờ kiểm tra lại' }).filter({ hasText: 'Giữ lại, chờ kết quả' }).waitFor();
    const all = Object.values(own.classes).reduce((n, c) => n + c.students.length, 0);
    expect(await placement.locator('tbody tr.ant-table-row').count()).toBe(all);
    // Held: the student awaiting the re-test, and any other whose result is not final (the data is random).
    const holds = await placement.locator('tbody tr.ant-table-row', { hasText: 'Giữ lại, chờ kết quả' }).count();
    const graduates = await placement.locator('tbody tr.ant-table-row', { hasText: 'Ra trường' }).count();
    expect(holds).toBeGreaterThanOrEqual(1);
    await p.getByTestId('placement-commit').getByText(`Xếp lớp ${all - holds} học sinh`).waitFor();
    await p.getByTestId('placement-commit').click();
    await p.getByTestId('placement-message').getByText(`Đã xếp lớp ${all - holds - graduates} học sinh và ghi nhận ${graduates} học sinh ra trường.`).waitFor();
    await studentRow(repeater).filter({ hasText: 'Ở lại lớp' }).filter({ hasText: '10A1' }).waitFor();
    // Undone (the year is not open), then placed again.
    await p.getByTestId('placement-undo').click();
    await p.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Đồng ý/ }).click();
    await p.getByTestId('placement-message').getByText(`Đã hoàn tác việc xếp lớp của ${all - holds} học sinh.`).waitFor();
    expect((await su.query(`select count(*)::int as n from public.enrolments e join public.school_years y on y.id = e.school_year_id
                            where y.school_id = $1 and y.code = '2026-2027'`, [own.schoolId])).rows[0].n).toBe(0);
    await p.getByTestId('placement-commit').click();
    await p.getByTestId('placement-message').getByText('Đã xếp lớp', { exact: false }).waitFor();
    await su.end();

    // The proposed classes are editable while the year is prepared: a class added, renamed, removed (Lớp học).
    await p.goto(`${stackInfo().adminUrl}#/classes`);
    await p.getByTestId('classes-page').waitFor();
    await p.getByTestId('year-select').click();
    await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^2026-2027$/ }).click();
    await p.getByTestId('classes-preparing').waitFor();
    await p.getByTestId('class-create').click();
    const create = p.locator('.ant-modal:visible');
    await create.locator('#name').fill('11A2');
    await create.locator('#grade').fill('11');
    await create.getByRole('button', { name: 'Lưu' }).click();
    await p.getByTestId('class-rename-11A2').click();
    await p.getByTestId('class-rename-input').fill('11A3');
    await p.locator('.ant-modal:visible').getByRole('button', { name: 'Lưu' }).click();
    await p.getByText('Đã đổi tên lớp').waitFor();
    // A class holding students is not removed alone: Postgres' sentence, and it stays…
    await p.getByTestId('class-remove-11A1').click();
    await p.getByTestId('class-remove-ok').click();
    await p.getByText(/^Lớp 11A1 còn \d+ học sinh: hãy chuyển các em sang lớp khác trước khi xoá lớp\.$/).waitFor();
    await p.locator('.ant-modal:visible').getByRole('button', { name: 'Huỷ' }).click();
    await p.getByTestId('class-remove-11A1').waitFor();
    // …it is merged: its students move into 11A3, then it goes.
    const su1 = await superuser();
    const inClass = async (name: string) => (await su1.query(`select count(*)::int as n from public.enrolments e join public.classes c on c.id = e.class_id
                                                               where c.school_id = $1 and c.name = $2 and e.school_year_id = c.school_year_id
                                                                 and c.school_year_id = (select id from public.school_years where school_id = $1 and code = '2026-2027')`, [own.schoolId, name])).rows[0].n as number;
    const students11 = await inClass('11A1');
    expect(students11).toBeGreaterThan(0);
    await p.getByTestId('class-remove-11A1').click();
    await pick(p, 'class-merge-into', /^11A3$/);
    await p.getByTestId('class-remove-ok').click();
    await p.getByText('Đã xoá lớp 11A1').waitFor();
    // The list is read again before the message shows; the row leaves it (fails if it stays 5 s).
    await p.getByTestId('class-remove-11A1').waitFor({ state: 'detached', timeout: 5000 });
    expect(await inClass('11A3')).toBe(students11);
    await su1.end();

    await p.goto(`${stackInfo().adminUrl}#/year_cycle`);
    await row('2026-2027').getByTestId('year-open').click();
    await p.locator('.ant-popconfirm:visible').getByText('Mở năm học 2026-2027?', { exact: false }).waitFor();
    await p.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Đồng ý/ }).click();
    await p.getByTestId('year-cycle-done').getByText('Đã mở năm học 2026-2027.').waitFor();
    // Its first day has come (5 September 2026): it is the school's current year now.
    await row('2026-2027').filter({ hasText: 'Năm học hiện tại' }).waitFor();
    await row('2025-2026').filter({ hasText: 'Đã mở' }).waitFor();

    const check = await superuser();
    try {
      const { rows } = await check.query(`select opened_at is not null as opened from public.school_years where school_id = $1 and code = '2026-2027'`, [own.schoolId]);
      expect(rows).toEqual([{ opened: true }]);
      // The year opened: the 2025–2026 enrolments of the placed students ended; the held students' are open.
      const { rows: open } = await check.query(`select count(*)::int as n from public.enrolments where school_year_id = $1 and ended_on is null`, [own.yearId]);
      expect(open[0].n).toBe(holds);
    } finally {
      await check.end();
    }
  }, 180_000);
});
