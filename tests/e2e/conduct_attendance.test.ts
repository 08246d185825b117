// Rèn luyện and Chuyên cần in a real browser. The GVCN of 10A1 rates two students' conduct for Học kỳ II
// (Tốt, Khá), saves (rows in conduct_ratings, entered_by = the GVCN), reloads, clears one and saves (the
// row is deleted); records in November 2026 (the pinned today's month) one absence không phép (two
// clicks) and one có phép (one click), saves (rows with the right flags and semester 1, month totals
// 1/1), clicks them back to empty and saves (rows deleted); the days after today are not offered.
// gv.toan, a subject teacher of 10A1, sees the conduct sheet read-only and a direct insert of theirs is
// refused by RLS. Other files share the stack: this one writes only Học kỳ II conduct of 10A1 and
// attendance of 16–20/11/2026 of two students absent nowhere in November, never locks, and removes what
// it wrote. Real stack.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { chromiumAvailable, launchBrowser, pick, signIn, type Browser } from '../helpers/browser.ts';

const HOMEROOM = 'gvcn.10a1@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const available = chromiumAvailable();

interface Student {
  id: string;
  code: string;
}
interface Fixture {
  schoolId: string;
  yearId: string;
  class10A1: string;
  homeroomId: string;
  /** Students of 10A1 without a Học kỳ II conduct rating (two for the browser, one for the RLS check, one for the refused save). */
  unrated: Student[];
  /** Two students of 10A1 without an absence in November 2026, and a school day of it before today. */
  absent: Student[];
  day: string;
  /** The pinned today (public.app_today()). */
  today: string;
}

let browser: Browser;
let fx: Fixture;
/** What this file may have written, deleted at the end through the service role. */
const conductStudents = new Set<string>();
const attendanceKeys: { student: string; day: string }[] = [];

async function one<T>(query: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await query;
  if (error) throw new Error(JSON.stringify(error));
  if (!data?.[0]) throw new Error('fixture row missing');
  return data[0];
}

async function fixture(): Promise<Fixture> {
  const svc = serviceClient();
  const school = await one<{ id: string }>(svc.from('org_units').select('id').eq('code', 'thpt-tandong'));
  const year = await one<{ id: string }>(svc.from('school_years').select('id').eq('school_id', school.id).eq('code', '2026-2027'));
  const cls = await one<{ id: string; homeroom_teacher_id: string | null }>(
    svc.from('classes').select('id, homeroom_teacher_id').eq('school_year_id', year.id).eq('name', '10A1'),
  );
  const me = await one<{ id: string }>(svc.from('profiles').select('id').eq('email', HOMEROOM));
  expect(cls.homeroom_teacher_id).toBe(me.id);
  const enrolled = await svc.from('enrolments').select('student_id, students!inner(student_code)').eq('class_id', cls.id).is('ended_on', null);
  if (enrolled.error) throw new Error(enrolled.error.message);
  const students = enrolled.data.map((e) => ({ id: e.student_id as string, code: (e.students as unknown as { student_code: string }).student_code }));
  const rated = await svc.from('conduct_ratings').select('student_id').eq('class_id', cls.id).eq('semester', 2);
  const ratedIds = new Set((rated.data ?? []).map((r) => r.student_id as string));
  const unrated = students.filter((s) => !ratedIds.has(s.id)).slice(0, 4);
  expect(unrated.length).toBe(4);
  // Two students absent nowhere in November 2026 (so the month's totals start at 0), and a weekday of it
  // before the pinned today (an absence after today is refused) that other files do not use.
  const { data: today } = await svc.rpc('app_today');
  const nov = await svc.from('attendance').select('student_id').gte('on_date', '2026-11-01').lte('on_date', '2026-11-30')
    .in('student_id', students.map((s) => s.id));
  const absentInNovember = new Set((nov.data ?? []).map((r) => r.student_id as string));
  const pair = students.filter((s) => !absentInNovember.has(s.id)).slice(-2);
  if (pair.length < 2) throw new Error('no two students of 10A1 without an absence in November 2026');
  const day = ['2026-11-18', '2026-11-17', '2026-11-16', '2026-11-19', '2026-11-20'].find((d) => d <= (today as string));
  if (!day) throw new Error('no day of November 2026 before today');
  return { schoolId: school.id, yearId: year.id, class10A1: cls.id, homeroomId: me.id, unrated, absent: pair, day, today: today as string };
}

