// print: official documents as PDF (issue 14). Parse → authenticate (a transcript read starts beside the
// token check, used once it passed) → read the data AS THE CALLER (the
// RPCs refuse whoever may not print it; RLS decides every value) → render → respond application/pdf.
// A school year's transcript whose year is final, and every issued copy, is archived (_shared/archive.ts): the
// first print makes version 1, the same data prints the same stored bytes again, changed data (a
// correction) a new version.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../_shared/database.ts';
import { HttpError, corsHeaders, handle, json } from '../_shared/http.ts';
import { beginAuthentication, env, type Caller } from '../_shared/auth.ts';
import {
  firstIssue, gradebookBookSchema, gradebookPartSchema, issuedCopySchema, printRequestSchema, transcriptDataSchema, type TranscriptData,
} from '../_shared/contracts/print.ts';
import { renderGradebookPart, renderMinutes, renderTranscript } from '../_shared/pdf/render.ts';
import { evidenceDisplayName, minutesDataSchema } from '../_shared/contracts/minutes.ts';
import { archiveTranscriptYear, currentVersion, dataHash, footerOf, printArchived, storedBytes, type ArchivedPrint } from '../_shared/archive.ts';
import { gradebookUnitKey } from '../_shared/gradebookBook.ts';
import { currentFile } from '../_shared/signing/service.ts';

function pdfResponse(bytes: Uint8Array<ArrayBuffer>, name: string, archived: ArchivedPrint | null = null, extra: Record<string, string> = {}): Response {
  const v = archived?.version;
  return new Response(bytes, {
    status: 200,
    headers: {
      ...corsHeaders,
      'Access-Control-Expose-Headers': 'X-Document-Version, X-Verification-Code, X-Document-Sha256, X-Document-Status, X-Copy-Number, X-Reissue-Count, X-Signatures',
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${name}.pdf"`,
      ...(v ? { 'X-Document-Version': String(v.version), 'X-Verification-Code': v.verification_code, 'X-Document-Sha256': v.sha256, 'X-Document-Status': v.status } : {}),
      ...extra,
    },
  });
}

/** An RPC's refusal as the function answers it: 403 for "not allowed" (42501), else 400, with its sentence. */
function refused(error: { code?: string; message: string }): HttpError {
  return error.code === '42501' ? new HttpError(403, 'not_allowed', error.message) : new HttpError(400, 'print_failed', error.message);
}

async function transcriptOf(client: Caller['client'], studentId: string, schoolYearId?: string): Promise<TranscriptData> {
  const { data, error } = await client.rpc('transcript_data', { p_student_id: studentId, ...(schoolYearId ? { p_school_year_id: schoolYearId } : {}) });
  if (error) throw refused(error);
  return transcriptDataSchema.parse(data);
}

/**
 * The family's view (rpc family_transcript_data) for a caller who may not print the official transcript
 * but is the student's guardian or the student; null for everyone else (who then gets transcript_data's
 * refusal). The whole transcript only: a family asks for no single archived year.
 */
async function familyView(caller: Caller, studentId: string, schoolYearId?: string): Promise<TranscriptData | null> {
  if (schoolYearId) return null;
  const { data, error } = await caller.client.rpc('family_transcript_data', { p_student_id: studentId });
  if (error) return null;
  return transcriptDataSchema.parse(data);
}

