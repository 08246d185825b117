// Signing through a licensed CA's remote service (issue 15), the way production signs, through the real
// stack: Tiểu học Tân Đông's admin board configures its provider (the fake SmartCA / MySign-shaped service
// — the one fake the brief allows, outside the system); the GVCN of 2025–2026 3A activates her certificate
// with her credential id at the provider (no PIN, no key here); her batch over the class's year files goes
// to her "phone": pending, declined (nothing signed), then approved — every file signed and the signature
// trusted through the provider's root (the verify function, pdfsig). Refusals with their positive controls:
// another school's board and a teacher cannot configure it, the client secret is never readable, a PIN
// where a credential is expected, a credential the provider does not know, a certificate not under the
// configured root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { createRoot, createSchoolCa, issueSigning } from '../../supabase/functions/_shared/signing/ca.ts';
import { parseCertificate, pem, serialHex } from '../../supabase/functions/_shared/signing/pki.ts';
import { fakeRemoteSigner, type FakeRemote } from '../helpers/fakeRemoteSigner.ts';
import { serviceClient, signedIn, stackInfo } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';
import { prepared, sign } from '../helpers/sign.ts';
import { nssTrusting, pdfsig } from '../helpers/pdfsig.ts';
import { waitForJob } from '../helpers/jobs.ts';

const TH = (who: string) => `${who}@th-tandong.edu.vn`;
const ids = { school: '', cls: '', gvcn: '', principal: '' };
let fake: FakeRemote;
let providerRoot = '';
let otherRoot = '';
let leafSerial = '';
let board: SupabaseClient<Database>, gvcn: SupabaseClient<Database>;
let files = 0; // the class's year files (students not moved to another class)
const provider = () => ({
  action: 'configure_provider', school_id: ids.school, provider: 'vnpt_smartca', base_url: fake.url,
  client_id: 'th-tandong', client_secret: 'bi-mat-cua-truong', trusted_root_pem: providerRoot,
});


beforeAll(async () => {
  const svc = serviceClient();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  const year = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2025-2026'))).id as string;
  const k = await one(svc.from('classes').select('id, homeroom_teacher_id').eq('school_year_id', year).eq('name', '3A'));
  ids.cls = k.id as string;
  ids.gvcn = k.homeroom_teacher_id as string;
  ids.principal = (await one(svc.from('profiles').select('id').eq('email', TH('hieutruong')))).id as string;
  const all = (await svc.from('enrolments').select('end_reason').eq('class_id', ids.cls)).data!;
  files = all.filter((e) => e.end_reason !== 'class_change').length;
  // The provider's CA (a licensed CA's, outside the system) and the GVCN's certificate at it.
  const now = new Date();
  const root = await createRoot(now);
  const ca = await createSchoolCa(now, 'VNPT-CA (thử nghiệm)', root, 'http://127.0.0.1/crl/vnpt-root.crl');
  const name = (await one(svc.from('profiles').select('full_name').eq('id', ids.gvcn))).full_name as string;
  const person = await issueSigning(now, { commonName: name, organization: 'Trường Tiểu học Tân Đông' }, ca, 'http://127.0.0.1/crl/vnpt-ca.crl');
  leafSerial = serialHex(parseCertificate(person.certificate));
  providerRoot = pem(root.certificate);
  otherRoot = pem((await createRoot(now)).certificate);
  fake = await fakeRemoteSigner({ clientId: 'th-tandong', clientSecret: 'bi-mat-cua-truong', credentialId: 'gvcn.3a@smartca', key: person.key, chain: [person.certificate, ca.certificate, root.certificate] });
  [board, gvcn] = await Promise.all([signedIn(TH('bqt')), signedIn(TH('gvcn.3a'))]);
}, 120_000);
afterAll(() => fake?.close());

