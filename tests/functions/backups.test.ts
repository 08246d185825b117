// Backups, their download on BGH's approval, and the restore drill (issue 19; migration
// 20261205020000_backups.sql, supabase/functions/_shared/backup.ts, supabase/functions/backups), over HTTP
// as the people who do it, on a school of the test's own (a locked 2025–2026 with one archived transcript)
// so that restoring it touches nobody else's data:
//   * IT staff back the school up: the job's steps write encrypted parts, a copy of the archived PDF and a
//     manifest (per table rows and hash); the files decrypt offline with the key alone and hold every row;
//   * the download: refused until BGH approve, refused to anyone but the asker, a link that works, then
//     stops working once it expired; each link issued counted on the audited request;
//   * the drill: data changed, deleted and added after the backup (through the owner's connection, audited
//     as any change); IT staff request, the vice principal may not decide, the principal approves; the
//     restore loads into a fresh schema, checks, replaces: every restored table equals the backup's hash,
//     every chain verifies, the audit log still holds the changes and now the restore;
//   * a backup file's bytes changed on disk: the next integrity check names it;
//   * who may not: a teacher, another school's IT staff, the worker's RPCs as a user.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { waitForJob } from '../helpers/jobs.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { print } from '../helpers/print.ts';
import { createUser, DEMO_PASSWORD, serviceClient, signedIn, stackInfo, startItems, superuser } from '../helpers/stack.ts';

interface Manifest {
  format: string;
  tables: Record<string, { rows: number; sha256: string; restored: boolean }>;
  files: { kind: string; seq: number; path: string; sha256: string; bytes: number; rows: number | null; source: { bucket: string; path: string; sha256: string } | null }[];
  encryption: { key_id: string };
}

let su: pg.Client;
let own: OwnSchool;
let itStaff: SupabaseClient<Database>;
let otherIt: SupabaseClient<Database>;
let backupId: string;
let manifest: Manifest;

