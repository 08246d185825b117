// Primary assessment (TT27), progress and checks in a real browser (issue 6): gvcn.3a enters end-of-year
// levels and test scores of Toán for 3A in the Sổ điểm grid; 0, 7.5 and 11 are refused; after the
// qualities and the other subjects are in, the year result appears on the qualities sheet; the primary
// school's admin board sees 3A's progress; BGH of THPT Tân Đông records a check against a teacher with
// overdue entries from the progress dashboard and it appears in the checks list; the dashboard's render
// time for the THPT's current year is measured (time to data on screen, printed). Works on 3A semester II
// of the current year (tests/api/primary_entries.test.ts uses the first ten students of 3A by id; this
// file the last four).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';

const available = chromiumAvailable();
const fx = { school: '', year: '', cls: '', thptYear: '', students: [] as { id: string; code: string; name: string }[], teacherId: '' };
const subjects = new Map<string, string>();
let browser: Browser;

async function one<T>(q: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await q;
  if (error || !data?.[0]) throw new Error(`lookup failed: ${JSON.stringify(error)}`);
  return data[0];
}

async function page(email: string, hash: string): Promise<Page> {
  const p = await browser.context.newPage();
  await signIn(p, email);
  await p.goto(`${stackInfo().adminUrl}#${hash}`);
  return p;
}

