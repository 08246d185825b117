// The admin board sets up a Tổ chuyên môn in a real browser: creates it with a unique name, adds a
// teacher of the current year, makes them Tổ trưởng, then hands that to a second member; supabase-js
// (service role) shows the department on the school and exactly one head each time. Real stack, no mocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient } from '../helpers/stack.ts';
import { chromiumAvailable, launchBrowser, signIn, type Browser } from '../helpers/browser.ts';

const ADMIN = 'bqt@thpt-tandong.edu.vn';
const TEACHER = 'gv.toan@thpt-tandong.edu.vn';
const SECOND = 'gvcn.10a1@thpt-tandong.edu.vn';
const available = chromiumAvailable();
let browser: Browser;

beforeAll(async () => {
  if (available) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('departments page', () => {
  it('admin board creates a department, adds a teacher, makes them Tổ trưởng, then hands the role to a second member', async () => {
    const svc = serviceClient();
    const teacher = (await svc.from('profiles').select('id, full_name').eq('email', TEACHER).single()).data!;
    const second = (await svc.from('profiles').select('id, full_name').eq('email', SECOND).single()).data!;
    const name = `Tổ thử ${Date.now()}`;
    const page = await browser.context.newPage();
    try {
      await signIn(page, ADMIN);
      await page.getByTestId('menu-departments').click();
      await page.getByTestId('departments-page').waitFor();

      await page.getByTestId('department-create').click();
      await page.getByTestId('department-name').fill(name);
      await page.getByTestId('department-save').click();
      await page.getByTestId('department-members').filter({ hasText: name }).waitFor();

      await page.getByTestId('department-member-select').click();
      await page.keyboard.type(teacher.full_name as string);
      await page.keyboard.press('Enter');
      await page.getByTestId('department-member-add').click();
      await page.getByTestId(`department-make-head-${teacher.full_name}`).click();
      await page.getByTestId('department-head-tag').waitFor();

      const department = (await svc.from('departments').select('id, school_id, org_units(code)').eq('name', name).single()).data as unknown as {
        id: string;
        org_units: { code: string };
      };
      expect(department.org_units.code).toBe('thpt-tandong');
      const { data: members } = await svc.from('department_members').select('profile_id, is_head').eq('department_id', department.id);
      expect(members).toEqual([{ profile_id: teacher.id, is_head: true }]);

      // A new head: the old one is cleared first, so the one-head-per-year index holds.
      await page.getByTestId('department-member-select').click();
      await page.keyboard.type(second.full_name as string);
      await page.keyboard.press('Enter');
      await page.getByTestId('department-member-add').click();
      await page.getByTestId(`department-make-head-${second.full_name}`).click();
      await page.getByTestId(`department-make-head-${teacher.full_name}`).waitFor();
      const { data: after } = await svc.from('department_members').select('profile_id, is_head').eq('department_id', department.id).order('is_head');
      expect(after).toEqual([{ profile_id: teacher.id, is_head: false }, { profile_id: second.id, is_head: true }]);
    } finally {
      await page.close();
    }
  });
});
