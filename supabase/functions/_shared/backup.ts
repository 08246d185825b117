// The steps of a backup and of a restore (issue 19; migration 20261205020000_backups.sql, docs/JOBS.md).
// Backup: the snapshot (in Postgres), then each part of about 4 MB of staged rows written as gzip'd NDJSON
// ({t: table, d: row}) and each of the school's archived files copied, every file encrypted with
// AES-256-GCM under a key derived (HKDF-SHA256, salt = the backup's id) from the project secret
// BACKUP_KEY, which is never stored in the database or the bucket; then the manifest. Restore: each part
// read back, its hash checked against the manifest, decrypted and loaded into the restore's fresh schema;
// then the check and the apply (in Postgres). Steps are idempotent: a file already stored by a step that
// died is read back and recorded as it is; a part loaded twice counts once.
import type { SupabaseClient } from '@supabase/supabase-js';
import { zipSync } from 'fflate';
import { z } from 'zod';
import type { Database, Json } from './database.ts';
import { sha256Hex } from './archive.ts';

type Service = SupabaseClient<Database>;

const BUCKET = 'backups';

const backupParams = z.discriminatedUnion('part', [
  z.object({ part: z.literal('snapshot'), backup_id: z.uuid() }),
  z.object({ part: z.literal('rows'), backup_id: z.uuid(), seq: z.number().int().min(1) }),
  z.object({ part: z.literal('objects'), backup_id: z.uuid(), seq: z.number().int().min(1), from: z.number().int(), to: z.number().int() }),
  z.object({ part: z.literal('finish'), backup_id: z.uuid() }),
]);

const restoreParams = z.discriminatedUnion('part', [
  z.object({ part: z.literal('load'), request_id: z.uuid(), seq: z.number().int(), path: z.string(), sha256: z.string() }),
  z.object({ part: z.literal('check'), request_id: z.uuid() }),
  z.object({ part: z.literal('apply'), request_id: z.uuid() }),
]);

function masterKey(): Uint8Array<ArrayBuffer> {
  const value = Deno.env.get('BACKUP_KEY');
  const key = value ? Uint8Array.from(atob(value), (c) => c.charCodeAt(0)) : new Uint8Array();
  if (key.length !== 32) throw new Error('BACKUP_KEY must be 32 bytes in base64');
  return key;
}

/** Which key encrypted a backup (the first 16 hex digits of its SHA-256), recorded in the manifest. */
export async function backupKeyId(): Promise<string> {
  return (await sha256Hex(masterKey())).slice(0, 16);
}

async function fileKey(backupId: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', masterKey(), 'HKDF', false, ['deriveKey']);
  return await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode(backupId), info: new TextEncoder().encode('sdt-backup/1') },
    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
  );
}

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** gzip, then AES-256-GCM: 12-byte IV, then ciphertext and tag. */
export async function seal(backupId: string, plain: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const packed = await pipe(plain, new CompressionStream('gzip'));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await fileKey(backupId), packed));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return out;
}

export async function unseal(backupId: string, bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, await fileKey(backupId), bytes.slice(12));
  return await pipe(new Uint8Array(plain), new DecompressionStream('gzip'));
}

async function read(service: Service, bucket: string, path: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const { data, error } = await service.storage.from(bucket).download(path);
  if (error || !data) {
    const status = (error as { status?: number } | null)?.status;
    if (status === 400 || status === 404 || /not.?found/i.test(error?.message ?? '')) return null;
    throw new Error(`Không đọc được ${bucket}/${path}: ${error?.message ?? 'không có nội dung'}`);
  }
  return new Uint8Array(await data.arrayBuffer());
}

