// What one step of each job kind does. print_class: the transcript of one student for the class's
// school year, archived exactly as the `print` function archives it (same data, same version), with
// the job's creator as its issuer. Idempotent: a step done twice serves the same archived version.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '../_shared/database.ts';
import { HttpError } from '../_shared/http.ts';
import { archiveTranscriptYear } from '../_shared/archive.ts';
import { transcriptDataSchema } from '../_shared/contracts/print.ts';

type Step = Database['public']['Tables']['job_steps']['Row'];

export async function runStep(service: SupabaseClient<Database>, step: Step): Promise<Json> {
  const { data: job, error: jobError } = await service.from('jobs').select('kind, created_by').eq('id', step.job_id).single();
  if (jobError || !job) throw new Error(`job ${step.job_id}: ${jobError?.message}`);
  if (job.kind !== 'print_class') throw new Error(`Loại việc không được hỗ trợ: ${job.kind}`);
  const { data, error } = await service.rpc('job_transcript_data', { p_step_id: step.id });
  if (error) throw new Error(error.message);
  const transcript = transcriptDataSchema.parse(data);
  if (!transcript.years[0]?.official) throw new HttpError(409, 'not_final', 'Năm học chưa khoá sổ: không in bản chính.');
  const { version } = await archiveTranscriptYear(service, transcript, job.created_by);
  return { version_id: version.id, version: version.version, verification_code: version.verification_code };
}
