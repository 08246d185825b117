// Integrity checks (issue 19, item 3; migration 20261205011000, supabase/functions/_shared/integrity.ts),
// over HTTP as the people who use them, on a school of the test's own (a locked 2025–2026 with one archived
// transcript), so that tampering with it breaks nobody else's check:
//   * IT staff start a check; the stack's job runner walks every audit chain and hashes every archived file;
//     the result is intact, with what was checked counted;
//   * the database owner edits an audit entry, cuts the end of a chain, and changes an archived PDF's bytes
//     in the storage: the next check is broken and names each (the chain and entry, the document by its
//     verification code); it is on BGH's and IT staff's start pages;
//   * a signed copy's signatures are verified again: intact after signing; once the signer's certificate is
//     found revoked before the signing time (the owner records it), the next check names the copy;
//   * who may: IT staff of the school start; the board and BGH read; a teacher neither; another school's IT
//     staff read nothing; the worker's own RPCs answer the service role only; one check at a time.
import fs from 'node:fs';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { waitForJob } from '../helpers/jobs.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { print } from '../helpers/print.ts';
import { ensureCertificate, signClass, TEST_PIN } from '../helpers/sign.ts';
import { createUser, DEMO_PASSWORD, serviceClient, signedIn, stackInfo, startItems, superuser } from '../helpers/stack.ts';

interface Check {
  id: string;
  status: string;
  trigger: string;
  checked: Record<string, number>;
  findings: { kind: string; what: string; detail: string; path?: string }[];
  requested_by: string | null;
}

let su: pg.Client;
let own: OwnSchool;
let itStaff: SupabaseClient<Database>;
let itId: string;
let document: { storage_path: string; verification_code: string };

