// The signing procedure's side in the edge functions (issue 15), with the service role — used only after
// an RPC accepted the caller AS THE CALLER (the `sign` function) or for a job whose creator was checked
// when it was made (the `jobs` worker): the local CA (created on first use), certificates issued on a
// holder's activation, CRLs published, each year file's current revision, a batch's files prepared, and
// an approved batch's signatures embedded, timestamped and recorded — redone on a newer revision when
// another signer got there first.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.ts';
import { HttpError } from '../http.ts';
import { env } from '../auth.ts';
import { sha256Hex } from '../archive.ts';
import { fontFile } from '../pdf/fonts.ts';
import { createRoot, createSchoolCa, createTsa, issueSigning, type IssuedKey } from './ca.ts';
import { assembleCms, hashToSign, timestampToken } from './cms.ts';
import { embedSignature, prepareSignature, vietnamIso, type Prepared } from './pades.ts';
import { commonNameOf, hex, issueCrl, newSerial, parseCertificate, serialHex, unpem } from './pki.ts';
import { masterKey, seal, unseal, WrongPin } from './seal.ts';
import { LocalSigner, RemoteSigner, type PollResult, type Signer } from './signer.ts';
import { chainsTo, type Registry } from './verify.ts';
import type { Appearance } from './appearance.ts';

type Service = SupabaseClient<Database>;
type Certificate = Database['public']['Tables']['certificates']['Row'];
type Role = Database['public']['Enums']['signer_role'];

const b64 = (u: Uint8Array) => btoa(Array.from(u, (c) => String.fromCharCode(c)).join(''));
export const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const master = () => masterKey(Deno.env.get('SIGNING_MASTER_KEY'));
/** Where relying parties fetch a CA's CRL: the public bucket `pki` (no token needed, hosted as locally). */
export const crlUrl = (issuerId: string) => `${env('SUPABASE_URL')}/storage/v1/object/public/pki/crl/${issuerId}.crl`;
/** After this many wrong PINs in a row the key is locked for LOCK_MINUTES. */
export const MAX_PIN_ATTEMPTS = 5;
const LOCK_MINUTES = 15;

let tinos: Uint8Array | null = null;
const font = async () => (tinos ??= await Deno.readFile(fontFile('400Regular', 'Tinos_400Regular.ttf')));

function check<T>(r: { data: T; error: { message: string } | null }, what: string): NonNullable<T> {
  if (r.error || r.data === null || r.data === undefined) throw new Error(`${what}: ${r.error?.message ?? 'not found'}`);
  return r.data as NonNullable<T>;
}

/** The active certificate of a kind (and school): the anchors, a school's CA. */
async function active(service: Service, kind: 'root' | 'tsa' | 'school_ca', schoolId?: string): Promise<Certificate | null> {
  let q = service.from('certificates').select('*').eq('status', 'active').eq('kind', kind);
  if (schoolId) q = q.eq('school_id', schoolId);
  const { data, error } = await q.maybeSingle();
  if (error) throw new Error(`certificates: ${error.message}`);
  return data;
}

/** Stores a new certificate and its sealed key (context: the certificate's id). */
async function store(service: Service, row: Omit<Database['public']['Tables']['certificates']['Insert'], 'id' | 'der_base64' | 'serial' | 'not_before' | 'not_after'>, issued: IssuedKey, pin: string | null, id = crypto.randomUUID()): Promise<Certificate> {
  const sealed = await seal(issued.key, master(), id, pin);
  const cert = check(await service.from('certificates').insert({
    ...row, id, der_base64: b64(issued.certificate), serial: hex(issued.serial),
    not_before: issued.notBefore.toISOString(), not_after: issued.notAfter.toISOString(),
  }).select('*').single(), 'certificate insert');
  check(await service.from('certificate_keys').insert({ certificate_id: id, sealed, pin_protected: pin !== null }).select('certificate_id').single(), 'key insert');
  return cert as Certificate;
}

