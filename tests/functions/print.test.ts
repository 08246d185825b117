// The `print` edge function (issue 14) through the gateway as the demo people: the transcript of a
// student in this year's grade 12 (2024–2025 and 2025–2026 complete and locked, 2026–2027 in progress)
// printed by the clerk, read back with pdftotext and compared with what the database computes; who is
// refused, with the same sentence whether or not the student exists. The student's 2024–2025 year (final)
// is printed once — archived as version 1 — then one correction is applied (2024–2025 10A2 Ngữ văn,
// semester I, a sheet no other suite writes; the change moves no average), so the page footer has
// something to count and the next print is version 2, superseding version 1.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, asUser, createUser, serviceClient, signedIn, stackInfo, superuser, useClonedDb } from '../helpers/stack.ts';
import { demoStudent } from '../../supabase/seed/demo.ts';
import { applyCorrection, one, pickNeutralChange, type AppliedCorrection } from '../helpers/corrections.ts';
import { fetchFrom, freshLoopbackAddress } from '../helpers/net.ts';
import { pages, print, type Printed } from '../helpers/print.ts';

const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const ids = { school: '', y2024: '', y2026: '', p10A2: '', nguVan: '', c10A1: '' };
let clerk: SupabaseClient<Database>, mathTeacher: SupabaseClient<Database>, homeroom: SupabaseClient<Database>;
let correction: AppliedCorrection;
let student = '';
/** The 2024–2025 year printed before the correction (version 1). */
let before: Printed;


const vn = (n: number | string | null) => (n === null ? '' : Number(n).toFixed(1).replace('.', ','));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LEVEL: Record<string, string> = { tot: 'Tốt', kha: 'Khá', dat: 'Đạt', chua_dat: 'Chưa đạt' };

interface DbSubject { name: string; kind: string; sem1: string | null; sem2: string | null; year: string | null; r1: boolean | null; r2: boolean | null; ry: boolean | null; retest: string | null; teacher: string | null }

/** What the database computes for one student and year, read as the superuser from the same views. */
async function computed(studentId: string, yearCode: string) {
  const su = await superuser();
  try {
    const subjects = (await su.query<DbSubject>(`
      select s.name, s.assessment_kind as kind, r1.average as sem1, r2.average as sem2, ry.average as year,
             r1.rating as r1, r2.rating as r2, ry.rating as ry, ry.retest_score as retest,
             (select string_agg(distinct private.profile_name(a.teacher_id), ', ') from public.teaching_assignments a
              where a.class_id = e.class_id and a.subject_id = s.id and a.ended_at is null) as teacher
      from public.enrolments e
      join public.school_years y on y.id = e.school_year_id and y.code = $2
      join public.class_subjects cs on cs.class_id = e.class_id
      join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
      left join public.subject_results r1 on r1.student_id = e.student_id and r1.class_id = e.class_id and r1.subject_id = s.id and r1.semester = 1
      left join public.subject_results r2 on r2.student_id = e.student_id and r2.class_id = e.class_id and r2.subject_id = s.id and r2.semester = 2
      left join public.subject_results ry on ry.student_id = e.student_id and ry.class_id = e.class_id and ry.subject_id = s.id and ry.semester is null
      where e.student_id = $1 and e.end_reason is distinct from 'class_change'
      order by s.sort_order`, [studentId, yearCode])).rows;
    const results = (await su.query<{ semester: number | null; learning_level: string | null; conduct_level: string | null; absences: number; promotion: string | null; learning_after_retest: string | null }>(`
      select x.semester, x.learning_level, x.conduct_level, x.absences, x.promotion, x.learning_after_retest
      from public.student_results x join public.school_years y on y.id = x.school_year_id and y.code = $2
      where x.student_id = $1 order by x.semester nulls last`, [studentId, yearCode])).rows;
    return { subjects, results };
  } finally {
    await su.end();
  }
}

/** The cells of a subject row as a teacher reads them on paper. */
function cells(s: DbSubject): string[] {
  if (s.kind === 'scored') return [vn(s.sem1), vn(s.sem2), vn(s.year), ...(s.retest === null ? [] : [vn(s.retest)])];
  const r = (v: boolean | null) => (v === null ? '' : v ? 'Đ' : 'CĐ');
  return [r(s.r1), r(s.r2), s.ry === null ? '' : s.ry ? 'Đạt' : 'Chưa đạt'];
}

/** Asserts that the subjects page shows every subject's values, in order, followed by its teacher. */
function expectSubjectRows(page: string, subjects: DbSubject[]) {
  const flat = page.replace(/\s+/g, ' ');
  let from = 0;
  for (const s of subjects) {
    const re = new RegExp(`${cells(s).filter(Boolean).map(esc).join(' ')} (?:[^ ]+ ){0,12}?${esc(s.teacher ?? '')}`);
    const m = re.exec(flat.slice(from));
    expect(m, `${s.name}: ${cells(s).join(' | ')} then ${s.teacher}`).not.toBeNull();
    from += m!.index + m![0].length;
  }
}