async function itStaffOf(school: OwnSchool): Promise<SupabaseClient<Database>> {
  const user = await createUser({ email: `cntt-${school.domain.split('.')[0]}@${school.domain}`, password: DEMO_PASSWORD });
  await su.query(`insert into public.profiles (id, full_name, email) values ($1, 'Cán bộ CNTT Thử', $2) on conflict (id) do nothing`, [user.id, user.email]);
  await su.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'it_staff')`, [user.id, school.schoolId, school.yearId]);
  return await signedIn(user.email);
}

/** The backup's key as the stack gives it to the functions (BACKUP_KEY), and a file decrypted with it alone. */
function openFile(bytes: Buffer, id: string): Buffer {
  const master = Buffer.from(fs.readFileSync(path.join(stackInfo().dataDir, 'keys', 'backup.key'), 'utf8').trim(), 'base64');
  const key = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.from(id), Buffer.from('sdt-backup/1'), 32));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return zlib.gunzipSync(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]));
}

/** Per restored table, the school's live rows hashed as the manifest hashes them. */
async function liveHashes(schoolId: string): Promise<Record<string, { rows: number; sha256: string }>> {
  const { rows: tables } = await su.query<{ table_name: string }>(`select table_name from private.backup_tables() where restored`);
  const out: Record<string, { rows: number; sha256: string }> = {};
  await su.query(`set timezone = 'UTC'`);
  for (const { table_name } of tables) {
    const { rows } = await su.query(
      `select count(*)::int as n, private.rows_hash(array_agg(extensions.digest(convert_to(to_jsonb(x)::text, 'UTF8'), 'sha256'))) as sha
       from public.${table_name} x where x.school_id = $1`, [schoolId]);
    out[table_name] = { rows: rows[0].n, sha256: rows[0].sha };
  }
  await su.query(`reset timezone`);
  return out;
}

async function callBackups(client: SupabaseClient<Database>, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const { data: { session } } = await client.auth.getSession();
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/backups`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session!.access_token}`, apikey: stackInfo().anonKey },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  su = await superuser();
  own = await createOwnSchool(su, { studentsPerClass: 3, lock: true });
  itStaff = await itStaffOf(own);
  // Another school's IT staff: the demo THPT's.
  otherIt = await signedIn('cntt@thpt-tandong.edu.vn');
  const board = await signedIn(own.board);
  const printed = await print(board, { document: 'transcript', student_id: own.classes['10A1'].students[0], school_year_id: own.yearId });
  expect(printed.status, printed.json?.message).toBe(200);
}, 240_000);
afterAll(async () => {
  await su?.end();
});

describe('backups', () => {
  it('IT staff back up the school: encrypted parts, the archived PDF, a manifest; the files open offline with the key alone', async () => {
    // Refusals first, each a sentence; nothing started.
    const teacher = await signedIn(own.classes['10A1'].teacher);
    const denied = await teacher.rpc('start_backup', { p_school_id: own.schoolId, p_kind: 'on_demand' });
    expect(denied.error?.message).toBe('Chỉ cán bộ công nghệ thông tin của trường sao lưu dữ liệu.');
    const across = await otherIt.rpc('start_backup', { p_school_id: own.schoolId, p_kind: 'on_demand' });
    expect(across.error?.message).toBe('Chỉ cán bộ công nghệ thông tin của trường sao lưu dữ liệu.');
    const noYear = await itStaff.rpc('start_backup', { p_school_id: own.schoolId, p_kind: 'semester', p_semester: 1 });
    expect(noYear.error?.message).toBe('Hãy chọn một năm học của trường cho bản sao này.');
    expect((await su.query(`select count(*)::int as n from public.backups where school_id = $1`, [own.schoolId])).rows[0].n).toBe(0);

    const { data, error } = await itStaff.rpc('start_backup', { p_school_id: own.schoolId, p_kind: 'year', p_school_year_id: own.yearId });
    expect(error).toBeNull();
    const started = data as { backup_id: string; job_id: string };
    backupId = started.backup_id;
    const again = await itStaff.rpc('start_backup', { p_school_id: own.schoolId, p_kind: 'on_demand' });
    const state = (await serviceClient().from('backups').select('status').eq('id', backupId).single()).data!.status;
    if (state === 'running') expect(again.error?.message).toBe('Một bản sao lưu của trường đang được tạo; hãy chờ bản đó xong.');
    expect(await waitForJob(started.job_id)).toBe('done');

    const { data: rows } = await itStaff.from('backups').select('status, label, manifest, manifest_sha256, row_count').eq('id', backupId);
    expect(rows).toHaveLength(1);
    const b = rows![0]!;
    expect(b.status).toBe('done');
    expect(b.label).toBe('Bản sao năm học 2025-2026');
    manifest = b.manifest as unknown as Manifest;
    expect(manifest.format).toBe('sdt-backup/1');
    // Every table of the school is in it, with the school's rows counted as Postgres counts them.
    const counts = (await su.query(`select (select count(*) from public.students where school_id = $1)::int as students,
                                           (select count(*) from public.score_entries where school_id = $1)::int as scores`, [own.schoolId])).rows[0];
    expect(manifest.tables.students).toMatchObject({ rows: counts.students, restored: true });
    expect(manifest.tables.score_entries).toMatchObject({ rows: counts.scores, restored: true });
    expect(counts.scores).toBeGreaterThan(100);
    expect(manifest.tables.audit_log!.restored).toBe(false);
    expect(manifest.tables.jobs).toBeUndefined();
    // The files: parts holding every row, the transcript's copy, the manifest beside them.
    const parts = manifest.files.filter((f) => f.kind === 'part');
    expect(parts.reduce((n, f) => n + (f.rows ?? 0), 0)).toBe(Number(b.row_count));
    const copies = manifest.files.filter((f) => f.kind === 'object');
    expect(copies.map((f) => f.source?.bucket)).toEqual(['documents']);

    const svc = serviceClient();
    const part = Buffer.from(await (await svc.storage.from('backups').download(parts[0]!.path)).data!.arrayBuffer());
    expect(crypto.createHash('sha256').update(part).digest('hex')).toBe(parts[0]!.sha256);
    // Encrypted: a student's full name is in the opened part, not in the stored bytes.
    const student = (await su.query(`select full_name from public.students where school_id = $1 order by id limit 1`, [own.schoolId])).rows[0];
    const opened = openFile(part, backupId);
    expect(opened.includes(Buffer.from(student.full_name))).toBe(true);
    expect(part.includes(Buffer.from(student.full_name))).toBe(false);
    const lines = opened.toString('utf8').split('\n').map((l) => JSON.parse(l) as { t: string; d: Record<string, unknown> });
    expect(lines).toHaveLength(parts[0]!.rows!);
    const copy = Buffer.from(await (await svc.storage.from('backups').download(copies[0]!.path)).data!.arrayBuffer());
    const pdf = openFile(copy, backupId);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(copies[0]!.source!.sha256);
    const stored = Buffer.from(await (await svc.storage.from('backups').download(`${own.schoolId}/${backupId}/manifest.json`)).data!.arrayBuffer());
    expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe(b.manifest_sha256);

    // Nobody reads the bucket but the service role; a teacher and another school read no backup row.
    const direct = await itStaff.storage.from('backups').download(parts[0]!.path);
    expect(direct.error).not.toBeNull();
    expect((await teacher.from('backups').select('id').eq('school_id', own.schoolId)).data).toEqual([]);
    expect((await otherIt.from('backups').select('id').eq('school_id', own.schoolId)).data).toEqual([]);
    expect((await otherIt.from('backup_files').select('id').eq('backup_id', backupId)).data).toEqual([]);
    // The worker's RPCs answer the service role only.
    const worker = await itStaff.rpc('backup_part_rows', { p_backup_id: backupId, p_part: 1 });
    expect(worker.error?.code).toBe('42501');
    // A done backup never changes, even for the owner.
    await expect(su.query(`update public.backups set label = 'x' where id = $1`, [backupId])).rejects.toThrow('Bản sao lưu đã hoàn tất không được thay đổi.');
    await expect(su.query(`delete from storage.objects where bucket_id = 'backups' and name = $1`, [parts[0]!.path])).rejects.toThrow('không được thay thế hay xoá');
  }, 240_000);

  it('a backup downloads only on BGH approval, by the asker, through a link that stops working when it expires', async () => {
    const short = await itStaff.rpc('request_backup_download', { p_backup_id: backupId, p_reason: 'cần' });
    expect(short.error?.message).toBe('Hãy ghi rõ lý do tải bản sao lưu (ít nhất 10 kí tự): Ban giám hiệu duyệt theo lý do này.');
    const teacher = await signedIn(own.classes['10A1'].teacher);
    expect((await teacher.rpc('request_backup_download', { p_backup_id: backupId, p_reason: 'lưu ra ổ cứng ngoài' })).error?.code).toBe('42501');
    const { data: downloadId, error } = await itStaff.rpc('request_backup_download', { p_backup_id: backupId, p_reason: 'Lưu bản sao năm học ra ổ cứng ngoài của trường' });
    expect(error).toBeNull();
    // BGH find it on their start page; the asker does not (nobody approves their own).
    const vice = await signedIn(own.vice);
    const label = (await itStaff.from('backups').select('label').eq('id', backupId).single()).data!.label;
    expect((await startItems(vice, 'vice_principal')).filter((i) => i.kind === 'backup_download_to_decide'))
      .toEqual([{ kind: 'backup_download_to_decide', tone: 'warning', count: 1, labels: label, link: '/backups' }]);
    expect((await startItems(itStaff, 'it_staff')).map((i) => i.kind)).not.toContain('backup_download_approved');

    // Before BGH approve: no link.
    const early = await callBackups(itStaff, { download_id: downloadId });
    expect(early.status).toBe(403);
    expect(early.json.message).toBe('Yêu cầu tải bản sao lưu chưa được Ban giám hiệu duyệt.');
    // IT staff, the board and another school's IT staff cannot approve.
    expect((await itStaff.rpc('decide_backup_download', { p_download_id: downloadId as string, p_approve: true })).error?.message)
      .toBe('Chỉ Ban giám hiệu của trường duyệt việc tải bản sao lưu.');
    const board = await signedIn(own.board);
    expect((await board.rpc('decide_backup_download', { p_download_id: downloadId as string, p_approve: true })).error?.code).toBe('42501');
    expect((await otherIt.rpc('decide_backup_download', { p_download_id: downloadId as string, p_approve: true })).error?.code).toBe('42501');

    const approved = await vice.rpc('decide_backup_download', { p_download_id: downloadId as string, p_approve: true });
    expect(approved.error).toBeNull();
    // Decided: off BGH's start page, onto the asker's.
    expect((await startItems(vice, 'vice_principal')).map((i) => i.kind)).not.toContain('backup_download_to_decide');
    expect((await startItems(itStaff, 'it_staff')).filter((i) => i.kind === 'backup_download_approved').map((i) => i.label)).toEqual([label]);
    // Only the asker gets the link.
    const notAsker = await callBackups(vice, { download_id: downloadId });
    expect(notAsker.status).toBe(403);
    expect(notAsker.json.message).toBe('Chỉ người đã xin tải nhận được đường dẫn tải bản sao lưu này.');

    const link = await callBackups(itStaff, { download_id: downloadId, expires_in: 2 });
    expect(link.status, JSON.stringify(link.json)).toBe(200);
    expect((await startItems(itStaff, 'it_staff')).map((i) => i.kind)).not.toContain('backup_download_approved');
    const files = link.json.files as { kind: string; url: string; sha256: string }[];
    expect(files.map((f) => f.kind).sort()).toEqual(['manifest', 'object', ...manifest.files.filter((f) => f.kind === 'part').map(() => 'part')].sort());
    const part = files.find((f) => f.kind === 'part')!;
    const url = part.url;
    const now = await fetch(url);
    expect(now.status).toBe(200);
    expect(crypto.createHash('sha256').update(Buffer.from(await now.arrayBuffer())).digest('hex')).toBe(part.sha256);
    await new Promise((r) => setTimeout(r, 3_000));
    const later = await fetch(url);
    expect(later.status).toBeGreaterThanOrEqual(400);
    await later.body?.cancel();

    // Counted and audited.
    const { rows } = await su.query(`select links_issued from public.backup_downloads where id = $1`, [downloadId]);
    expect(rows[0].links_issued).toBe(1);
    const audit = await su.query(`select count(*)::int as n from public.audit_log where table_name = 'backup_downloads' and $1 = any(row_keys)`, [downloadId]);
    expect(audit.rows[0].n).toBe(3);
  }, 120_000);

  it('the restore drill: changes after the backup are undone on the principal\'s decision, checked first, and the audit log shows it', async () => {
    const before = await liveHashes(own.schoolId);
    for (const [t, h] of Object.entries(before)) expect(h, t).toEqual({ rows: manifest.tables[t]!.rows, sha256: manifest.tables[t]!.sha256 });

    // After the backup: a student's name changed, a guardian deleted, a clinic visit added (the owner's
    // connection: triggers on, so each is an audit entry).
    const studentId = own.classes['11A1'].students[0]!;
    await su.query(`update public.students set family_name = 'Sai' where id = $1`, [studentId]);
    const guardian = (await su.query(`select id from public.guardians where school_id = $1 limit 1`, [own.schoolId])).rows[0].id;
    await su.query(`delete from public.guardians where id = $1`, [guardian]);
    await su.query(`insert into public.clinic_visits (school_id, school_year_id, class_id, student_id, arrived_at, complaint)
                    values ($1, $2, $3, $4, '2026-05-05 09:00+07', 'Đau đầu')`, [own.schoolId, own.yearId, own.classes['11A1'].id, studentId]);
    const changed = await liveHashes(own.schoolId);
    expect(changed.students!.sha256).not.toBe(manifest.tables.students!.sha256);
    expect(changed.guardians!.rows).toBe(manifest.tables.guardians!.rows - 1);
    const entriesBefore = Number((await su.query(`select count(*) from public.audit_log where school_id = $1`, [own.schoolId])).rows[0].count);

    // Who may not.
    const teacher = await signedIn(own.classes['10A1'].teacher);
    expect((await teacher.rpc('request_restore', { p_backup_id: backupId, p_reason: 'khôi phục dữ liệu năm học' })).error?.message)
      .toBe('Chỉ cán bộ công nghệ thông tin của trường đề nghị khôi phục dữ liệu của trường.');
    const { data: requestId, error } = await itStaff.rpc('request_restore', { p_backup_id: backupId, p_reason: 'Dữ liệu học sinh bị sửa nhầm hàng loạt sau ngày sao lưu' });
    expect(error).toBeNull();
    const twice = await itStaff.rpc('request_restore', { p_backup_id: backupId, p_reason: 'Dữ liệu học sinh bị sửa nhầm lần hai' });
    expect(twice.error?.message).toBe('Trường đang có một đề nghị khôi phục chưa xong; hãy chờ quyết định hoặc kết quả của đề nghị đó.');
    // The principal finds the request on the start page; the vice principal (who cannot decide) does not.
    const principal = await signedIn(own.principal);
    expect((await startItems(principal, 'principal')).filter((i) => i.kind === 'restore_to_decide').map((i) => i.reason))
      .toEqual(['Dữ liệu học sinh bị sửa nhầm hàng loạt sau ngày sao lưu']);
    const vice = await signedIn(own.vice);
    expect((await startItems(vice, 'vice_principal')).map((i) => i.kind)).not.toContain('restore_to_decide');
    expect((await vice.rpc('decide_restore', { p_request_id: requestId as string, p_approve: true })).error?.message).toBe('Chỉ Hiệu trưởng của trường quyết định khôi phục dữ liệu.');
    expect((await itStaff.rpc('decide_restore', { p_request_id: requestId as string, p_approve: true })).error?.code).toBe('42501');
    expect((await otherIt.from('restore_requests').select('id').eq('id', requestId as string)).data).toEqual([]);
    // Nothing moved yet.
    expect((await liveHashes(own.schoolId)).students).toEqual(changed.students);

    const decided = await principal.rpc('decide_restore', { p_request_id: requestId as string, p_approve: true, p_note: 'Đồng ý khôi phục' });
    expect(decided.error).toBeNull();
    const jobId = (decided.data as { job_id: string }).job_id;
    const outcome = await waitForJob(jobId);
    const steps = (await su.query(`select seq, status, error from public.job_steps where job_id = $1 and status <> 'done'`, [jobId])).rows;
    expect(outcome, JSON.stringify(steps)).toBe('done');
    const { data: req } = await itStaff.from('restore_requests').select('status, report').eq('id', requestId as string).single();
    expect(req!.status, JSON.stringify(req!.report)).toBe('applied');
    const report = req!.report as { check: { ok: boolean; chains: number; tables: Record<string, { ok: boolean }> }; applied: { tables: Record<string, { inserted: number }> } };
    expect(report.check.ok).toBe(true);
    expect(report.check.chains).toBeGreaterThanOrEqual(2);
    expect(Object.values(report.check.tables).every((t) => t.ok)).toBe(true);

    // Table by table, the live data equal the backup's hashes.
    const after = await liveHashes(own.schoolId);
    for (const [t, h] of Object.entries(after)) expect(h, t).toEqual({ rows: manifest.tables[t]!.rows, sha256: manifest.tables[t]!.sha256 });
    expect(report.applied.tables.guardians!.inserted).toBe(manifest.tables.guardians!.rows);
    // The fresh schema is gone.
    expect((await su.query(`select count(*)::int as n from pg_namespace where nspname like 'restore\\_%'`)).rows[0].n).toBe(0);
    // Every chain verifies; the changes' entries are still there, and the restore is the newest.
    const { rows: chains } = await su.query(`select school_year_key from public.audit_chains where school_id = $1`, [own.schoolId]);
    for (const c of chains) {
      const year = c.school_year_key === '00000000-0000-0000-0000-000000000000' ? null : c.school_year_key;
      expect((await su.query(`select public.verify_audit_chain($1, $2) as broken`, [own.schoolId, year])).rows[0].broken).toBeNull();
    }
    const { rows: entries } = await su.query(
      `select table_name, action, new_rows -> 0 ->> 'status' as status from public.audit_log where school_id = $1 and id > (
         select max(id) from public.audit_log where school_id = $1 and table_name = 'clinic_visits') order by id`, [own.schoolId]);
    expect(entries.at(-1)).toEqual({ table_name: 'restore_requests', action: 'update', status: 'applied' });
    expect(Number((await su.query(`select count(*) from public.audit_log where school_id = $1`, [own.schoolId])).rows[0].count)).toBeGreaterThan(entriesBefore);
    expect((await su.query(`select count(*)::int as n from public.audit_log where school_id = $1 and table_name = 'guardians' and action = 'delete'`, [own.schoolId])).rows[0].n).toBe(1);
    // Another school's IT staff still read nothing of this one.
    expect((await otherIt.from('backups').select('id').eq('school_id', own.schoolId)).data).toEqual([]);
  }, 240_000);

  it('a backup file changed on disk is named by the next integrity check', async () => {
    const part = manifest.files.find((f) => f.kind === 'part')!;
    const file = path.join(stackInfo().dataDir, 'storage', 'backups', ...part.path.split('/'));
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(file, bytes);
    const { data, error } = await itStaff.rpc('start_integrity_check', { p_school_id: own.schoolId });
    expect(error).toBeNull();
    expect(await waitForJob((data as { job_id: string }).job_id)).toBe('done');
    const { data: check } = await itStaff.from('integrity_checks').select('status, checked, findings').eq('id', (data as { check_id: string }).check_id).single();
    expect(check!.status).toBe('broken');
    expect((check!.checked as Record<string, number>).backup_files).toBe(manifest.files.length + 1);
    expect(check!.findings).toEqual([expect.objectContaining({ kind: 'file_changed', path: `backups/${part.path}`, what: `Bản sao năm học 2025-2026, phần dữ liệu ${part.seq}` })]);
  }, 180_000);

  it('IT staff export a class of an ended year to one zip (records, PDFs, a manifest of hashes), downloaded like a backup, never restored from', async () => {
    // Refusals: a teacher; the demo's IT staff for a class of the year still running.
    const teacher = await signedIn(own.classes['10A1'].teacher);
    expect((await teacher.rpc('start_class_export', { p_class_id: own.classes['10A1'].id })).error?.message)
      .toBe('Chỉ cán bộ công nghệ thông tin của trường xuất dữ liệu lớp của trường.');
    const running = (await su.query(`select c.id from public.classes c join public.school_years y on y.id = c.school_year_id
                                     join public.org_units o on o.id = c.school_id where o.code = 'thpt-tandong' and y.code = '2026-2027' and c.name = '10A1'`)).rows[0].id;
    expect((await otherIt.rpc('start_class_export', { p_class_id: running })).error?.message)
      .toBe('Năm học 2026-2027 chưa kết thúc: dữ liệu lớp được xuất ra thiết bị lưu trữ khi năm học đã kết thúc.');

    const { data, error } = await itStaff.rpc('start_class_export', { p_class_id: own.classes['10A1'].id });
    expect(error).toBeNull();
    const started = data as { backup_id: string; job_id: string };
    expect(await waitForJob(started.job_id)).toBe('done');
    const { data: row } = await itStaff.from('backups').select('kind, status, label, manifest_sha256').eq('id', started.backup_id).single();
    expect(row).toMatchObject({ kind: 'class_export', status: 'done', label: 'Xuất dữ liệu lớp 10A1 năm học 2025-2026' });

    const { data: file } = await itStaff.from('backup_files').select('kind, path, sha256').eq('backup_id', started.backup_id).single();
    expect(file!.kind).toBe('zip');
    const zip = new Uint8Array(await (await serviceClient().storage.from('backups').download(file!.path)).data!.arrayBuffer());
    expect(crypto.createHash('sha256').update(zip).digest('hex')).toBe(file!.sha256);
    const entries = unzipSync(zip);
    const manifestText = strFromU8(entries['manifest.json']!);
    expect(crypto.createHash('sha256').update(manifestText).digest('hex')).toBe(row!.manifest_sha256);
    const manifest = JSON.parse(manifestText) as { entries: { name: string; sha256: string; rows?: number }[] };
    // Every entry is in the zip with the hash the manifest gives, and nothing else is.
    expect(Object.keys(entries).sort()).toEqual([...manifest.entries.map((e) => e.name), 'manifest.json'].sort());
    for (const e of manifest.entries) expect(crypto.createHash('sha256').update(entries[e.name]!).digest('hex'), e.name).toBe(e.sha256);
    // The class's students only; its scores; the archived transcript of its first student.
    const students = JSON.parse(strFromU8(entries['du-lieu/students.json']!)) as { id: string }[];
    expect(students.map((x) => x.id).sort()).toEqual([...own.classes['10A1'].students].sort());
    const scores = JSON.parse(strFromU8(entries['du-lieu/score_entries.json']!)) as { class_id: string }[];
    expect(scores.length).toBeGreaterThan(0);
    expect(new Set(scores.map((x) => x.class_id))).toEqual(new Set([own.classes['10A1'].id]));
    const pdf = manifest.entries.find((e) => e.name.startsWith('van-ban/') && e.name.includes(own.classes['10A1'].students[0]!))!;
    expect(pdf, JSON.stringify(manifest.entries.map((e) => e.name))).toBeDefined();
    expect(strFromU8(entries[pdf.name]!.subarray(0, 5))).toBe('%PDF-');

    // Downloaded as a backup is (the request names it), never restored from.
    const asked = await itStaff.rpc('request_backup_download', { p_backup_id: started.backup_id, p_reason: 'Lưu dữ liệu lớp 10A1 ra đĩa cuối năm' });
    expect(asked.error).toBeNull();
    expect((await itStaff.rpc('request_restore', { p_backup_id: started.backup_id, p_reason: 'Khôi phục từ bản xuất lớp' })).error?.message)
      .toBe('Bản xuất dữ liệu lớp dùng để lưu ra thiết bị ngoài, không dùng để khôi phục; hãy chọn một bản sao lưu của trường.');
  }, 180_000);
});
