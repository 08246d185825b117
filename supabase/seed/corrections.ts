// A score correction waiting for the admin board in the demo (issue 18: bqt@'s start page has something to
// do): gv.toan@ asks, through the product's API as herself, to correct one ĐĐGtx of a locked sheet of a past
// year (2024–2025 10A1 Toán, semester II), attaches the evidence and sends it. The request only records the
// change: nothing is written to the sheet until the whole procedure (forward, approve, unlock, edit) runs.
// `npm start` calls it after the demo loads; the start-page e2e calls it on its own stack.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../functions/_shared/database.ts';
import { DEMO_PASSWORD } from './demo.ts';

export const DEMO_CORRECTION = { teacher: 'gv.toan@thpt-tandong.edu.vn', school: 'thpt-tandong', year: '2024-2025', class: '10A1', subject: 'toan', semester: 2 };

/** The smallest valid PNG (1×1, grey): the photo of the test paper, as evidence. */
const EVIDENCE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

/**
 * Drafts, documents and submits the demo correction; returns its id (the one already waiting, if a later
 * start finds it). `client` is signed in as the teacher, or one is signed in here.
 */
export async function seedDemoCorrection(apiUrl: string, anonKey: string, serviceKey: string, client?: SupabaseClient<Database>): Promise<string> {
  const service = createClient<Database>(apiUrl, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
  let teacher = client;
  if (!teacher) {
    teacher = createClient<Database>(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const { error } = await teacher.auth.signInWithPassword({ email: DEMO_CORRECTION.teacher, password: DEMO_PASSWORD });
    if (error) throw new Error(`demo correction: sign-in: ${error.message}`);
  }
  const fail = (what: string, error: { message: string } | null) => {
    if (error) throw new Error(`demo correction: ${what}: ${error.message}`);
  };
  const school = await service.from('org_units').select('id').eq('code', DEMO_CORRECTION.school).single();
  fail('school', school.error);
  const year = await service.from('school_years').select('id').eq('school_id', school.data!.id).eq('code', DEMO_CORRECTION.year).single();
  fail('year', year.error);
  const cls = await service.from('classes').select('id').eq('school_year_id', year.data!.id).eq('name', DEMO_CORRECTION.class).single();
  fail('class', cls.error);
  const subject = await service.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', DEMO_CORRECTION.subject).single();
  fail('subject', subject.error);
  const waiting = await teacher.from('correction_requests').select('id')
    .eq('class_id', cls.data!.id).eq('subject_id', subject.data!.id).eq('status', 'submitted').limit(1);
  fail('lookup', waiting.error);
  if (waiting.data?.[0]) return waiting.data[0].id;

  // The first student's second ĐĐGtx, one tenth higher (as the test paper says).
  const sheet = await teacher.rpc('gradebook_sheet', { p_class_id: cls.data!.id, p_subject_id: subject.data!.id, p_semester: DEMO_CORRECTION.semester });
  fail('sheet', sheet.error);
  const students = (sheet.data as { students: { student_id: string; entries: { kind: string; seq: number; score: number | null }[] }[] }).students;
  const student = students.find((s) => s.entries.some((e) => e.kind === 'tx' && e.seq === 2 && e.score !== null && e.score < 10));
  if (!student) throw new Error('demo correction: no ĐĐGtx to correct');
  const entry = student.entries.find((e) => e.kind === 'tx' && e.seq === 2)!;
  const to = (Math.round(entry.score! * 10) + 1) / 10;
  const draft = await teacher.rpc('save_correction_request', {
    p_id: null, p_class_id: cls.data!.id, p_subject_id: subject.data!.id, p_semester: DEMO_CORRECTION.semester,
    p_reason: 'Nhập nhầm điểm so với bài kiểm tra thường xuyên lần 2 (đã đối chiếu bài làm của học sinh)',
    p_items: [{ student_id: student.student_id, kind: 'tx', seq: 2, value: to.toFixed(1).replace('.', ',') }],
  });
  fail('draft', draft.error);
  const id = draft.data as string;
  const upload = await teacher.storage.from('correction-evidence').upload(`${id}/bai-kiem-tra.png`, EVIDENCE, { contentType: 'image/png' });
  fail('evidence', upload.error);
  const sent = await teacher.rpc('advance_correction', { p_request_id: id, p_to: 'submitted' });
  fail('submit', sent.error);
  return id;
}