async function openKey(service: Service, cert: Certificate, pin: string | null): Promise<Uint8Array> {
  const row = check(await service.from('certificate_keys').select('*').eq('certificate_id', cert.id).single(), 'key');
  if (row.locked_until && new Date(row.locked_until) > new Date()) {
    throw new HttpError(423, 'pin_locked', `Đã nhập sai mã PIN ${MAX_PIN_ATTEMPTS} lần: khoá ký số tạm khoá đến ${vietnamIso(new Date(row.locked_until)).slice(11, 16)}. Nếu quên mã PIN, đề nghị Ban quản trị thu hồi và cấp lại chứng thư số.`);
  }
  try {
    const key = await unseal(row.sealed, master(), cert.id, row.pin_protected ? pin : null);
    if (row.failed_attempts > 0) await service.from('certificate_keys').update({ failed_attempts: 0, locked_until: null, updated_at: new Date().toISOString() }).eq('certificate_id', cert.id);
    return key;
  } catch (e) {
    if (!(e instanceof WrongPin)) throw e;
    const failed = row.failed_attempts + 1;
    const lock = failed >= MAX_PIN_ATTEMPTS;
    await service.from('certificate_keys').update({
      failed_attempts: lock ? 0 : failed,
      locked_until: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString() : null,
      updated_at: new Date().toISOString(),
    }).eq('certificate_id', cert.id);
    throw new HttpError(403, 'wrong_pin', lock
      ? `Mã PIN ký số không đúng. Đã sai ${MAX_PIN_ATTEMPTS} lần: khoá ký số tạm khoá ${LOCK_MINUTES} phút.`
      : `Mã PIN ký số không đúng (còn ${MAX_PIN_ATTEMPTS - failed} lần thử).`);
  }
}

const der = (c: Certificate) => unb64(c.der_base64);

/** The root and the TSA, created on first use (a concurrent first use loses the unique index and reads the winner's). */
export async function anchors(service: Service): Promise<{ root: Certificate; tsa: Certificate }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let root = await active(service, 'root');
    let tsa = await active(service, 'tsa');
    if (root && tsa) return { root, tsa };
    try {
      const now = new Date();
      if (!root) {
        const issued = await createRoot(now);
        root = await store(service, { kind: 'root', subject: 'Sổ điện tử – Root CA', provider: 'local' }, issued, null);
        await publishCrl(service, root);
        await upload(service, 'root.crt', der(root), 'application/pkix-cert');
      }
      if (!tsa) {
        const rootKey = await openKey(service, root, null);
        const issued = await createTsa(now, { certificate: der(root), key: rootKey }, crlUrl(root.id));
        tsa = await store(service, { kind: 'tsa', subject: 'Sổ điện tử – TSA', issuer_id: root.id, provider: 'local' }, issued, null);
      }
      return { root, tsa };
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
  throw new Error('unreachable');
}

/**
 * What a relying party trusts here: the local CA's root and the roots of the licensed providers schools sign
 * through (with `schoolId`, that school's provider only); a certificate's status (revoked when, why) by its serial.
 */
export async function trustRegistry(service: Service, schoolId?: string): Promise<Registry> {
  const { data: roots } = await service.from('certificates').select('der_base64').eq('kind', 'root');
  let q = service.from('signing_providers').select('trusted_root_der_base64');
  // For a school's own files, only that school's provider: another school's board configures nothing here.
  if (schoolId) q = q.eq('school_id', schoolId);
  const { data: providers } = await q;
  return {
    roots: [...(roots ?? []).map((r) => unb64(r.der_base64)), ...(providers ?? []).map((p) => unb64(p.trusted_root_der_base64))],
    certificate: async (serial) => {
      const { data } = await service.from('certificates').select('status, revoked_at, revocation_reason').eq('serial', serial).maybeSingle();
      return data;
    },
  };
}

/** A school's CA, created on first use under the root. */
export async function schoolCa(service: Service, schoolId: string, schoolName: string): Promise<Certificate> {
  const existing = await active(service, 'school_ca', schoolId);
  if (existing) return existing;
  const { root } = await anchors(service);
  const rootKey = await openKey(service, root, null);
  const issued = await createSchoolCa(new Date(), schoolName, { certificate: der(root), key: rootKey }, crlUrl(root.id));
  try {
    const ca = await store(service, { kind: 'school_ca', school_id: schoolId, subject: `${schoolName} – CA`, issuer_id: root.id, provider: 'local' }, issued, null);
    await publishCrl(service, ca);
    // Downloadable beside the root, so Acrobat or pdfsig can be given the whole chain.
    await upload(service, `ca/${ca.id}.crt`, der(ca), 'application/pkix-cert');
    return ca;
  } catch (e) {
    const winner = await active(service, 'school_ca', schoolId);
    if (winner) return winner;
    throw e;
  }
}

