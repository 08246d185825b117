// print: official documents as PDF (issue 14). Parse → authenticate → read the data AS THE CALLER (the
// RPC refuses whoever may not print it; RLS decides every value) → render → respond application/pdf.
import { HttpError, corsHeaders, handle } from '../_shared/http.ts';
import { authenticate } from '../_shared/auth.ts';
import { firstIssue, printRequestSchema, transcriptDataSchema } from '../_shared/contracts/print.ts';
import { renderTranscript } from '../_shared/pdf/render.ts';

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
    if (body.school_year_id && transcript.years.length === 0) {
      throw new HttpError(404, 'no_such_year', 'Học sinh không học ở trường trong năm học này.');
    }
    const pdf = await renderTranscript(transcript, { issuedOn: transcript.today }, !body.school_year_id);
    return new Response(pdf, {
      status: 200,
      headers: {
        ...corsHeaders,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="hoc-ba-${transcript.student.student_code ?? transcript.student.id}.pdf"`,
      },
    });
  }),
);
