// What one step of each job kind does.
// - print_class: the transcript of one student for the class's school year, archived exactly as the
//   `print` function archives it (same data, same version), with the job's creator as its issuer.
// - print_gradebook: one part of the class's book (its page numbers continuing the parts before it,
//   the footer carrying the verification code the job reserved), kept in the private bucket job-files;
//   the last step joins the parts and archives the book.
// - sign_prepare: a range of a signing batch's files prepared for their signer (issue 15: the new
//   revision with the signature's appearance and placeholder, the hash to sign); the batch then awaits
//   its signer's approval.
// - dossier_package: a zip part of a school year's dossier files, or the package's manifest (issue 17).
// - integrity_check: the school's audit chains, a slice of its archived files hashed, or the result (issue 19).
// - backup / restore: a part of a school's backup (the snapshot, a part of about 4 MB of rows, 20 archived files, the manifest)
//   or of a restore (a part loaded into the fresh schema, the check, the apply); class_export: a class's
//   year-end zip (issue 19).
// Idempotent: a step done twice serves the same archived version or rewrites the same part file.
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database, Json } from '../_shared/database.ts';
import { HttpError } from '../_shared/http.ts';
import { archive, archiveTranscriptYear, footerOf } from '../_shared/archive.ts';
import { gradebookPartSchema, transcriptDataSchema } from '../_shared/contracts/print.ts';
import { renderGradebookPart } from '../_shared/pdf/render.ts';
import { bookDataHash, gradebookUnitKey, joinParts, pageCount } from '../_shared/gradebookBook.ts';
import { prepareBatchItems } from '../_shared/signing/service.ts';
import { dossierPackageStep } from '../_shared/dossierPackage.ts';
import { integrityStep } from '../_shared/integrity.ts';
import { backupStep, classExportStep, restoreStep } from '../_shared/backup.ts';

type Step = Database['public']['Tables']['job_steps']['Row'];
type Job = Pick<Database['public']['Tables']['jobs']['Row'], 'id' | 'kind' | 'created_by' | 'school_id' | 'params' | 'label'>;

export async function runStep(service: SupabaseClient<Database>, step: Step): Promise<Json> {
  const { data: job, error: jobError } = await service.from('jobs').select('id, kind, created_by, school_id, params, label').eq('id', step.job_id).single();
  if (jobError || !job) throw new Error(`job ${step.job_id}: ${jobError?.message}`);
  if (job.kind === 'print_class') return printTranscriptStep(service, job, step);
  if (job.kind === 'print_gradebook') return printGradebookStep(service, job, step);
  if (job.kind === 'sign_prepare') {
    const p = z.object({ batch_id: z.uuid(), from: z.number().int(), to: z.number().int() }).parse(step.params);
    return await prepareBatchItems(service, p.batch_id, p.from, p.to);
  }
  if (job.kind === 'dossier_package') return await dossierPackageStep(service, job.id, step);
  if (job.kind === 'integrity_check') return await integrityStep(service, step.params);
  if (job.kind === 'backup') return await backupStep(service, step.params);
  if (job.kind === 'class_export') return await classExportStep(service, step.params);
  if (job.kind === 'restore') return await restoreStep(service, z.object({ backup_id: z.uuid() }).parse(job.params).backup_id, step.params);
  throw new Error(`Loại việc không được hỗ trợ: ${job.kind}`);
}

async function printTranscriptStep(service: SupabaseClient<Database>, job: Job, step: Step): Promise<Json> {
  const { data, error } = await service.rpc('job_transcript_data', { p_step_id: step.id });
  if (error) throw new Error(error.message);
  const transcript = transcriptDataSchema.parse(data);
  if (!transcript.years[0]?.official) throw new HttpError(409, 'not_final', 'Năm học chưa khoá sổ: không in bản chính.');
  const { version } = await archiveTranscriptYear(service, transcript, job.created_by);
  return { version_id: version.id, version: version.version, verification_code: version.verification_code };
}

const bookParams = z.object({ class_id: z.uuid(), school_year_id: z.uuid(), version: z.number().int(), code: z.string(), issued_on: z.string() });
const partResult = z.object({ pages: z.number().int(), path: z.string(), data_sha256: z.string(), layout_version: z.number().int(), title: z.string(), school: z.string() });

async function printGradebookStep(service: SupabaseClient<Database>, job: Job, step: Step): Promise<Json> {
  const book = bookParams.parse(job.params);
  const { data: before, error } = await service.from('job_steps').select('seq, status, result').eq('job_id', job.id).lt('seq', step.seq).order('seq');
  if (error) throw new Error(error.message);
  if (before.some((s) => s.status !== 'done')) throw new Error('Phần trước của sổ chưa in xong');
  const done = before.map((s) => partResult.parse(s.result));
  const files = service.storage.from('job-files');

  if ((step.params as { join?: boolean }).join) {
    const parts = await Promise.all(done.map(async (p) => {
      const { data: blob, error: downloadError } = await files.download(p.path);
      if (downloadError || !blob) throw new Error(`Không đọc được phần sổ ${p.path}`);
      return new Uint8Array(await blob.arrayBuffer());
    }));
    const first = done[0]!;
    const bytes = await joinParts(parts, { title: first.title, author: first.school, issuedOn: book.issued_on });
    const version = await archive(service, {
      kind: 'class_gradebook', unitKey: gradebookUnitKey(book.class_id), schoolId: job.school_id, schoolYearId: book.school_year_id,
      studentId: null, classId: book.class_id, version: book.version, code: book.code, bytes,
      dataSha256: await bookDataHash(done.map((p) => p.data_sha256)), layoutVersion: first.layout_version,
      issuedOn: book.issued_on, issuedBy: job.created_by,
    });
    await files.remove(done.map((p) => p.path));
    return { version_id: version.id, version: version.version, verification_code: version.verification_code, pages: done.reduce((n, p) => n + p.pages, 0) };
  }

  const { data, error: dataError } = await service.rpc('job_gradebook_part', { p_step_id: step.id });
  if (dataError) throw new Error(dataError.message);
  const part = gradebookPartSchema.parse(data);
  if (!part.class.official) throw new HttpError(409, 'not_final', 'Năm học chưa khoá sổ: không in bản chính.');
  const bytes = await renderGradebookPart(part, {
    footer: footerOf({ code: book.code, number: book.version }),
    pageOffset: done.reduce((n, p) => n + p.pages, 0),
    issuedOn: book.issued_on,
  });
  const path = `${job.id}/${step.seq}.pdf`;
  const { error: uploadError } = await files.upload(path, bytes, { contentType: 'application/pdf', upsert: true });
  if (uploadError) throw new Error(`job-files upload: ${uploadError.message}`);
  return {
    pages: await pageCount(bytes), path, data_sha256: part.data_sha256, layout_version: part.layout.version,
    title: `Sổ theo dõi và đánh giá học sinh lớp ${part.class.name} năm học ${part.class.year_code}`, school: part.school.name,
  };
}