async function upload(service: Service, path: string, bytes: Uint8Array, contentType: string) {
  const { error } = await service.storage.from('pki').upload(path, bytes, { contentType, upsert: true });
  if (error) throw new Error(`pki upload ${path}: ${error.message}`);
}

/** Re-issues the CRL of a CA (root or school CA) from the revoked certificates it issued, to the public bucket. */
export async function publishCrl(service: Service, issuer: Certificate): Promise<void> {
  const { data: revoked, error } = await service.from('certificates').select('serial, revoked_at').eq('issuer_id', issuer.id).eq('status', 'revoked');
  if (error) throw new Error(`crl: ${error.message}`);
  const key = await openKey(service, issuer, null);
  const now = new Date();
  const crl = await issueCrl({
    issuer: { certificate: der(issuer), key },
    revoked: (revoked ?? []).map((r) => ({ serial: unhex(r.serial.length % 2 ? `0${r.serial}` : r.serial), at: new Date(r.revoked_at!) })),
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
    number: Math.floor(now.getTime() / 1000),
  });
  await upload(service, `crl/${issuer.id}.crl`, crl, 'application/pkix-crl');
}

export interface Activation {
  request_id: string;
  kind: 'person' | 'organisation';
  school_id: string;
  profile_id: string | null;
  school: string;
  parent: string | null;
  holder: string;
  email: string | null;
  actor: string;
  /** The school signs through a remote provider: the holder gives a credential id, not a PIN. */
  remote: boolean;
}

/** Issues the certificate of an accepted activation, its key sealed with the holder's PIN. */
export async function issueCertificate(service: Service, a: Activation, pin: string): Promise<Certificate> {
  const ca = await schoolCa(service, a.school_id, a.school);
  const caKey = await openKey(service, ca, null);
  const issued = await issueSigning(new Date(), { commonName: a.holder, organization: a.school, ...(a.email ? { email: a.email } : {}) }, { certificate: der(ca), key: caKey }, crlUrl(ca.id));
  const cert = await store(service, {
    kind: a.kind, school_id: a.school_id, profile_id: a.profile_id, subject: a.holder, issuer_id: ca.id, provider: 'local', issued_by: a.actor,
  }, issued, pin);
  check(await service.from('certificate_requests').update({ status: 'issued', certificate_id: cert.id, updated_at: new Date().toISOString() })
    .eq('id', a.request_id).eq('status', 'pending').select('id').single(), 'request');
  return cert;
}

/** The certificate chain of a signing certificate: itself, its school CA, the root. */
export async function chainOf(service: Service, cert: Certificate): Promise<Uint8Array[]> {
  const chain = [der(cert)];
  let at = cert;
  while (at.issuer_id) {
    at = check(await service.from('certificates').select('*').eq('id', at.issuer_id).single(), 'issuer') as Certificate;
    chain.push(der(at));
  }
  return chain;
}

/**
 * A version's file now: its latest signed revision, or the archived print (revision 0) — `archived`, when
 * the caller already holds the print's bytes, so an unsigned version costs one query and no download.
 */
export async function currentFile(service: Service, versionId: string, archived?: Uint8Array<ArrayBuffer>): Promise<{ revision: number; bytes: Uint8Array<ArrayBuffer> }> {
  const { data: last } = await service.from('signatures').select('revision, storage_path, sha256').eq('document_version_id', versionId)
    .order('revision', { ascending: false }).limit(1).maybeSingle();
  if (!last && archived) return { revision: 0, bytes: archived };
  const path = last ? last.storage_path : check(await service.from('document_versions').select('storage_path').eq('id', versionId).single(), 'version').storage_path;
  const { data, error } = await service.storage.from(last ? 'signed-documents' : 'documents').download(path);
  if (error || !data) throw new Error(`file ${path}: ${error?.message}`);
  const bytes = new Uint8Array(await data.arrayBuffer());
  if (last && (await sha256Hex(bytes)) !== last.sha256) throw new Error(`file ${path} does not match its sha256`);
  return { revision: last?.revision ?? 0, bytes };
}

