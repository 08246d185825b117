// print: official documents as PDF (issue 14). Parse → authenticate → read the data AS THE CALLER (the
// RPC refuses whoever may not print it; RLS decides every value) → render → respond application/pdf.
// A school year's transcript whose year is final is archived: the first print makes version 1, the same
// data prints the same stored bytes again, changed data (a correction) a new version (archive.ts).
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../_shared/database.ts';
import { HttpError, corsHeaders, handle } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { firstIssue, printRequestSchema, transcriptDataSchema, type TranscriptData } from '../_shared/contracts/print.ts';
import { renderTranscript } from '../_shared/pdf/render.ts';
import { archive, currentVersion, formatCode, newVerificationCode, sha256Hex, storedBytes } from './archive.ts';

/** The hash of what a document is rendered from: its data without the day it was asked for. */
function dataHash(data: TranscriptData): Promise<string> {
  const rest: Partial<TranscriptData> = { ...data };
  delete rest.today;
  return sha256Hex(new TextEncoder().encode(JSON.stringify(rest)));
}

/** Where the public verification page lives (the admin's static build): SDT_SITE_URL on a hosted project. */
const verifyUrl = (code: string) => `${(Deno.env.get('SDT_SITE_URL') ?? env('SUPABASE_URL')).replace(/\/$/, '')}/#/verify/${code}`;

function pdfResponse(bytes: Uint8Array<ArrayBuffer>, name: string, extra: Record<string, string> = {}): Response {
  return new Response(bytes, {
    status: 200,
    headers: {
      ...corsHeaders,
      'Access-Control-Expose-Headers': 'X-Document-Version, X-Verification-Code, X-Document-Sha256, X-Document-Status',
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${name}.pdf"`,
      ...extra,
    },
  });
}

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'authenticated') throw new HttpError(403, 'not_allowed', 'Bạn cần đăng nhập để in văn bản.');
    const parsed = printRequestSchema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;
    const { data, error } = await caller.client.rpc('transcript_data', {
      p_student_id: body.student_id,
      ...(body.school_year_id ? { p_school_year_id: body.school_year_id } : {}),
    });
    if (error) {
      if (error.code === '42501') throw new HttpError(403, 'not_allowed', error.message);
      throw new HttpError(400, 'print_failed', error.message);
    }
    const transcript = transcriptDataSchema.parse(data);
    const name = `hoc-ba-${transcript.student.student_code ?? transcript.student.id}`;
    const year = transcript.years[0];
    if (body.school_year_id && !year) throw new HttpError(404, 'no_such_year', 'Học sinh không học ở trường trong năm học này.');
    if (!body.school_year_id || !year?.official) {
      // The whole transcript, or a year still in progress (marked as a draft on its pages): never archived.
      return pdfResponse(await renderTranscript(transcript, { issuedOn: transcript.today }, !body.school_year_id), name);
    }

    // Service role, used only now that rpc transcript_data accepted the caller as the caller: the
    // archive is written by this function alone (archive.ts).
    const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const unitKey = `transcript_year:${transcript.student.id}:${year.school_year_id}`;
    const hash = await dataHash(transcript);
    const current = await currentVersion(service, unitKey);
    let version = current;
    let bytes: Uint8Array<ArrayBuffer>;
    if (current && current.data_sha256 === hash && current.layout_version === transcript.layout.version) {
      bytes = await storedBytes(service, current);
    } else {
      const code = newVerificationCode();
      const number = (current?.version ?? 0) + 1;
      bytes = await renderTranscript(transcript, {
        issuedOn: transcript.today,
        footer: { line: `Mã xác thực ${formatCode(code)} · Phiên bản ${number}`, url: verifyUrl(code) },
      }, false);
      version = await archive(service, {
        kind: 'transcript_year', schoolId: transcript.school.id, schoolYearId: year.school_year_id,
        studentId: transcript.student.id, classId: year.class_id, version: number, code, bytes,
        dataSha256: hash, layoutVersion: transcript.layout.version, issuedOn: transcript.today, issuedBy: caller.userId,
      });
      // Another print of the same data got there first: serve its bytes (ours stay as an unreferenced file).
      if ((version as { existing?: boolean }).existing) bytes = await storedBytes(service, version!);
    }
    return pdfResponse(bytes, `${name}-${year.code}-v${version!.version}`, {
      'X-Document-Version': String(version!.version),
      'X-Verification-Code': version!.verification_code,
      'X-Document-Sha256': version!.sha256,
      'X-Document-Status': version!.status,
    });
  }),
);