async function conductRows(studentIds: string[]) {
  const { data, error } = await serviceClient()
    .from('conduct_ratings')
    .select('id, student_id, semester, level, entered_by')
    .eq('class_id', fx.class10A1)
    .eq('semester', 2)
    .in('student_id', studentIds);
  if (error) throw new Error(error.message);
  return data;
}

async function absences() {
  const { data, error } = await serviceClient()
    .from('attendance')
    .select('id, student_id, on_date, excused, semester, entered_by')
    .eq('class_id', fx.class10A1)
    .eq('on_date', fx.day)
    .in('student_id', fx.absent.map((s) => s.id));
  if (error) throw new Error(error.message);
  return data;
}

/** The Học kỳ II sheet, loaded (the first student's level select is shown). */
async function openConduct(page: Page): Promise<void> {
  await page.goto(`${stackInfo().adminUrl}#/conduct_ratings`);
  await page.getByTestId('conduct-table').waitFor();
  await page.getByTestId('conduct-period-2').click();
  await page.getByTestId(`conduct-level-${fx.unrated[0]!.code}`).waitFor();
  await expect.poll(() => page.locator('[data-testid="conduct-table"] .ant-spin-spinning').count()).toBe(0);
}

const levelText = (page: Page, code: string) => page.getByTestId(`conduct-level-${code}`).locator('.ant-select-selection-item').allTextContents();

async function saveWith(page: Page, prefix: 'conduct' | 'attendance', count: number): Promise<void> {
  const save = page.getByTestId(`${prefix}-save`);
  await expect.poll(() => save.textContent()).toContain(`(${count})`);
  await save.click();
  await page.locator('.ant-message').getByText(`Đã lưu ${count} thay đổi`).waitFor();
  await expect.poll(() => save.textContent()).toContain('(0)');
  expect(await page.getByTestId(`${prefix}-save-error`).count()).toBe(0);
}

beforeAll(async () => {
  fx = await fixture();
  if (!available) return;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  const svc = serviceClient();
  if (fx && conductStudents.size > 0) {
    await svc.from('conduct_ratings').delete().eq('class_id', fx.class10A1).eq('semester', 2).in('student_id', [...conductStudents]);
  }
  for (const k of attendanceKeys) await svc.from('attendance').delete().eq('class_id', fx.class10A1).eq('student_id', k.student).eq('on_date', k.day);
});