beforeAll(async () => {
  su = await superuser();
  own = await createOwnSchool(su, { studentsPerClass: 2, lock: true });
  // IT staff of the school: an account of its own with the it_staff role of the year.
  const user = await createUser({ email: `cntt-${own.domain.split('.')[0]}@${own.domain}`, password: DEMO_PASSWORD });
  itId = user.id;
  await su.query(`insert into public.profiles (id, full_name, email) values ($1, 'Cán bộ CNTT Thử', $2) on conflict (id) do nothing`, [user.id, user.email]);
  await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'it_staff')`, [user.id, own.schoolId, own.yearId]);
  itStaff = await signedIn(user.email);
  // One archived transcript (the board prints a student's locked year).
  const board = await signedIn(own.board);
  const printed = await print(board, { document: 'transcript', student_id: own.classes['10A1'].students[0], school_year_id: own.yearId });
  expect(printed.status, printed.json?.message).toBe(200);
  const { rows } = await su.query(`select storage_path, verification_code from public.document_versions where school_id = $1`, [own.schoolId]);
  expect(rows).toHaveLength(1);
  document = rows[0];
}, 240_000);
afterAll(async () => {
  await su?.end();
});

/** Starts a check as IT staff and waits for its job; the check as IT staff read it. */
async function runCheck(): Promise<Check> {
  const { data, error } = await itStaff.rpc('start_integrity_check', { p_school_id: own.schoolId });
  expect(error).toBeNull();
  const started = data as { check_id: string; job_id: string };
  expect(await waitForJob(started.job_id)).toBe('done');
  const { data: rows, error: readError } = await itStaff.from('integrity_checks').select('id, status, trigger, checked, findings, requested_by').eq('id', started.check_id);
  expect(readError).toBeNull();
  return rows![0] as unknown as Check;
}

describe('integrity checks', () => {
  it('IT staff check an intact school: every chain walked, every archived file hashed; one check at a time', async () => {
    const { data, error } = await itStaff.rpc('start_integrity_check', { p_school_id: own.schoolId });
    expect(error).toBeNull();
    // While it runs, a second is refused with a sentence.
    const again = await itStaff.rpc('start_integrity_check', { p_school_id: own.schoolId });
    const { job_id, check_id } = data as { check_id: string; job_id: string };
    const state = (await serviceClient().from('integrity_checks').select('status').eq('id', check_id).single()).data!.status;
    if (state === 'running') expect(again.error?.message).toBe('Một lần kiểm tra toàn vẹn của trường đang chạy; hãy chờ kết quả của lần đó.');
    expect(await waitForJob(job_id)).toBe('done');
    const check = (await itStaff.from('integrity_checks').select('id, status, trigger, checked, findings, requested_by').eq('id', check_id)).data![0] as unknown as Check;
    expect(check.status).toBe('intact');
    expect(check.findings).toEqual([]);
    expect(check.trigger).toBe('manual');
    expect(check.requested_by).toBe(itId);
    const chains = Number((await su.query(`select count(*) as n from public.audit_chains where school_id = $1`, [own.schoolId])).rows[0].n);
    expect(chains).toBeGreaterThanOrEqual(2);
    expect(check.checked.chains).toBe(chains);
    expect(check.checked.entries).toBeGreaterThan(0);
    expect(check.checked.documents).toBe(1);
    // The start page of IT staff says so.
    expect((await startItems(itStaff, 'it_staff')).map((i) => i.kind)).toEqual(['integrity_intact']);
  }, 240_000);

  it('an edited audit entry, a cut chain and changed PDF bytes are each named by the next check, and BGH are told', async () => {
    // As the database owner (triggers off): one entry of the year's chain edited, the last entry of the
    // school's own chain removed; the archived PDF's bytes changed where the storage keeps them.
    const [edited] = (
      await su.query(`select id, seq from public.audit_log where school_id = $1 and school_year_id = $2 order by seq limit 1 offset 1`, [own.schoolId, own.yearId])
    ).rows;
    const [last] = (await su.query(`select id, seq from public.audit_log where school_id = $1 and school_year_id is null order by seq desc limit 1`, [own.schoolId])).rows;
    await su.query('begin');
    try {
      await su.query(`set local session_replication_role = replica`);
      await su.query(`update public.audit_log set new_rows = '[{"tampered": true}]' where id = $1`, [edited.id]);
      await su.query(`delete from public.audit_log where id = $1`, [last.id]);
      await su.query('commit');
    } catch (e) {
      await su.query('rollback');
      throw e;
    }
    const file = path.join(stackInfo().dataDir, 'storage', 'documents', ...document.storage_path.split('/'));
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    fs.writeFileSync(file, bytes);

    const check = await runCheck();
    expect(check.status).toBe('broken');
    const byKind = Object.fromEntries(check.findings.map((f) => [f.kind, f]));
    expect(Object.keys(byKind).sort()).toEqual(['audit_chain', 'audit_tail', 'file_changed']);
    expect(byKind.audit_chain!.what).toBe('nhật ký năm học 2025-2026');
    expect(byKind.audit_chain!.detail).toBe(`Mục số ${edited.seq} (mã ${edited.id}) không khớp mã băm hoặc thứ tự: đã bị sửa, xoá hoặc chèn sau khi ghi.`);
    expect(byKind.audit_tail!.what).toBe('nhật ký chung của trường');
    expect(byKind.audit_tail!.detail).toBe(`Sổ ghi đến mục số ${last.seq} nhưng nhật ký chỉ còn đến mục số ${Number(last.seq) - 1}: các mục cuối đã bị xoá hoặc thay.`);
    expect(byKind.file_changed!.what).toContain(`(mã ${document.verification_code})`);
    expect(byKind.file_changed!.path).toBe(`documents/${document.storage_path}`);
    expect(byKind.file_changed!.detail).toMatch(/^Nội dung tệp đã bị thay đổi/);

    // The principal's start page names what broke; IT staff's too, with the way to the report.
    const principal = await signedIn(own.principal);
    const told = (await startItems(principal, 'principal')).filter((i) => i.kind === 'integrity_broken');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ tone: 'danger', findings: 3, first_finding: check.findings[0]!.what, first_detail: check.findings[0]!.detail });
    expect((await startItems(itStaff, 'it_staff')).map((i) => [i.kind, i.link])).toEqual([['integrity_broken', '/status']]);
  }, 240_000);

  it('signed copies: every signature verified again; a certificate found revoked before the signing names the copy', async () => {
    // 11A1's subject teacher signs the class's transcripts (the first signature of the order): 11A1 is not
    // the class whose PDF the previous test changed.
    const cls = own.classes['11A1'];
    const teacher = await signedIn(cls.teacher);
    const teacherId = (await teacher.auth.getUser()).data.user!.id;
    const { rows: [assignment] } = await su.query(`select subject_id from public.teaching_assignments where class_id = $1 and teacher_id = $2 limit 1`, [cls.id, teacherId]);
    // Its transcripts printed to the archive first (the board prints them, as for 10A1 above).
    const board = await signedIn(own.board);
    for (const student of cls.students) {
      const printed = await print(board, { document: 'transcript', student_id: student, school_year_id: own.yearId });
      expect(printed.status, printed.json?.message).toBe(200);
    }
    await ensureCertificate(board, teacher, own.schoolId, teacherId);
    const window = await (await signedIn(own.principal)).rpc('open_signing_window', { p_class_id: cls.id, p_opens_on: '2026-11-23', p_closes_on: '2026-12-07' });
    expect(window.error).toBeNull();
    const signed = await signClass(teacher, { class_id: cls.id, role: 'subject', subject_id: assignment.subject_id }, TEST_PIN);
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const { rows: copies } = await su.query(
      `select g.signed_at, g.certificate_id, d.verification_code from public.signatures g join public.document_versions d on d.id = g.document_version_id
       where g.class_id = $1 and g.storage_path is not null`, [cls.id]);
    expect(copies.length).toBe(cls.students.length);

    // Positive control: each copy's signature verifies.
    const intact = await runCheck();
    expect(intact.checked.signed).toBe(copies.length);
    expect(intact.checked.signatures).toBe(copies.length);
    expect(intact.findings.filter((f) => f.kind === 'signature_invalid')).toEqual([]);

    // The teacher's certificate is found revoked a day before the signing (the owner records it: no API
    // backdates a revocation); the copies' bytes do not change.
    const before = new Date(Math.min(...copies.map((c) => new Date(c.signed_at).getTime())) - 86_400_000).toISOString();
    await su.query('begin');
    try {
      await su.query(`set local session_replication_role = replica`);
      await su.query(`update public.certificates set status = 'revoked', revoked_at = $2, revocation_reason = 'Lộ khoá bí mật' where id = $1`, [copies[0].certificate_id, before]);
      await su.query('commit');
    } catch (e) {
      await su.query('rollback');
      throw e;
    }
    const broken = await runCheck();
    expect(broken.status).toBe('broken');
    const invalid = broken.findings.filter((f) => f.kind === 'signature_invalid');
    expect(invalid.map((f) => f.what.match(/\(mã (\w+)\)/)![1]).sort()).toEqual(copies.map((c) => c.verification_code).sort());
    expect(invalid[0]!.detail).toMatch(/^Chữ ký thứ 1 \(.+\) không còn hợp lệ\. Hiệu lực chứng thư: Chứng thư số đã bị thu hồi trước thời điểm ký \(Lộ khoá bí mật\)\.$/);
    expect(broken.findings.filter((f) => f.kind === 'file_changed').map((f) => f.what)).not.toContainEqual(expect.stringContaining('bản ký'));
  }, 300_000);

  it('who may: IT staff start, the board and BGH read, a teacher neither, another school nothing; the worker’s RPCs are the service’s', async () => {
    const principal = await signedIn(own.principal);
    const board = await signedIn(own.board);
    const teacher = await signedIn(own.classes['10A1'].teacher);
    const thptIt = await signedIn('cntt@thpt-tandong.edu.vn');
    const count = async (c: SupabaseClient<Database>) => (await c.from('integrity_checks').select('id').eq('school_id', own.schoolId)).data?.length ?? -1;
    const mine = await count(itStaff);
    expect(mine).toBeGreaterThanOrEqual(2);
    expect(await count(principal)).toBe(mine);
    expect(await count(board)).toBe(mine);
    expect(await count(teacher)).toBe(0);
    expect(await count(thptIt)).toBe(0);
    const STARTERS = 'Chỉ cán bộ công nghệ thông tin của trường chạy kiểm tra toàn vẹn dữ liệu.';
    for (const [who, c] of [['principal', principal], ['board', board], ['teacher', teacher], ['cntt of THPT Tân Đông', thptIt]] as const) {
      const refused = await c.rpc('start_integrity_check', { p_school_id: own.schoolId });
      expect(refused.error?.message, who).toBe(STARTERS);
    }
    // Nobody else's "scheduled" check: a person cannot claim the schedule.
    expect((await itStaff.rpc('start_integrity_check', { p_school_id: own.schoolId, p_trigger: 'scheduled' })).error?.message).toBe('Cách chạy kiểm tra không hợp lệ.');
    const anyCheck = (await itStaff.from('integrity_checks').select('id').eq('school_id', own.schoolId).limit(1)).data![0]!.id;
    for (const call of [
      () => itStaff.rpc('integrity_check_chains', { p_check_id: anyCheck }),
      () => itStaff.rpc('integrity_check_files', { p_check_id: anyCheck, p_offset: 0, p_limit: 20 }),
      () => itStaff.rpc('finish_integrity_check', { p_check_id: anyCheck }),
      () => itStaff.rpc('schedule_integrity_checks'),
    ])
      expect((await call()).error?.code).toMatch(/^(42501|PGRST202)$/);
    // Nobody writes a check by hand (the service role neither): they are records.
    const forged = await serviceClient().from('integrity_checks').update({ status: 'intact' }).eq('id', anyCheck).select('id');
    expect(forged.error?.code).toBe('42501');
    const removed = await serviceClient().from('integrity_checks').delete().eq('id', anyCheck).select('id');
    expect(removed.error?.code).toBe('42501');
  }, 120_000);

  it('the schedule starts a check of every school whose last one is a week old, and no other', async () => {
    const before = Number((await su.query(`select count(*) as n from public.integrity_checks where school_id = $1`, [own.schoolId])).rows[0].n);
    const { data, error } = await serviceClient().rpc('schedule_integrity_checks');
    expect(error).toBeNull();
    expect(data).toBeGreaterThanOrEqual(0);
    // This school was checked today: not again.
    expect(Number((await su.query(`select count(*) as n from public.integrity_checks where school_id = $1`, [own.schoolId])).rows[0].n)).toBe(before);
    // Every school now has a check of the last week (the runner's own call at start-up made most of them).
    const { rows } = await su.query(`select o.name from public.org_units o where o.kind = 'school' and not exists
                                      (select 1 from public.integrity_checks c where c.school_id = o.id and c.started_at > private.app_now() - interval '7 days')`);
    expect(rows).toEqual([]);
    const scheduled = (await su.query(`select c.trigger, c.requested_by from public.integrity_checks c join public.org_units o on o.id = c.school_id
                                        where o.code = 'thpt-tandong' order by c.started_at limit 1`)).rows[0];
    expect(scheduled).toEqual({ trigger: 'scheduled', requested_by: null });
  });
});