interface BatchInfo {
  id: string;
  class_id: string;
  school_year_id: string;
  role: Role;
  subject_id: string | null;
  profile_id: string;
  certificate_id: string;
  label: string;
}

/** What a batch's signer puts on the page, where, and why. */
async function placement(service: Service, b: BatchInfo, at: Date) {
  const signer = check(await service.from('profiles').select('full_name').eq('id', b.profile_id).single(), 'profile').full_name;
  const k = check(await service.from('classes').select('name, school_id, org_units!classes_school_id_fkey(name, parent_id)').eq('id', b.class_id).single(), 'class') as unknown as
    { name: string; school_id: string; org_units: { name: string; parent_id: string | null } };
  const school = k.org_units.name;
  const parent = k.org_units.parent_id ? check(await service.from('org_units').select('name').eq('id', k.org_units.parent_id).single(), 'parent').name : '';
  const time = vietnamIso(at);
  const base = `sig.${b.school_year_id}`;
  const slot = b.role === 'subject' ? `${base}.subject.${b.subject_id}` : b.role === 'homeroom' ? `${base}.homeroom` : `${base}.principal`;
  const appearance: Appearance = b.role === 'subject' ? { kind: 'row', name: signer, time }
    : b.role === 'organisation' ? { kind: 'seal', organisation: school, parent, time }
    : { kind: 'person', name: signer, time };
  return {
    place: { slot, seal: b.role === 'organisation' },
    appearance,
    signerName: b.role === 'organisation' ? school : signer,
    reason: b.label,
    location: school,
  };
}

const preparedPath = (batchId: string, versionId: string) => `sign/${batchId}/${versionId}.pdf`;

/**
 * The other subjects a person's signature stands for on a file (one signature per person per file;
 * migration 20261204003000): the class's signed subjects they teach — a homeroom teacher's own subjects, a
 * teacher's second subject — not signed on it yet.
 */
async function alsoSubjects(service: Service, b: BatchInfo, versionId: string): Promise<string[]> {
  if (b.role !== 'homeroom' && b.role !== 'subject') return [];
  const own = await ownSubjects(service, b);
  if (own.length === 0) return [];
  const signed = new Set(check(await service.from('signatures').select('subject_id').eq('document_version_id', versionId).eq('role', 'subject'), 'signed').map((r) => r.subject_id));
  return own.filter((id) => !signed.has(id));
}

/** The class's signed subjects the batch's signer teaches (but the batch's own): read once per batch, not per file. */
const ownSubjectsOf = new WeakMap<BatchInfo, Promise<string[]>>();
function ownSubjects(service: Service, b: BatchInfo): Promise<string[]> {
  let own = ownSubjectsOf.get(b);
  if (!own) {
    own = (async () => {
      const taught = check(await service.from('teaching_assignments').select('subject_id, subjects!inner(category)')
        .eq('class_id', b.class_id).eq('teacher_id', b.profile_id).is('ended_at', null).neq('subjects.category', 'topic'), 'assignments');
      const listed = new Set(check(await service.from('class_subjects').select('subject_id').eq('class_id', b.class_id), 'class subjects').map((r) => r.subject_id));
      return [...new Set(taught.map((t) => t.subject_id))].filter((id) => id !== b.subject_id && listed.has(id));
    })();
    ownSubjectsOf.set(b, own);
  }
  return own;
}

async function prepareOne(service: Service, b: BatchInfo, chain0: Uint8Array, versionId: string, at: Date): Promise<{ prepared: Prepared; revision: number; hash: Uint8Array; also: string[] }> {
  const { revision, bytes } = await currentFile(service, versionId);
  const p = await placement(service, b, at);
  const also = await alsoSubjects(service, b, versionId);
  const stamps = also.map((id) => ({ slot: `sig.${b.school_year_id}.subject.${id}`, appearance: { kind: 'row', name: p.signerName, time: vietnamIso(at) } as Appearance }));
  const prepared = await prepareSignature(bytes, { ...p, also: stamps, signingTime: at, font: await font() });
  return { prepared, revision, also, hash: await hashToSign(prepared.digest, chain0) };
}

