// POST /object/list-v2/<bucket> (storage-js `listV2`), as Supabase Storage answers it
// (src/storage/object.ts listObjectsV2 and the search_v2 SQL functions):
// - names are full keys; `prefix` is a plain string prefix (not assumed to be a folder);
// - `with_delimiter` groups keys on the next `/` after the prefix into folders, named with a trailing
//   slash, and gives every entry a `key` (its segment at the prefix's depth); folders and objects share
//   one order and one `limit` (default and maximum 1000);
// - `sortBy` name, created_at or updated_at, asc or desc (a folder's timestamps are the earliest
//   created_at below it, and are null when sorting by name);
// - `hasNext` and an opaque `nextCursor` (which also carries the sort), plus `nextCursorKey`.
// The query runs as the caller, so folders come only from objects RLS lets them read.
import type pg from 'pg';
import { escapeLike } from '../common.ts';
import { ERRORS } from './errors.ts';

export type SortColumn = 'name' | 'created_at' | 'updated_at';
export type SortOrder = 'asc' | 'desc';

export interface ListV2Options {
  prefix?: string;
  limit?: number;
  cursor?: string;
  withDelimiter?: boolean;
  sortBy?: { column: SortColumn; order?: SortOrder };
}

interface Cursor {
  /** Name of the last entry returned (a folder's name ends with `/`). */
  name: string;
  column: SortColumn;
  order: SortOrder;
  /** The last entry's sort timestamp as Postgres printed it (timestamp sorts only). */
  value: string | null;
}

export const MAX_KEYS = 1000;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ n: c.name, c: c.column, o: c.order, v: c.value })).toString('base64url');
}

/** Reads a cursor made by encodeCursor; anything else is the real server's InvalidParameter. */
export function decodeCursor(token: string): Cursor {
  const bad = () => ERRORS.invalidParameter('continuation token');
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw bad();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const r = raw as { n?: unknown; c?: unknown; o?: unknown; v?: unknown };
  if (
    typeof r !== 'object' || r === null || typeof r.n !== 'string' ||
    (r.c !== 'name' && r.c !== 'created_at' && r.c !== 'updated_at') ||
    (r.o !== 'asc' && r.o !== 'desc') ||
    (r.v !== null && typeof r.v !== 'string') ||
    (r.c !== 'name' && r.v === null)
  ) {
    throw bad();
  }
  return { name: r.n, column: r.c, order: r.o, value: r.v as string | null };
}

/** An entry's `key`: its path segment at the depth the prefix reaches (storage's `levels`). */
export function entryKey(name: string, prefix: string): string {
  const level = prefix === '' ? 1 : prefix.split('/').length;
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  return trimmed.split('/')[level - 1] ?? '';
}

interface Row {
  name: string;
  id: string | null;
  updated_at: Date | null;
  created_at: Date | null;
  last_accessed_at: Date | null;
  metadata: Record<string, unknown> | null;
  folder: boolean;
  sort_value: string | null;
}

export interface ListV2Result {
  hasNext: boolean;
  nextCursor?: string;
  nextCursorKey?: string;
  folders: Array<Record<string, unknown>>;
  objects: Array<Record<string, unknown>>;
}

export async function listObjectsV2(db: pg.PoolClient, bucketId: string, options: ListV2Options): Promise<ListV2Result> {
  const prefix = options.prefix ?? '';
  const limit = Math.min(options.limit ?? MAX_KEYS, MAX_KEYS);
  const delimiter = options.withDelimiter === true;
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  // As the real server: a cursor carries the sort it was made with.
  const column: SortColumn = cursor?.column ?? options.sortBy?.column ?? 'name';
  const order: SortOrder = cursor?.order ?? options.sortBy?.order ?? 'asc';
  const op = order === 'asc' ? '>' : '<';
  const sortExpr = column === 'name' ? null : `coalesce(${column}, 'epoch'::timestamptz)`;

  const params: unknown[] = [bucketId, `${escapeLike(prefix)}%`, [...prefix].length, delimiter, limit + 1];
  let after = '';
  if (cursor) {
    if (sortExpr) {
      params.push(cursor.value, cursor.name);
      after = `where (${sortExpr}, name collate "C") ${op} ($6::timestamptz, $7::text collate "C")`;
    } else {
      params.push(cursor.name);
      after = `where name collate "C" ${op} $6`;
    }
  }
  const r = await db.query<Row>(
    `with matching as (
       select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
              case when $4 then strpos(substr(o.name, $3 + 1), '/') else 0 end as cut
         from storage.objects o
        where o.bucket_id = $1 and o.name like $2
     ),
     entries as (
       select left(name, $3 + cut) as name, null::uuid as id, min(created_at) as updated_at,
              min(created_at) as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata,
              true as folder
         from matching where cut > 0 group by left(name, $3 + cut)
       union all
       select name, id, updated_at, created_at, last_accessed_at, metadata, false as folder
         from matching where cut = 0
     )
     select *, ${sortExpr ? `${sortExpr}::text` : 'null::text'} as sort_value
       from entries ${after}
      order by ${sortExpr ? `${sortExpr} ${order}, ` : ''}name collate "C" ${order}
      limit $5`,
    params,
  );

  const hasNext = r.rows.length > limit;
  const page = hasNext ? r.rows.slice(0, limit) : r.rows;
  const folders: Array<Record<string, unknown>> = [];
  const objects: Array<Record<string, unknown>> = [];
  for (const row of page) {
    if (row.folder) {
      const stamp = column === 'name' ? null : row.created_at;
      folders.push({ key: entryKey(row.name, prefix), name: row.name, id: null, updated_at: stamp, created_at: stamp, last_accessed_at: null, metadata: null });
    } else {
      const entry = { id: row.id, name: row.name, metadata: row.metadata, updated_at: row.updated_at, created_at: row.created_at, last_accessed_at: row.last_accessed_at };
      objects.push(delimiter ? { key: entryKey(row.name, prefix), ...entry } : entry);
    }
  }
  const last = page[page.length - 1];
  return {
    hasNext,
    ...(hasNext && last ? { nextCursor: encodeCursor({ name: last.name, column, order, value: last.sort_value }), nextCursorKey: last.name } : {}),
    folders,
    objects,
  };
}
