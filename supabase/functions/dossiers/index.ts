// dossiers: the electronic dossiers' files (issue 17). Parse → authenticate → the RPC that decides, called
// AS THE CALLER (Vietnamese refusals) → the bytes with the service role:
//   finalise      an upload the caller put into incoming/<their id>/ becomes the obligation's next version —
//                 size, content sniffed (_shared/dossierFiles.ts), sha256, every signature verified (PAdES in a
//                 PDF; a detached CAdES for other formats), then rpc record_dossier_version — or, on any
//                 refusal, the object is removed and nothing is recorded;
//   sign          the current version signed with the caller's certificate (PIN): a PDF gets a PAdES signature
//                 (a visible stamp at the foot of its last page, timestamped), another format a detached CAdES
//                 signature; either is a new version naming the one it signed;
//   download      a short-lived link of a version the caller reads (RLS), always an attachment;
//   package_file  a link of a year-end package's manifest (part 0) or zip part.
// Submitting, reviewing, reopening, locks and check rounds are RPCs the client calls itself.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { sha256Hex } from '../_shared/archive.ts';
import { firstIssue } from '../_shared/contracts/print.ts';
import { DOSSIER_BUCKET, DOWNLOAD_SECONDS, dossierRequestSchema, type DossierVersionAnswer } from '../_shared/contracts/dossiers.ts';
import { safeFileName, sniffDossierFile, type DossierFileType } from '../_shared/dossierFiles.ts';
import { fontFile } from '../_shared/pdf/fonts.ts';
import { signOneHash, trustRegistry, unb64 } from '../_shared/signing/service.ts';
import { assembleCms, hashToSign, parseCms } from '../_shared/signing/cms.ts';
import { embedSignature, prepareSignature, signaturesOf, vietnamIso } from '../_shared/signing/pades.ts';
import { verifyCms, verifyPdf } from '../_shared/signing/verify.ts';
import { parseCertificate, serialHex, sha256 } from '../_shared/signing/pki.ts';

type Service = SupabaseClient<Database>;
type Version = Database['public']['Tables']['dossier_versions']['Row'];

const serviceClient = () =>
  createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), { auth: { persistSession: false, autoRefreshToken: false } });

/** An RPC's refusal as the function answers it: 403 for "not allowed" (42501), 409 for the dossier's state (55000), else 400. */
function refused(error: { code?: string; message: string }): HttpError {
  return error.code === '42501' ? new HttpError(403, 'not_allowed', error.message)
    : error.code === '55000' ? new HttpError(409, 'refused', error.message)
    : new HttpError(400, 'refused', error.message);
}