describe('a school signing through a licensed CA\'s remote service', () => {
  it('only the school\'s admin board configures its provider; the client secret is sealed and never readable', async () => {
    const teacher = await sign(await signedIn('gv.toan@thpt-tandong.edu.vn'), provider());
    expect(teacher.status).toBe(403);
    expect(teacher.json.message).toBe('Chỉ Ban quản trị của trường cấu hình dịch vụ ký số từ xa.');
    const otherBoard = await sign(await signedIn('bqt@thpt-tandong.edu.vn'), provider());
    expect(otherBoard.status).toBe(403);
    const badUrl = await sign(board, { ...provider(), base_url: 'ftp://smartca' });
    expect(badUrl.json.message).toBe('Địa chỉ dịch vụ ký số phải bắt đầu bằng https://.');
    const badRoot = await sign(board, { ...provider(), trusted_root_pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' });
    expect(badRoot.json.message).toBe('Chứng thư gốc của nhà cung cấp không đọc được.');
    expect((await serviceClient().from('signing_providers').select('school_id').eq('school_id', ids.school)).data).toEqual([]);
    const ok = await sign(board, provider());
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const { data: row } = await board.from('signing_providers').select('provider, base_url, client_id').eq('school_id', ids.school).single();
    expect(row).toEqual({ provider: 'vnpt_smartca', base_url: fake.url, client_id: 'th-tandong' });
    const secret = await board.from('signing_provider_secrets').select('sealed');
    expect(secret.error?.message).toMatch(/permission denied/);
    const { data: sealed } = await serviceClient().from('signing_provider_secrets').select('sealed').eq('school_id', ids.school).single();
    expect(sealed!.sealed).not.toContain('bi-mat-cua-truong');
    expect(JSON.stringify(ok.json)).not.toContain('bi-mat-cua-truong');
  });

  it('the GVCN activates her certificate with her credential id at the provider: not a PIN, not an unknown credential, not a certificate outside the configured root', async () => {
    const { data: request, error } = await board.rpc('request_certificate', { p_school_id: ids.school, p_profile_id: ids.gvcn });
    expect(error).toBeNull();
    const withPin = await sign(gvcn, { action: 'activate', request_id: request, pin: '246810' });
    expect(withPin.status).toBe(400);
    expect(withPin.json.message).toBe('Trường ký số qua nhà cung cấp dịch vụ: cần nhập mã tài khoản ký số từ xa của bạn.');
    const unknown = await sign(gvcn, { action: 'activate', request_id: request, credential_id: 'nobody@smartca' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/^Không lấy được chứng thư số từ nhà cung cấp với mã tài khoản này/);
    // The school configured another root: the provider's certificate does not chain to it.
    expect((await sign(board, { ...provider(), trusted_root_pem: otherRoot })).status).toBe(200);
    const untrusted = await sign(gvcn, { action: 'activate', request_id: request, credential_id: 'gvcn.3a@smartca' });
    expect(untrusted.json.message).toBe('Chứng thư số của tài khoản này không do nhà cung cấp mà trường đã cấu hình cấp.');
    expect((await sign(board, provider())).status).toBe(200);
    const ok = await sign(gvcn, { action: 'activate', request_id: request, credential_id: 'gvcn.3a@smartca' });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const { data: cert } = await serviceClient().from('certificates').select('provider, remote_credential_id, serial, profile_id').eq('id', (ok.json.certificate as { id: string }).id).single();
    expect(cert).toEqual({ provider: 'remote', remote_credential_id: 'gvcn.3a@smartca', serial: leafSerial, profile_id: ids.gvcn });
    expect((await serviceClient().from('certificate_keys').select('certificate_id').eq('certificate_id', (ok.json.certificate as { id: string }).id)).data).toEqual([]);
  });

  it('her batch goes to her phone: pending, declined (nothing signed), then approved — every file signed, trusted through the provider\'s root', async () => {
    const svc = serviceClient();
    // The window (the primary school's principal has no account in the demo) and the archived year files.
    const { data: k } = await svc.from('classes').select('school_year_id').eq('id', ids.cls).single();
    await svc.from('signing_windows').upsert({ school_id: ids.school, school_year_id: k!.school_year_id, class_id: ids.cls, opens_on: '2026-11-23', closes_on: '2026-12-31', opened_by: ids.principal }, { onConflict: 'class_id' });
    const { data: job, error } = await board.rpc('create_print_job', { p_class_id: ids.cls });
    expect(error).toBeNull();
    expect(await waitForJob(job as string)).toBe('done');

    const started = await sign(gvcn, { action: 'start', class_id: ids.cls, role: 'homeroom' });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    expect(await prepared(started.json.batch_id as string)).toBe('awaiting_approval');
    const approve = () => sign(gvcn, { action: 'approve', batch_id: started.json.batch_id });
    const signedCount = async () => (await svc.from('signatures').select('id', { count: 'exact', head: true }).eq('batch_id', started.json.batch_id as string)).count;

    fake.set('decline');
    const sent = await approve();
    expect(sent.status).toBe(202);
    expect(sent.json.message).toMatch(/^Đã gửi yêu cầu ký tới ứng dụng ký số trên điện thoại của bạn/);
    const declined = await approve();
    expect(declined.status).toBe(409);
    expect(declined.json.message).toBe('Bạn đã từ chối ký trên ứng dụng ký số: không tệp nào được ký. Gửi lại yêu cầu nếu muốn ký.');
    expect(await signedCount()).toBe(0);

    fake.set('approve', 1);
    expect((await approve()).status).toBe(202); // a new transaction
    expect((await approve()).status).toBe(202); // the person has not answered yet
    const done = await approve();
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({ signed: files });
    expect(await signedCount()).toBeGreaterThanOrEqual(files);
    expect(fake.shown.filter((d) => d === started.json.label)).toHaveLength(2);

    const { data: one_ } = await svc.from('signatures').select('storage_path').eq('batch_id', started.json.batch_id as string).eq('role', 'homeroom').limit(1).single();
    const bytes = new Uint8Array(await (await svc.storage.from('signed-documents').download(one_!.storage_path)).data!.arrayBuffer());
    const res = await fetch(`${stackInfo().apiUrl}/functions/v1/verify`, { method: 'POST', headers: { apikey: stackInfo().anonKey, Authorization: `Bearer ${stackInfo().anonKey}`, 'Content-Type': 'application/pdf' }, body: bytes });
    const report = await res.json() as { valid: boolean; signatures: { checks: { ok: boolean; label: string }[] }[] };
    expect(report.valid, JSON.stringify(report)).toBe(true);
    const [r] = pdfsig(bytes, nssTrusting(providerRoot));
    expect([r!.validation, r!.certificate]).toEqual(['Signature is Valid.', 'Certificate is Trusted.']);
  }, 240_000);
});
