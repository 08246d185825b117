// Trang chủ (issue 18, item 1): rpc/my_start_page over HTTP as the demo users. Each role's section holds
// what the seed implies, and every read path shows only what the caller could read elsewhere: a subject
// teacher sees her own sheets behind and no other teacher (the principal, the positive control, sees her
// among the teachers behind); a family sees its own child's notice and results and no staff section; an
// office sees its schools' figures and nobody's name; someone signed out is refused.
import { createClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { idOf } from '../helpers/accounts.ts';
import { settledIntegrityCheck } from '../helpers/jobs.ts';
import { signedIn, serviceClient } from '../helpers/stack.ts';
import { demoSibling, demoStudent } from '../../supabase/seed/demo.ts';

interface Item { kind: string; tone: string; link: string; [k: string]: unknown }
interface Section { role: string; school_name: string | null; year_code: string | null; items: Item[] }
interface Page { today: string; sections: Section[] }

const pages = new Map<string, Page>();
async function startPage(email: string): Promise<Page> {
  if (!pages.has(email)) {
    const { data, error } = await (await signedIn(email)).rpc('my_start_page');
    expect(error).toBeNull();
    pages.set(email, data as unknown as Page);
  }
  return pages.get(email)!;
}
const section = (page: Page, role: string) => page.sections.find((s) => s.role === role);
const kinds = (page: Page) => page.sections.flatMap((s) => s.items.map((i) => `${s.role}:${i.kind}`));

const names = { toan: '', other: '' };

beforeAll(async () => {
  const toan = await serviceClient().from('profiles').select('full_name').eq('id', await idOf('gv.toan@thpt-tandong.edu.vn')).single();
  names.toan = toan.data!.full_name!;
  // Another teacher behind in the school (not gv.toan's department): a name only BGH may see here.
  const hieu = await startPage('hieutruong@thpt-tandong.edu.vn');
  names.other = section(hieu, 'principal')!.items.find((i) => i.kind === 'teacher_behind' && i.teacher_name !== names.toan)!.teacher_name as string;
});

describe('rpc/my_start_page', () => {
  it('refuses someone signed out', async () => {
    const stack = inject('stack');
    const anon = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false } });
    const { data, error } = await anon.rpc('my_start_page');
    expect(data).toBeNull();
    expect(error).not.toBeNull();
  });

  it("gv.toan: her 10A1 Toán sheet behind first, her dossiers; no other teacher's sheet or name", async () => {
    const page = await startPage('gv.toan@thpt-tandong.edu.vn');
    expect(page.today).toBe('2026-11-23');
    const mine = section(page, 'subject_teacher')!;
    expect(mine.school_name).toBe('Trường THPT Tân Đông');
    expect(mine.items[0]).toMatchObject({ kind: 'sheet_behind', class_name: '10A1', subject_name: 'Toán', semester: 1, tone: 'danger' });
    expect((mine.items[0]!.overdue as number)).toBeGreaterThan(0);
    expect(mine.items[0]!.link).toMatch(/^\/score_entries\?class=[0-9a-f-]{36}&subject=[0-9a-f-]{36}&semester=1$/);
    // Every sheet item is hers: Toán of 10A1 or 11A1.
    const sheets = mine.items.filter((x) => x.kind === 'sheet_behind').map((i) => `${String(i.class_name)} ${String(i.subject_name)}`);
    for (const sheet of sheets) expect(['10A1 Toán', '11A1 Toán']).toContain(sheet);
    expect(page.sections.map((s) => s.role).sort()).toEqual(['dossiers', 'subject_teacher']);
    expect(kinds(page)).not.toContain('principal:teacher_behind');
    expect(JSON.stringify(page)).not.toContain(names.other);
    expect(section(page, 'dossiers')!.items.map((i) => i.name)).toContain('Kế hoạch dạy học tuần');
  });

  it('the principal sees the teachers behind, gv.toan among them (the positive control)', async () => {
    const page = await startPage('hieutruong@thpt-tandong.edu.vn');
    const behind = section(page, 'principal')!.items.filter((i) => i.kind === 'teacher_behind');
    expect(behind.map((i) => i.teacher_name)).toContain(names.toan);
    expect(behind.map((i) => i.teacher_name)).toContain(names.other);
    // Most behind first.
    const overdue = behind.map((i) => i.overdue as number);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });

  it('the department head sees only her department among the teachers behind', async () => {
    const page = await startPage('totruong.toan@thpt-tandong.edu.vn');
    const behind = section(page, 'dept_head')!.items.filter((i) => i.kind === 'teacher_behind').map((i) => i.teacher_name);
    expect(behind).toContain(names.toan);
    expect(behind.length).toBeLessThan(section(await startPage('hieutruong@thpt-tandong.edu.vn'), 'principal')!.items.filter((i) => i.kind === 'teacher_behind').length);
  });

  it("gvcn.10a1: the missing conduct ratings of semester I, and her own Ngữ văn sheets", async () => {
    const page = await startPage('gvcn.10a1@thpt-tandong.edu.vn');
    const conduct = section(page, 'homeroom_teacher')!.items.find((i) => i.kind === 'conduct_missing')!;
    expect(conduct).toMatchObject({ class_name: '10A1', semester: 1, link: '/conduct_ratings' });
    expect(conduct.missing).toBe(conduct.students);
    expect((conduct.students as number)).toBeGreaterThan(30);
    const sheets = section(page, 'subject_teacher')!.items.filter((i) => i.kind === 'sheet_behind');
    expect(new Set(sheets.map((i) => i.subject_name))).toEqual(new Set(['Ngữ văn']));
  });

  it('the nurse, IT staff and the primary GVCN each see their module', async () => {
    const nurse = section(await startPage('yte@thpt-tandong.edu.vn'), 'nurse')!;
    expect(nurse.items.map((i) => i.kind)).toContain('measures_missing');
    // IT staff: the last integrity check of the school (the schedule ran one when the stack started).
    expect((await settledIntegrityCheck('thpt-tandong')).status).toBe('intact');
    const it_ = section(await startPage('cntt@thpt-tandong.edu.vn'), 'it_staff')!;
    expect(it_.items.map((i) => [i.kind, i.tone, i.findings, i.link])).toEqual([['integrity_intact', 'success', 0, '/status']]);
    const gvcn3a = await startPage('gvcn.3a@th-tandong.edu.vn');
    expect(gvcn3a.sections.map((s) => s.role)).toContain('homeroom_teacher');
    expect(kinds(gvcn3a).some((k) => k.endsWith(':conduct_missing'))).toBe(false);
  });

  it("a family: its children's published years and follow-up notice, nobody else's; no staff section", async () => {
    const [younger, older] = [demoStudent().full_name, demoSibling().full_name];
    const page = await startPage('phuhuynh@thpt-tandong.edu.vn');
    expect(page.sections.map((s) => s.role)).toEqual(['guardian']);
    const items = section(page, 'guardian')!.items;
    const notice = items.find((i) => i.kind === 'health_notice')!;
    expect(notice.title).toMatch(/^Cần theo dõi: /);
    expect(notice.full_name).toBe(younger);
    // The older child's two published years, newest first, with their classes; nothing of the younger (this year is not published).
    expect(items.filter((i) => i.kind === 'results_published').map((i) => [i.full_name, i.year_code, i.class_name, i.periods])).toEqual([
      [older, '2025-2026', '11A1', [1, 2, null]],
      [older, '2024-2025', '10A1', [1, 2, null]],
    ]);
    // Every name on the page is one of her children's.
    for (const i of items) expect([younger, older]).toContain(i.full_name);
    const student = await startPage('hocsinh@thpt-tandong.edu.vn');
    expect(student.sections.map((s) => s.role)).toEqual(['student']);
    const own = section(student, 'student')!.items;
    expect(own.map((i) => i.kind)).toContain('health_notice');
    expect(own.every((i) => i.full_name === younger)).toBe(true);
  });

  it('an office sees its schools, with counts only; the Phòng not the Sở\'s own school', async () => {
    const so = await startPage('so@tayninh.edu.vn');
    const items = section(so, 'province_officer')!.items;
    expect(items.find((i) => i.kind === 'office_school')).toMatchObject({ school_name: 'Trường THPT Tân Đông', year_code: '2026-2027' });
    expect(items.find((i) => i.kind === 'office_unit' && i.unit_name === 'Phòng GD&ĐT Tân Châu')).toMatchObject({ schools: 1 });
    expect(JSON.stringify(so)).not.toContain(names.toan);
    const phong = await startPage('phong@tanchau.edu.vn');
    expect(section(phong, 'district_officer')!.items.map((i) => i.school_name)).toEqual(['Trường Tiểu học Tân Đông']);
  });
});
