// The correction procedure in a real browser (seed 001 Điều 10): gv.toan files a correction of one
// locked Học kỳ I score of 2025–2026 10A1 Toán with a photo of the test paper; the admin board forwards
// it; the principal approves; the admin board unlocks it in front of a vice principal and the inspection
// board; the teacher changes the one approved entry in the Sổ điểm grid and cannot change the entry next
// to it (read-only in the grid, refused by the server); the admin board relocks; the minutes show the old
// and new values and the witnesses; the audit chain of the year verifies. The score changed leaves every
// result as it was (tests/helpers/corrections.ts), so the other suites reading that year are unaffected.
import type { Page } from 'playwright-core';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdClass, THPT_2025_10A1 } from '../helpers/classLock.ts';
import { serviceClient, signedIn } from '../helpers/stack.ts';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';
import { TINY_PNG, gradebookSheetSchema, neutralChange, vn, type NeutralChange } from '../helpers/corrections.ts';

const at = (u: string) => `${u}@thpt-tandong.edu.vn`;
const available = chromiumAvailable();
const ids = { school: '', year: '', cls: '', toan: '', request: '' };
const names = { vp: '', inspector: '', teacher: '', admin: '', homeroom: '' };
let browser: Browser;
let teacher: SupabaseClient<Database>;
let change: NeutralChange;
let studentCode = '';

async function one<T>(q: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await q;
  if (error || !data?.[0]) throw new Error(`lookup failed: ${JSON.stringify(error)}`);
  return data[0];
}

async function entry(seq: number) {
  return one(serviceClient().from('score_entries').select('score, version, correction_request_id')
    .eq('student_id', change.student.student_id).eq('subject_id', ids.toan).eq('school_year_id', ids.year)
    .eq('semester', 1).eq('kind', 'tx').eq('seq', seq));
}

async function as(email: string): Promise<Page> {
  const page = await browser.context.newPage();
  await signIn(page, email);
  return page;
}

async function openRequest(page: Page) {
  await page.goto(`${page.url().split('#')[0]}#/correction_requests/${ids.request}`);
  await page.getByTestId('correction-status').waitFor();
}

/** Clicks a step's button on the request page and confirms it (a note dialog or a confirmation). */
async function act(page: Page, to: string, note?: string) {
  await openRequest(page);
  await page.getByTestId(`correction-action-${to}`).click();
  if (to === 'unlocked') return;
  if (note !== undefined) {
    await page.getByTestId('correction-note').fill(note);
    await page.getByTestId('correction-note-confirm').click();
  } else {
    await page.getByTestId('correction-confirm').click();
  }
}

const statusOf = async () => (await one(serviceClient().from('correction_requests').select('status').eq('id', ids.request))).status;
const sheetUrl = (page: Page) => `${page.url().split('#')[0]}#/score_entries?class=${ids.cls}&subject=${ids.toan}&semester=1`;

let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  if (!available) return;
  // Its relock reprints an archived year file of the class, which the signing e2e signs: one at a time.
  release = await holdClass(THPT_2025_10A1);
  const svc = serviceClient();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2025-2026'))).id as string;
  ids.cls = (await one(svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '10A1'))).id as string;
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  for (const [key, email] of [['vp', 'phohieutruong'], ['inspector', 'thanhtra'], ['teacher', 'gv.toan'], ['admin', 'bqt'], ['homeroom', 'gvcn.10a1']] as const) {
    names[key] = (await one(svc.from('profiles').select('full_name').eq('email', at(email)))).full_name as string;
  }
  teacher = await signedIn(at('gv.toan'));
  const { data, error } = await teacher.rpc('gradebook_sheet', { p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: 1 });
  if (error) throw new Error(error.message);
  const sheet = gradebookSheetSchema.parse(data);
  change = neutralChange(sheet);
  studentCode = sheet.students
    .find((s) => s.student_id === change.student.student_id)!.student_code;
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await release?.();
});

