// The secondary gradebook (TT22) in a real browser: gv.toan enters a whole ĐĐGgk column of 10A1 Toán,
// Học kỳ I with the keyboard and saves it (the values survive a reload and are in the database); 10A2
// Toán is neither offered nor opened by a direct link (the server's 42501 message is shown); two tabs
// of the same teacher collide on one cell and the stale one gets the server's PT409 message while the
// first value stays; the GVCN of 10A1 reads the new Toán average in the class summary; the principal
// records a decision, the admin board locks Học kỳ I of the year citing it, the sheet turns read-only and
// every write (the teacher's, the service role's, even a superuser's) is refused with PT423; then the
// admin board unlocks it again. Real stack, no mocks.
import type { Page } from 'playwright-core';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { holdClass, THPT_CURRENT_HK1 } from '../helpers/classLock.ts';
import { gradebookSheetSchema, type EntryKind, type GradebookSheet as Sheet } from '../../supabase/functions/_shared/contracts/gradebookSheet.ts';
import { chromiumAvailable, launchBrowser, openOptions, pick, signIn, type Browser } from '../helpers/browser.ts';

const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const HOMEROOM = 'gvcn.10a1@thpt-tandong.edu.vn';
const PRINCIPAL = 'hieutruong@thpt-tandong.edu.vn';
const ADMIN = 'bqt@thpt-tandong.edu.vn';
const available = chromiumAvailable();

interface Fixture {
  schoolId: string;
  yearId: string;
  class10A1: string;
  class10A2: string;
  toan: string;
  teacherId: string;
}

let browser: Browser;
let second: Browser;
let fx: Fixture;
let teacher: SupabaseClient<Database>;

async function one<T>(query: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await query;
  if (error) throw new Error(JSON.stringify(error));
  if (!data?.[0]) throw new Error('fixture row missing');
  return data[0];
}

/**
 * What the test needs, read through the service role. 10A2 Toán must not be gv.toan's: the seed gives it
 * to another teacher, but tests/e2e/admin-school.test.ts briefly hands it to gv.toan (and then to a new
 * teacher); should a failed run of that file have left it with gv.toan, it is handed back to the seed's
 * teacher of 12A1 Toán (TEST FIXTURE, service role), so this file does not depend on the order of files.
 */