beforeAll(async () => {
  const svc = serviceClient();
  clerk = await signedIn(at('vanthu'));
  mathTeacher = await signedIn(at('gv.toan'));
  homeroom = await signedIn(at('gvcn.10a1'));
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  const year = async (code: string) => (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', code))).id as string;
  [ids.y2024, ids.y2026] = await Promise.all([year('2024-2025'), year('2026-2027')]);
  ids.p10A2 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.y2024).eq('name', '10A2'))).id as string;
  ids.c10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.y2026).eq('name', '10A1'))).id as string;
  ids.nguVan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'ngu_van'))).id as string;
  const idOf = async (who: string) => (await one(svc.from('profiles').select('id').eq('email', at(who)))).id as string;
  const sheet = { class_id: ids.p10A2, subject_id: ids.nguVan, semester: 1 };
  const change = await pickNeutralChange(homeroom, sheet);
  student = change.student.student_id;
  before = await print(clerk, { document: 'transcript', student_id: student, school_year_id: ids.y2024 });
  correction = await applyCorrection(
    { teacher: homeroom, admin: await signedIn(at('bqt')), principal: await signedIn(at('hieutruong')) },
    sheet,
    { vp: await idOf('phohieutruong'), inspector: await idOf('thanhtra') },
    change,
  );
}, 60_000);