describe.skipIf(!available)('sửa điểm: from the request to the minutes, in the browser', () => {
  it('gv.toan files a correction of one locked score with a photo of the test paper', async () => {
    const page = await as(at('gv.toan'));
    await page.goto(sheetUrl(page));
    await page.getByTestId('score-grid').waitFor();
    await page.getByTestId('score-locked').waitFor();
    expect(await page.getByTestId(`score-cell-${studentCode}-tx${change.seq}`).getAttribute('aria-readonly')).toBe('true');
    await page.getByTestId('correction-request-button').click();
    const cell = `${change.student.student_id}-tx-${change.seq}`;
    await page.getByTestId(`correction-cell-${cell}`).click();
    await page.getByTestId(`correction-value-${cell}`).fill(vn(change.to));
    await page.getByTestId('correction-reason').fill('Nhập nhầm điểm bài kiểm tra thường xuyên so với bài làm của học sinh');
    await page.getByTestId('correction-save').click();
    await page.getByTestId('correction-status').waitFor();
    ids.request = page.url().match(/correction_requests\/([0-9a-f-]{36})/)![1]!;
    expect(await statusOf()).toBe('draft');
    await page.getByTestId('correction-evidence-upload').setInputFiles({ name: 'bai-kiem-tra.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.locator('[data-testid^="correction-evidence-item-"]').first().waitFor();
    await page.getByTestId('correction-action-submitted').click();
    await page.getByTestId('correction-confirm').click();
    await expect.poll(statusOf).toBe('submitted');
    const items = (await serviceClient().from('correction_items').select('student_id, kind, seq, recorded_score, proposed_score').eq('request_id', ids.request)).data;
    expect(items).toEqual([{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, recorded_score: change.from, proposed_score: change.to }]);
    const evidence = (await serviceClient().storage.from('correction-evidence').list(ids.request)).data!;
    expect(evidence).toHaveLength(1);
    await page.close();
  });

  it('the admin board forwards it and the principal approves it', async () => {
    const admin = await as(at('bqt'));
    await admin.goto(`${admin.url().split('#')[0]}#/correction_requests`);
    await admin.getByTestId(`correction-row-${ids.request}`).waitFor();
    await act(admin, 'forwarded');
    await expect.poll(statusOf).toBe('forwarded');
    // The buttons are the database's allowed_actions: the forwarded request offers the board nothing…
    await openRequest(admin);
    // The status and the buttons come in one answer: once the page shows "forwarded", its buttons are that answer's.
    await admin.locator('[data-testid="correction-status"][data-status="forwarded"]').waitFor();
    expect(await admin.locator('[data-testid^="correction-action-"]').count()).toBe(0);
    await admin.close();
    // …and the principal the decision, each button naming its matrix cell.
    const principal = await as(at('hieutruong'));
    await openRequest(principal);
    await principal.getByTestId('correction-action-rejected').waitFor();
    const offered = await principal.locator('[data-testid^="correction-action-"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-action')}`));
    expect(offered).toEqual(['correction-action-approved=correction_requests.approve', 'correction-action-rejected=correction_requests.approve']);
    await act(principal, 'approved', 'Đồng ý cho sửa điểm');
    await expect.poll(statusOf).toBe('approved');
    await principal.close();
  });

  it('the admin board unlocks it with the witnesses present', async () => {
    const admin = await as(at('bqt'));
    await act(admin, 'unlocked');
    await admin.getByTestId('unlock-bgh').click();
    await admin.locator('.ant-select-dropdown:visible').getByText(names.vp, { exact: true }).click();
    await admin.getByTestId('unlock-inspector').click();
    await admin.locator('.ant-select-dropdown:visible').getByText(names.inspector, { exact: true }).click();
    await admin.getByTestId('unlock-confirm').click();
    await expect.poll(statusOf).toBe('unlocked');
    const witnesses = (await serviceClient().from('correction_witnesses').select('capacity').eq('request_id', ids.request)).data!.map((w) => w.capacity).sort();
    expect(witnesses).toEqual(['admin_board', 'bgh', 'homeroom', 'inspector', 'requester']);
    await admin.close();
  });

  it('the teacher changes the one approved entry and cannot change the entry next to it', async () => {
    const page = await as(at('gv.toan'));
    await page.goto(sheetUrl(page));
    await page.getByTestId('gradebook-correction-alert').waitFor();
    const target = page.getByTestId(`score-cell-${studentCode}-tx${change.seq}`);
    const neighbour = page.getByTestId(`score-cell-${studentCode}-tx${change.neighbour.seq}`);
    expect(await target.getAttribute('data-correction')).toBe('true');
    expect(await neighbour.getAttribute('aria-readonly')).toBe('true');
    expect(await page.locator('[data-correction="true"]').count()).toBe(1);
    // The server refuses the neighbour too, whatever the client sends.
    const before = await entry(change.neighbour.seq);
    const refused = await teacher.rpc('save_score_entries', { p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: 1,
      p_changes: [{ student_id: change.student.student_id, kind: 'tx', seq: change.neighbour.seq, value: vn(change.neighbour.score === 10 ? 9.9 : change.neighbour.score! + 0.1), version: before.version }] });
    expect(refused.error?.code).toBe('PT423');
    expect(await entry(change.neighbour.seq)).toEqual(before);
    await target.fill(vn(change.to));
    await page.getByTestId('score-save').click();
    await expect.poll(async () => (await entry(change.seq)).score).toBe(change.to);
    expect((await entry(change.seq)).correction_request_id).toBe(ids.request);
    await expect.poll(statusOf).toBe('edited');
    await page.close();
  });

  it('the admin board relocks at once and the minutes show the old and new values and the witnesses', async () => {
    const admin = await as(at('bqt'));
    await act(admin, 'relocked');
    await expect.poll(statusOf).toBe('relocked');
    const after = await entry(change.seq);
    const again = await teacher.rpc('save_score_entries', { p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: 1,
      p_changes: [{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, value: vn(change.from), version: after.version }] });
    expect(again.error?.code).toBe('PT423');
    await admin.goto(`${admin.url().split('#')[0]}#/correction_requests/${ids.request}/minutes`);
    const minutes = admin.getByTestId('correction-minutes');
    await minutes.waitFor();
    const row = admin.getByTestId(`minutes-row-${change.student.student_id}-tx-${change.seq}`);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(change.student.full_name);
    expect(rowText).toContain(`TX${change.seq}`);
    expect(rowText).toContain(vn(change.from));
    expect(rowText).toContain(vn(change.to));
    const witnesses = (await admin.getByTestId('minutes-witnesses').textContent()) ?? '';
    for (const n of [names.vp, names.inspector, names.admin, names.teacher, names.homeroom]) expect(witnesses).toContain(n);
    await admin.close();
  });

  it('the audit chain of the year verifies', async () => {
    const admin = await signedIn(at('bqt'));
    const { data, error } = await admin.rpc('verify_audit_chain', { p_school_id: ids.school, p_school_year_id: ids.year });
    expect(error).toBeNull();
    expect(data).toBeNull();
  });
});
