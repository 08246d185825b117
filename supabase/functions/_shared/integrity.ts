// The steps of an integrity check (issue 19, item 3; migration 20261205011000): the audit chains (in
// Postgres: rpc integrity_check_chains), a slice of the school's archived files read back from Storage and
// hashed (here: each file's SHA-256 against the one recorded when it was stored; each signed copy's
// signatures verified again — the chain to a trusted root, revocation at the signing time, the timestamp —
// as the public verification page does: a certificate found revoked since breaks a copy whose bytes did
// not change), and the result (rpc
// finish_integrity_check gathers the steps' results). A step returns {checked, findings}; done twice it
// returns the same, and only the step's own result counts.
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database, Json } from './database.ts';
import { sha256Hex } from './archive.ts';
import { trustRegistry } from './signing/service.ts';
import { verifyPdf, type Registry } from './signing/verify.ts';

type Service = SupabaseClient<Database>;

const params = z.discriminatedUnion('part', [
  z.object({ part: z.literal('chains'), check_id: z.uuid() }),
  z.object({ part: z.literal('files'), check_id: z.uuid(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(100) }),
  z.object({ part: z.literal('finish'), check_id: z.uuid() }),
]);

/** What each kind of archived file is counted as in `checked`. */
const COUNTED: Record<string, string> = { document: 'documents', signed: 'signed', dossier: 'dossier_files', backup: 'backup_files' };

export async function integrityStep(service: Service, stepParams: Json): Promise<Json> {
  const p = params.parse(stepParams);
  if (p.part === 'chains') {
    const { data, error } = await service.rpc('integrity_check_chains', { p_check_id: p.check_id });
    if (error) throw new Error(error.message);
    return data;
  }
  if (p.part === 'finish') {
    const { data, error } = await service.rpc('finish_integrity_check', { p_check_id: p.check_id });
    if (error) throw new Error(error.message);
    return data;
  }
  const { data: files, error } = await service.rpc('integrity_check_files', { p_check_id: p.check_id, p_offset: p.offset, p_limit: p.limit });
  if (error) throw new Error(error.message);
  const checked: Record<string, number> = {};
  const findings: { kind: string; what: string; detail: string; path: string }[] = [];
  // The school's trust (the root and its own signing provider's), read once per step when a signed copy comes.
  let registry: Registry | null = null;
  const trust = async () => {
    if (!registry) {
      const { data: check, error: checkError } = await service.from('integrity_checks').select('school_id').eq('id', p.check_id).single();
      if (checkError) throw new Error(checkError.message);
      registry = await trustRegistry(service, check.school_id);
    }
    return registry;
  };
  for (const f of files ?? []) {
    const key = COUNTED[f.kind] ?? f.kind;
    checked[key] = (checked[key] ?? 0) + 1;
    const { data: blob, error: readError } = await service.storage.from(f.bucket).download(f.path);
    if (readError || !blob) {
      const status = (readError as { status?: number; statusCode?: string | number } | null)?.status ?? Number((readError as { statusCode?: string } | null)?.statusCode);
      // Only an object that is not there is a finding; anything else (the storage busy) retries the step.
      if (status === 400 || status === 404 || /not.?found/i.test(readError?.message ?? '')) {
        findings.push({ kind: 'file_missing', what: f.what, path: `${f.bucket}/${f.path}`, detail: 'Tệp đã lưu trữ không còn trong kho lưu trữ.' });
        continue;
      }
      throw new Error(`Không đọc được ${f.bucket}/${f.path}: ${readError?.message ?? 'không có nội dung'}`);
    }
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const sha = await sha256Hex(bytes);
    if (sha !== f.sha256) {
      findings.push({ kind: 'file_changed', what: f.what, path: `${f.bucket}/${f.path}`, detail: `Nội dung tệp đã bị thay đổi: mã băm ${sha.slice(0, 16)}… khác mã đã lưu ${f.sha256.slice(0, 16)}….` });
      continue;
    }
    if (f.kind !== 'signed') continue;
    for (const sig of await verifyPdf(bytes, await trust())) {
      checked.signatures = (checked.signatures ?? 0) + 1;
      if (sig.valid) continue;
      const failed = sig.checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join(' ');
      findings.push({ kind: 'signature_invalid', what: f.what, path: `${f.bucket}/${f.path}`, detail: `Chữ ký thứ ${sig.index}${sig.signer ? ` (${sig.signer})` : ''} không còn hợp lệ. ${failed}` });
    }
  }
  return { checked, findings };
}
