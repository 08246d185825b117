// verify: checks a signed PDF for anyone (issue 15, item 4) — a parent, an employer, another school —
// with the project's anon key or a session: POST the file (application/pdf) and get, per signature in
// order, each check in Vietnamese (_shared/signing/verify.ts), and what the archive knows of the file: the
// document, its version, whether it is the current version and the latest signed revision of it. Reads
// the trust anchors and the certificates' revocation with the service role; answers nothing else of them.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { sha256Hex } from '../_shared/archive.ts';
import { verifyPdf } from '../_shared/signing/verify.ts';
import { trustRegistry } from '../_shared/signing/service.ts';

const MAX_BYTES = 6_000_000;

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    await authenticate(req);
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.length === 0 || bytes.length > MAX_BYTES) throw new HttpError(400, 'bad_file', 'Cần gửi một tệp PDF (tối đa 6 MB).');
    if (new TextDecoder('latin1').decode(bytes.subarray(0, 5)) !== '%PDF-') throw new HttpError(400, 'not_pdf', 'Tệp gửi lên không phải PDF.');
    const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), { auth: { persistSession: false, autoRefreshToken: false } });
    const signatures = await verifyPdf(bytes, await trustRegistry(service));
    // The file itself: a signed revision (or the unsigned print) of an archived version.
    const sha = await sha256Hex(bytes as Uint8Array<ArrayBuffer>);
    const { data: revision } = await service.from('signatures').select('revision, document_version_id').eq('sha256', sha).limit(1).maybeSingle();
    const versionId = revision?.document_version_id
      ?? (await service.from('document_versions').select('id').eq('sha256', sha).maybeSingle()).data?.id ?? null;
    let document = null;
    if (versionId) {
      const { data: v } = await service.from('document_versions').select('kind, version, status, verification_code').eq('id', versionId).single();
      const { data: last } = await service.from('signatures').select('revision').eq('document_version_id', versionId).order('revision', { ascending: false }).limit(1).maybeSingle();
      const latest = (revision?.revision ?? 0) === (last?.revision ?? 0);
      document = {
        kind: v!.kind, version: v!.version, verification_code: v!.verification_code, current_version: v!.status === 'current', latest_revision: latest,
        message: v!.status !== 'current' ? 'Văn bản này là phiên bản cũ, đã được thay thế.'
          : !latest ? 'Tệp này chưa có đủ chữ ký: đã có bản ký mới hơn.'
          : 'Đây là bản hiện hành của văn bản.',
      };
    }
    return json(200, {
      signatures,
      valid: signatures.length > 0 && signatures.every((s) => s.valid),
      document: document ?? { message: 'Tệp này không khớp với văn bản nào trong kho lưu trữ của hệ thống (có thể đã bị sửa).' },
    });
  }),
);
