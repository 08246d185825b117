// Approval and publication of results in a real browser, and the family's view: a parent of an 11A1
// student sees no results; the class's GVCN proposes the year's results on the Duyệt và công bố page;
// the principal approves and publishes them; the parent then sees their child's year results
// (Vietnamese decimal comma), and nobody else's. The demo publishes every past year (docs/DEMO.md), so
// this runs on a school of this file's own (tests/helpers/ownSchool.ts: the seed's code path, a complete
// 2025–2026 nobody published; its staff sign in with the demo password). TEST FIXTURES: that school, the
// parent account (service role) with a guardian role in the school's year (it gives the menu).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, serviceClient, superuser } from '../helpers/stack.ts';
import { OWN_YEAR, createOwnSchool } from '../helpers/ownSchool.ts';
import { chromiumAvailable, launchBrowser, openOptions, signIn, type Browser } from '../helpers/browser.ts';

const available = chromiumAvailable();
const fx = { school: '', year: '', cls: '', child: '', childName: '', childCode: '', gvcnEmail: '', principalEmail: '', parentEmail: '', parentPassword: '' };
let browser: Browser;

async function one<T>(q: PromiseLike<{ data: T[] | null; error: unknown }>): Promise<T> {
  const { data, error } = await q;
  if (error || !data?.[0]) throw new Error(`lookup failed: ${JSON.stringify(error)}`);
  return data[0];
}


async function openPublications(email: string, password?: string): Promise<Page> {
  const page = await browser.context.newPage();
  await signIn(page, email, password);
  await page.getByTestId('menu-result_publications').click();
  await page.getByTestId('publications-page').waitFor();
  await page.getByTestId('year-select').click();
  await openOptions(page).filter({ hasText: OWN_YEAR }).first().click();
  await page.getByTestId('period-select').click();
  await page.getByTestId('period-year').click();
  await page.getByTestId('publication-row-11A1').waitFor();
  return page;
}

async function myResults(): Promise<Page> {
  const page = await browser.context.newPage();
  await signIn(page, fx.parentEmail, fx.parentPassword);
  await page.getByTestId('menu-my_results').click();
  await page.getByTestId('my-results-page').waitFor();
  return page;
}

const status = async () => (await serviceClient().from('result_publications').select('status').eq('class_id', fx.cls).is('semester', null)).data?.[0]?.status ?? 'draft';

beforeAll(async () => {
  if (!available) return;
  const svc = serviceClient();
  const su = await superuser();
  const own = await createOwnSchool(su).finally(() => su.end());
  [fx.school, fx.year, fx.cls] = [own.schoolId, own.yearId, own.classes['11A1'].id];
  [fx.gvcnEmail, fx.principalEmail] = [own.classes['11A1'].gvcn, own.principal];
  const student = await one(svc.from('enrolments').select('student_id, students(full_name, student_code)').eq('class_id', fx.cls).order('student_id').limit(1));
  fx.child = student.student_id as string;
  ({ full_name: fx.childName, student_code: fx.childCode } = (student as unknown as { students: { full_name: string; student_code: string } }).students);
  const parent = await createUser();
  [fx.parentEmail, fx.parentPassword] = [parent.email, parent.password];
  expect((await svc.from('profiles').insert({ id: parent.id, full_name: 'Lê Văn Cha', email: parent.email })).error).toBeNull();
  expect((await svc.from('guardians').insert({ school_id: fx.school, student_id: fx.child, relationship: 'father', full_name: 'Lê Văn Cha', profile_id: parent.id })).error).toBeNull();
  // As the demo parent: a guardian role in the school's current year (it gives the menu).
  expect((await svc.from('memberships').insert({ profile_id: parent.id, org_unit_id: fx.school, school_year_id: fx.year, role: 'guardian' })).error).toBeNull();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('duyệt và công bố kết quả, and the parent\'s view', () => {
  it('before publication the parent sees that nothing is published', async () => {
    const page = await myResults();
    // The child is named, with nothing under it but the sentence that nothing is published yet.
    await page.getByTestId(`my-results-student-${fx.childCode}`).getByTestId('my-results-none').waitFor();
    expect(await page.getByTestId('my-results-period').count()).toBe(0);
    await page.close();
  });

  it('the GVCN proposes the year\'s results; the principal approves and publishes them', async () => {
    const gvcn = await openPublications(fx.gvcnEmail);
    await gvcn.getByTestId('publication-action-propose-11A1').click();
    await expect.poll(status).toBe('proposed');
    await expect.poll(() => gvcn.getByTestId('publication-status-11A1').textContent()).toBe('Đã trình duyệt');
    await gvcn.close();
    const principal = await openPublications(fx.principalEmail);
    await principal.getByTestId('publication-action-approve-11A1').click();
    await expect.poll(status).toBe('approved');
    await principal.getByTestId('publication-action-publish-11A1').click();
    await principal.getByTestId('publication-publish-confirm-11A1').click();
    await expect.poll(status).toBe('published');
    await principal.close();
  });

  it('after publication the parent sees their child\'s year results, in Vietnamese formats', async () => {
    const page = await myResults();
    await page.getByTestId(`my-results-student-${fx.childCode}`).waitFor();
    expect(await page.getByTestId('my-results-period').count()).toBe(1);
    const card = (await page.getByTestId('my-results-period').textContent()) ?? '';
    expect(card).toContain('11A1');
    expect(card).toContain(OWN_YEAR);
    const toan = (await page.getByTestId('my-results-subject-Toán').textContent()) ?? '';
    const expected = await one(serviceClient().from('subject_results').select('average')
      .eq('student_id', fx.child).eq('class_id', fx.cls).is('semester', null).eq('subject_id',
        (await one(serviceClient().from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string));
    expect(toan).toContain((expected.average as number).toFixed(1).replace('.', ','));
    expect(await page.locator('[data-testid^="my-results-student-"]').count()).toBe(1);
    await page.close();
  });
});
