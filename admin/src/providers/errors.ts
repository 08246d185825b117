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

/** The sentence shown for a failed write or RPC. */
export function errorMessage(error: unknown): string {
  const e = (error ?? {}) as DbErrorLike;
  if (e.code === '42501') return i18n.t('errors.forbidden');
  if (typeof e.message === 'string' && e.message.length > 0) return e.message;
  return i18n.t('errors.unknown');
}

/** An error raised for a write the database filtered to zero rows (RLS let nothing through). */
export class NothingChangedError extends Error {
  constructor() {
    super(i18n.t('errors.nothing_changed'));
    this.name = 'NothingChangedError';
  }
}
