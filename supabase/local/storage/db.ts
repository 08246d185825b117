// Database access. Requests act as the caller, exactly like PostgREST: one transaction with
// `role` and `request.jwt.claims` set locally, so policies on storage.objects/buckets are real RLS.
// Lookups the real server does as its superuser (bucket limits, public and signed downloads) run as
// supabase_storage_admin, the owner of the storage schema (owners bypass RLS).
import type pg from 'pg';
import type { Caller } from './auth.ts';

export interface TxOptions {
  /** Roll back instead of committing: used to test a permission before reading an upload. */
  rollback?: boolean;
}

export async function asCaller<T>(
  pool: pg.Pool,
  caller: Caller,
  fn: (db: pg.PoolClient) => Promise<T>,
  opts: TxOptions = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    try {
      await client.query(
        `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`,
        [caller.role, JSON.stringify(caller.claims)],
      );
      const result = await fn(client);
      await client.query(opts.rollback ? 'rollback' : 'commit');
      return result;
    } catch (e) {
      await client.query('rollback').catch((err: Error) => {
        broken = err;
      });
      throw e;
    }
  } finally {
    client.release(broken);
  }
}

export async function asAdmin<T>(pool: pg.Pool, fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

export const BUCKET_COLUMNS = 'id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at';

/** bigint comes back from pg as a string. */
export function bucketJson(row: BucketRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner ?? '',
    public: row.public,
    type: 'STANDARD',
    file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit),
    allowed_mime_types: row.allowed_mime_types,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: Record<string, unknown> | null;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

export const OBJECT_COLUMNS =
  'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';