beforeAll(async () => {
  if (!available) return;
  const svc = serviceClient();
  fx.school = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  fx.year = (await one(svc.from('school_years').select('id').eq('school_id', fx.school).eq('code', '2026-2027'))).id as string;
  fx.cls = (await one(svc.from('classes').select('id').eq('school_year_id', fx.year).eq('name', '3A'))).id as string;
  const thpt = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  fx.thptYear = (await one(svc.from('school_years').select('id').eq('school_id', thpt).eq('code', '2026-2027'))).id as string;
  fx.teacherId = (await one(svc.from('profiles').select('id').eq('email', 'gv.toan@thpt-tandong.edu.vn'))).id as string;
  const taken = (await svc.from('class_subjects').select('subjects!inner(id, code)').eq('class_id', fx.cls)).data as unknown as { subjects: { id: string; code: string } }[];
  for (const t of taken) subjects.set(t.subjects.code, t.subjects.id);
  const { data: sheet } = await (await signedIn('gvcn.3a@th-tandong.edu.vn')).rpc('gradebook_sheet', { p_class_id: fx.cls, p_subject_id: subjects.get('toan')!, p_semester: 2 });
  // The last four by id: tests/api/primary_entries.test.ts writes the first ten by id of the same class.
  fx.students = (sheet as { students: { student_id: string; student_code: string; full_name: string }[] }).students
    .map((s) => ({ id: s.student_id, code: s.student_code, name: s.full_name }))
    .sort((x, y) => (x.id < y.id ? -1 : 1)).slice(-4);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('TT27 in the browser, progress and checks', () => {
  it('gvcn.3a enters end-of-year Toán levels and test scores for 3A; 0, 7.5 and 11 are refused', async () => {
    const p = await page('gvcn.3a@th-tandong.edu.vn', `/score_entries?class=${fx.cls}&subject=${subjects.get('toan')}&semester=2`);
    await p.getByTestId('score-grid').waitFor();
    const [a, b, c, d] = fx.students;
    await p.getByTestId(`score-cell-${a!.code}-ck_level`).fill('T');
    await p.getByTestId(`score-cell-${a!.code}-ck_test`).fill('9');
    for (const [s, bad] of [[b!, '0'], [c!, '7,5'], [d!, '11']] as const) {
      await p.getByTestId(`score-cell-${s.code}-ck_level`).fill('H');
      await p.getByTestId(`score-cell-${s.code}-ck_test`).fill(bad);
      await expect.poll(() => p.getByTestId(`score-cell-${s.code}-ck_test`).getAttribute('aria-invalid')).toBe('true');
    }
    // Refused before anything is sent: each cell is listed with the rule, and the save is disabled.
    for (const s of [b!, c!, d!]) {
      expect(await p.getByTestId(`score-invalid-${s.code}-ck_test`).textContent()).toContain('Điểm kiểm tra định kì là số nguyên từ 1 đến 10');
    }
    expect(await p.getByTestId('score-save').isDisabled()).toBe(true);
    const entries = async (id: string) => (await serviceClient().from('score_entries').select('level, score')
      .eq('student_id', id).eq('subject_id', subjects.get('toan')!).eq('school_year_id', fx.year).eq('semester', 2).eq('kind', 'ck')).data ?? [];
    for (const s of [b!, c!, d!]) expect(await entries(s.id)).toEqual([]);
    // Corrected to valid scores, the save goes through.
    for (const [s, good] of [[b!, '6'], [c!, '7'], [d!, '10']] as const) await p.getByTestId(`score-cell-${s.code}-ck_test`).fill(good);
    await p.getByTestId('score-save').click();
    await expect.poll(async () => (await entries(d!.id))[0]?.score).toBe(10);
    expect(await entries(a!.id)).toEqual([{ level: 'T', score: 9 }]);
    await p.close();
  });

  it('once the other subjects and the qualities are in, the year result appears', async () => {
    const s = fx.students[0]!;
    const svc = serviceClient();
    // TEST FIXTURE: the other subjects' end-of-year levels (specialists' included) through the same save.
    for (const [code, id] of subjects) {
      if (code === 'toan') continue;
      const tested = ['tieng_viet', 'ngoai_ngu_1', 'tin_hoc_cong_nghe'].includes(code);
      const { error } = await svc.rpc('save_primary_entries', { p_class_id: fx.cls, p_subject_id: id, p_semester: 2,
        p_changes: [{ student_id: s.id, kind: 'ck', level: 'T', test: tested ? '9' : '' }] });
      expect(error, code).toBeNull();
    }
    const gvcn = await signedIn('gvcn.3a@th-tandong.edu.vn');
    const { data: codes } = await gvcn.rpc('tt27_quality_codes');
    expect((await gvcn.from('quality_ratings').insert((codes as string[]).map((code) => ({
      school_id: fx.school, school_year_id: fx.year, class_id: fx.cls, student_id: s.id, semester: 2, kind: 'ck', code, level: 'tot' })))).error).toBeNull();
    const p = await page('gvcn.3a@th-tandong.edu.vn', '/quality_ratings');
    await p.getByTestId('quality-page').waitFor();
    await p.getByTestId('quality-semester-select').click();
    await p.getByTestId('quality-semester-2').click();
    await p.getByTestId('quality-period-select').click();
    await p.getByTestId('quality-period-ck').click();
    await expect.poll(async () => (await p.getByTestId(`quality-result-${s.code}`).textContent()) ?? '', { timeout: 20_000 }).toContain('Hoàn thành xuất sắc');
    // Height and weight of the year, for the transcript: "128,5" cm, 26 kg; 1285 is refused before saving.
    await p.getByTestId(`measures-height-${s.code}`).fill('1285');
    await p.getByTestId('measures-invalid').waitFor();
    expect(await p.getByTestId('measures-save').isDisabled()).toBe(true);
    await p.getByTestId(`measures-height-${s.code}`).fill('128,5');
    await p.getByTestId(`measures-weight-${s.code}`).fill('26');
    await p.getByTestId('measures-save').click();
    await expect.poll(async () => (await serviceClient().from('student_measures').select('height_cm, weight_kg').eq('student_id', s.id).eq('school_year_id', fx.year)).data)
      .toEqual([{ height_cm: 128.5, weight_kg: 26 }]);
    await p.close();
  });

  it('the primary school\'s admin board sees 3A\'s progress', async () => {
    const p = await page('bqt@th-tandong.edu.vn', '/gradebook_progress');
    await p.locator('[data-testid="progress-page"][data-ready="true"]').waitFor();
    await p.getByRole('tab', { name: 'Theo lớp × môn' }).click();
    await p.getByTestId('progress-sheet-3A-Toán').waitFor();
    await p.close();
  });

  it('BGH of THPT Tân Đông records a check against the overdue teacher from the dashboard (dashboard render time printed)', async () => {
    const p = await browser.context.newPage();
    await signIn(p, 'hieutruong@thpt-tandong.edu.vn');
    // Opened from the menu with the app running (what a principal does), then once more (warm).
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      if (i > 0) {
        await p.getByTestId('menu-dashboard').click();
        await p.getByTestId('progress-page').waitFor({ state: 'detached' });
      }
      const started = Date.now();
      await p.getByTestId('menu-gradebook_progress').click();
      await p.locator('[data-testid="progress-page"][data-ready="true"]').waitFor();
      times.push(Date.now() - started);
    }
    const ms = times.join(' ms, then ');
    // The rpc alone, from Node as the same user (5 calls after one warm-up).
    const bgh = await signedIn('hieutruong@thpt-tandong.edu.vn');
    await bgh.rpc('gradebook_progress', { p_school_year_id: fx.thptYear, p_semester: 1 });
    const rpcTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      await bgh.rpc('gradebook_progress', { p_school_year_id: fx.thptYear, p_semester: 1 });
      rpcTimes.push(Date.now() - t0);
    }
    console.log(`[dashboard] THPT Tân Đông 2026-2027: progress rendered in ${ms} ms (menu click to data on screen, headless Chromium); rpc alone ${rpcTimes.join(', ')} ms`);
    // The teacher's row shows their overdue total; opened, their 10A1 Toán sheet.
    await p.getByTestId(`progress-teacher-${fx.teacherId}`).locator('.ant-table-row-expand-icon').click();
    const overdue = Number((await p.getByTestId('progress-overdue-10A1-Toán').textContent())?.replace(/\D/g, ''));
    expect(overdue).toBeGreaterThan(0);
    await p.getByTestId(`progress-check-${fx.teacherId}`).first().click();
    await p.getByTestId('inspection-findings').fill('Chưa nhập ĐĐGgk môn Toán lớp 10A1, quá hạn hai tuần sau kiểm tra giữa kỳ.');
    await p.getByTestId('inspection-save').click();
    // The biên bản cannot be changed or deleted once recorded: a confirmation says so first.
    await p.getByTestId('inspection-confirm').click();
    await expect.poll(async () => (await serviceClient().from('inspections').select('id').eq('teacher_id', fx.teacherId)
      .like('findings', 'Chưa nhập ĐĐGgk môn Toán lớp 10A1, quá hạn%')).data?.length ?? 0).toBe(1);
    const id = (await one(serviceClient().from('inspections').select('id').eq('teacher_id', fx.teacherId).like('findings', 'Chưa nhập ĐĐGgk môn Toán lớp 10A1, quá hạn%'))).id as string;
    await p.goto(`${stackInfo().adminUrl}#/inspections`);
    await p.getByTestId(`inspection-row-${id}`).waitFor();
    await p.close();
  });
});
