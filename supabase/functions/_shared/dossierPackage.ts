// The year-end package of a school's electronic dossiers (issue 17, item 7), built by the jobs worker in
// small steps (rpc start_dossier_package): each step packs up to 40 files — every version of the year, in
// a fixed order — into a zip part (stored, not compressed: PDFs and Office files are compressed already),
// each file checked against its sha256 first; the last step writes manifest.json (the school, the year,
// every file with its obligation, version, signer and sha256, every part with its sha256) and closes the
// package. Parts and manifest go to the private bucket dossier-packages under a folder of their own, never
// overwritten (the bucket refuses updates and deletes).
import type { SupabaseClient } from '@supabase/supabase-js';
import { zipSync } from 'fflate';
import { z } from 'zod';
import type { Database, Json } from './database.ts';
import { sha256Hex } from './archive.ts';

type Service = SupabaseClient<Database>;

const partParams = z.object({ package_id: z.uuid(), part: z.number().int(), offset: z.number().int(), limit: z.number().int() });
const fileEntry = z.object({
  path: z.string(), version_id: z.uuid(), obligation_id: z.uuid(), item: z.string(), period: z.string(), version: z.number().int(),
  file_name: z.string(), sha256: z.string(), bytes: z.number().int(), signed_by: z.string().nullable(), signature_kind: z.string().nullable(),
});
const partResult = z.object({ part: z.string(), sha256: z.string(), bytes: z.number().int(), files: z.array(fileEntry) });

const folderOf = (p: { school_id: string; school_year_id: string; id: string }) => `${p.school_id}/${p.school_year_id}/${p.id}`;
/** A path segment: control characters and those a file system reserves become "_". */
const clean = (s: string) => Array.from(s.normalize('NFC'), (c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 80);

export async function dossierPackageStep(service: Service, jobId: string, step: { seq: number; params: Json }): Promise<Json> {
  const params = step.params as Record<string, unknown>;
  const { data: pkg, error } = await service.from('dossier_packages').select('*').eq('id', String(params.package_id)).single();
  if (error || !pkg) throw new Error(`package ${String(params.package_id)}: ${error?.message}`);
  const bucket = service.storage.from('dossier-packages');

  if (params.manifest) {
    const { data: before, error: stepsError } = await service.from('job_steps').select('seq, status, result').eq('job_id', jobId).lt('seq', step.seq).order('seq');
    if (stepsError) throw new Error(stepsError.message);
    if (before.some((s) => s.status !== 'done')) throw new Error('Một phần của gói lưu trữ chưa lập xong');
    const parts = before.map((s) => partResult.parse(s.result));
    const { data: year } = await service.from('school_years').select('code, org_units!school_years_school_id_fkey(name)').eq('id', pkg.school_year_id).single();
    const manifest = {
      kind: 'so-dien-tu/dossier-package', version: 1, package_id: pkg.id,
      school: { id: pkg.school_id, name: (year as unknown as { org_units: { name: string } } | null)?.org_units.name ?? null },
      school_year: { id: pkg.school_year_id, code: year?.code ?? null },
      created_at: new Date().toISOString(),
      parts: parts.map((p) => ({ name: p.part, sha256: p.sha256, bytes: p.bytes, files: p.files.length })),
      files: parts.flatMap((p) => p.files.map((f) => ({ ...f, part: p.part }))),
    };
    const bytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2)) as Uint8Array<ArrayBuffer>;
    const path = `${folderOf(pkg)}/manifest.json`;
    const up = await bucket.upload(path, bytes, { contentType: 'application/json' });
    if (up.error && !/exists/i.test(up.error.message)) throw new Error(`manifest upload: ${up.error.message}`);
    const sha = await sha256Hex(bytes);
    await service.from('dossier_packages').update({
      status: 'done', manifest_path: path, manifest_sha256: sha, finished_at: new Date().toISOString(),
      byte_size: parts.reduce((n, p) => n + p.bytes, 0) + bytes.length, files: manifest.files.length,
    }).eq('id', pkg.id).eq('status', 'building');
    return { manifest: path, sha256: sha, files: manifest.files.length, parts: parts.length };
  }

  const p = partParams.parse(params);
  const { data: versions, error: listError } = await service.from('dossier_versions')
    .select('id, obligation_id, version, file_name, sha256, byte_size, storage_path, signed_by, signature_kind, signature_base64, dossier_obligations!dossier_versions_obligation_id_fkey(label, dossier_items(code))')
    .eq('school_year_id', pkg.school_year_id).order('created_at').order('id').range(p.offset, p.offset + p.limit - 1);
  if (listError) throw new Error(listError.message);
  const entries: Record<string, Uint8Array> = {};
  const files: z.infer<typeof fileEntry>[] = [];
  for (const v of versions ?? []) {
    const o = v.dossier_obligations as unknown as { label: string; dossier_items: { code: string } };
    const { data: blob, error: readError } = await service.storage.from('dossiers').download(v.storage_path);
    if (readError || !blob) throw new Error(`Không đọc được tệp ${v.storage_path}`);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if ((await sha256Hex(bytes)) !== v.sha256) throw new Error(`Tệp ${v.storage_path} không khớp mã băm đã lưu`);
    const path = `${o.dossier_items.code}/${v.obligation_id.slice(0, 8)} ${clean(o.label)}/v${v.version} ${clean(v.file_name)}`;
    entries[path] = bytes;
    if (v.signature_kind === 'cades' && v.signature_base64) entries[`${path}.p7s`] = Uint8Array.from(atob(v.signature_base64), (c) => c.charCodeAt(0));
    files.push({ path, version_id: v.id, obligation_id: v.obligation_id, item: o.dossier_items.code, period: o.label, version: v.version,
      file_name: v.file_name, sha256: v.sha256, bytes: v.byte_size, signed_by: v.signed_by, signature_kind: v.signature_kind });
  }
  const zip = zipSync(entries, { level: 0 }) as Uint8Array<ArrayBuffer>;
  const part = `part-${String(p.part).padStart(3, '0')}.zip`;
  const up = await bucket.upload(`${folderOf(pkg)}/${part}`, zip, { contentType: 'application/zip' });
  // A step retried after its upload (the worker died before recording it) finds its part already there.
  if (up.error && !/exists/i.test(up.error.message)) throw new Error(`part upload: ${up.error.message}`);
  return { part, sha256: await sha256Hex(zip), bytes: zip.length, files };
}