const b64 = (u: Uint8Array) => {
  let s = '';
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode(...u.subarray(i, i + 0x8000));
  return btoa(s);
};
const mb = (n: number) => `${(n / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

const answer = (v: Version): DossierVersionAnswer => ({
  id: v.id, obligation_id: v.obligation_id, version: v.version, file_name: v.file_name, file_type: v.file_type, byte_size: v.byte_size,
  sha256: v.sha256, signature_kind: v.signature_kind as DossierVersionAnswer['signature_kind'], signed_by: v.signed_by,
  signer_name: v.signer_name, signed_at: v.signed_at,
});

let tinos: Uint8Array | null = null;
const font = async () => (tinos ??= await Deno.readFile(fontFile('400Regular', 'Tinos_400Regular.ttf')));

interface Signed { kind: 'pades' | 'cades'; signedBy: string | null; signerName: string; serial: string; signedAt: string | null; base64: string | null }

const sameBytes = (a: ArrayBuffer, b: ArrayBuffer) => a.byteLength === b.byteLength && new Uint8Array(a).every((x, i) => x === new Uint8Array(b)[i]);

/**
 * The person whose certificate signed a CMS: a personal certificate of the dossier's school registered here
 * whose to-be-signed part is byte for byte the signer's (not only its serial: a certificate made elsewhere
 * with someone's serial is nobody's). Null for the school's seal, a timestamp or any other certificate.
 */
async function holderOf(service: Service, cmsDer: Uint8Array, schoolId: string): Promise<string | null> {
  const signer = parseCms(cmsDer).signer;
  if (!signer) return null;
  const { data } = await service.from('certificates').select('profile_id, der_base64').eq('serial', serialHex(signer))
    .eq('kind', 'person').eq('school_id', schoolId).not('profile_id', 'is', null);
  const own = (data ?? []).find((c) => sameBytes(parseCertificate(unb64(c.der_base64)).tbsView.slice().buffer as ArrayBuffer, signer.tbsView.slice().buffer as ArrayBuffer));
  return own?.profile_id ?? null;
}

/**
 * The signature a file carries, verified — a refusal when any signature is invalid or the file was changed
 * after its last signature. `signedBy` is the person whose certificate signed exactly these bytes (a PDF's
 * last signature, which must cover the whole file; the detached signature).
 */
async function verifiedSignature(service: Service, schoolId: string, bytes: Uint8Array, type: DossierFileType, detached: Uint8Array | null, fileName: string): Promise<Signed | null> {
  // The local CA's root and the root of this school's own remote provider (never another school's).
  const registry = await trustRegistry(service, schoolId);
  if (type === 'pdf') {
    if (detached) throw new HttpError(400, 'refused', 'Tệp PDF mang chữ ký số bên trong (PAdES): không dùng chữ ký rời .p7s.');
    const found = signaturesOf(bytes);
    if (found.length === 0) return null;
    const reports = await verifyPdf(bytes, registry);
    const bad = reports.find((r) => !r.valid);
    if (bad) {
      const why = bad.checks.find((c) => !c.ok)!;
      throw new HttpError(400, 'bad_signature', `Chữ ký số thứ ${bad.index} trong tệp “${fileName}” không hợp lệ: ${why.detail} Tệp không được lưu.`);
    }
    const last = found[found.length - 1]!;
    if (!last.wholeFile) {
      throw new HttpError(400, 'changed_after_signing', `Tệp “${fileName}” đã bị sửa sau khi ký (có nội dung thêm vào sau chữ ký số cuối cùng): tệp không được lưu. Hãy ký lại tệp.`);
    }
    const report = reports[reports.length - 1]!;
    const signedBy = await holderOf(service, last.cms, schoolId);
    // Valid, but not a person of this school (the school's seal, a certificate made elsewhere): the file is
    // kept as it is, signed by nobody who could submit it.
    if (!signedBy) return null;
    return { kind: 'pades', signedBy, signerName: report.signer, serial: report.serial ?? '', signedAt: report.signedAt, base64: null };
  }
  if (!detached) return null;
  const r = await verifyCms(detached, await sha256(bytes), null, registry);
  if (!r.valid) {
    const why = r.checks.find((c) => !c.ok)!;
    throw new HttpError(400, 'bad_signature', `Chữ ký rời của tệp “${fileName}” không hợp lệ: ${why.detail} Tệp không được lưu.`);
  }
  const signedBy = await holderOf(service, detached, schoolId);
  if (!signedBy) throw new HttpError(400, 'bad_signature', `Chữ ký rời của tệp “${fileName}” không phải chữ ký số cá nhân của cán bộ trường: tệp không được lưu.`);
  return { kind: 'cades', signedBy, signerName: r.signer, serial: r.serial ?? '', signedAt: r.signedAt?.toISOString() ?? null, base64: b64(detached) };
}

async function finalise(service: Service, caller: { client: Service; userId: string }, body: Extract<ReturnType<typeof dossierRequestSchema.parse>, { action: 'finalise' }>) {
  const files = service.storage.from(DOSSIER_BUCKET);
  if (body.path.split('/')[1] !== caller.userId) throw new HttpError(403, 'not_allowed', 'Tệp này không do bạn tải lên.');
  let recorded = false;
  try {
    const { data: check, error } = await caller.client.rpc('dossier_upload_check', { p_obligation_id: body.obligation_id });
    if (error) throw refused(error);
    const item = check as unknown as { accepted_types: DossierFileType[]; max_bytes: number; label: string; item: string; school_id: string };
    // A file already recorded (one's own earlier version) is not a new upload.
    const { count } = await service.from('dossier_versions').select('id', { count: 'exact', head: true }).eq('storage_path', body.path);
    if (count) {
      recorded = true;
      throw new HttpError(409, 'already_recorded', `Tệp “${body.file_name}” đã được nộp trước đây: hãy tải tệp lên lại.`);
    }
    const { data: blob, error: readError } = await files.download(body.path);
    if (readError || !blob) throw new HttpError(400, 'upload_missing', 'Không tìm thấy tệp vừa tải lên: hãy tải lên lại.');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes.length > item.max_bytes) {
      throw new HttpError(413, 'too_large', `Tệp “${body.file_name}” (${mb(bytes.length)}) vượt quá dung lượng tối đa ${mb(item.max_bytes)} của hồ sơ “${item.item}”.`);
    }
    const sniffed = sniffDossierFile(bytes, body.file_name, item.accepted_types);
    if (!sniffed.ok) throw new HttpError(415, sniffed.code, sniffed.message);
    const detached = body.signature_base64 ? unb64(body.signature_base64) : null;
    const signed = await verifiedSignature(service, item.school_id, bytes, sniffed.type, detached, body.file_name);
    const { data: version, error: recordError } = await service.rpc('record_dossier_version', {
      p_obligation_id: body.obligation_id, p_uploader: caller.userId, p_file_name: safeFileName(body.file_name, sniffed.type),
      p_file_type: sniffed.type, p_content_type: sniffed.contentType, p_byte_size: bytes.length,
      p_sha256: await sha256Hex(bytes as Uint8Array<ArrayBuffer>), p_storage_path: body.path,
      ...(signed ? {
        p_signature_kind: signed.kind, p_signed_by: signed.signedBy ?? undefined, p_signer_name: signed.signerName,
        p_certificate_serial: signed.serial, p_signed_at: signed.signedAt ?? undefined, p_signature_base64: signed.base64 ?? undefined,
      } : {}),
    });
    if (recordError) throw refused(recordError);
    recorded = true;
    return json(201, { version: answer(version as unknown as Version) });
  } finally {
    // Nothing is left behind: an upload that did not become a version is removed.
    if (!recorded) await files.remove([body.path]);
  }
}

/** Where a dossier PDF's signature stamp goes: the foot of its last page, at the right. */
async function stampPlace(bytes: Uint8Array, field: string) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPageCount() - 1;
  const { width } = doc.getPage(page).getSize();
  return { rect: { page, x: Math.max(width - 218, 0), y: 20, width: 190, height: 62 }, field };
}

async function sign(service: Service, caller: { client: Service; userId: string }, body: { version_id: string; pin: string }) {
  const { data: check, error } = await caller.client.rpc('dossier_sign_check', { p_version_id: body.version_id });
  if (error) throw refused(error);
  const c = check as unknown as { certificate_id: string; signer_name: string; school_name: string; label: string; obligation_id: string; school_id: string };
  const { data: v } = await service.from('dossier_versions').select('*').eq('id', body.version_id).single();
  const { data: blob, error: readError } = await service.storage.from(DOSSIER_BUCKET).download(v!.storage_path);
  if (readError || !blob) throw new HttpError(500, 'file_missing', 'Không đọc được tệp của phiên bản này; đã báo bộ phận CNTT.');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if ((await sha256Hex(bytes)) !== v!.sha256) throw new HttpError(500, 'file_changed', 'Tệp lưu trữ không khớp mã băm; đã báo bộ phận CNTT.');
  const { data: cert } = await service.from('certificates').select('der_base64').eq('id', c.certificate_id).single();
  const leaf = unb64(cert!.der_base64);
  const reason = `Ký hồ sơ: ${c.label}`;
  const at = new Date();

  if (v!.file_type === 'pdf') {
    let prepared;
    try {
      prepared = await prepareSignature(bytes, {
        place: await stampPlace(bytes, `dossier.${caller.userId}.${v!.version}`), appearance: { kind: 'person', name: c.signer_name, time: vietnamIso(at) },
        signerName: c.signer_name, reason, location: c.school_name, signingTime: at, font: await font(),
      });
    } catch {
      throw new HttpError(400, 'unsignable_pdf', `Không ký được tệp “${v!.file_name}” (PDF có mật khẩu hoặc bị hỏng): hãy xuất lại PDF rồi tải lên.`);
    }
    const s = await signOneHash(service, c.certificate_id, body.pin, await hashToSign(prepared.digest, leaf));
    const out = embedSignature(prepared, await assembleCms({ documentDigest: prepared.digest, chain: s.chain, signature: s.signature, timestampToken: s.timestampToken })) as Uint8Array<ArrayBuffer>;
    const path = `signed/${c.obligation_id}/${crypto.randomUUID()}.pdf`;
    const up = await service.storage.from(DOSSIER_BUCKET).upload(path, out, { contentType: 'application/pdf' });
    if (up.error) throw new Error(`signed upload: ${up.error.message}`);
    const signed = await verifiedSignature(service, c.school_id, out, 'pdf', null, v!.file_name);
    const { data: version, error: recordError } = await service.rpc('record_dossier_version', {
      p_obligation_id: c.obligation_id, p_uploader: caller.userId, p_file_name: v!.file_name, p_file_type: 'pdf', p_content_type: 'application/pdf',
      p_byte_size: out.length, p_sha256: await sha256Hex(out), p_storage_path: path, p_signature_kind: 'pades',
      p_signed_by: signed!.signedBy ?? undefined, p_signer_name: signed!.signerName, p_certificate_serial: signed!.serial,
      p_signed_at: signed!.signedAt ?? at.toISOString(), p_signed_from: v!.id,
    });
    if (recordError) {
      await service.storage.from(DOSSIER_BUCKET).remove([path]);
      throw refused(recordError);
    }
    return json(201, { version: answer(version as unknown as Version) });
  }

  // Another format: a detached CAdES signature of exactly these bytes, the same file.
  const digest = await sha256(bytes);
  const s = await signOneHash(service, c.certificate_id, body.pin, await hashToSign(digest, leaf));
  const cms = await assembleCms({ documentDigest: digest, chain: s.chain, signature: s.signature, timestampToken: s.timestampToken });
  const signed = await verifiedSignature(service, c.school_id, bytes, v!.file_type as DossierFileType, cms, v!.file_name);
  const { data: version, error: recordError } = await service.rpc('record_dossier_version', {
    p_obligation_id: c.obligation_id, p_uploader: caller.userId, p_file_name: v!.file_name, p_file_type: v!.file_type, p_content_type: v!.content_type,
    p_byte_size: v!.byte_size, p_sha256: v!.sha256, p_storage_path: v!.storage_path, p_signature_kind: 'cades', p_signature_base64: signed!.base64!,
    p_signed_by: signed!.signedBy ?? undefined, p_signer_name: signed!.signerName, p_certificate_serial: signed!.serial,
    p_signed_at: signed!.signedAt ?? at.toISOString(), p_signed_from: v!.id,
  });
  if (recordError) throw refused(recordError);
  return json(201, { version: answer(version as unknown as Version) });
}

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'authenticated' || !caller.userId) throw new HttpError(403, 'not_allowed', 'Bạn cần đăng nhập để nộp hồ sơ.');
    const parsed = dossierRequestSchema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;
    const service = serviceClient();
    const who = { client: caller.client as Service, userId: caller.userId };

    if (body.action === 'finalise') return await finalise(service, who, body);
    if (body.action === 'sign') return await sign(service, who, body);

    if (body.action === 'download') {
      // Read AS THE CALLER: RLS decides (a teacher's own; the department head, BGH; the office only files reported up).
      const { data: v } = await caller.client.from('dossier_versions').select('storage_path, file_name').eq('id', body.version_id).maybeSingle();
      if (!v) throw new HttpError(404, 'not_found', 'Không tìm thấy phiên bản hồ sơ này, hoặc bạn không có quyền xem.');
      const { data, error } = await service.storage.from(DOSSIER_BUCKET).createSignedUrl(v.storage_path, DOWNLOAD_SECONDS, { download: v.file_name });
      if (error || !data) throw new Error(`signed url: ${error?.message}`);
      return json(200, { url: data.signedUrl, file_name: v.file_name, expires_in: DOWNLOAD_SECONDS });
    }

    const { data: p } = await caller.client.from('dossier_packages').select('id, status, manifest_path, parts').eq('id', body.package_id).maybeSingle();
    if (!p) throw new HttpError(404, 'not_found', 'Không tìm thấy gói lưu trữ này, hoặc bạn không có quyền xem.');
    if (p.status !== 'done' || !p.manifest_path) throw new HttpError(409, 'not_ready', 'Gói lưu trữ chưa lập xong.');
    if (body.part > p.parts) throw new HttpError(404, 'not_found', `Gói lưu trữ chỉ có ${p.parts} phần.`);
    const path = body.part === 0 ? p.manifest_path : p.manifest_path.replace(/manifest\.json$/, `part-${String(body.part).padStart(3, '0')}.zip`);
    const { data, error } = await service.storage.from('dossier-packages').createSignedUrl(path, DOWNLOAD_SECONDS, { download: path.split('/').pop()! });
    if (error || !data) throw new Error(`signed url: ${error?.message}`);
    return json(200, { url: data.signedUrl, file_name: path.split('/').pop(), expires_in: DOWNLOAD_SECONDS });
  }),
);
