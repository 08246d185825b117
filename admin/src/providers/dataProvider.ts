// Refine's data provider over Supabase, made honest: every write asks PostgREST for the rows it wrote
// (`return=representation`) and a write that reached none — RLS filtered it, or the row is gone — throws
// NothingChangedError instead of reporting success; every error becomes the sentence of errors.ts
// (DbError), never the database's own English text.
import type { BaseKey, DataProvider, MetaQuery } from '@refinedev/core';
import { generateFilter, dataProvider as supabaseDataProvider } from '@refinedev/supabase';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DbError, NothingChangedError } from './errors.ts';

/** The meta keys @refinedev/supabase reads on a write. */
type WriteMeta = MetaQuery & { schema?: string; select?: string; idColumnName?: string };

type Row = Record<string, unknown>;

/** PostgREST's `db-max-rows` (supabase/local/postgrest.ts; hosted Supabase's default): a longer read is cut. */
export const POSTGREST_MAX_ROWS = 1000;

/** Rethrows anything the base provider throws as a DbError (keeps NothingChangedError as it is). */
async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NothingChangedError || error instanceof DbError) throw error;
    throw new DbError(error);
  }
}

export function createDataProvider(supabase: SupabaseClient): DataProvider {
  const base = supabaseDataProvider(supabase);
  const from = (resource: string, meta?: WriteMeta) => (meta?.schema ? supabase.schema(meta.schema) : supabase).from(resource);

  /** The written rows, or an error: zero rows is NothingChangedError. */
  async function written(query: PromiseLike<{ data: unknown; error: unknown }>): Promise<Row[]> {
    const { data, error } = await query;
    if (error) throw new DbError(error);
    const rows = (Array.isArray(data) ? data : data ? [data] : []) as Row[];
    if (rows.length === 0) throw new NothingChangedError();
    return rows;
  }

  const update = async (resource: string, id: BaseKey, variables: unknown, meta?: WriteMeta) => {
    const query = from(resource, meta).update(variables as Row).eq(meta?.idColumnName ?? 'id', id);
    return (await written(query.select(meta?.select ?? '*')))[0]!;
  };
  const remove = async (resource: string, id: BaseKey, meta?: WriteMeta) => {
    const query = from(resource, meta).delete().eq(meta?.idColumnName ?? 'id', id);
    return (await written(query.select(meta?.select ?? '*')))[0]!;
  };

  /**
   * A list read whole (pagination off) is not counted by the database: its rows are its total. With
   * `count=exact`, which the base provider always asks, PostgREST counts in a second pass over the same
   * rows, and every row-level policy of the list is evaluated again (docs/SCALE.md). Only a list cut at
   * PostgREST's row limit asks for its count, so a truncated list still says how many there are.
   */
  async function wholeList(params: Parameters<DataProvider['getList']>[0]) {
    const { resource, filters, sorters, meta } = params;
    // As the base provider: a sorter on an embedded table's field embeds it when no select is given.
    const embedded = (sorters ?? []).map((s) => s.field.split(/\.(?=[^.]+$)/)).find(([table, field]) => table && field);
    const select = (meta?.select as string | undefined) ?? (embedded ? `*, ${embedded[0]}(${embedded[1]})` : '*');
    const read = (count?: 'exact') => {
      const query = from(resource, meta).select(select, count ? { count, head: true } : undefined);
      for (const s of sorters ?? []) {
        const [table, field] = s.field.split(/\.(?=[^.]+$)/);
        if (table && field) query.order(field, { ascending: s.order === 'asc', referencedTable: table });
        else query.order(s.field, { ascending: s.order === 'asc' });
      }
      for (const f of filters ?? []) generateFilter(f, query);
      return query;
    };
    const { data, error } = await read();
    if (error) throw new DbError(error);
    const rows = (data ?? []) as unknown as Row[];
    if (rows.length < POSTGREST_MAX_ROWS) return { data: rows as never[], total: rows.length };
    const { count, error: countError } = await read('exact');
    if (countError) throw new DbError(countError);
    return { data: rows as never[], total: count ?? rows.length };
  }

  return {
    ...base,
    getList: (params) => mapped(() => (params.pagination?.mode === 'off' ? wholeList(params) : base.getList(params))),
    getMany: base.getMany ? (params) => mapped(() => base.getMany!(params)) : undefined,
    getOne: async <T,>(params: Parameters<DataProvider['getOne']>[0]) => {
      const result = await mapped(() => base.getOne(params));
      // The base provider answers `undefined` for a row RLS hides: say so instead of an empty form.
      if (result.data === undefined) throw new DbError({ code: 'PGRST116' });
      return result as { data: T };
    },
    create: async ({ resource, variables, meta }) => {
      const rows = await written(from(resource, meta).insert(variables as Row).select(meta?.select ?? '*'));
      return { data: rows[0] as never };
    },
    createMany: async ({ resource, variables, meta }) => {
      const rows = await written(from(resource, meta).insert(variables as Row[]).select(meta?.select ?? '*'));
      if (rows.length < variables.length) throw new NothingChangedError();
      return { data: rows as never };
    },
    update: async ({ resource, id, variables, meta }) => ({ data: (await update(resource, id, variables, meta)) as never }),
    updateMany: async ({ resource, ids, variables, meta }) => ({
      data: (await Promise.all(ids.map((id) => update(resource, id, variables, meta)))) as never,
    }),
    deleteOne: async ({ resource, id, meta }) => ({ data: (await remove(resource, id, meta)) as never }),
    deleteMany: async ({ resource, ids, meta }) => ({
      data: (await Promise.all(ids.map((id) => remove(resource, id, meta)))) as never,
    }),
  };
}
