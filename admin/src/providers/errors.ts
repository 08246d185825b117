// One error path for every write and RPC of the admin: a Postgres/PostgREST error becomes a sentence in
// the user's language. Messages the database raises for people (P0001, check and trigger messages,
// already Vietnamese) pass through; technical ones (RLS violations, constraint names, English) are
// replaced by a sentence that names nothing the user may not read.
import { i18n } from '../i18n/index.ts';

export interface DbErrorLike {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

// What Postgres and PostgREST write themselves (English, naming tables, columns and constraints). Such a
// message is never shown, whatever its code: it may name what the user may not read.
const TECHNICAL =
  /violates|violation|constraint|row-level security|permission denied|duplicate key|null value|invalid input|value too long|out of range|syntax|relation "|column "|function |JWT|schema cache|could not|does not exist|deadlock|canceling statement|Results contain|JSON object requested/i;
// Vietnamese letters: a message written for people by our SQL (raise exception '…').
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
// fetch() failing before any answer (supabase-js reports it with an empty code).
const NETWORK = /failed to fetch|networkerror|network request failed|fetch failed|load failed|ECONNREFUSED|ETIMEDOUT/i;

/** The i18n key (`errors.*`) for an error code, when the message itself is not for people. */
function keyForCode(code: string): string {
  if (code === '42501' || code === 'PGRST300' || code === 'PGRST302') return 'errors.forbidden';
  if (code === '23505') return 'errors.duplicate';
  if (code === '23503' || code === '23001') return 'errors.in_use';
  if (code === '23502') return 'errors.missing_value';
  if (code === '23P01') return 'errors.overlap';
  if (code === '23514' || code.startsWith('22')) return 'errors.invalid_value';
  if (code === 'PGRST116' || code === 'PGRST205' || code === 'PGRST202') return 'errors.not_found';
  if (code === 'PGRST301' || code === 'PGRST303') return 'errors.session_expired';
  if (code === '40001' || code === '40P01' || code === '55P03' || code === 'PT409') return 'errors.conflict';
  if (code === '57014' || code.startsWith('53') || code === 'PGRST000' || code === 'PGRST001' || code === 'PGRST002') return 'errors.busy';
  if (code.startsWith('PGRST1')) return 'errors.bad_request';
  return 'errors.unknown';
}

/** The sentence shown for a failed write or RPC. */
export function errorMessage(error: unknown): string {
  if (error instanceof NothingChangedError) return error.message;
  const e = (error ?? {}) as DbErrorLike;
  const message = typeof e.message === 'string' ? e.message.trim() : '';
  const code = typeof e.code === 'string' ? e.code : '';
  // Raised for people (P0001 and the trigger/RPC refusals under other codes): pass through.
  if (message && !TECHNICAL.test(message) && VIETNAMESE.test(message)) return message;
  if (!code && NETWORK.test(message)) return i18n.t('errors.network');
  if (code === 'P0001' && message && !TECHNICAL.test(message)) return message;
  return i18n.t(keyForCode(code));
}

/**
 * The sentence shown for a failed edge-function call: the function's own `{message}` (its sentence, or
 * the RPC refusal it passes on) read from the response, through the same filter as errorMessage.
 */
export async function functionErrorMessage(error: unknown): Promise<string> {
  const context = (error as { name?: string; context?: unknown } | null)?.context;
  if ((error as { name?: string } | null)?.name === 'FunctionsHttpError' && context instanceof Response) {
    const body = (await context.clone().json().catch(() => null)) as { code?: string; message?: string } | null;
    if (body?.message) return errorMessage({ message: body.message });
  }
  return errorMessage(error);
}

/** An error raised for a write the database filtered to zero rows (RLS let nothing through). */
export class NothingChangedError extends Error {
  constructor() {
    super(i18n.t('errors.nothing_changed'));
    this.name = 'NothingChangedError';
  }
}

/**
 * A failed write or read with its sentence as `message` (what Refine's notifications show), the database
 * code kept for callers that branch on it (e.g. 23505 → "this class already exists"), and Refine's
 * `statusCode`. The raw database text is not kept anywhere the UI could show it.
 */
export class DbError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(error: unknown) {
    super(errorMessage(error));
    this.name = 'DbError';
    const e = (error ?? {}) as DbErrorLike & { status?: number };
    this.code = typeof e.code === 'string' ? e.code : '';
    this.statusCode = typeof e.status === 'number' ? e.status : this.code === '42501' ? 403 : 400;
  }
}