describe('print a transcript (học bạ)', () => {
  let whole: Printed;
  let text: string[];

  beforeAll(async () => {
    whole = await print(clerk, { document: 'transcript', student_id: student });
    text = whole.status === 200 ? pages(whole.bytes) : [];
  }, 60_000);

  it('vanthu@ prints the whole transcript of a grade-12 student: a PDF of cover, identity, and two pages per year', async () => {
    expect(whole.status, JSON.stringify(whole.json)).toBe(200);
    expect(whole.type).toBe('application/pdf');
    expect(whole.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toHaveLength(2 + 3 * 2);
    const { data: st } = await serviceClient().from('students').select('full_name').eq('id', student).single();
    expect(text[0]).toContain('HỌC BẠ TRUNG HỌC PHỔ THÔNG');
    expect(text[0]).toContain(st!.full_name!.toLocaleUpperCase('vi'));
    expect(text[1]).toContain(`Họ và tên: ${st!.full_name}`);
    expect(text[1]).toMatch(/QUÁ TRÌNH HỌC TẬP[\s\S]*2024 - 2025\s+10A2[\s\S]*2025 - 2026\s+11A2[\s\S]*2026 - 2027\s+12A2/);
    // Page numbers from page 2, at the top.
    expect(text[0]!.trim().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
    expect(text[1]!.trim().split('\n')[0]!.trim()).toBe('2');
  });

  it('every subject\'s semester, year and re-test values are exactly those the database computes, in the national order', async () => {
    for (const [i, code] of ['2024-2025', '2025-2026', '2026-2027'].entries()) {
      const { subjects } = await computed(student, code);
      expect(subjects.length).toBeGreaterThan(8);
      expectSubjectRows(text[2 + 2 * i]!, subjects);
    }
  });

  it('the corrected entry is counted in the footer of its year\'s subjects page, and no other page counts one', async () => {
    expect(text[2]!.replace(/\s+/g, ' ')).toContain('Trong trang này có sửa chữa ở 1 chỗ, thuộc môn học, hoạt động giáo dục: Ngữ văn');
    expect(text[4]!.replace(/\s+/g, ' ')).toContain('Trong trang này có sửa chữa ở 0 chỗ');
  });

  it('the summary pages show conduct, learning and absences per semester and year and the promotion line', async () => {
    for (const [i, code] of ['2024-2025', '2025-2026'].entries()) {
      const { results } = await computed(student, code);
      const page = text[3 + 2 * i]!.replace(/\s+/g, ' ');
      for (const [label, r] of [['Học kì I', results[0]], ['Học kì II', results[1]], ['Cả năm', results[2]]] as const) {
        expect(page).toContain(`${label} ${LEVEL[r!.conduct_level!]} ${LEVEL[r!.learning_level!]} ${r!.absences}`);
      }
      const promotion = results[2]!.promotion === 'promoted'
        ? results[2]!.learning_after_retest ? 'Được lên lớp sau đánh giá lại các môn học' : 'Được lên lớp'
        : 'Không được lên lớp';
      expect(page).toContain(`Kết quả cả năm: ${promotion}`);
    }
  });

  it('only the year in progress is marked as a draft, on both its pages', () => {
    const draft = 'Bản nháp – không phải bản chính';
    expect(text.map((p) => p.includes(draft))).toEqual([false, false, false, false, false, false, true, true]);
  });

  it('printing again gives the same bytes (a document is a function of its data and layout)', async () => {
    const again = await print(clerk, { document: 'transcript', student_id: student });
    expect(again.status).toBe(200);
    expect(again.bytes.equals(whole.bytes)).toBe(true);
  });

});

describe('the archive (one school year, the unit that will be signed)', () => {
  let after: Printed;
  let versions: { id: string; version: number; status: string; sha256: string; storage_path: string; verification_code: string; correction_request_id: string | null; superseded_by: string | null; data_sha256: string; audit_head: string | null }[];

  beforeAll(async () => {
    after = await print(clerk, { document: 'transcript', student_id: student, school_year_id: ids.y2024 });
    const { data } = await serviceClient().from('document_versions')
      .select('id, version, status, sha256, storage_path, verification_code, correction_request_id, superseded_by, data_sha256, audit_head')
      .eq('unit_key', `transcript_year:${student}:${ids.y2024}`).order('version');
    versions = data ?? [];
  }, 60_000);

  it('the final year printed before the correction is version 1: two pages, its code and QR line on each, nothing marked draft', () => {
    expect(before.status).toBe(200);
    expect(before.version).toBe('1');
    const p = pages(before.bytes);
    expect(p).toHaveLength(2);
    expect(p[0]).toContain('Năm học: 2024 - 2025');
    expect(p[0]).not.toContain('QUÁ TRÌNH HỌC TẬP');
    const code = before.code!.match(/.{4}/g)!.join('-');
    for (const page of p) {
      expect(page).toContain(`Mã xác thực ${code} · Phiên bản 1`);
      expect(page).toContain(`/#/verify/${before.code}`);
      expect(page).not.toContain('Bản nháp');
    }
  });

  it('after the correction a new print is version 2: it names the request, supersedes version 1, and counts the corrected entry', () => {
    expect(after.status).toBe(200);
    expect(after.version).toBe('2');
    expect(after.code).not.toBe(before.code);
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'current']]);
    expect(versions[0]!.superseded_by).toBe(versions[1]!.id);
    expect(versions[1]!.correction_request_id).toBe(correction.requestId);
    expect(versions[1]!.data_sha256).not.toBe(versions[0]!.data_sha256);
    expect(versions[1]!.audit_head).toMatch(/^[0-9a-f]{64}$/);
    expect(pages(after.bytes)[0]!.replace(/\s+/g, ' ')).toContain('có sửa chữa ở 1 chỗ');
  });

  it('version 1\'s bytes are unchanged: the stored file hashes to its sha256 and equals what was first served', async () => {
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    expect(sha(before.bytes)).toBe(versions[0]!.sha256);
    const { data: stored } = await clerk.storage.from('documents').download(versions[0]!.storage_path);
    expect(sha(Buffer.from(await stored!.arrayBuffer()))).toBe(versions[0]!.sha256);
    expect(sha(after.bytes)).toBe(versions[1]!.sha256);
  });

  it('printing the same data again serves the same version, number and bytes', async () => {
    const again = await print(clerk, { document: 'transcript', student_id: student, school_year_id: ids.y2024 });
    expect([again.version, again.code]).toEqual(['2', after.code]);
    expect(again.bytes.equals(after.bytes)).toBe(true);
  });

  it('the public verification says what each code is: version 1 superseded, version 2 current, initials and year of birth only', async () => {
    const anon = anonClient();
    const { data: st } = await serviceClient().from('students').select('full_name, birth_date').eq('id', student).single();
    const initials = st!.full_name!.split(/\s+/).map((w) => `${w[0]!.toLocaleUpperCase('vi')}.`).join('');
    const old = (await anon.rpc('verify_document', { p_code: before.code!.toLowerCase().match(/.{4}/g)!.join('-') })).data;
    expect(old).toEqual({
      kind: 'transcript_year', version: 1, status: 'superseded', issued_on: '2026-11-23', sha256: versions[0]!.sha256,
      school_name: 'Trường THPT Tân Đông', school_year_code: '2024-2025', student_initials: initials,
      birth_year: Number(st!.birth_date!.slice(0, 4)),
      signed: [], // the hashes of its signed revisions (none here): nothing about the person
    });
    expect((await anon.rpc('verify_document', { p_code: after.code! })).data).toMatchObject({ version: 2, status: 'current' });
    const unknown = await anon.rpc('verify_document', { p_code: 'AAAA-BBBB-CCCC-DDDD' });
    expect([unknown.data, unknown.error]).toEqual([null, null]);
  });

  it('more than 20 lookups a minute from one address are refused with a sentence (429); another address still verifies', async () => {
    const from = fetchFrom(freshLoopbackAddress());
    const call = (f: typeof fetch) => f(`${stackInfo().apiUrl}/rest/v1/rpc/verify_document`, {
      method: 'POST', headers: { apikey: stackInfo().anonKey, 'Content-Type': 'application/json' }, body: JSON.stringify({ p_code: after.code }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(from)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const refused = await call(from);
    expect(refused.status).toBe(429);
    expect((await refused.json()).message).toBe('Bạn tra cứu quá nhiều lần, vui lòng thử lại sau một phút.');
    expect((await call(fetchFrom(freshLoopbackAddress()))).status).toBe(200);
  });

  it('no role can delete or change a version or its file, through REST or storage — not even the service role', async () => {
    const v1 = versions[0]!;
    const accounts = ['bqt', 'hieutruong', 'phohieutruong', 'totruong.toan', 'gv.toan', 'gvcn.10a1', 'yte', 'vanthu', 'thanhtra', 'phuhuynh', 'cntt', 'congdoan', 'hocsinh']
      .map(at).concat(['bqt@th-tandong.edu.vn', 'gvcn.3a@th-tandong.edu.vn', 'phong@tanchau.edu.vn', 'so@tayninh.edu.vn']);
    const clients: [string, SupabaseClient<Database>][] = [['service_role', serviceClient()]];
    for (const email of accounts) clients.push([email, await signedIn(email)]);
    const failures: string[] = [];
    for (const [who, c] of clients) {
      const del = await c.from('document_versions').delete().eq('id', v1.id).select('id');
      if (!del.error && (del.data?.length ?? 0) > 0) failures.push(`${who} deleted the row`);
      const upd = await c.from('document_versions').update({ sha256: '0'.repeat(64) }).eq('id', v1.id).select('id');
      if (!upd.error && (upd.data?.length ?? 0) > 0) failures.push(`${who} changed the row`);
      const back = await c.from('document_versions').update({ status: 'current' }).eq('id', v1.id).select('id');
      if (!back.error && (back.data?.length ?? 0) > 0) failures.push(`${who} made version 1 current again`);
      const rm = await c.storage.from('documents').remove([v1.storage_path]);
      if (!rm.error && (rm.data?.length ?? 0) > 0) failures.push(`${who} removed the file`);
      const over = await c.storage.from('documents').upload(v1.storage_path, Buffer.from('%PDF-1.3 forged'), { contentType: 'application/pdf', upsert: true });
      if (!over.error) failures.push(`${who} overwrote the file`);
      const forged = await c.storage.from('documents').upload(`${v1.storage_path}.new.pdf`, Buffer.from('%PDF-1.3 forged'), { contentType: 'application/pdf' });
      if (!forged.error && who !== 'service_role') failures.push(`${who} added a file to the archive`);
    }
    expect(failures).toEqual([]);
    // Control: the row and the file are as they were.
    const { data: row } = await serviceClient().from('document_versions').select('sha256, status').eq('id', v1.id).single();
    expect(row).toEqual({ sha256: v1.sha256, status: 'superseded' });
    const { data: file } = await serviceClient().storage.from('documents').download(v1.storage_path);
    expect(crypto.createHash('sha256').update(Buffer.from(await file!.arrayBuffer())).digest('hex')).toBe(v1.sha256);
    // The function has no way to delete: an unknown document kind is refused.
    expect((await print(clerk, { document: 'delete', version_id: v1.id })).status).toBe(400);
  }, 120_000);
});

describe('copies (bản sao): numbered on a recorded application', () => {
  const apply = async (client: SupabaseClient<Database>, reason = 'Mất học bạ do hỏa hoạn') => {
    const { data, error } = await client.from('copy_applications')
      .insert({ school_id: ids.school, student_id: student, applicant_name: 'Nguyễn Văn Hùng', applicant_relation: 'Cha', reason })
      .select('id').single();
    return { id: data?.id as string | undefined, error };
  };

  it('applied for twice: two numbers n/SY and reissue counts 1 and 2, marked BẢN SAO with the Decree 30 block; downloading again keeps number and bytes', async () => {
    const first = await apply(clerk);
    const second = await apply(clerk, 'Cần bản sao để nộp hồ sơ du học');
    expect([first.error, second.error]).toEqual([null, null]);
    const a = await print(clerk, { document: 'copy', application_id: first.id });
    const b = await print(clerk, { document: 'copy', application_id: second.id });
    expect([a.status, b.status]).toEqual([200, 200]);
    const { data: rows } = await serviceClient().from('copy_applications').select('id, number, number_year, reissue_count, issued_on').in('id', [first.id!, second.id!]);
    const row = (id: string) => rows!.find((r) => r.id === id)!;
    expect([row(first.id!).reissue_count, row(second.id!).reissue_count]).toEqual([1, 2]);
    expect(row(second.id!).number).toBeGreaterThan(row(first.id!).number!);
    expect(row(first.id!).number_year).toBe(2026);
    for (const [printed, r] of [[a, row(first.id!)], [b, row(second.id!)]] as const) {
      const p = pages(printed.bytes);
      // The final years only (2024–2025, 2025–2026): cover, identity, four year pages.
      expect(p).toHaveLength(6);
      expect(p.every((page) => page.includes(`BẢN SAO – cấp lại lần thứ ${r.reissue_count}`))).toBe(true);
      expect(p.join('\n')).not.toContain('2026 - 2027');
      const tail = p.at(-1)!.replace(/\s+/g, ' ');
      expect(tail).toContain('SAO Y BẢN CHÍNH');
      expect(tail).toContain(`Số: ${r.number}/SY`);
      expect(tail).toContain('Tân Đông, ngày 23 tháng 11 năm 2026');
    }
    const again = await print(clerk, { document: 'copy', application_id: first.id });
    expect(again.bytes.equals(a.bytes)).toBe(true);
    expect(again.code).toBe(a.code);
    const { data: still } = await serviceClient().from('copy_applications').select('number, reissue_count').eq('id', first.id!).single();
    expect(still).toEqual({ number: row(first.id!).number, reissue_count: 1 });
  });

  it('eight copies issued at once get eight different, consecutive numbers', async () => {
    const apps = await Promise.all(Array.from({ length: 8 }, () => apply(clerk)));
    const issued = await Promise.all(apps.map((x) => clerk.rpc('issue_copy', { p_application_id: x.id! })));
    expect(issued.map((x) => x.error)).toEqual(Array(8).fill(null));
    const numbers = issued.map((x) => (x.data as { number: number }).number).sort((p, q) => p - q);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.at(-1)! - numbers[0]!).toBe(7);
    const counts = issued.map((x) => (x.data as { reissue_count: number }).reissue_count).sort((p, q) => p - q);
    expect(new Set(counts).size).toBe(8);
  });

  it('gv.toan@ can neither record an application nor issue one; nobody changes or deletes a recorded application', async () => {
    const refused = await apply(mathTeacher);
    expect(refused.error?.code).toBe('42501');
    const mine = await apply(clerk);
    const issue = await mathTeacher.rpc('issue_copy', { p_application_id: mine.id! });
    expect(issue.error?.message).toBe('Bạn không có quyền cấp bản sao theo đơn này.');
    expect((await print(mathTeacher, { document: 'copy', application_id: mine.id })).status).toBe(403);
    // Control: the clerk issues it.
    expect((await clerk.rpc('issue_copy', { p_application_id: mine.id! })).error).toBeNull();
    for (const c of [clerk, serviceClient()]) {
      const upd = await c.from('copy_applications').update({ reason: 'khác' }).eq('id', mine.id!).select('id');
      expect(upd.data ?? []).toEqual([]);
      const del = await c.from('copy_applications').delete().eq('id', mine.id!).select('id');
      expect(del.data ?? []).toEqual([]);
    }
    const { data: row } = await serviceClient().from('copy_applications').select('reason, number').eq('id', mine.id!).single();
    expect(row!.reason).toBe('Mất học bạ do hỏa hoạn');
    expect(row!.number).not.toBeNull();
  });

  describe('the counter restarts each 1 January (in a database of its own, "today" moved)', () => {
    const db = useClonedDb();
    it('a copy issued on 2 January 2027 is number 1/SY of 2027, after numbers of 2026', async () => {
      const c = db();
      const { rows: [who] } = await c.query(`select id from auth.users where email = 'vanthu@thpt-tandong.edu.vn'`);
      const { rows: [school] } = await c.query(`select id from public.org_units where code = 'thpt-tandong'`);
      const { rows: [pupil] } = await c.query(`select id from public.students where school_id = $1 limit 1`, [school.id]);
      const issueOne = () => asUser(c, { sub: who.id }, async () => {
        const { rows: [app] } = await c.query(`insert into public.copy_applications (school_id, student_id, applicant_name, applicant_relation, reason)
          values ($1, $2, 'Lê Thị Hoa', 'Mẹ', 'Mất học bạ') returning id`, [school.id, pupil.id]);
        const { rows: [r] } = await c.query(`select public.issue_copy($1) as r`, [app.id]);
        return r.r as { number: number; number_year: number };
      });
      // Each issue runs as the clerk in a transaction that is rolled back; the 2026 counter is then set
      // (committed) to 41 copies, and the first copy of 2027 must still be number 1.
      await c.query(`update private.settings set value = '2026-12-30' where key = 'pinned_today'`);
      const before = await issueOne();
      expect(before.number_year).toBe(2026);
      await c.query(`insert into private.copy_counters (school_id, year, last) values ($1, 2026, 41) on conflict (school_id, year) do update set last = 41`, [school.id]);
      await c.query(`update private.settings set value = '2027-01-02' where key = 'pinned_today'`);
      const after = await issueOne();
      expect(after).toMatchObject({ number: 1, number_year: 2027 });
    });
  });
});

describe('the family view (Bản xem) of published results', () => {
  const fam = { cls: '', child: '', parent: null as SupabaseClient<Database> | null };

  beforeAll(async () => {
    // 2024–2025 12A2 (graduated; no other suite uses it): the demo published its year's results (GVCN,
    // vice principal, principal: docs/DEMO.md); a parent account is linked to one of its students.
    const svc = serviceClient();
    const cls = await one(svc.from('classes').select('id').eq('school_year_id', ids.y2024).eq('name', '12A2'));
    fam.cls = cls.id as string;
    expect((await svc.from('result_publications').select('status').eq('class_id', fam.cls).is('semester', null)).data).toEqual([{ status: 'published' }]);
    fam.child = (await one(svc.from('enrolments').select('student_id').eq('class_id', fam.cls).order('student_id').limit(1))).student_id as string;
    const parent = await createUser();
    expect((await svc.from('profiles').insert({ id: parent.id, full_name: 'Phụ huynh thử in', email: parent.email })).error).toBeNull();
    expect((await svc.from('guardians').insert({ school_id: ids.school, student_id: fam.child, relationship: 'mother', full_name: 'Phụ huynh thử in', profile_id: parent.id })).error).toBeNull();
    fam.parent = await signedIn(parent.email, parent.password);
  }, 60_000);

  it('the parent of a 2024–2025 12A2 student gets the published year as a PDF marked "Bản xem" on every page, with the computed values, never archived', async () => {
    const r = await print(fam.parent, { document: 'transcript', student_id: fam.child });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.version).toBeNull();
    const p = pages(r.bytes);
    expect(p).toHaveLength(4);
    expect(p.every((page) => page.includes('Bản xem – không phải bản chính'))).toBe(true);
    expectSubjectRows(p[2]!, (await computed(fam.child, '2024-2025')).subjects);
    const { data: archived } = await serviceClient().from('document_versions').select('id').eq('student_id', fam.child);
    expect(archived).toEqual([]);
  });

  it('the same parent is refused another student; the demo parent, whose younger child has nothing published, is told so', async () => {
    const other = await print(fam.parent, { document: 'transcript', student_id: student });
    expect(other.status).toBe(403);
    expect(other.json?.message).toBe('Bạn không có quyền in học bạ của học sinh này.');
    // Nor one archived year of their own child.
    expect((await print(fam.parent, { document: 'transcript', student_id: fam.child, school_year_id: ids.y2024 })).status).toBe(403);
    const demoParent = await signedIn(at('phuhuynh'));
    const { data: younger } = await serviceClient().from('students').select('id').eq('student_code', demoStudent().student_code).single();
    const none = await print(demoParent, { document: 'transcript', student_id: younger!.id });
    expect(none.status).toBe(404);
    expect(none.json?.message).toBe('Chưa có năm học nào của học sinh được công bố kết quả.');
  });
});