async function fixture(): Promise<Fixture> {
  const svc = serviceClient();
  const school = await one<{ id: string }>(svc.from('org_units').select('id').eq('code', 'thpt-tandong'));
  const year = await one<{ id: string }>(svc.from('school_years').select('id').eq('school_id', school.id).eq('code', '2026-2027'));
  const toan = await one<{ id: string }>(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'));
  const c1 = await one<{ id: string }>(svc.from('classes').select('id').eq('school_year_id', year.id).eq('name', '10A1'));
  const c2 = await one<{ id: string }>(svc.from('classes').select('id').eq('school_year_id', year.id).eq('name', '10A2'));
  const me = await one<{ id: string }>(svc.from('profiles').select('id').eq('email', TEACHER));
  const active = (await svc.from('teaching_assignments').select('id, teacher_id').eq('class_id', c2.id).eq('subject_id', toan.id).is('ended_at', null)).data ?? [];
  if (active.some((a) => a.teacher_id === me.id)) {
    const other = await one<{ id: string }>(svc.from('profiles').select('id').eq('email', 'totruong.toan@thpt-tandong.edu.vn'));
    await svc.from('teaching_assignments').update({ ended_at: new Date().toISOString(), end_reason: 'e2e fixture' }).eq('class_id', c2.id).eq('subject_id', toan.id).is('ended_at', null);
    const { error } = await svc.from('teaching_assignments').insert({ school_id: school.id, school_year_id: year.id, class_id: c2.id, subject_id: toan.id, teacher_id: other.id });
    if (error) throw new Error(error.message);
  }
  return { schoolId: school.id, yearId: year.id, class10A1: c1.id, class10A2: c2.id, toan: toan.id, teacherId: me.id };
}

async function readSheet(client: SupabaseClient<Database> = teacher): Promise<Sheet> {
  const { data, error } = await client.rpc('gradebook_sheet', { p_class_id: fx.class10A1, p_subject_id: fx.toan, p_semester: 1 });
  if (error) throw new Error(error.message);
  return gradebookSheetSchema.parse(data);
}

/** Scores of 10A1 Toán Học kỳ I of one column in the database (service role), by student id. */
async function dbColumn(kind: EntryKind, seq = 1): Promise<Map<string, number>> {
  const { data, error } = await serviceClient()
    .from('score_entries')
    .select('student_id, score')
    .eq('class_id', fx.class10A1)
    .eq('subject_id', fx.toan)
    .eq('semester', 1)
    .eq('kind', kind)
    .eq('seq', seq);
  if (error) throw new Error(error.message);
  return new Map(data.map((r) => [r.student_id as string, Number(r.score)]));
}

const viNumber = (n: number) => String(n).replace('.', ',');
const sheetUrl = (classId: string) => `${stackInfo().adminUrl}#/score_entries?class=${classId}&subject=${fx.toan}&semester=1`;

async function openSheet(page: Page): Promise<void> {
  await page.goto(sheetUrl(fx.class10A1));
  await page.getByTestId('score-grid').waitFor();
}

let release: (() => Promise<void>) | undefined;

beforeAll(async () => {
  fx = await fixture();
  teacher = await signedIn(TEACHER);
  if (!available) return;
  // This file types, saves and locks the demo's Học kỳ I of 10A1 Toán (school-wide, for the lock test); the
  // other browser suite that types into that sheet (phones) waits, and this file waits for it.
  release = await holdClass(THPT_CURRENT_HK1);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await second?.close();
  await browser?.close();
  await release?.();
});

describe.skipIf(!available)('Sổ điểm (TT22), secondary', () => {
  it('gv.toan enters a whole GK column of 10A1 Toán Học kỳ I with the keyboard, saves, and the values persist', async () => {
    const before = await readSheet();
    const students = before.students.filter((s) => !s.exempt);
    expect(students.length).toBeGreaterThan(10);
    // A distinct value per student, different from anything already in the column (5,0 … 9,9).
    const old = await dbColumn('gk');
    const value = (i: number) => {
      let v = 50 + ((i * 17) % 50);
      if (old.get(students[i]!.student_id) === v / 10) v = v === 99 ? 50 : v + 1;
      return v / 10;
    };

    const page = await browser.context.newPage();
    try {
      await signIn(page, TEACHER);
      expect((await page.getByTestId('menu-score_entries').textContent())?.trim()).toBe('Sổ điểm');
      await page.getByTestId('menu-score_entries').click();
      await page.getByTestId('score-entries-page').waitFor();
      await page.getByTestId('score-pick').waitFor();

      // The teacher is offered their own classes only: 10A1 and 11A1, never 10A2.
      await page.getByTestId('score-class-select').click();
      await openOptions(page).first().waitFor();
      const classes = (await openOptions(page).allTextContents()).sort();
      expect(classes).toEqual(['10A1', '11A1']);
      await openOptions(page).filter({ hasText: /^10A1$/ }).click();
      await pick(page, 'score-subject-select', /^Toán$/);
      await pick(page, 'score-semester-select', /^Học kì I$/);
      await page.getByTestId('score-grid').waitFor();
      expect(await page.getByTestId('score-sheet-title').textContent()).toBe('Môn Toán — Lớp 10A1 — Học kì I');
      expect(new URL(page.url().replace('#/', '')).searchParams.get('class')).toBe(fx.class10A1);

      // The first cells typed one by one (Enter moves down a row), the rest of the column pasted as Excel
      // puts a column on the clipboard (one value a line) into the cell below the last typed one.
      const typed = 3;
      await page.getByTestId(`score-cell-${students[0]!.student_code}-gk`).click();
      for (let i = 0; i < typed; i++) {
        await page.keyboard.type(viNumber(value(i)));
        await page.keyboard.press('Enter');
      }
      const next = page.getByTestId(`score-cell-${students[typed]!.student_code}-gk`);
      expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
      const column = students.slice(typed).map((_, i) => viNumber(value(typed + i))).join('\r\n') + '\r\n';
      await next.evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, column);
      const save = page.getByTestId('score-save');
      expect(await save.textContent()).toContain(`Lưu (${students.length})`);
      await save.click();
      await page.getByText(`Đã lưu ${students.length} điểm`).waitFor();

      // In the database…
      const saved = await dbColumn('gk');
      for (const [i, s] of students.entries()) expect(saved.get(s.student_id), s.student_code).toBe(value(i));
      // …and on screen after a reload.
      await page.reload();
      await page.getByTestId('score-grid').waitFor();
      for (const [i, s] of students.entries()) {
        expect(await page.getByTestId(`score-cell-${s.student_code}-gk`).inputValue(), s.student_code).toBe(viNumber(value(i)));
      }
      expect(await save.isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('gv.toan cannot open 10A2 Toán: not offered, and a direct link shows the server refusal', async () => {
    const page = await browser.context.newPage();
    try {
      await signIn(page, TEACHER);
      await page.goto(sheetUrl(fx.class10A2));
      const refusal = page.getByTestId('score-load-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('Bạn không được phân công dạy môn Toán lớp 10A2');
      expect(await page.getByTestId('score-grid').count()).toBe(0);
      // The class picker does not offer (or show) 10A2 either.
      await page.getByTestId('score-class-select').click();
      await openOptions(page).first().waitFor();
      expect(await openOptions(page).allTextContents()).not.toContain('10A2');
    } finally {
      await page.close();
    }
    const { error } = await teacher.rpc('gradebook_sheet', { p_class_id: fx.class10A2, p_subject_id: fx.toan, p_semester: 1 });
    expect(error?.code).toBe('42501');
  });

  it('two tabs of gv.toan: the stale save is refused with the server conflict message and the first value stays', async () => {
    second ??= await launchBrowser();
    const sheet = await readSheet();
    const target = sheet.students.filter((s) => !s.exempt)[1]!;
    const cell = `score-cell-${target.student_code}-gk`;
    const pageA = await browser.context.newPage();
    const pageB = await second.context.newPage();
    try {
      await signIn(pageA, TEACHER);
      await signIn(pageB, TEACHER);
      await openSheet(pageA);
      await openSheet(pageB); // both read the same version of the cell

      await pageA.getByTestId(cell).fill('9,1');
      await pageA.getByTestId('score-save').click();
      await pageA.getByText('Đã lưu 1 điểm').waitFor();
      expect((await dbColumn('gk')).get(target.student_id)).toBe(9.1);

      await pageB.getByTestId(cell).fill('3,2');
      await pageB.getByTestId('score-save').click();
      const conflict = pageB.getByTestId('score-conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Dữ liệu đã được người khác lưu trước');
      expect(await conflict.textContent()).toContain(target.full_name);
      // The typed value is kept (not lost) and the cell is marked; the database holds the first value.
      expect(await pageB.getByTestId(cell).inputValue()).toBe('3,2');
      expect(await pageB.getByTestId(cell).getAttribute('class')).toContain('ant-input-status-warning');
      expect((await dbColumn('gk')).get(target.student_id)).toBe(9.1);

      // Reloading without the typed values shows the first tab's value.
      await pageB.getByTestId('score-reload-discard').click();
      await expect.poll(() => pageB.getByTestId(cell).inputValue()).toBe('9,1');
      expect(await pageB.getByTestId('score-conflict').count()).toBe(0);
    } finally {
      await pageA.close();
      await pageB.close();
    }
  });

  it('the GVCN of 10A1 sees the new Toán average and the learning and conduct levels of Học kỳ I in the class summary', async () => {
    // Complete one student's Toán through the API as gv.toan: ĐĐGtx up to the required 4 (Toán, 105
    // periods), GK 9 (over the one entered above) and CK 8,5.
    const sheet = await readSheet();
    expect(sheet.required_regular).toBe(4);
    const student = sheet.students.filter((s) => !s.exempt)[0]!;
    const has = (kind: string, seq: number) => student.entries.find((e) => e.kind === kind && e.seq === seq);
    const changes: object[] = [];
    const tx = [7.5, 8, 6.5, 9];
    for (let seq = 1; seq <= 4; seq++) if (!has('tx', seq)) changes.push({ student_id: student.student_id, kind: 'tx', seq, value: viNumber(tx[seq - 1]!), version: null });
    changes.push({ student_id: student.student_id, kind: 'gk', seq: 1, value: 9, version: has('gk', 1)?.version ?? null });
    changes.push({ student_id: student.student_id, kind: 'ck', seq: 1, value: '8,5', version: has('ck', 1)?.version ?? null });
    const saved = await teacher.rpc('save_score_entries', { p_class_id: fx.class10A1, p_subject_id: fx.toan, p_semester: 1, p_changes: changes });
    expect(saved.error).toBeNull();

    // The expected ĐTBmhk by TT22: (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5), one decimal, in tenths to
    // stay exact.
    const after = (await readSheet()).students.find((s) => s.student_id === student.student_id)!;
    const tenths = (kind: string) => after.entries.filter((e) => e.kind === kind).map((e) => Math.round(Number(e.score) * 10));
    const regular = tenths('tx');
    expect(regular.length).toBeGreaterThanOrEqual(4);
    const sum = regular.reduce((a, b) => a + b, 0) + 2 * tenths('gk')[0]! + 3 * tenths('ck')[0]!;
    const expected = Math.round(sum / (regular.length + 5)) / 10;
    expect(Number(after.average)).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(6.5);

    // Every other subject of Học kỳ I for the same student, as the back end would import it: 9 in every
    // required column of a scored subject, Đ in a comment-only one; conduct Tốt. With Toán ≥ 6.5 and at
    // least six scored subjects ≥ 8.0, TT22 makes the learning level Tốt.
    const svc = serviceClient();
    const { data: taken } = await svc.from('class_subjects').select('subject:subjects!inner(id, code, category, assessment_kind)').eq('class_id', fx.class10A1);
    const others = (taken as unknown as { subject: { id: string; code: string; category: string; assessment_kind: string } }[])
      .map((t) => t.subject).filter((x) => x.category !== 'topic' && x.id !== fx.toan);
    let scoredAtNine = 0;
    for (const subject of others) {
      const { data: other, error: readError } = await svc.rpc('gradebook_sheet', { p_class_id: fx.class10A1, p_subject_id: subject.id, p_semester: 1 });
      expect(readError).toBeNull();
      const mine = gradebookSheetSchema.parse(other).students.find((s) => s.student_id === student.student_id)!;
      if (mine.exempt) continue;
      const value = subject.assessment_kind === 'scored' ? 9 : 'Đ';
      const cells = [...Array.from({ length: gradebookSheetSchema.parse(other).required_regular }, (_, i) => ['tx', i + 1] as const), ['gk', 1] as const, ['ck', 1] as const];
      const otherChanges = cells.map(([kind, seq]) => ({
        student_id: student.student_id, kind, seq, value,
        version: mine.entries.find((e) => e.kind === kind && e.seq === seq)?.version ?? null,
      }));
      const { error: saveError } = await svc.rpc('save_score_entries', { p_class_id: fx.class10A1, p_subject_id: subject.id, p_semester: 1, p_changes: otherChanges });
      expect(saveError, subject.code).toBeNull();
      if (subject.assessment_kind === 'scored') scoredAtNine++;
    }
    expect(scoredAtNine).toBeGreaterThanOrEqual(6);
    await svc.from('conduct_ratings').delete().eq('student_id', student.student_id).eq('school_year_id', fx.yearId).eq('semester', 1);
    const conduct = await svc.from('conduct_ratings').insert({
      school_id: fx.schoolId, school_year_id: fx.yearId, class_id: fx.class10A1, student_id: student.student_id, semester: 1, level: 'tot',
    });
    expect(conduct.error).toBeNull();

    const homeroom = await signedIn(HOMEROOM);
    const { data: summary, error } = await homeroom.rpc('class_summary', { p_class_id: fx.class10A1, p_semester: 1 });
    expect(error).toBeNull();
    const row = (summary as { students: { student_code: string; learning_level: string | null; conduct_level: string | null; results: Record<string, { average: number | null }> }[] }).students.find(
      (s) => s.student_code === student.student_code,
    )!;
    expect(Number(row.results[fx.toan]!.average)).toBe(expected);
    expect(row).toMatchObject({ learning_level: 'tot', conduct_level: 'tot' });

    const page = await browser.context.newPage();
    try {
      await signIn(page, HOMEROOM);
      await page.goto(`${stackInfo().adminUrl}#/student_results`);
      await page.getByTestId('student-results-page').waitFor();
      await page.getByTestId('period-1').click();
      await page.getByTestId(`result-row-${student.student_code}`).waitFor();
      const average = page.getByTestId(`result-${student.student_code}-toan`);
      // Vietnamese format, always one decimal: 7,8 / 8,0.
      await expect.poll(() => average.textContent()).toBe(expected.toFixed(1).replace('.', ','));
      expect(await page.getByTestId(`result-${student.student_code}-learning_level`).textContent()).toBe('Tốt');
      expect(await page.getByTestId(`result-${student.student_code}-conduct_level`).textContent()).toBe('Tốt');
    } finally {
      await page.close();
    }
  });

  it('the principal decides, the admin board locks Học kỳ I: read-only sheet, every write refused (PT423); then unlocked', async () => {
    // The stack is shared by every test file of the run (tests/setup/stack.global.ts). The other files
    // write the demo's Học kỳ II, past (locked) years, their own schools (matrix) or a cloned database,
    // so locking the whole current Học kỳ I is safe for as long as this test holds it; it is lifted at
    // the end by a new unlock event citing the principal's unlock decision (events are append-only) — in `finally`,
    // so even a failed run leaves the shared stack writable. Keep new tests off Học kỳ I of the demo.
    const number = `E2E-${Date.now()}/QĐ-THPTTĐ`;
    const unlockNumber = `E2E-${Date.now()}-MK/QĐ-THPTTĐ`;
    const svc = serviceClient();
    const locked = async () => (await svc.rpc('gradebook_locked', { p_school_year_id: fx.yearId, p_semester: 1, p_class_id: fx.class10A1, p_subject_id: fx.toan })).data as boolean;
    // An entry to try to change while locked (the GK entered above, or whichever the student has).
    let student = (await readSheet()).students.filter((s) => !s.exempt)[0]!;
    if (student.entries.length === 0) {
      const { error } = await teacher.rpc('save_score_entries', { p_class_id: fx.class10A1, p_subject_id: fx.toan, p_semester: 1, p_changes: [{ student_id: student.student_id, kind: 'gk', seq: 1, value: '6,5', version: null }] });
      if (error) throw new Error(error.message);
      student = (await readSheet()).students.find((s) => s.student_id === student.student_id)!;
    }
    const gk = student.entries.find((e) => e.kind === 'gk') ?? student.entries[0]!;
    const gkKey = gk.kind === 'tx' ? `tx${gk.seq}` : gk.kind;
    const principal = await one<{ id: string }>(svc.from('profiles').select('id').eq('email', PRINCIPAL));
    const admin = await one<{ id: string }>(svc.from('profiles').select('id').eq('email', ADMIN));

    const page = await browser.context.newPage();
    let decisionId: string | undefined;
    try {
      // The principal records the decisions: to lock Học kỳ I, and (for the end of this test) to unlock it.
      await signIn(page, PRINCIPAL);
      await page.goto(`${stackInfo().adminUrl}#/lock_decisions`);
      await page.getByTestId('lock-decisions-page').waitFor();
      const recordDecision = async (num: string, action: 'lock' | 'unlock', summary: string) => {
        await page.getByTestId('lock-decision-create').click();
        if (action === 'unlock') await page.getByTestId('lock-decision-action').getByText('Mở khoá sổ').click();
        await pick(page, 'lock-decision-period', /^Học kỳ I$/);
        await page.getByTestId('lock-decision-number').fill(num);
        const date = page.locator('input[data-testid="lock-decision-date"], [data-testid="lock-decision-date"] input').first();
        await date.click();
        await date.fill('22/11/2026');
        await date.press('Enter');
        await page.getByTestId('lock-decision-summary').fill(summary);
        await page.getByTestId('lock-decision-save').click();
        await page.getByText('Đã ghi quyết định').first().waitFor();
        await page.getByTestId(`lock-decision-row-${num}`).waitFor();
      };
      await recordDecision(number, 'lock', 'Khoá sổ điểm học kỳ I (kiểm thử e2e)');
      const decision = await one<{ id: string; decided_by: string; decided_on: string; action: string; period: string | null }>(
        svc.from('lock_decisions').select('id, decided_by, decided_on, action, period').eq('number', number));
      expect(decision).toMatchObject({ decided_by: principal.id, decided_on: '2026-11-22', action: 'lock', period: 'hk1' });
      decisionId = decision.id;
      await recordDecision(unlockNumber, 'unlock', 'Mở khoá sổ điểm học kỳ I (kiểm thử e2e)');
      expect(await one(svc.from('lock_decisions').select('action, period').eq('number', unlockNumber))).toEqual({ action: 'unlock', period: 'hk1' });

      // The admin board locks Học kỳ I (every class and subject), citing it.
      await signIn(page, ADMIN);
      await page.goto(`${stackInfo().adminUrl}#/gradebook_locks`);
      await page.getByTestId('gradebook-locks-page').waitFor();
      const lockEvent = async (action: 'lock' | 'unlock') => {
        await page.getByTestId('lock-create').click();
        await page.getByTestId('lock-decision-help').waitFor();
        await pick(page, 'lock-semester', /^Học kỳ I$/);
        if (action === 'unlock') await page.getByTestId('lock-action').getByText('Mở khoá').click();
        const cited = action === 'lock' ? number : unlockNumber;
        if (action === 'unlock') {
          // Only unlock decisions are offered for an unlock: the lock decision is not.
          await page.getByTestId('lock-decision').click();
          await openOptions(page).filter({ hasText: unlockNumber }).first().waitFor();
          expect(await openOptions(page).filter({ hasText: number }).count()).toBe(0);
          await page.keyboard.press('Escape');
        }
        await pick(page, 'lock-decision', new RegExp(cited.replace(/[/.-]/g, '\\$&')), cited);
        await page.getByTestId('lock-note').fill(`e2e ${action}`);
        await page.getByTestId('lock-save').click();
        // The toast, after the RPC: up to a minute while the other suites load the two cores.
        await page.getByText(action === 'lock' ? 'Đã khoá sổ' : 'Đã mở khoá sổ').waitFor({ timeout: 60_000 });
      };
      await lockEvent('lock');
      const { data: events } = await svc.from('gradebook_locks').select('semester, class_id, subject_id, action, decision_id, created_by, note').eq('decision_id', decision.id);
      expect(events).toEqual([{ semester: 1, class_id: null, subject_id: null, action: 'lock', decision_id: decision.id, created_by: admin.id, note: 'e2e lock' }]);
      expect(await locked()).toBe(true);

      // gv.toan's sheet: locked, every cell read-only text. (In another browser: signing in shares the
      // session with every tab of a profile, and the admin board's tab is needed again below.)
      second ??= await launchBrowser();
      const tab = await second.context.newPage();
      try {
        await signIn(tab, TEACHER);
        await openSheet(tab);
        await tab.getByTestId('score-locked').waitFor();
        const cell = tab.getByTestId(`score-cell-${student.student_code}-${gkKey}`);
        expect(await cell.evaluate((el) => el.tagName)).not.toBe('INPUT');
        expect(await cell.getAttribute('data-locked')).toBe('true');
        expect((await cell.textContent())!.trim()).toBe(viNumber(Number(gk.score)));
        expect(await tab.locator('[data-testid="score-grid"] input').count()).toBe(0);
        // A locked sheet without an open correction offers no save and no import.
        expect(await tab.getByTestId('score-save').count()).toBe(0);
        expect(await tab.getByTestId('score-import-open').count()).toBe(0);
      } finally {
        await tab.close();
      }

      // Every write is refused by Postgres: the teacher through the API…
      const change = { student_id: student.student_id, kind: gk.kind, seq: gk.seq, value: '1,5', version: gk.version };
      const args = { p_class_id: fx.class10A1, p_subject_id: fx.toan, p_semester: 1, p_changes: [change] };
      const byTeacher = await teacher.rpc('save_score_entries', args);
      expect(byTeacher.error?.code).toBe('PT423');
      expect(byTeacher.status).toBe(423);
      expect(byTeacher.error?.message).toContain('đã khoá');
      // …the service role (which skips the teacher check), through the RPC and directly…
      const bySvc = await svc.rpc('save_score_entries', args);
      expect(bySvc.error?.code).toBe('PT423');
      const direct = await svc.from('score_entries').update({ score: 1.5 }).eq('id', gk.id).select('id');
      expect(direct.error?.code).toBe('PT423');
      // …the admin board (not the teacher: refused before the lock is even reached)…
      const byAdmin = await (await signedIn(ADMIN)).rpc('save_score_entries', args);
      expect(['42501', 'PT423']).toContain(byAdmin.error?.code);
      // …and a superuser on the database itself.
      const su = await superuser();
      try {
        await expect(su.query('update public.score_entries set score = 1.5 where id = $1', [gk.id])).rejects.toMatchObject({ code: 'PT423' });
      } finally {
        await su.end();
      }
      expect((await dbColumn(gk.kind, gk.seq)).get(student.student_id)).toBe(Number(gk.score));

      // The admin board unlocks it again, citing the principal's unlock decision.
      await lockEvent('unlock');
      expect(await locked()).toBe(false);
    } finally {
      await page.close();
      // Never leave the shared stack's Học kỳ I locked (a failure above): unlock through supabase-js.
      if (decisionId && (await locked())) {
        let reopen = (await svc.from('lock_decisions').select('id').eq('number', unlockNumber)).data?.[0]?.id as string | undefined;
        if (!reopen) {
          const { data, error } = await (await signedIn(PRINCIPAL)).from('lock_decisions').insert({ school_id: fx.schoolId, school_year_id: fx.yearId,
            action: 'unlock', period: 'hk1', number: unlockNumber, summary: 'Mở khoá sổ điểm học kỳ I (dọn dẹp e2e)' }).select('id');
          // eslint-disable-next-line no-unsafe-finally -- a failed clean-up must fail loudly: a locked Học kỳ I breaks every later suite
          if (error) throw new Error(`could not record the unlock decision: ${error.message}`);
          reopen = data[0]!.id as string;
        }
        const { error } = await (await signedIn(ADMIN))
          .from('gradebook_locks')
          .insert({ school_id: fx.schoolId, school_year_id: fx.yearId, semester: 1, action: 'unlock', decision_id: reopen, note: 'e2e cleanup' });
        // eslint-disable-next-line no-unsafe-finally -- as above
        if (error) throw new Error(`could not unlock Học kỳ I: ${error.message}`);
      }
    }
    // Writable again for gv.toan.
    const fresh = (await readSheet()).students.find((s) => s.student_id === student.student_id)!.entries.find((e) => e.id === gk.id)!;
    const again = await teacher.rpc('save_score_entries', {
      p_class_id: fx.class10A1,
      p_subject_id: fx.toan,
      p_semester: 1,
      p_changes: [{ student_id: student.student_id, kind: gk.kind, seq: gk.seq, value: viNumber(Number(gk.score)), version: fresh.version }],
    });
    expect(again.error).toBeNull();
  });
});