/** A sign_prepare job step: the batch's items seq from..to prepared (new revision, placeholder, hash). */
export async function prepareBatchItems(service: Service, batchId: string, from: number, to: number): Promise<{ prepared: number; awaiting_approval: boolean }> {
  const b = check(await service.from('signing_batches').select('*').eq('id', batchId).single(), 'batch') as BatchInfo & { status: string };
  if (b.status !== 'preparing') return { prepared: 0, awaiting_approval: b.status === 'awaiting_approval' };
  const cert = check(await service.from('certificates').select('*').eq('id', b.certificate_id).single(), 'certificate') as Certificate;
  const items = check(await service.from('signing_batch_items').select('document_version_id, status').eq('batch_id', batchId).gte('seq', from).lte('seq', to), 'items');
  const at = new Date();
  let n = 0;
  for (const item of items) {
    if (item.status !== 'pending') continue;
    const { prepared, revision, hash, also } = await prepareOne(service, b, der(cert), item.document_version_id, at);
    const path = preparedPath(batchId, item.document_version_id);
    const { error } = await service.storage.from('job-files').upload(path, prepared.bytes, { contentType: 'application/pdf', upsert: true });
    if (error) throw new Error(`prepared upload: ${error.message}`);
    check(await service.from('signing_batch_items').update({
      status: 'prepared', base_revision: revision, prepared_path: path, digest: hex(prepared.digest), hash: hex(hash),
      byte_range: prepared.byteRange, signing_time: at.toISOString(), also_subject_ids: also, updated_at: new Date().toISOString(),
    }).eq('batch_id', batchId).eq('document_version_id', item.document_version_id).select('seq').single(), 'item update');
    n++;
  }
  const { count } = await service.from('signing_batch_items').select('seq', { count: 'exact', head: true }).eq('batch_id', batchId).eq('status', 'pending');
  let ready = false;
  if (count === 0) {
    const { data } = await service.from('signing_batches').update({ status: 'awaiting_approval', updated_at: new Date().toISOString() })
      .eq('id', batchId).eq('status', 'preparing').select('id');
    ready = (data?.length ?? 0) > 0;
  }
  return { prepared: n, awaiting_approval: ready };
}

export interface Approval {
  batch_id: string;
  class_id: string;
  role: Role;
  subject_id: string | null;
  profile_id: string;
  certificate_id: string;
  label: string;
  total: number;
  items: { document_version_id: string; hash: string }[];
}

type ItemRow = Database['public']['Tables']['signing_batch_items']['Row'];
export interface BatchResult { signed: number; redone: number; again?: number }

/**
 * Signs an approved batch with the local signer: the key opened with the PIN, every prepared hash signed
 * in one transaction, then the files finished (finishBatch); a file another signer moved on meanwhile is
 * prepared and signed again with the same open key.
 */
export async function signBatch(service: Service, a: Approval, pin: string | undefined): Promise<BatchResult> {
  const cert = check(await service.from('certificates').select('*').eq('id', a.certificate_id).single(), 'certificate') as Certificate;
  if (cert.provider === 'remote') return await approveRemote(service, a, cert);
  if (!pin) throw new HttpError(400, 'validation_failed', 'Cần nhập mã PIN ký số.');
  const key = await openKey(service, cert, pin);
  const signer: Signer = new LocalSigner(key, await chainOf(service, cert));
  const rows = check(await service.from('signing_batch_items').select('*').eq('batch_id', a.batch_id).eq('status', 'prepared').order('seq'), 'items');
  const tx = await signer.start(rows.map((r) => unhex(r.hash!)), a.label);
  const result = await signer.poll(tx.transactionId);
  if (result.status !== 'approved') throw new HttpError(409, `signing_${result.status}`, 'Lượt ký không được chấp thuận.');
  return await finishBatch(service, a, rows, result, signer);
}

/**
 * One hash signed with a person's local certificate (their PIN opens the key: wrong PINs count towards the
 * lock as for a batch) and timestamped: the signature, the chain and the timestamp token for the CMS. A
 * remote certificate is refused: its approval happens on the phone, for batches only.
 */