describe('who may print', () => {
  it('gv.toan@ (reads a 10A1 student\'s Toán) is refused that student\'s transcript, and the grade-12 one, with one sentence', async () => {
    const { data: pupil } = await serviceClient().from('enrolments').select('student_id').eq('class_id', ids.c10A1).is('ended_on', null).limit(1).single();
    // Positive control: he reads the student.
    const { data: seen } = await mathTeacher.from('students').select('id').eq('id', pupil!.student_id);
    expect(seen).toHaveLength(1);
    for (const id of [pupil!.student_id, student, crypto.randomUUID()]) {
      const r = await print(mathTeacher, { document: 'transcript', student_id: id });
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ code: 'not_allowed', message: 'Bạn không có quyền in học bạ của học sinh này.' });
    }
  });

  it('the GVCN of 10A1 prints a student of their class, and is refused a student of another class', async () => {
    const { data: pupil } = await serviceClient().from('enrolments').select('student_id').eq('class_id', ids.c10A1).is('ended_on', null).limit(1).single();
    const mine = await print(homeroom, { document: 'transcript', student_id: pupil!.student_id });
    expect(mine.status).toBe(200);
    expect(pages(mine.bytes).at(-1)).toContain('Bản nháp – không phải bản chính');
    const other = await print(homeroom, { document: 'transcript', student_id: student });
    expect(other.status).toBe(403);
  });

  it('the anon key is refused; a bad body gets a sentence; a year the student did not study gets 404', async () => {
    expect((await print(null, { document: 'transcript', student_id: student })).status).toBe(403);
    const bad = await print(clerk, { document: 'transcript', student_id: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.json?.message).toBe('Mã học sinh không hợp lệ');
    const kind = await print(clerk, { document: 'bang_diem', student_id: student });
    expect(kind.status).toBe(400);
    expect(kind.json?.message).toBe('Loại văn bản không được hỗ trợ (transcript, copy, correction_minutes, class_gradebook).');
    const { data: pupil } = await serviceClient().from('enrolments').select('student_id').eq('class_id', ids.c10A1).is('ended_on', null).limit(1).single();
    const notThen = await print(clerk, { document: 'transcript', student_id: pupil!.student_id, school_year_id: ids.y2024 });
    expect(notThen.status).toBe(404);
    expect(notThen.json?.message).toBe('Học sinh không học ở trường trong năm học này.');
  });

  it('a signed-out session is refused (401) the transcript it printed a moment before: the read started beside the token check is never answered', async () => {
    const session = await signedIn(at('vanthu'));
    const { data: s } = await session.auth.getSession();
    const token = s.session!.access_token;
    const body = JSON.stringify({ document: 'transcript', student_id: student });
    const send = () => fetch(`${stackInfo().apiUrl}/functions/v1/print`, {
      method: 'POST', headers: { apikey: stackInfo().anonKey, Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body,
    });
    const before = await send();
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toBe('application/pdf');
    await session.auth.signOut({ scope: 'local' });
    const after = await send();
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).not.toBe('application/pdf');
    expect(await after.json()).toEqual({ code: 'bad_jwt', message: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.' });
  });

  it('the data RPC refuses the same people over REST', async () => {
    const { error } = await mathTeacher.rpc('transcript_data', { p_student_id: student });
    expect(error?.code).toBe('42501');
    const { data, error: ok } = await clerk.rpc('transcript_data', { p_student_id: student });
    expect(ok).toBeNull();
    expect((data as { years: unknown[] }).years).toHaveLength(3);
    expect((await anonClient().rpc('transcript_data', { p_student_id: student })).error?.code).toBe('42501');
  });
});

describe('a primary transcript (học bạ tiểu học, TT27): a 5A pupil, 2025–2026 complete in 4A, 2026–2027 in progress', () => {
  const TH = (who: string) => `${who}@th-tandong.edu.vn`;
  let pupil = '';
  let printed: Printed;
  let text: string[];
  const QUALITY: Record<string, string> = { tot: 'T', dat: 'Đ', ccg: 'C' };
  const RESULT: Record<string, string> = { xuat_sac: 'Hoàn thành xuất sắc', tot: 'Hoàn thành tốt', hoan_thanh: 'Hoàn thành', chua_hoan_thanh: 'Chưa hoàn thành' };

  beforeAll(async () => {
    const su = await superuser();
    try {
      // A 5A pupil whose 4A year ended Hoàn thành tốt or better, so the award line has something to say
      // for one of the two kinds; any 5A pupil would do.
      pupil = (await su.query<{ id: string }>(`
        select e.student_id as id from public.enrolments e join public.classes c on c.id = e.class_id
        join public.school_years y on y.id = e.school_year_id join public.org_units o on o.id = y.school_id
        join public.primary_results r on r.student_id = e.student_id and r.school_year_id <> y.id
        where o.code = 'th-tandong' and y.code = '2026-2027' and c.name = '5A' and r.year_result = 'xuat_sac'
        order by e.student_id limit 1`)).rows[0]!.id;
    } finally {
      await su.end();
    }
    printed = await print(await signedIn(TH('bqt')), { document: 'transcript', student_id: pupil });
    text = printed.status === 200 ? pages(printed.bytes) : [];
  }, 60_000);

  it('bqt@th-tandong prints it: cover HỌC BẠ TIỂU HỌC, identity, three pages per year, only 2026–2027 marked as a draft', () => {
    expect(printed.status, JSON.stringify(printed.json)).toBe(200);
    expect(text).toHaveLength(2 + 3 * 2);
    expect(text[0]).toContain('HỌC BẠ TIỂU HỌC');
    expect(text[1]).toMatch(/QUÁ TRÌNH HỌC TẬP[\s\S]*2025 - 2026\s+4A[\s\S]*2026 - 2027\s+5A/);
    expect(text.map((p) => p.includes('Bản nháp – không phải bản chính'))).toEqual([false, false, false, false, false, true, true, true]);
  });

  it('the subjects page shows each subject\'s end-of-year level and test score exactly as entered, height, weight and absences', async () => {
    const su = await superuser();
    try {
      const subjects = (await su.query<{ name: string; level: string; score: string | null }>(`
        select s.name, x.level, x.score::int::text as score
        from public.enrolments e join public.school_years y on y.id = e.school_year_id and y.code = '2025-2026'
        join public.class_subjects cs on cs.class_id = e.class_id
        join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
        join public.score_entries x on x.student_id = e.student_id and x.subject_id = s.id and x.school_year_id = y.id
          and x.semester = 2 and x.kind = 'ck'
        where e.student_id = $1 order by s.sort_order`, [pupil])).rows;
      expect(subjects.length).toBeGreaterThanOrEqual(10);
      const page = text[2]!;
      for (const s of subjects) {
        expect(page, s.name).toMatch(new RegExp(`^${esc(s.name)}\\s+${s.level}${s.score ? `\\s+${s.score}` : ''}(\\s{2,}|$)`, 'm'));
      }
      const [m] = (await su.query<{ h: string; w: string; ex: number; un: number }>(`
        select replace(m.height_cm::text, '.', ',') as h, replace(m.weight_kg::text, '.', ',') as w,
               (select count(*)::int from public.attendance a where a.student_id = m.student_id and a.school_year_id = m.school_year_id and a.excused) as ex,
               (select count(*)::int from public.attendance a where a.student_id = m.student_id and a.school_year_id = m.school_year_id and not a.excused) as un
        from public.student_measures m join public.school_years y on y.id = m.school_year_id and y.code = '2025-2026'
        where m.student_id = $1 order by m.measured_on desc limit 1`, [pupil])).rows;
      // The year's latest measurement (the health book holds two rounds).
      expect(page.replace(/\s+/g, ' ')).toContain(`Chiều cao: ${m!.h} cm Cân nặng: ${m!.w} kg Số ngày nghỉ có phép / không phép: ${m!.ex} / ${m!.un}`);
      expect(page.replace(/\s+/g, ' ')).toContain('Trong trang này có sửa chữa ở 0 chỗ');
    } finally {
      await su.end();
    }
  });

  it('the qualities page and the result page agree with the ratings and primary_results; completion of grade 4', async () => {
    const su = await superuser();
    try {
      const q = (await su.query<{ level: string }>(`
        select r.level from unnest(public.tt27_quality_codes()) with ordinality c (code, i)
        join public.quality_ratings r on r.code = c.code and r.student_id = $1 and r.semester = 2 and r.kind = 'ck'
        join public.school_years y on y.id = r.school_year_id and y.code = '2025-2026' order by c.i`, [pupil])).rows;
      expect(q).toHaveLength(15);
      const printedLevels = text[3]!.split('\n').map((l) => /\s(T|Đ|C)\s*$/.exec(l)?.[1]).filter(Boolean);
      expect(printedLevels).toEqual(q.map((r) => QUALITY[r.level]));
      const [r] = (await su.query<{ year_result: string; completion: string }>(`
        select r.year_result, r.completion from public.primary_results r join public.school_years y on y.id = r.school_year_id
        where r.student_id = $1 and y.code = '2025-2026'`, [pupil])).rows;
      const page = text[4]!.replace(/\s+/g, ' ');
      expect(page).toContain(`Kết quả giáo dục: ${RESULT[r!.year_result]}`);
      expect(page).toContain('Khen thưởng: Học sinh Xuất sắc');
      expect(r!.completion).toBe('lop_hoc');
      // pdftotext (either mode) sometimes drops a bold "ơ" after "ư" — Tinos Bold kerns the pair so
      // that the glyphs overlap, and poppler takes the second for a duplicate (the page image shows
      // both): the extracted "chư ng" is read back as "chương".
      expect(pages(printed.bytes, false)[4]!.replace(/\s+/g, ' ').replaceAll('chư ng', 'chương')).toContain('Hoàn thành chương trình lớp học/chương trình tiểu học: Hoàn thành chương trình lớp 4');
    } finally {
      await su.end();
    }
  });

  it('gvcn.3a@ (another class) and gv.toan@ (another school) are refused with one sentence; the GVCN prints a 3A pupil', async () => {
    const gvcn3a = await signedIn(TH('gvcn.3a'));
    for (const c of [gvcn3a, mathTeacher]) {
      const r = await print(c, { document: 'transcript', student_id: pupil });
      expect(r.status).toBe(403);
      expect(r.json?.message).toBe('Bạn không có quyền in học bạ của học sinh này.');
    }
    const svc = serviceClient();
    const school = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
    const year = (await one(svc.from('school_years').select('id').eq('school_id', school).eq('code', '2026-2027'))).id as string;
    const cls = (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', '3A'))).id as string;
    const { data: mine } = await svc.from('enrolments').select('student_id').eq('class_id', cls).limit(1).single();
    expect((await print(gvcn3a, { document: 'transcript', student_id: mine!.student_id })).status).toBe(200);
  });
});

describe('the minutes of a correction (biên bản sửa chữa dữ liệu) as a PDF', () => {
  it('hieutruong@ prints the applied correction\'s minutes: the sheet, the entry with its recorded and corrected values, the count, the signers', async () => {
    const principal = await signedIn(at('hieutruong'));
    const r = await print(principal, { document: 'correction_minutes', request_id: correction.requestId });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.type).toBe('application/pdf');
    const { data: m } = await principal.rpc('correction_minutes', { p_request_id: correction.requestId });
    const minutes = m as { items: { full_name: string; label: string; old_value: string; new_value: string }[]; witnesses: { full_name: string }[] };
    const text = pages(r.bytes, false).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN SỬA CHỮA DỮ LIỆU');
    expect(text).toContain('Sổ điểm môn Ngữ văn lớp 10A2, học kỳ I, năm học 2024-2025');
    const item = minutes.items[0]!;
    expect(text).toContain(`${item.full_name}`);
    // The row's cells side by side as on paper (-layout; the reading order of the plain text is by column).
    const layoutText = pages(r.bytes).join('\n');
    expect(layoutText).toMatch(new RegExp(`1\\s+${esc(item.full_name)}\\s+${esc(item.label)}\\s+${esc(item.old_value)}\\s+${esc(item.new_value)}`));
    expect(text).toContain('Số điểm đã sửa: 1');
    for (const w of minutes.witnesses) expect(text).toContain(w.full_name);
    for (const title of ['CHỦ TRÌ', 'THƯ KÝ', 'BAN THANH TRA NHÂN DÂN', 'NGƯỜI ĐỀ NGHỊ', 'GIÁO VIÊN CHỦ NHIỆM']) expect(text).toContain(title);
  });

  it('the clerk and gv.toan@, who do not read the request, are refused with one sentence — as for a request that does not exist', async () => {
    for (const c of [clerk, mathTeacher]) {
      const r = await print(c, { document: 'correction_minutes', request_id: correction.requestId });
      expect(r.status).toBe(403);
      const none = await print(c, { document: 'correction_minutes', request_id: crypto.randomUUID() });
      expect(none.status).toBe(403);
      expect(none.json?.message).toBe(r.json?.message);
    }
    expect((await print(clerk, { document: 'correction_minutes', request_id: 'x' })).json?.message).toBe('Mã đề nghị sửa điểm không hợp lệ');
  });
});