/** Stores a file once: a file a died step already stored is kept as it is (never replaced). Returns its bytes' hash and size. */
async function storeOnce(service: Service, path: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<{ sha256: string; size: number }> {
  const { error } = await service.storage.from(BUCKET).upload(path, bytes, { contentType, upsert: false });
  if (error) {
    const existing = await read(service, BUCKET, path);
    if (!existing) throw new Error(`Không lưu được ${path}: ${error.message}`);
    return { sha256: await sha256Hex(existing), size: existing.length };
  }
  return { sha256: await sha256Hex(bytes), size: bytes.length };
}

async function record(service: Service, backupId: string, kind: 'part' | 'object' | 'manifest' | 'zip', seq: number, path: string,
                      stored: { sha256: string; size: number }, rows: number | null, source: Json | null): Promise<void> {
  const { error } = await service.rpc('record_backup_file', {
    p_backup_id: backupId, p_kind: kind, p_seq: seq, p_path: path, p_sha256: stored.sha256, p_byte_size: stored.size,
    p_row_count: rows ?? undefined, p_source: source ?? undefined,
  });
  if (error) throw new Error(error.message);
}

async function schoolOf(service: Service, backupId: string): Promise<string> {
  const { data, error } = await service.from('backups').select('school_id').eq('id', backupId).single();
  if (error || !data) throw new Error(`backup ${backupId}: ${error?.message}`);
  return data.school_id;
}

const pad = (n: number) => String(n).padStart(5, '0');

export async function backupStep(service: Service, stepParams: Json): Promise<Json> {
  const p = backupParams.parse(stepParams);
  if (p.part === 'snapshot') {
    const { data, error } = await service.rpc('backup_snapshot', { p_backup_id: p.backup_id });
    if (error) throw new Error(error.message);
    return data;
  }
  const school = await schoolOf(service, p.backup_id);
  const prefix = `${school}/${p.backup_id}`;
  if (p.part === 'rows') {
    const { data, error } = await service.rpc('backup_part_rows', { p_backup_id: p.backup_id, p_part: p.seq });
    if (error) throw new Error(error.message);
    // NDJSON as Postgres wrote it (numbers never pass through a JavaScript number).
    const text = data as string;
    const rows = text ? text.split('\n').length : 0;
    const path = `${prefix}/part-${pad(p.seq)}.bin`;
    const stored = await storeOnce(service, path, await seal(p.backup_id, new TextEncoder().encode(text)), 'application/octet-stream');
    await record(service, p.backup_id, 'part', p.seq, path, stored, rows, null);
    return { path, rows, bytes: stored.size };
  }
  if (p.part === 'objects') {
    const { data, error } = await service.rpc('backup_objects_slice', { p_backup_id: p.backup_id, p_from: p.from, p_to: p.to });
    if (error) throw new Error(error.message);
    const findings: { what: string; path: string; detail: string }[] = [];
    let copied = 0;
    for (const f of data ?? []) {
      const bytes = await read(service, f.bucket, f.path);
      if (!bytes) {
        findings.push({ what: f.what, path: `${f.bucket}/${f.path}`, detail: 'Tệp đã lưu trữ không còn trong kho: không sao được.' });
        continue;
      }
      const live = await sha256Hex(bytes);
      if (live !== f.sha256) findings.push({ what: f.what, path: `${f.bucket}/${f.path}`, detail: 'Nội dung tệp khác mã băm đã lưu: sao nguyên trạng, đánh dấu.' });
      const path = `${prefix}/objects/${pad(Number(f.n))}.bin`;
      const stored = await storeOnce(service, path, await seal(p.backup_id, bytes), 'application/octet-stream');
      await record(service, p.backup_id, 'object', Number(f.n), path, stored, null, { bucket: f.bucket, path: f.path, sha256: f.sha256, live_sha256: live });
      copied++;
    }
    return { copied, findings };
  }
  const { data: manifest, error } = await service.rpc('finish_backup', { p_backup_id: p.backup_id, p_key_id: await backupKeyId() });
  if (error) throw new Error(error.message);
  // The manifest is stored as Postgres wrote it (its SHA-256 is the backup's manifest_sha256); it holds
  // hashes and counts, no personal data, so it is not encrypted: whoever holds the files can check them.
  const text = manifest as unknown as string;
  const path = `${prefix}/manifest.json`;
  const stored = await storeOnce(service, path, new TextEncoder().encode(text), 'application/json');
  await record(service, p.backup_id, 'manifest', 1, path, stored, null, null);
  return { path, sha256: stored.sha256 };
}

export async function restoreStep(service: Service, backupId: string, stepParams: Json): Promise<Json> {
  const p = restoreParams.parse(stepParams);
  if (p.part === 'check') {
    const { data, error } = await service.rpc('restore_check', { p_request_id: p.request_id });
    if (error) throw new Error(error.message);
    return data;
  }
  if (p.part === 'apply') {
    const { data, error } = await service.rpc('restore_apply', { p_request_id: p.request_id });
    if (error) throw new Error(error.message);
    return data;
  }
  const bytes = await read(service, BUCKET, p.path);
  if (!bytes) throw new Error(`Phần ${p.seq} của bản sao không còn trong kho lưu trữ.`);
  if ((await sha256Hex(bytes)) !== p.sha256) throw new Error(`Phần ${p.seq} của bản sao đã bị thay đổi: mã băm khác bản kê.`);
  const text = new TextDecoder().decode(await unseal(backupId, bytes));
  // Pieces of 300,000 characters: under 2 MB even were every character 3 bytes of UTF-8 or an escaped quote.
  const size = 300_000;
  const count = Math.max(1, Math.ceil(text.length / size));
  let data: Json = null;
  for (let i = 0; i < count; i++) {
    const answer = await service.rpc('restore_load', {
      p_request_id: p.request_id, p_seq: p.seq, p_piece: i + 1, p_text: text.slice(i * size, (i + 1) * size), p_last: i === count - 1,
    });
    if (answer.error) throw new Error(answer.error.message);
    data = answer.data;
  }
  return data;
}

const exportData = z.object({
  school: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  year: z.object({ id: z.uuid(), code: z.string() }),
  class: z.object({ id: z.uuid(), name: z.string() }).passthrough(),
  tables: z.record(z.string(), z.array(z.unknown())),
  documents: z.array(z.object({ bucket: z.string(), path: z.string(), sha256: z.string(), name: z.string() })),
});

/**
 * A class's year-end export (migration 20261205021000): one zip — lop.json (the school, the year, the
 * class), du-lieu/<table>.json, the archived PDFs and signed copies, manifest.json (every entry's SHA-256;
 * a document whose bytes differ from the hash recorded when it was archived says so) — stored once in
 * the bucket backups, recorded, and the export closed. One step: a class's documents are a few MB.
 */
export async function classExportStep(service: Service, stepParams: Json): Promise<Json> {
  const { backup_id: backupId } = z.object({ backup_id: z.uuid() }).parse(stepParams);
  const { data, error } = await service.rpc('class_export_data', { p_backup_id: backupId });
  if (error) throw new Error(error.message);
  const d = exportData.parse(data);
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 1));
  const files: Record<string, Uint8Array> = {};
  const entries: { name: string; sha256: string; bytes: number; rows?: number; recorded_sha256?: string; changed?: boolean }[] = [];
  const add = async (name: string, bytes: Uint8Array<ArrayBuffer>, extra: Partial<(typeof entries)[number]> = {}) => {
    files[name] = bytes;
    entries.push({ name, sha256: await sha256Hex(bytes), bytes: bytes.length, ...extra });
  };
  await add('lop.json', encode({ school: d.school, year: d.year, class: d.class }));
  let rows = 0;
  for (const [table, list] of Object.entries(d.tables)) {
    rows += list.length;
    await add(`du-lieu/${table}.json`, encode(list), { rows: list.length });
  }
  for (const doc of d.documents) {
    const bytes = await read(service, doc.bucket, doc.path);
    if (!bytes) throw new Error(`Văn bản lưu trữ ${doc.bucket}/${doc.path} không còn trong kho: chưa xuất được.`);
    const sha = await sha256Hex(bytes);
    await add(doc.name, bytes, sha === doc.sha256 ? { recorded_sha256: doc.sha256 } : { recorded_sha256: doc.sha256, changed: true });
  }
  const manifest = JSON.stringify({
    format: 'sdt-class-export/1', school: d.school, year: d.year, class: { id: d.class.id, name: d.class.name },
    entries,
  }, null, 1);
  files['manifest.json'] = new TextEncoder().encode(manifest);
  // Stored, not compressed: the PDFs are compressed already; a fixed time so the same data make the same zip.
  const zip = zipSync(files, { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }) as Uint8Array<ArrayBuffer>;
  const path = `${d.school.id}/${backupId}/xuat-du-lieu-lop.zip`;
  const stored = await storeOnce(service, path, zip, 'application/zip');
  await record(service, backupId, 'zip', 1, path, stored, rows, null);
  const { error: finishError } = await service.rpc('finish_class_export', { p_backup_id: backupId, p_manifest: manifest, p_rows: rows });
  if (finishError) throw new Error(finishError.message);
  return { path, entries: entries.length, rows, bytes: stored.size };
}
