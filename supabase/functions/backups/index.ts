// backups: the download link of a backup (issue 19; migration 20261205020000_backups.sql). POST
// {download_id, expires_in?} as the IT staff member who asked: Postgres decides (rpc issue_backup_link, as
// the caller: an approved request of theirs, within BGH's 24 hours, each issue counted on the audited
// request), then each of the backup's files gets a Storage signed URL valid for `expires_in` seconds
// (default 300, at most 900). The files stay encrypted: the key (BACKUP_KEY) is not in them.
import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';

const bodySchema = z.strictObject({
  download_id: z.uuid({ error: 'Thiếu mã yêu cầu tải (download_id).' }),
  expires_in: z.number().int().min(1).max(900).default(300),
});
const grantSchema = z.object({
  backup_id: z.uuid(),
  label: z.string(),
  files: z.array(z.object({ kind: z.string(), seq: z.number(), path: z.string(), bytes: z.number(), sha256: z.string() })),
});

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'authenticated') throw new HttpError(403, 'not_allowed', 'Hãy đăng nhập bằng tài khoản của người xin tải.');
    const parsed = bodySchema.safeParse(await req.json().catch(() => ({})));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Yêu cầu không hợp lệ.');
    const { data, error } = await caller.client.rpc('issue_backup_link', { p_download_id: parsed.data.download_id });
    if (error) throw new HttpError(error.code === '42501' ? 403 : 400, error.code ?? 'refused', error.message);
    const grant = grantSchema.parse(data);
    // Postgres granted the files above: the service role signs their links (no user reads the bucket).
    const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data: signed, error: signError } = await service.storage.from('backups')
      .createSignedUrls(grant.files.map((f) => f.path), parsed.data.expires_in);
    if (signError || !signed) throw new Error(`Không tạo được đường dẫn tải: ${signError?.message}`);
    const expiresAt = new Date(Date.now() + parsed.data.expires_in * 1000).toISOString();
    return json(200, {
      backup_id: grant.backup_id,
      label: grant.label,
      expires_at: expiresAt,
      files: grant.files.map((f, i) => ({ ...f, url: signed[i]?.signedUrl ?? null })),
    });
  }),
);