/** Service role, used only after an RPC accepted the caller as the caller (the archive is written with it: _shared/archive.ts). */
const serviceClient = () =>
  createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), { auth: { persistSession: false, autoRefreshToken: false } });

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const auth = beginAuthentication(req);
    const parsed = printRequestSchema.safeParse(await req.json().catch(() => null));
    // A transcript's data is read beside the token check (a read as the caller: RLS decides), and used
    // only once the caller is verified below; the catch keeps a refusal from going unhandled meanwhile.
    const early = parsed.success && parsed.data.document === 'transcript'
      ? transcriptOf(auth.client, parsed.data.student_id, parsed.data.school_year_id)
      : null;
    early?.catch(() => {});
    const caller = await auth.caller;
    if (caller.role !== 'authenticated') throw new HttpError(403, 'not_allowed', 'Bạn cần đăng nhập để in văn bản.');
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;

    if (body.document === 'correction_minutes') {
      // Whoever reads the request prints its minutes (rpc correction_minutes refuses anyone else, with
      // the same sentence whether or not it exists); the evidence names are listed as the caller reads
      // them. Not archived: the printed minutes are signed by hand (the signing issue archives them).
      const { data, error } = await caller.client.rpc('correction_minutes', { p_request_id: body.request_id });
      if (error) throw refused(error);
      const m = minutesDataSchema.parse(data);
      const { data: files } = await caller.client.storage.from('correction-evidence').list(m.id, { limit: 100, sortBy: { column: 'name', order: 'asc' } });
      const names = (files ?? []).filter((f) => f.id !== null).map((f) => evidenceDisplayName(f.name));
      const at = m.minuted_at ?? m.relocked_at ?? m.unlocked_at ?? m.submitted_at ?? '2000-01-01T00:00:00Z';
      return pdfResponse(await renderMinutes(m, names, at), `bien-ban-sua-chua-du-lieu-${m.number ?? m.id}`);
    }

    if (body.document === 'class_gradebook') {
      if (body.part) {
        // One part, as a preview (a draft while the year is in progress): never archived.
        const { data, error } = await caller.client.rpc('class_gradebook_data', { p_class_id: body.class_id, p_part: body.part });
        if (error) throw refused(error);
        const part = gradebookPartSchema.parse(data);
        return pdfResponse(await renderGradebookPart(part, {}), `so-theo-doi-${part.class.name}-${part.class.year_code}-${body.part.replace(':', '-')}`);
      }
      // The whole book: the archived version when it was made from the data the caller reads now; else
      // a job that prints it part by part (202 with the job's id: the caller asks again when it is done).
      const { data, error } = await caller.client.rpc('class_gradebook_data', { p_class_id: body.class_id });
      if (error) throw refused(error);
      const book = gradebookBookSchema.parse(data);
      const service = serviceClient();
      const current = book.official ? await currentVersion(service, gradebookUnitKey(body.class_id)) : null;
      if (current && current.data_sha256 === book.data_sha256 && current.layout_version === book.layout_version) {
        const bytes = await storedBytes(service, current);
        // Once signed (issue 15), the book is its latest signed revision.
        const signed = await currentFile(service, current.id, bytes);
        return pdfResponse(signed.bytes, `so-theo-doi-lop-${body.class_id}-v${current.version}`, { bytes, version: current }, { 'X-Signatures': String(signed.revision) });
      }
      const { data: job, error: jobError } = await caller.client.rpc('create_gradebook_job', { p_class_id: body.class_id });
      if (jobError) throw refused(jobError);
      return json(202, { job_id: job, parts: book.parts.length, message: 'Sổ đang được in theo từng phần; khi việc in xong, bấm tải lại để nhận bản lưu trữ.' });
    }

    if (body.document === 'copy') {
      // Issued (numbered) on the first call, the same number afterwards; refused unless the caller may.
      const { data: issued, error } = await caller.client.rpc('issue_copy', { p_application_id: body.application_id });
      if (error) throw refused(error);
      const copy = issuedCopySchema.parse(issued);
      const whole = await transcriptOf(caller.client, copy.student_id);
      // A copy reproduces the final record only: a year still in progress is not part of it.
      const transcript = { ...whole, years: whole.years.filter((y) => y.official) };
      if (transcript.years.length === 0) throw new HttpError(409, 'nothing_final', 'Học sinh chưa có năm học nào đã khoá sổ để cấp bản sao.');
      const options = { number: copy.number, numberYear: copy.number_year, reissueCount: copy.reissue_count };
      const archived = await printArchived(serviceClient(), {
        kind: 'copy', unitKey: `copy:${body.application_id}`, schoolId: transcript.school.id, schoolYearId: null,
        studentId: transcript.student.id, classId: null, dataSha256: await dataHash(transcript, options),
        layoutVersion: transcript.layout.version, issuedOn: copy.issued_on, issuedBy: caller.userId,
      }, (v) => renderTranscript(transcript, { issuedOn: copy.issued_on, copy: options, footer: footerOf(v) }, true));
      return pdfResponse(archived.bytes, `ban-sao-hoc-ba-${copy.number}-SY-${copy.number_year}`, archived, {
        'X-Copy-Number': `${copy.number}/SY`,
        'X-Reissue-Count': String(copy.reissue_count),
      });
    }

    let transcript: TranscriptData;
    try {
      transcript = await early!;
    } catch (refusal) {
      // Not a printer of the student: their family gets the view of the published years, if they are.
      const asFamily = refusal instanceof HttpError && refusal.status === 403 ? await familyView(caller, body.student_id, body.school_year_id) : null;
      if (!asFamily) throw refusal;
      if (asFamily.years.length === 0) throw new HttpError(404, 'nothing_published', 'Chưa có năm học nào của học sinh được công bố kết quả.');
      // Never archived: a view of published results, marked on every page.
      return pdfResponse(await renderTranscript(asFamily, { issuedOn: asFamily.today, familyView: true }, true), `ban-xem-hoc-ba-${asFamily.student.student_code ?? asFamily.student.id}`);
    }
    const name = `hoc-ba-${transcript.student.student_code ?? transcript.student.id}`;
    const year = transcript.years[0];
    if (body.school_year_id && !year) throw new HttpError(404, 'no_such_year', 'Học sinh không học ở trường trong năm học này.');
    if (!body.school_year_id || !year?.official) {
      // The whole transcript, or a year still in progress (marked as a draft on its pages): never archived.
      return pdfResponse(await renderTranscript(transcript, { issuedOn: transcript.today }, !body.school_year_id), name);
    }
    const service = serviceClient();
    const archived = await archiveTranscriptYear(service, transcript, caller.userId);
    // Once signed (issue 15), the year's file is its latest signed revision: the archived print plus one
    // incremental update per signature.
    const signed = await currentFile(service, archived.version.id, archived.bytes);
    return pdfResponse(signed.bytes, `${name}-${year.code}-v${archived.version.version}`, archived, { 'X-Signatures': String(signed.revision) });
  }),
);