describe.skipIf(!available)('Rèn luyện and Chuyên cần', () => {
  it('the GVCN of 10A1 rates two students for Học kỳ II, the ratings persist, and a cleared one is deleted', async () => {
    const [a, b] = fx.unrated as [Student, Student];
    conductStudents.add(a.id).add(b.id);
    const page = await browser.context.newPage();
    await signIn(page, HOMEROOM);
    await openConduct(page);
    expect(await page.getByTestId('conduct-read-only').count()).toBe(0);
    expect(await page.getByTestId('class-select').locator('.ant-select-selection-item').textContent()).toBe('10A1');

    await pick(page, `conduct-level-${a.code}`, /^Tốt$/);
    await pick(page, `conduct-level-${b.code}`, /^Khá$/);
    await saveWith(page, 'conduct', 2);

    const rows = await conductRows([a.id, b.id]);
    expect(rows.map((r) => [r.student_id, r.level, r.semester, r.entered_by]).sort()).toEqual(
      [
        [a.id, 'tot', 2, fx.homeroomId],
        [b.id, 'kha', 2, fx.homeroomId],
      ].sort(),
    );

    await page.reload();
    await openConduct(page);
    await expect.poll(() => levelText(page, a.code)).toEqual(['Tốt']);
    expect(await levelText(page, b.code)).toEqual(['Khá']);

    // Clear b's level (the allowClear icon shows on hover) and save: the row is deleted.
    const select = page.getByTestId(`conduct-level-${b.code}`);
    await select.hover();
    await select.locator('.ant-select-clear').click();
    await saveWith(page, 'conduct', 1);
    const after = await conductRows([a.id, b.id]);
    expect(after.map((r) => r.student_id)).toEqual([a.id]);
    await page.close();
  });

  it('a save refused because someone saved first shows the database’s sentence, writes nothing and keeps what was picked', async () => {
    const d = fx.unrated[3]!;
    conductStudents.add(d.id);
    const page = await browser.context.newPage();
    await signIn(page, HOMEROOM);
    await openConduct(page);
    await pick(page, `conduct-level-${d.code}`, /^Đạt$/);
    // Meanwhile another session rates the student (the sheet read no rating: version null is stale now).
    const { error } = await serviceClient().from('conduct_ratings')
      .insert({ school_id: fx.schoolId, school_year_id: fx.yearId, class_id: fx.class10A1, student_id: d.id, semester: 2, level: 'tot' });
    expect(error).toBeNull();
    await page.getByTestId('conduct-save').click();
    const refusal = page.getByTestId('conduct-save-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Dữ liệu đã được người khác lưu trước khi bạn lưu');
    expect(await levelText(page, d.code)).toEqual(['Đạt']);
    expect(await page.getByTestId('conduct-save').textContent()).toContain('(1)');
    expect((await conductRows([d.id])).map((r) => r.level)).toEqual(['tot']);
    await page.close();
  });

  it('the GVCN records a K and a P absence in November 2026, the totals show them, clearing deletes them, and days after today are not offered', async () => {
    const [k, p] = fx.absent as [Student, Student];
    attendanceKeys.push({ student: k.id, day: fx.day }, { student: p.id, day: fx.day });
    const page = await browser.context.newPage();
    await signIn(page, HOMEROOM);
    await page.goto(`${stackInfo().adminUrl}#/attendance`);
    await page.getByTestId('attendance-grid').waitFor();
    await pick(page, 'attendance-month-select', /^Tháng 11\/2026$/);
    const cellK = page.getByTestId(`attendance-cell-${k.code}-${fx.day}`);
    const cellP = page.getByTestId(`attendance-cell-${p.code}-${fx.day}`);
    await cellK.waitFor();
    await expect.poll(() => page.locator('[data-testid="attendance-grid"] .ant-spin-spinning').count()).toBe(0);
    expect(await page.getByTestId('attendance-read-only').count()).toBe(0);
    expect(await cellK.textContent()).toBe('');
    expect(await cellP.textContent()).toBe('');
    // Both students were absent nowhere in November: the month starts empty.
    for (const s of [k, p]) expect(await page.getByTestId(`attendance-total-${s.code}`).textContent()).toBe('0');
    // The days after the pinned today are not offered; today is.
    const after = new Date(`${fx.today}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 1);
    const tomorrow = after.toISOString().slice(0, 10);
    if (tomorrow.startsWith('2026-11')) expect(await page.getByTestId(`attendance-cell-${k.code}-${tomorrow}`).isDisabled()).toBe(true);
    if (fx.today.startsWith('2026-11')) expect(await page.getByTestId(`attendance-cell-${k.code}-${fx.today}`).isDisabled()).toBe(false);

    await cellK.click();
    await cellK.click();
    await cellP.click();
    expect(await cellK.textContent()).toBe('K');
    expect(await cellP.textContent()).toBe('P');
    await saveWith(page, 'attendance', 2);

    const rows = await absences();
    expect(rows.map((r) => [r.student_id, r.excused, r.semester, r.entered_by]).sort()).toEqual(
      [
        [k.id, false, 1, fx.homeroomId],
        [p.id, true, 1, fx.homeroomId],
      ].sort(),
    );
    // After the save the grid is read again: the marks and the month's totals come from the server.
    await expect.poll(() => cellK.textContent()).toBe('K');
    expect(await cellP.textContent()).toBe('P');
    const totals = async (code: string) =>
      Promise.all(['excused', 'unexcused', 'total'].map((f) => page.getByTestId(`attendance-${f}-${code}`).textContent()));
    expect(await totals(k.code)).toEqual(['0', '1', '1']);
    expect(await totals(p.code)).toEqual(['1', '0', '1']);

    // Back to empty: K → empty (one click), P → K → empty (two clicks).
    await cellK.click();
    await cellP.click();
    await cellP.click();
    expect(await cellK.textContent()).toBe('');
    expect(await cellP.textContent()).toBe('');
    await saveWith(page, 'attendance', 2);
    expect(await absences()).toEqual([]);
    await page.close();
  });

  it('the GVCN of 10A1 opens the locked sheets of 2025–2026: read-only, no Lưu on Rèn luyện nor on Chuyên cần (the database says can_edit false), while the write is refused', async () => {
    const svc = serviceClient();
    const past = await one<{ id: string }>(svc.from('school_years').select('id').eq('school_id', fx.schoolId).eq('code', '2025-2026'));
    const cls = await one<{ id: string; homeroom_teacher_id: string | null }>(svc.from('classes').select('id, homeroom_teacher_id').eq('school_year_id', past.id).eq('name', '10A1'));
    expect(cls.homeroom_teacher_id, 'the GVCN of 10A1 was its GVCN in 2025–2026 too').toBe(fx.homeroomId);
    const homeroom = await signedIn(HOMEROOM);
    const { data: rights, error } = await homeroom.rpc('class_sheet_rights', { p_class_id: cls.id, p_semester: 1 });
    expect(error).toBeNull();
    expect(rights).toMatchObject({ locked: true, locked_reason: 'đã khoá', can_edit: false });
    // …and the database does refuse the write the button would send (PT423).
    const student = await one<{ student_id: string }>(svc.from('enrolments').select('student_id').eq('class_id', cls.id).limit(1));
    const refused = await homeroom.from('attendance').insert({ school_id: fx.schoolId, school_year_id: past.id, class_id: cls.id, student_id: student.student_id, on_date: '2025-10-15', excused: true }).select('id');
    expect(refused.error?.code).toBe('PT423');

    const page = await browser.context.newPage();
    await signIn(page, HOMEROOM);
    for (const [route, prefix] of [['conduct_ratings', 'conduct'], ['attendance', 'attendance']] as const) {
      await page.goto(`${stackInfo().adminUrl}#/${route}`);
      await page.getByTestId(`${prefix === 'conduct' ? 'conduct-ratings' : 'attendance'}-page`).waitFor();
      await pick(page, 'year-select', /^2025[–-]2026/);
      await pick(page, 'class-select', /^10A1$/);
      if (prefix === 'attendance') await pick(page, 'attendance-month-select', /^Tháng 10\/2025$/);
      await page.getByTestId(`${prefix}-read-only`).waitFor();
      await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
      expect(await page.getByTestId(`${prefix}-save`).count(), `${route}: no Lưu on a locked period`).toBe(0);
    }
    await page.close();
  });

  it('gv.toan, a subject teacher of 10A1, sees the conduct sheet read-only without a save button and cannot insert a rating', async () => {
    const page = await browser.context.newPage();
    await signIn(page, TEACHER);
    await page.goto(`${stackInfo().adminUrl}#/conduct_ratings`);
    await page.getByTestId('conduct-ratings-page').waitFor();
    await pick(page, 'class-select', /^10A1$/);
    await page.getByTestId('conduct-period-2').click();
    await page.getByTestId('conduct-read-only').waitFor();
    const level = page.getByTestId(`conduct-level-${fx.unrated[0]!.code}`);
    await level.waitFor();
    expect(await level.getAttribute('class')).toContain('ant-select-disabled');
    expect(await page.getByTestId(`conduct-comment-${fx.unrated[0]!.code}`).isDisabled()).toBe(true);
    // No save button at all: the matrix cell and the class's GVCN decide, nothing that would be refused.
    expect(await page.getByTestId('conduct-save').count()).toBe(0);
    await page.close();

    const c = fx.unrated[2]!;
    conductStudents.add(c.id);
    const teacher = await signedIn(TEACHER);
    const { error } = await teacher
      .from('conduct_ratings')
      .insert({ school_id: fx.schoolId, school_year_id: fx.yearId, class_id: fx.class10A1, student_id: c.id, semester: 2, level: 'tot' });
    expect(error?.code).toBe('42501');
    expect(await conductRows([c.id])).toEqual([]);
  });
});
