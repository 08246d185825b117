// Body of the `dossiers` edge function (issue 17), shared by the admin, the function and the tests: no
// browser-only and no Node-only imports here. Submitting, reviewing, reopening, locking and check rounds
// are RPCs the client calls itself (migration 20261204009000); the function does what needs the bytes.
import { z } from 'zod';
import { pinSchema } from './sign.ts';

const uuid = (what: string) => z.uuid({ error: `${what} không hợp lệ` });

/** Where a person uploads a dossier file before it is finalised: their own folder of the private bucket. */
export const DOSSIER_BUCKET = 'dossiers';
export const incomingPath = (userId: string, name: string) => `incoming/${userId}/${name}`;
/** The largest file a dossier item may accept (50 MB, as the bucket's limit). */
export const DOSSIER_MAX_BYTES = 52_428_800;

export const dossierRequestSchema = z.discriminatedUnion('action', [
  /**
   * Finalise an upload: the file the caller put at `path` (incoming/<their id>/…) becomes the obligation's
   * next version — or, when anything is wrong with it, is removed and nothing is recorded. A PDF's own
   * signatures are verified; for another format, `signature_base64` may carry a detached CAdES signature
   * (.p7s, DER) of exactly the file.
   */
  z.strictObject({
    action: z.literal('finalise'),
    obligation_id: uuid('Mã hồ sơ phải nộp'),
    path: z.string().regex(/^incoming\/[0-9a-f-]{36}\/[A-Za-z0-9._-]{1,120}$/, { error: 'Đường dẫn tệp tải lên không hợp lệ.' }),
    file_name: z.string().trim().min(1, { error: 'Cần tên tệp.' }).max(200, { error: 'Tên tệp quá dài (tối đa 200 ký tự).' }),
    signature_base64: z.string().regex(/^[A-Za-z0-9+/=]+$/, { error: 'Chữ ký rời (.p7s) không hợp lệ.' }).max(40_000).optional(),
  }),
  /** Sign the current version with the caller's certificate (PIN): a new version, PAdES for a PDF, CAdES detached otherwise. */
  z.strictObject({ action: z.literal('sign'), version_id: uuid('Mã phiên bản hồ sơ'), pin: pinSchema }),
  /** A short-lived download link of a version the caller reads (always an attachment, never shown inline). */
  z.strictObject({ action: z.literal('download'), version_id: uuid('Mã phiên bản hồ sơ') }),
  /** A download link of a finished year-end package's manifest or one of its parts. */
  z.strictObject({ action: z.literal('package_file'), package_id: uuid('Mã gói lưu trữ'), part: z.number().int().min(0).max(100_000) }),
], { error: 'Thao tác không được hỗ trợ (finalise, sign, download, package_file).' });
export type DossierRequest = z.infer<typeof dossierRequestSchema>;

/** A version as the function answers it. */
export interface DossierVersionAnswer {
  id: string;
  obligation_id: string;
  version: number;
  file_name: string;
  file_type: string;
  byte_size: number;
  sha256: string;
  signature_kind: 'pades' | 'cades' | null;
  signed_by: string | null;
  signer_name: string | null;
  signed_at: string | null;
}

/** How long a download link works (seconds). */
export const DOWNLOAD_SECONDS = 120;