export async function signOneHash(service: Service, certificateId: string, pin: string | undefined, hash: Uint8Array):
  Promise<{ signature: Uint8Array; chain: Uint8Array[]; timestampToken: Uint8Array }> {
  const cert = check(await service.from('certificates').select('*').eq('id', certificateId).single(), 'certificate') as Certificate;
  if (cert.provider === 'remote') {
    throw new HttpError(400, 'remote_not_supported', 'Chứng thư số của bạn ký qua ứng dụng trên điện thoại: hãy ký tệp bằng ứng dụng của nhà cung cấp rồi tải tệp đã ký lên.');
  }
  if (!pin) throw new HttpError(400, 'validation_failed', 'Cần nhập mã PIN ký số.');
  const key = await openKey(service, cert, pin);
  const chain = await chainOf(service, cert);
  const signer = new LocalSigner(key, chain);
  const result = await signer.poll((await signer.start([hash])).transactionId);
  if (result.status !== 'approved') throw new HttpError(409, `signing_${result.status}`, 'Lượt ký không được chấp thuận.');
  const signature = result.signatures[0]!;
  const { tsa } = await anchors(service);
  const timestampToken = await timestampTokenOf(service, tsa, signature);
  return { signature, chain, timestampToken };
}

async function timestampTokenOf(service: Service, tsa: Certificate, signature: Uint8Array): Promise<Uint8Array> {
  return await timestampToken({ data: signature, tsa: { key: await openKey(service, tsa, null), chain: await chainOf(service, tsa) }, serial: newSerial(), at: new Date() });
}

/** The school's remote signer for a remote certificate: its provider account, the client secret unsealed. */
async function remoteSigner(service: Service, cert: Certificate): Promise<RemoteSigner> {
  const account = check(await service.from('signing_providers').select('*').eq('school_id', cert.school_id!).single(), 'provider');
  const secret = check(await service.from('signing_provider_secrets').select('sealed').eq('school_id', cert.school_id!).single(), 'provider secret');
  const clientSecret = new TextDecoder().decode(await unseal(secret.sealed, master(), `provider:${cert.school_id}`, null));
  return new RemoteSigner({ baseUrl: account.base_url, clientId: account.client_id, clientSecret, credentialId: cert.remote_credential_id! });
}

/**
 * A batch approved on the person's phone: the first call starts one transaction over every prepared hash;
 * later calls poll it — pending (202), declined or expired (the transaction is dropped: the next call sends
 * a new one), approved (the files finished). A file another signer moved on meanwhile is prepared again and
 * waits for the next approval (`again`): the person approves that on the phone once more.
 */
async function approveRemote(service: Service, a: Approval, cert: Certificate): Promise<BatchResult> {
  const signer = await remoteSigner(service, cert);
  const batch = check(await service.from('signing_batches').select('remote_transaction_id, remote_expires_at').eq('id', a.batch_id).single(), 'batch');
  const rows = check(await service.from('signing_batch_items').select('*').eq('batch_id', a.batch_id).eq('status', 'prepared').order('seq'), 'items');
  if (!batch.remote_transaction_id) {
    const tx = await signer.start(rows.map((r) => unhex(r.hash!)), a.label);
    // Recorded only if no other call recorded one meanwhile (a double click): then that one is awaited.
    await service.from('signing_batches').update({ remote_transaction_id: tx.transactionId, remote_expires_at: tx.expiresAt.toISOString(), updated_at: new Date().toISOString() })
      .eq('id', a.batch_id).is('remote_transaction_id', null);
    throw new PendingApproval(tx.expiresAt);
  }
  const result = await signer.poll(batch.remote_transaction_id);
  if (result.status === 'pending') throw new PendingApproval(new Date(batch.remote_expires_at!));
  await service.from('signing_batches').update({ remote_transaction_id: null, remote_expires_at: null, updated_at: new Date().toISOString() }).eq('id', a.batch_id);
  if (result.status === 'declined') throw new HttpError(409, 'signing_declined', 'Bạn đã từ chối ký trên ứng dụng ký số: không tệp nào được ký. Gửi lại yêu cầu nếu muốn ký.');
  if (result.status === 'expired') throw new HttpError(409, 'signing_expired', 'Yêu cầu ký đã hết hạn mà chưa được xác nhận trên ứng dụng: không tệp nào được ký. Gửi lại yêu cầu để ký.');
  if (result.signatures.length !== rows.length) throw new HttpError(502, 'remote_mismatch', 'Dịch vụ ký số từ xa trả về số chữ ký không khớp số tệp.');
  return await finishBatch(service, a, rows, result, null);
}

