// Writes a screen's pending changes to one table through PostgREST, as the signed-in user: deletes and
// updates by id, each guarded by the version read (a row someone else changed meanwhile is not touched),
// then the inserts in one statement. There is no RPC for conduct or attendance, so this is several requests,
// stopped at the first refusal; the caller reloads afterwards whatever happened. Refusals (RLS 42501,
// lock PT423, the class rules' 22023) come back as errorMessage's sentence; an update or delete that
// touched no row (changed meanwhile, or filtered out by RLS) comes back as `stale`, which the screens tell.
import type { SupabaseClient } from '@supabase/supabase-js';
import { errorMessage } from '../providers/errors.ts';
import type { Database } from '../../../supabase/functions/_shared/database.ts';

type PublicTables = Database['public']['Tables'];
/** The tables whose rows carry an id and a version (the guard of every update and delete here). */
export type VersionedTable = { [T in keyof PublicTables]: PublicTables[T]['Row'] extends { id: string; version: number } ? T : never }[keyof PublicTables];

export interface RowChanges<Insert extends object, Values extends object> {
  inserts: Insert[];
  updates: ({ id: string; version: number } & Values)[];
  deletes: { id: string; version: number }[];
}

export const changeCount = (c: RowChanges<object, object>): number => c.inserts.length + c.updates.length + c.deletes.length;

export type WriteOutcome = { ok: true; saved: number } | { ok: false; kind: 'error'; message: string } | { ok: false; kind: 'stale' };

export async function writeRowChanges<Insert extends object, Values extends object>(
  typed: SupabaseClient<Database>,
  table: VersionedTable,
  changes: RowChanges<Insert, Values>,
): Promise<WriteOutcome> {
  // One code path for several tables: the table name is checked above, the rows by each screen's own
  // RowChanges type; supabase-js cannot type a query over a union of tables, so the queries go untyped.
  const supabase = typed as unknown as SupabaseClient;
  if (changes.deletes.length > 0) {
    // By id and the version read: a row someone else changed meanwhile is left alone and reported.
    const results = await Promise.all(changes.deletes.map((d) => supabase.from(table).delete().eq('id', d.id).eq('version', d.version).select('id')));
    const failed = results.find((r) => r.error);
    if (failed?.error) return { ok: false, kind: 'error', message: errorMessage(failed.error) };
    if (results.some((r) => (r.data ?? []).length === 0)) return { ok: false, kind: 'stale' };
  }
  if (changes.updates.length > 0) {
    const results = await Promise.all(
      changes.updates.map(({ id, version, ...values }) => supabase.from(table).update(values as Record<string, unknown>).eq('id', id).eq('version', version).select('id')),
    );
    const failed = results.find((r) => r.error);
    if (failed?.error) return { ok: false, kind: 'error', message: errorMessage(failed.error) };
    if (results.some((r) => (r.data ?? []).length === 0)) return { ok: false, kind: 'stale' };
  }
  if (changes.inserts.length > 0) {
    const { error } = await supabase.from(table).insert(changes.inserts);
    if (error) return { ok: false, kind: 'error', message: errorMessage(error) };
  }
  return { ok: true, saved: changeCount(changes as RowChanges<object, object>) };
}
