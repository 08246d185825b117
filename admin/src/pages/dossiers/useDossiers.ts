// What the electronic dossier screens share (issue 17): the rows of rpc dossier_list, the calls of the
// `dossiers` function (finalise an upload, sign, download, a package's file) and the upload itself into
// the private bucket. The database and the function decide every step; a refusal comes back as their
// Vietnamese sentence (errorMessage / functionErrorMessage), the storage's limits in the user's words.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';
import {
  DOSSIER_BUCKET,
  DOSSIER_MAX_BYTES,
  dossierRequestSchema,
  incomingPath,
  type DossierRequest,
  type DossierVersionAnswer,
} from '../../../../supabase/functions/_shared/contracts/dossiers.ts';
import { i18n } from '../../i18n/index.ts';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';

type Client = SupabaseClient<Database>;
export type DossierRow = Database['public']['Functions']['dossier_list']['Returns'][number];
export type ComplianceRow = Database['public']['Functions']['dossier_compliance']['Returns'][number];
export type SchoolComplianceRow = Database['public']['Functions']['dossier_school_compliance']['Returns'][number];

export const STATUSES = ['missing', 'draft', 'submitted', 'returned', 'approved', 'reopened'] as const;
export type DossierStatus = (typeof STATUSES)[number];
export const STATUS_COLORS: Record<DossierStatus, string> = {
  missing: 'default', draft: 'processing', submitted: 'gold', returned: 'error', approved: 'success', reopened: 'purple',
};

/** The file types a dossier item may accept, with the MIME type the bucket takes for each. */
export const FILE_TYPES = ['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg'] as const;
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
};
/** The file picker's filter for an item's accepted types. */
export const acceptOf = (types: readonly string[]) => types.flatMap((t) => (t === 'jpeg' ? ['.jpg', '.jpeg'] : [`.${t}`])).join(',');
export const typesLabel = (types: readonly string[]) => types.map((t) => t.toUpperCase()).join(', ');
export const megabytes = (bytes: number) => `${formatNumber(bytes / 1_048_576, { fractionDigits: bytes % 1_048_576 === 0 ? 0 : 1 })} MB`;

/** A call of the `dossiers` function: its answer, or the sentence of its refusal. */
export async function callDossiers<T>(supabase: Client, body: DossierRequest): Promise<{ data?: T; error?: string }> {
  const parsed = dossierRequestSchema.safeParse(body);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? i18n.t('errors.invalid_value') };
  const { data, error } = await supabase.functions.invoke('dossiers', { body: parsed.data });
  if (error) return { error: await functionErrorMessage(error) };
  return { data: data as T };
}

/**
 * Uploads a file for an obligation: the bytes into the caller's own incoming folder of the bucket, then
 * the function finalises them into the next version (or removes them and says why). Answers the new
 * version or the refusal's sentence.
 */
export async function uploadDossier(supabase: Client, userId: string, row: Pick<DossierRow, 'id' | 'max_bytes' | 'accepted_types'>, file: File)
  : Promise<{ version?: DossierVersionAnswer; error?: string }> {
  if (file.size > DOSSIER_MAX_BYTES) return { error: i18n.t('dossiers.upload.too_large', { name: file.name }) };
  if (file.size > row.max_bytes) {
    return { error: i18n.t('dossiers.upload.too_large_item', { name: file.name, size: megabytes(file.size), max: megabytes(row.max_bytes) }) };
  }
  const ext = (/\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1] ?? 'bin').toLowerCase();
  const path = incomingPath(userId, `${crypto.randomUUID()}.${ext}`);
  const { error: storageError } = await supabase.storage.from(DOSSIER_BUCKET).upload(path, file, { contentType: file.type || MIME[ext] || 'application/octet-stream' });
  if (storageError) {
    // The bucket's limits (413 too large, 415 not an accepted type) in the user's words.
    const code = String((storageError as { statusCode?: string | number }).statusCode ?? '');
    if (code === '413') return { error: i18n.t('dossiers.upload.too_large', { name: file.name }) };
    if (code === '415') return { error: i18n.t('dossiers.upload.bad_type', { name: file.name, types: typesLabel(row.accepted_types) }) };
    return { error: errorMessage(storageError) };
  }
  const { data, error } = await callDossiers<{ version: DossierVersionAnswer }>(supabase, { action: 'finalise', obligation_id: row.id, path, file_name: file.name });
  return error ? { error } : { version: data!.version };
}

/** Hands a short-lived link to the browser: the server sends it as an attachment, so the page stays. */
export function openLink(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  a.click();
}

/** Downloads a version the caller reads (the function refuses, 404, what RLS does not let them read). */
export async function downloadVersion(supabase: Client, versionId: string): Promise<string | undefined> {
  const { data, error } = await callDossiers<{ url: string; file_name: string }>(supabase, { action: 'download', version_id: versionId });
  if (error) return error;
  openLink(data!.url);
  return undefined;
}

/** The first eight and last four hex digits of a sha256, enough to compare by eye. */
export const shortHash = (sha: string | null | undefined) => (sha ? `${sha.slice(0, 8)}…${sha.slice(-4)}` : '');