/** The remote transaction waits for the person (the function answers 202 with when it expires). */
export class PendingApproval extends Error {
  constructor(readonly expiresAt: Date) {
    super('Đã gửi yêu cầu ký tới ứng dụng ký số trên điện thoại của bạn: hãy xác nhận ở đó.');
  }
}

/**
 * Per file: the timestamp, the CMS, the new revision stored and recorded. A file whose revision moved on
 * (another signer; 55000 from check_signature) is prepared again on the newest revision and — with
 * `redo`, a signer that answers at once — signed again; without (a remote signer) it waits, prepared,
 * for the next approval.
 */
async function finishBatch(service: Service, a: Approval, rows: ItemRow[], result: Extract<PollResult, { status: 'approved' }>, redo: Signer | null): Promise<BatchResult> {
  const { tsa } = await anchors(service);
  const tsaKey = await openKey(service, tsa, null);
  const tsaChain = await chainOf(service, tsa);
  const batch = check(await service.from('signing_batches').select('*').eq('id', a.batch_id).single(), 'batch') as BatchInfo;
  let signed = 0;
  let redone = 0;
  let again = 0;
  for (const [i, row] of rows.entries()) {
    const { data: blob, error } = await service.storage.from('job-files').download(row.prepared_path!);
    if (error || !blob) throw new Error(`prepared ${row.prepared_path}: ${error?.message}`);
    let prepared: Prepared = { bytes: new Uint8Array(await blob.arrayBuffer()), byteRange: row.byte_range as Prepared['byteRange'], digest: unhex(row.digest!) };
    let revision = row.base_revision!;
    let also: string[] = row.also_subject_ids ?? [];
    let signature = result.signatures[i]!;
    let at = new Date(row.signing_time!);
    for (let attempt = 0; ; attempt++) {
      const token = await timestampToken({ data: signature, tsa: { key: tsaKey, chain: tsaChain }, serial: newSerial(), at: new Date() });
      const bytes = embedSignature(prepared, await assembleCms({ documentDigest: prepared.digest, chain: result.chain, signature, timestampToken: token })) as Uint8Array<ArrayBuffer>;
      const id = crypto.randomUUID();
      const path = `${row.document_version_id}/${revision + 1}-${id}.pdf`;
      const up = await service.storage.from('signed-documents').upload(path, bytes, { contentType: 'application/pdf' });
      if (up.error) throw new Error(`signed upload: ${up.error.message}`);
      const common = {
        document_version_id: row.document_version_id, school_id: row.school_id, class_id: a.class_id, revision: revision + 1,
        profile_id: a.profile_id, certificate_id: a.certificate_id, batch_id: a.batch_id,
        signed_at: at.toISOString(), storage_path: path, sha256: await sha256Hex(bytes), byte_size: bytes.length,
      };
      // One statement: the subjects this signature also stands for first, then its own role (all or none).
      const { error: insertError } = await service.from('signatures').insert([
        ...also.map((subject_id) => ({ ...common, id: crypto.randomUUID(), role: 'subject' as const, subject_id })),
        { ...common, id, role: a.role, subject_id: a.subject_id },
      ]);
      if (!insertError) {
        await service.from('signing_batch_items').update({ status: 'done', signature_id: id, error: null, updated_at: new Date().toISOString() })
          .eq('batch_id', a.batch_id).eq('document_version_id', row.document_version_id);
        signed++;
        break;
      }
      // The stored object stays (the bucket never deletes); it is simply never referenced.
      if (/signatures_one_per_signer/.test(insertError.message)) break; // this signer's own signature is already there
      // 55000 (check_signature): another signer's revision came first.
      if (insertError.code !== '55000') throw new HttpError(409, 'signature_refused', insertError.message);
      if (attempt >= 5) throw new HttpError(409, 'busy', 'Tệp đang được nhiều người ký cùng lúc; thử lại sau ít phút.');
      // Prepare the newest revision instead.
      at = new Date();
      const fresh = await prepareOne(service, batch, result.chain[0]!, row.document_version_id, at);
      if (!redo) {
        const path2 = preparedPath(a.batch_id, row.document_version_id);
        const { error: e2 } = await service.storage.from('job-files').upload(path2, fresh.prepared.bytes, { contentType: 'application/pdf', upsert: true });
        if (e2) throw new Error(`prepared upload: ${e2.message}`);
        await service.from('signing_batch_items').update({
          base_revision: fresh.revision, prepared_path: path2, digest: hex(fresh.prepared.digest), hash: hex(fresh.hash), byte_range: fresh.prepared.byteRange,
          signing_time: at.toISOString(), also_subject_ids: fresh.also, updated_at: new Date().toISOString(),
        }).eq('batch_id', a.batch_id).eq('document_version_id', row.document_version_id);
        again++;
        break;
      }
      prepared = fresh.prepared;
      revision = fresh.revision;
      also = fresh.also;
      const retx = await redo.start([fresh.hash], a.label);
      const re = await redo.poll(retx.transactionId);
      if (re.status !== 'approved') throw new HttpError(409, `signing_${re.status}`, 'Lượt ký không được chấp thuận.');
      signature = re.signatures[0]!;
      redone++;
    }
  }
  if (again === 0) {
    await service.storage.from('job-files').remove(rows.map((r) => r.prepared_path!));
    await service.from('signing_batches').update({ status: 'done', done: signed, finished_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .eq('id', a.batch_id);
  } else {
    await service.from('signing_batches').update({ done: signed, updated_at: new Date().toISOString() }).eq('id', a.batch_id);
  }
  return again ? { signed, redone, again } : { signed, redone };
}

/** The admin board's provider account for the school (after rpc signing_provider_check): the secret sealed. */
export async function configureProvider(service: Service, o: { school_id: string; provider: string; base_url: string; client_id: string; client_secret: string; trusted_root_pem: string; actor: string }): Promise<void> {
  const root = unpem(o.trusted_root_pem);
  try {
    parseCertificate(root);
  } catch {
    throw new HttpError(400, 'validation_failed', 'Chứng thư gốc của nhà cung cấp không đọc được.');
  }
  check(await service.from('signing_providers').upsert({
    school_id: o.school_id, provider: o.provider, base_url: o.base_url, client_id: o.client_id, trusted_root_der_base64: b64(root),
    configured_by: o.actor, configured_at: new Date().toISOString(),
  }).select('school_id').single(), 'provider');
  const sealed = await seal(new TextEncoder().encode(o.client_secret), master(), `provider:${o.school_id}`, null);
  check(await service.from('signing_provider_secrets').upsert({ school_id: o.school_id, sealed }).select('school_id').single(), 'provider secret');
}

/**
 * A remote activation: the holder's credential at the school's provider; the certificate fetched from the
 * provider must chain to the provider root the school configured, and is recorded (no key here).
 */
export async function linkRemoteCertificate(service: Service, a: Activation, credentialId: string): Promise<Certificate> {
  const account = check(await service.from('signing_providers').select('*').eq('school_id', a.school_id).single(), 'provider');
  const probe = { school_id: a.school_id, remote_credential_id: credentialId } as Certificate;
  let chain: Uint8Array[];
  try {
    chain = await (await remoteSigner(service, probe)).certificateChain();
  } catch (e) {
    throw new HttpError(400, 'remote_failed', `Không lấy được chứng thư số từ nhà cung cấp với mã tài khoản này (${e instanceof Error ? e.message : String(e)}).`);
  }
  const leaf = parseCertificate(chain[0]!);
  const root = parseCertificate(unb64(account.trusted_root_der_base64));
  if (!(await chainsTo(leaf, chain.slice(1).map(parseCertificate), [root]))) {
    throw new HttpError(400, 'remote_untrusted', 'Chứng thư số của tài khoản này không do nhà cung cấp mà trường đã cấu hình cấp.');
  }
  const cert = check(await service.from('certificates').insert({
    kind: a.kind, school_id: a.school_id, profile_id: a.profile_id, provider: 'remote', remote_credential_id: credentialId,
    serial: serialHex(leaf), subject: commonNameOf(leaf) || a.holder, not_before: leaf.notBefore.value.toISOString(), not_after: leaf.notAfter.value.toISOString(),
    der_base64: b64(chain[0]!), issued_by: a.actor,
  }).select('*').single(), 'certificate') as Certificate;
  check(await service.from('certificate_requests').update({ status: 'issued', certificate_id: cert.id, updated_at: new Date().toISOString() })
    .eq('id', a.request_id).eq('status', 'pending').select('id').single(), 'request');
  return cert;
}
