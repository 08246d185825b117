// The archive of official prints (document_versions + the private bucket `documents`). A version is
// written only here, with the service role, by the `print` function after rpc transcript_data accepted
// the caller AS THE CALLER, and by the `jobs` worker for a job whose creator was checked when it was
// created: no client role may put bytes of its own into the archive under a verification code.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.ts';
import { HttpError } from './http.ts';
import { env } from './auth.ts';
import type { TranscriptData } from './contracts/print.ts';
import { renderTranscript } from './pdf/render.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters of a 32-letter alphabet (80 bits): not guessable, easy to type from paper. */
export function newVerificationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** "ABCDEFGHJKLMNPQR" → "ABCD-EFGH-JKLM-NPQR" */
export const formatCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

type Version = Database['public']['Tables']['document_versions']['Row'];

export async function currentVersion(service: SupabaseClient<Database>, unitKey: string): Promise<Version | null> {
  const { data, error } = await service.from('document_versions').select('*').eq('unit_key', unitKey).eq('status', 'current').maybeSingle();
  if (error) throw new Error(`archive lookup: ${error.message}`);
  return data;
}

/** The stored bytes of a version, checked against its sha256 (a changed file is an error, not a print). */
export async function storedBytes(service: SupabaseClient<Database>, v: Version): Promise<Uint8Array<ArrayBuffer>> {
  const { data, error } = await service.storage.from('documents').download(v.storage_path);
  if (error || !data) throw new HttpError(500, 'archive_missing', 'Không đọc được bản lưu trữ của văn bản này; đã báo bộ phận CNTT.');
  const bytes = new Uint8Array(await data.arrayBuffer());
  if ((await sha256Hex(bytes)) !== v.sha256) {
    throw new HttpError(500, 'archive_changed', 'Bản lưu trữ của văn bản này không khớp mã băm; đã báo bộ phận CNTT.');
  }
  return bytes;
}

export interface NewVersion {
  kind: Database['public']['Enums']['document_kind'];
  /** One line of versions per unit: "transcript_year:<student>:<year>", "copy:<application>". */
  unitKey: string;
  schoolId: string;
  schoolYearId: string | null;
  studentId: string | null;
  classId: string | null;
  version: number;
  code: string;
  bytes: Uint8Array<ArrayBuffer>;
  dataSha256: string;
  layoutVersion: number;
  issuedOn: string;
  issuedBy: string | null;
}

/** Uploads the file under a name of its own (never replaced) and records the version. */
export async function archive(service: SupabaseClient<Database>, v: NewVersion): Promise<Version & { existing: boolean }> {
  const sha256 = await sha256Hex(v.bytes);
  const path = `${v.schoolId}/${v.schoolYearId ?? 'none'}/${v.kind}/${v.code}.pdf`;
  // (the code is unique: a path is never reused, so an upload never replaces anything)
  const up = await service.storage.from('documents').upload(path, v.bytes, { contentType: 'application/pdf', upsert: false });
  if (up.error) throw new Error(`archive upload: ${up.error.message}`);
  const { data, error } = await service.rpc('archive_document_version', {
    p_kind: v.kind, p_unit_key: v.unitKey, p_school_id: v.schoolId, p_school_year_id: v.schoolYearId!, p_student_id: v.studentId!, p_class_id: v.classId!,
    p_version: v.version, p_storage_path: path, p_sha256: sha256, p_byte_size: v.bytes.byteLength, p_data_sha256: v.dataSha256,
    p_layout_version: v.layoutVersion, p_verification_code: v.code, p_issued_on: v.issuedOn, p_issued_by: v.issuedBy!,
  });
  if (error) {
    if (error.code === '40001') throw new HttpError(409, 'printed_meanwhile', error.message);
    throw new Error(`archive record: ${error.message}`);
  }
  return data as unknown as Version & { existing: boolean };
}

export interface ArchivedPrint {
  bytes: Uint8Array<ArrayBuffer>;
  version: Version;
}

/**
 * The archived PDF of a unit: the current version's stored bytes when it was rendered from the same data
 * and layout; otherwise a new version rendered now (its footer carries the new code and number).
 */
export async function printArchived(
  service: SupabaseClient<Database>,
  unit: Omit<NewVersion, 'version' | 'code' | 'bytes'>,
  render: (footer: { code: string; number: number }) => Promise<Uint8Array<ArrayBuffer>>,
): Promise<ArchivedPrint> {
  const current = await currentVersion(service, unit.unitKey);
  if (current && current.data_sha256 === unit.dataSha256 && current.layout_version === unit.layoutVersion) {
    return { bytes: await storedBytes(service, current), version: current };
  }
  const code = newVerificationCode();
  const number = (current?.version ?? 0) + 1;
  const bytes = await render({ code, number });
  const version = await archive(service, { ...unit, version: number, code, bytes });
  // Another print of the same data got there first: serve its bytes (ours stay as an unreferenced file).
  return version.existing ? { bytes: await storedBytes(service, version), version } : { bytes, version };
}

/** The hash of what a document is rendered from: its data without the day it was asked for. */
export function dataHash(data: TranscriptData, extra: unknown = null): Promise<string> {
  const rest: Partial<TranscriptData> = { ...data };
  delete rest.today;
  return sha256Hex(new TextEncoder().encode(JSON.stringify([rest, extra])));
}

/** Where the public verification page lives (the admin's static build): SDT_SITE_URL on a hosted project. */
const verifyUrl = (code: string) => `${(Deno.env.get('SDT_SITE_URL') ?? env('SUPABASE_URL')).replace(/\/$/, '')}/#/verify/${code}`;

/** The bottom line of every page of an archived document: its code and number, and the QR of its URL. */
export const footerOf = ({ code, number }: { code: string; number: number }) => ({
  line: `Mã xác thực ${formatCode(code)} · Phiên bản ${number}`,
  url: verifyUrl(code),
});

/** One final school year of a student's transcript (transcript.years[0]), archived: the signed unit. */
export async function archiveTranscriptYear(service: SupabaseClient<Database>, transcript: TranscriptData, issuedBy: string | null): Promise<ArchivedPrint> {
  const year = transcript.years[0]!;
  return printArchived(service, {
    kind: 'transcript_year', unitKey: `transcript_year:${transcript.student.id}:${year.school_year_id}`,
    schoolId: transcript.school.id, schoolYearId: year.school_year_id, studentId: transcript.student.id, classId: year.class_id,
    dataSha256: await dataHash(transcript), layoutVersion: transcript.layout.version, issuedOn: transcript.today, issuedBy,
  }, (v) => renderTranscript(transcript, { issuedOn: transcript.today, footer: footerOf(v) }, false));
}
