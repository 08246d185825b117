// The local stack's storage server: the subset of Supabase Storage's HTTP API that storage-js uses,
// on Postgres (storage.buckets / storage.objects, every query as the caller so RLS decides) and a
// folder on disk (<root>/<bucket>/<key>). The gateway strips `/storage/v1` and checks `apikey`; this
// handler verifies the bearer token itself.
//
// Uploads stream into <root>/tmp, are cut off at the size limit, have their bytes sniffed against the
// declared type and the bucket's allowed types, and reach their final place (rename) only after the
// row is committed. Downloads are always attachments, with nosniff and a sandboxing CSP.
import type http from 'node:http';
import crypto from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { StackKeys } from '../keys.ts';
import { identify, isUuid, signUploadToken, signUrlToken, verifyUploadToken, verifyUrlToken, type Caller } from './auth.ts';
import { asAdmin, asCaller, bucketJson, BUCKET_COLUMNS, OBJECT_COLUMNS, type BucketRow, type ObjectRow } from './db.ts';
import { attachmentDisposition } from './disposition.ts';
import { ERRORS, fromPgError, StorageError } from './errors.ts';
import { drainRequest, readJson, sendJson } from './http.ts';
import { DEFAULT_GLOBAL_LIMIT, effectiveLimit, parseSizeLimit, SizeLimitError } from './limits.ts';
import { listObjectsV2 as listV2 } from './list-v2.ts';
import { KeyedLocks } from './locks.ts';
import { contentMismatch, isActiveType, isClientDefaultType, isMimeAllowed, isValidMimePattern, parseMime, typeForClientDefault } from './mime.ts';
import { checkObjectKey, decodePathParam, isValidBucketName } from './paths.ts';
import { sniffFile } from './sniff.ts';
import { FileStore } from './store.ts';
import { isMultipart, receiveUpload, removeQuietly } from './upload.ts';
import { escapeLike } from '../common.ts';

/** storage.objects.owner is a uuid: the caller's sub when it is one (service and anon keys have none). */
const ownerUuid = (sub: string | null | undefined): string | null => (isUuid(sub) ? sub : null);

export interface StorageServerOptions {
  /** Connected as supabase_storage_admin (owner of schema storage, member of anon/authenticated/service_role). */
  pool: pg.Pool;
  keys: StackKeys;
  /** Folder for object bytes: <root>/<bucket_id>/<object name>, uploads in progress in <root>/tmp. */
  root: string;
  /** Public API URL (e.g. http://127.0.0.1:54321), for signed URLs. */
  publicUrl: string;
  /** Largest upload accepted whatever the bucket says (default 50 MiB, Supabase's default). */
  maxFileSize?: number;
  /** Where unexpected errors are reported (default: console.error). */
  log?: (line: string) => void;
}

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  query: URLSearchParams;
}

const SIGN_MAX_SECONDS = 10 * 365 * 24 * 3600;
/** Signed upload URLs live two hours, as on Supabase. */
const UPLOAD_URL_SECONDS = 2 * 3600;
const NO_ACCESS = 'Either the object does not exist or you do not have access to it';
const DOWNLOAD_CSP = "default-src 'none'; sandbox";
const SAFE_HEADER_VALUE = /^[\x20-\x7e]{1,255}$/;

// ---------------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------------

const sizeLimitInput = z.union([z.number(), z.string()]).nullable().optional();
const mimeListInput = z.array(z.string()).nullable().optional();

const CreateBucket = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  public: z.boolean().nullable().optional(),
  file_size_limit: sizeLimitInput,
  allowed_mime_types: mimeListInput,
  type: z.string().optional(),
});
const UpdateBucket = z.object({
  public: z.boolean().nullable().optional(),
  file_size_limit: sizeLimitInput,
  allowed_mime_types: mimeListInput,
});
const ListObjects = z.object({
  prefix: z.string().optional(),
  limit: z.number().int().min(0).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
  sortBy: z.object({ column: z.string().optional(), order: z.string().optional() }).optional(),
  search: z.string().optional(),
});
const ListObjectsV2 = z.object({
  prefix: z.string().optional(),
  limit: z.number().int().min(1).optional(),
  cursor: z.string().optional(),
  with_delimiter: z.boolean().optional(),
  sortBy: z.object({ column: z.enum(['name', 'updated_at', 'created_at']), order: z.enum(['asc', 'desc']).optional() }).optional(),
});
const RemoveObjects = z.object({ prefixes: z.array(z.string()).min(1).max(1000) });
const SignOne = z.object({ expiresIn: z.number().int().min(1).max(SIGN_MAX_SECONDS) });
const SignMany = z.object({ expiresIn: z.number().int().min(1).max(SIGN_MAX_SECONDS), paths: z.array(z.string()).min(1).max(1000) });
const MoveCopy = z.object({
  bucketId: z.string(),
  sourceKey: z.string(),
  destinationKey: z.string(),
  destinationBucket: z.string().nullable().optional(),
  copyMetadata: z.boolean().optional(),
});

async function body<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<T> {
  const raw = await readJson(ctx.req);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw ERRORS.invalidRequest(`body/${where} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------------

function mustBeBucket(name: string | null): string {
  if (name === null || !isValidBucketName(name)) throw ERRORS.invalidBucketName(name ?? '');
  return name;
}

function mustBeKey(key: string | null): string {
  if (key === null) throw ERRORS.invalidKey('(malformed percent-encoding)');
  if (!checkObjectKey(key).ok) throw ERRORS.invalidKey(key);
  return key;
}

function sizeLimit(value: unknown, globalLimit: number): number | null | undefined {
  if (value === undefined) return undefined;
  try {
    const n = parseSizeLimit(value);
    if (n !== null && n > globalLimit) {
      // As the real server (parseMaxSizeLimit): the same EntityTooLarge as an oversized object.
      throw ERRORS.entityTooLarge();
    }
    return n;
  } catch (e) {
    if (e instanceof SizeLimitError) throw ERRORS.invalidFileSizeLimit();
    throw e;
  }
}

function mimeList(value: string[] | null | undefined): string[] | null | undefined {
  if (value === undefined || value === null) return value;
  const list = value.map((v) => v.trim()).filter((v) => v !== '');
  for (const v of list) if (!isValidMimePattern(v)) throw ERRORS.invalidRequest(`Invalid mime type format: ${v}`);
  return list.length === 0 ? null : list;
}

const objectKeyLock = (bucket: string, key: string) => `${bucket}\u0000${key}`;

// ---------------------------------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------------------------------

export function createStorageHandler(opts: StorageServerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { pool, keys } = opts;
  const globalLimit = opts.maxFileSize ?? DEFAULT_GLOBAL_LIMIT;
  const log = opts.log ?? ((line: string) => console.error(line));
  const store = new FileStore(opts.root);
  const locks = new KeyedLocks();
  const drainLimits = { maxBytes: globalLimit + 64 * 1024 * 1024, maxMs: 30_000 };
  let ready: Promise<void> | null = null;
  const init = () => {
    ready ??= store.init().catch((e: unknown) => {
      ready = null;
      throw e;
    });
    return ready;
  };
  void init().catch((e: unknown) => log(`[storage] cannot prepare ${opts.root}: ${String(e)}`));

  const bucketForLimits = (id: string) =>
    asAdmin(pool, async (db) => {
      const r = await db.query<Pick<BucketRow, 'id' | 'public' | 'file_size_limit' | 'allowed_mime_types'>>(
        'select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1',
        [id],
      );
      return r.rows[0] ?? null;
    });

  const caller = (ctx: Ctx) => identify(keys, ctx.req.headers.authorization);

  /** Runs as the caller and maps database errors (RLS denial, duplicates…) to storage errors. */
  async function callerTx<T>(who: Caller, fn: (db: pg.PoolClient) => Promise<T>, what: 'object' | 'bucket' | 'bucket-delete' = 'object', rollback = false): Promise<T> {
    try {
      return await asCaller(pool, who, fn, { rollback });
    } catch (e) {
      throw fromPgError(e, what) ?? e;
    }
  }

  /** A transaction as the storage admin (signed uploads), with the same error mapping. */
  async function adminTx<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await asAdmin(pool, async (db) => {
        await db.query('begin');
        try {
          const result = await fn(db);
          await db.query('commit');
          return result;
        } catch (e) {
          await db.query('rollback').catch(() => undefined);
          throw e;
        }
      });
    } catch (e) {
      throw fromPgError(e, 'object') ?? e;
    }
  }

  /** After rows were deleted: remove their files, unless a new upload took the key meanwhile. */
  async function unlinkDeleted(bucket: string, names: string[]): Promise<void> {
    for (const name of names) {
      if (!checkObjectKey(name).ok) continue; // a row inserted by SQL with a key we never store on disk
      await locks.run([objectKeyLock(bucket, name)], async () => {
        const still = await asAdmin(pool, (db) =>
          db.query('select 1 from storage.objects where bucket_id = $1 and name = $2', [bucket, name]),
        );
        if (still.rowCount === 0) await store.remove(bucket, name);
      });
    }
  }

  // ----- buckets -------------------------------------------------------------------------------------

  async function listBuckets(ctx: Ctx): Promise<void> {
    const who = await caller(ctx);
    const q = ctx.query;
    const sortColumn = ['id', 'name', 'created_at', 'updated_at'].includes(q.get('sortColumn') ?? '') ? q.get('sortColumn')! : 'name';
    const sortOrder = q.get('sortOrder') === 'desc' ? 'desc' : 'asc';
    const limit = intParam(q.get('limit'), 1, 10_000);
    const offset = intParam(q.get('offset'), 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const search = q.get('search');
    const rows = await callerTx(who, async (db) => {
      const params: unknown[] = [];
      let where = '';
      if (search) {
        params.push(`%${escapeLike(search)}%`);
        where = `where name ilike $${params.length}`;
      }
      params.push(limit ?? null, offset);
      const r = await db.query<BucketRow>(
        `select ${BUCKET_COLUMNS} from storage.buckets ${where} order by ${sortColumn} ${sortOrder}, id
         limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return r.rows;
    }, 'bucket');
    sendJson(ctx.res, 200, rows.map(bucketJson));
  }

  async function getBucket(ctx: Ctx, id: string): Promise<void> {
    const who = await caller(ctx);
    const row = await callerTx(who, async (db) => {
      const r = await db.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
      return r.rows[0];
    }, 'bucket');
    if (!row) throw ERRORS.noSuchBucket();
    sendJson(ctx.res, 200, bucketJson(row));
  }

  async function createBucket(ctx: Ctx): Promise<void> {
    const who = await caller(ctx);
    const b = await body(ctx, CreateBucket);
    const name = b.name ?? b.id;
    if (name === undefined) throw ERRORS.missingParameter('name');
    const id = mustBeBucket(b.id || name);
    mustBeBucket(name);
    if (b.type && b.type !== 'STANDARD') throw ERRORS.invalidRequest(`Bucket type ${b.type} is not supported by the local stack`);
    const limit = sizeLimit(b.file_size_limit, globalLimit) ?? null;
    const mimes = mimeList(b.allowed_mime_types) ?? null;
    await callerTx(who, (db) =>
      db.query(
        `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, name, ownerUuid(who.sub), who.sub, b.public ?? false, limit, mimes],
      ), 'bucket');
    sendJson(ctx.res, 200, { name });
  }

  async function updateBucket(ctx: Ctx, id: string): Promise<void> {
    const who = await caller(ctx);
    const b = await body(ctx, UpdateBucket);
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (b.public !== undefined && b.public !== null) set('public', b.public);
    const limit = sizeLimit(b.file_size_limit, globalLimit);
    if (limit !== undefined) set('file_size_limit', limit);
    const mimes = mimeList(b.allowed_mime_types);
    if (mimes !== undefined) set('allowed_mime_types', mimes);
    sets.push('updated_at = now()');
    const count = await callerTx(who, async (db) => {
      const r = await db.query(`update storage.buckets set ${sets.join(', ')} where id = $1`, params);
      return r.rowCount ?? 0;
    }, 'bucket');
    if (count === 0) throw ERRORS.noSuchBucket();
    sendJson(ctx.res, 200, { message: 'Successfully updated' });
  }

  async function deleteBucket(ctx: Ctx, id: string): Promise<void> {
    const who = await caller(ctx);
    const count = await callerTx(who, async (db) => {
      const r = await db.query('delete from storage.buckets where id = $1', [id]);
      return r.rowCount ?? 0;
    }, 'bucket-delete');
    if (count === 0) throw ERRORS.noSuchBucket();
    if (isValidBucketName(id)) await store.removeBucketDir(id);
    sendJson(ctx.res, 200, { message: 'Successfully deleted' });
  }

  async function emptyBucket(ctx: Ctx, id: string): Promise<void> {
    const who = await caller(ctx);
    const names = await callerTx(who, async (db) => {
      const found = await db.query('select 1 from storage.buckets where id = $1', [id]);
      if (found.rowCount === 0) throw ERRORS.noSuchBucket();
      const r = await db.query<{ name: string }>('delete from storage.objects where bucket_id = $1 returning name', [id]);
      return r.rows.map((row) => row.name);
    });
    if (isValidBucketName(id)) await unlinkDeleted(id, names);
    sendJson(ctx.res, 200, { message: 'Successfully emptied' });
  }

  // ----- uploads ---------------------------------------------------------------------------------------

  /**
   * Who writes an upload's row: the caller (RLS decides, tested before reading the body and applied
   * again at commit), or — for a signed upload URL, whose permission was tested when it was signed —
   * the storage admin on behalf of the owner named in the token, as Supabase Storage does.
   */
  type Writer = { kind: 'caller'; who: Caller } | { kind: 'signed'; owner: string | null };

  async function uploadObject(ctx: Ctx, bucketId: string, key: string, upsert: boolean, writer?: Writer): Promise<void> {
    const by: Writer = writer ?? { kind: 'caller', who: await caller(ctx) };
    const sub = by.kind === 'caller' ? by.who.sub : by.owner;
    const writeTx = <T>(fn: (db: pg.PoolClient) => Promise<T>, rollback = false) =>
      by.kind === 'caller' ? callerTx(by.who, fn, 'object', rollback) : adminTx(fn);
    const bucket = await bucketForLimits(bucketId);
    if (!bucket) throw ERRORS.noSuchBucket();
    const limit = effectiveLimit(bucket.file_size_limit, globalLimit);
    const declaredLength = Number(ctx.req.headers['content-length']);
    if (!isMultipart(ctx.req) && Number.isFinite(declaredLength) && declaredLength > limit) throw ERRORS.entityTooLarge();

    const owner = ownerUuid(sub);
    const write = (db: pg.PoolClient, id: string, metadata: object | null, userMetadata: object | null, version: string) =>
      db.query(
        `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)` +
          (upsert
            ? ` on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
                metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version,
                updated_at = now(), last_accessed_at = now()`
            : ''),
        [id, bucketId, key, owner, sub, metadata, userMetadata, version],
      );

    // Like the real server: try the row as the caller first (rolled back), so a refused upload or a
    // duplicate is answered before a byte is stored.
    if (by.kind === 'caller') await writeTx((db) => write(db, crypto.randomUUID(), null, null, crypto.randomUUID()), true);

    await init();
    const tmp = store.newTempPath();
    let placed = false;
    try {
      const file = await receiveUpload(ctx.req, {
        tmp,
        limit,
        checkDeclaredType: (type) => {
          const mime = parseMime(type);
          if (!mime || !SAFE_HEADER_VALUE.test(type)) throw ERRORS.invalidMimeType(`mime type ${type} is not supported`);
          // The client's generic default names no type: the bucket's list applies to the sniffed one.
          if (isClientDefaultType(type)) return;
          if (!isMimeAllowed(mime.essence, bucket.allowed_mime_types)) {
            throw ERRORS.invalidMimeType(
              isActiveType(mime.essence) && !bucket.allowed_mime_types?.length
                ? `mime type ${type} is not supported (HTML, SVG, XML and scripts are stored only in buckets listing them in allowed_mime_types)`
                : `mime type ${type} is not supported`,
            );
          }
        },
      });
      const sniffed = await sniffFile(tmp);
      let storedType = file.declaredType;
      if (isClientDefaultType(file.declaredType)) {
        // storage-js declares text/plain;charset=UTF-8 for a Buffer or stream sent without contentType;
        // Supabase stores that as given. Here the bytes decide, and markup and executables stay refused.
        const found = typeForClientDefault(sniffed);
        if ('refused' in found) throw ERRORS.invalidMimeType(`mime type ${file.declaredType} is not supported: ${found.refused}`);
        storedType = found.type;
        if (!isMimeAllowed(parseMime(storedType)!.essence, bucket.allowed_mime_types)) {
          throw ERRORS.invalidMimeType(`mime type ${storedType} is not supported`);
        }
      } else {
        const mismatch = contentMismatch(parseMime(file.declaredType)!.essence, sniffed);
        if (mismatch) throw ERRORS.invalidMimeType(`mime type ${file.declaredType} is not supported: ${mismatch}`);
      }

      const version = crypto.randomUUID();
      const metadata = {
        eTag: `"${file.md5}"`,
        size: file.size,
        mimetype: storedType,
        cacheControl: file.cacheControl,
        lastModified: new Date().toISOString(),
        contentLength: file.size,
        httpStatusCode: 200,
      };
      const id = await locks.run([objectKeyLock(bucketId, key)], async () => {
        // The id a new row gets, or the id the existing row keeps on upsert (read under the key lock).
        const existing = upsert
          ? await asAdmin(pool, (db) =>
              db.query<{ id: string }>('select id from storage.objects where bucket_id = $1 and name = $2', [bucketId, key]),
            )
          : null;
        const objectId = existing?.rows[0]?.id ?? crypto.randomUUID();
        await writeTx(async (db) => {
          await write(db, objectId, metadata, file.userMetadata ?? null, version);
          const problem = await store.prepare(bucketId, key);
          if (problem) throw ERRORS.invalidKey(`${key} (${problem})`);
        });
        try {
          await store.place(tmp, bucketId, key);
          placed = true;
        } catch (e) {
          // Committed but the bytes could not be placed: take the row back rather than leave it dangling.
          await asAdmin(pool, (db) =>
            db.query('delete from storage.objects where id = $1 and version = $2', [objectId, version]),
          ).catch(() => undefined);
          throw e;
        }
        return objectId;
      });
      sendJson(ctx.res, 200, { Id: id, Key: `${bucketId}/${key}` });
    } finally {
      if (!placed) await removeQuietly(tmp);
    }
  }

  // ----- downloads -------------------------------------------------------------------------------------

  type Access = { kind: 'caller'; who: Caller } | { kind: 'admin' };

  async function findObject(access: Access, bucketId: string, key: string): Promise<ObjectRow | null> {
    const sql = `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`;
    const run = async (db: pg.PoolClient) => (await db.query<ObjectRow>(sql, [bucketId, key])).rows[0] ?? null;
    return access.kind === 'caller' ? callerTx(access.who, run) : asAdmin(pool, run);
  }

  async function serveObject(ctx: Ctx, access: Access, bucketId: string, key: string, head: boolean): Promise<void> {
    const found = await locks.run([objectKeyLock(bucketId, key)], async () => {
      const row = await findObject(access, bucketId, key);
      if (!row) return null;
      const file = await store.open(bucketId, key);
      return file ? { row, file } : null;
    });
    if (!found) throw ERRORS.noSuchKey();
    const { row, file } = found;
    try {
      const meta = row.metadata ?? {};
      const mimetype = typeof meta.mimetype === 'string' && SAFE_HEADER_VALUE.test(meta.mimetype) ? meta.mimetype : 'application/octet-stream';
      const etag = typeof meta.eTag === 'string' && SAFE_HEADER_VALUE.test(meta.eTag) ? meta.eTag : `"${row.version ?? row.id}"`;
      const cacheControl =
        typeof meta.cacheControl === 'string' && SAFE_HEADER_VALUE.test(meta.cacheControl) ? meta.cacheControl : 'no-cache';
      const download = downloadName(ctx.query.get('download'));
      const headers: http.OutgoingHttpHeaders = {
        'content-type': mimetype,
        'content-length': file.size,
        etag,
        'last-modified': new Date(row.updated_at).toUTCString(),
        'cache-control': cacheControl,
        'content-disposition': attachmentDisposition(download ? download : key),
        'x-content-type-options': 'nosniff',
        'content-security-policy': DOWNLOAD_CSP,
        'cross-origin-resource-policy': 'same-site',
      };
      if (ctx.req.headers['if-none-match'] === etag) {
        delete headers['content-length'];
        ctx.res.writeHead(304, headers);
        ctx.res.end();
        return;
      }
      ctx.res.writeHead(200, headers);
      if (head || ctx.req.method === 'HEAD') {
        ctx.res.end();
        return;
      }
      const stream = file.handle.createReadStream({ start: 0, end: Math.max(0, file.size - 1), autoClose: true });
      if (file.size === 0) {
        stream.destroy();
        ctx.res.end();
        return;
      }
      await new Promise<void>((resolve) => {
        stream.on('error', () => {
          ctx.res.destroy();
          resolve();
        });
        ctx.res.on('close', () => {
          stream.destroy();
          resolve();
        });
        stream.pipe(ctx.res);
      });
    } finally {
      await file.handle.close().catch(() => undefined);
    }
  }

  /**
   * Metadata reads (info, HEAD) follow the real server: in a public bucket anybody may see them; in a
   * private one only through the caller's RLS.
   */
  async function infoAccess(ctx: Ctx, mode: 'default' | 'public' | 'authenticated', bucketId: string): Promise<Access> {
    const bucket = await bucketForLimits(bucketId);
    if (mode === 'public') {
      if (!bucket?.public) throw ERRORS.noSuchBucket();
      return { kind: 'admin' };
    }
    const who = await caller(ctx);
    if (!bucket) throw ERRORS.noSuchBucket();
    return bucket.public ? { kind: 'admin' } : { kind: 'caller', who };
  }

  async function objectInfo(ctx: Ctx, mode: 'default' | 'public' | 'authenticated', bucketId: string, key: string): Promise<void> {
    const row = await findObject(await infoAccess(ctx, mode, bucketId), bucketId, key);
    if (!row) throw ERRORS.noSuchKey();
    const meta = row.metadata ?? {};
    sendJson(ctx.res, 200, {
      id: row.id,
      name: row.name,
      version: row.version,
      bucket_id: row.bucket_id,
      size: meta.size ?? null,
      content_type: meta.mimetype ?? null,
      cache_control: meta.cacheControl ?? null,
      etag: meta.eTag ?? null,
      metadata: row.user_metadata ?? null,
      // As the real server's InfoRenderer: the row's updated_at, under this name only.
      last_modified: row.updated_at,
      created_at: row.created_at,
    });
  }

  // ----- signed URLs -------------------------------------------------------------------------------------

  async function signOne(ctx: Ctx, bucketId: string, key: string): Promise<void> {
    const who = await caller(ctx);
    const { expiresIn } = await body(ctx, SignOne);
    const row = await findObject({ kind: 'caller', who }, bucketId, key);
    if (!row) throw ERRORS.noSuchKey();
    const token = await signUrlToken(keys, `${bucketId}/${key}`, expiresIn);
    sendJson(ctx.res, 200, { signedURL: `/object/sign/${bucketId}/${key}?token=${token}` });
  }

  async function signMany(ctx: Ctx, bucketId: string): Promise<void> {
    const who = await caller(ctx);
    const { expiresIn, paths } = await body(ctx, SignMany);
    const visible = await callerTx(who, async (db) => {
      const r = await db.query<{ name: string }>(
        'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
        [bucketId, paths],
      );
      return new Set(r.rows.map((row) => row.name));
    });
    const out = [];
    for (const p of paths) {
      if (visible.has(p)) {
        const token = await signUrlToken(keys, `${bucketId}/${p}`, expiresIn);
        out.push({ error: null, path: p, signedURL: `/object/sign/${bucketId}/${p}?token=${token}` });
      } else {
        out.push({ error: NO_ACCESS, path: p, signedURL: null });
      }
    }
    sendJson(ctx.res, 200, out);
  }

  async function serveSigned(ctx: Ctx, bucketId: string, key: string): Promise<void> {
    const token = ctx.query.get('token');
    if (!token) throw ERRORS.missingParameter('token');
    const url = await verifyUrlToken(keys, token);
    if (url !== `${bucketId}/${key}`) throw ERRORS.invalidSignature('The url do not match the signature');
    await serveObject(ctx, { kind: 'admin' }, bucketId, key, false);
  }

  async function signUpload(ctx: Ctx, bucketId: string, key: string): Promise<void> {
    const who = await caller(ctx);
    const upsert = ctx.req.headers['x-upsert'] === 'true';
    const bucket = await bucketForLimits(bucketId);
    if (!bucket) throw ERRORS.noSuchBucket();
    // The permission is tested now, as the caller; the upload itself then needs only the token.
    await callerTx(who, (db) =>
      db.query(
        `insert into storage.objects (bucket_id, name, owner, owner_id, version) values ($1, $2, $3, $4, $5)` +
          (upsert ? ' on conflict (bucket_id, name) do update set version = excluded.version' : ''),
        [bucketId, key, ownerUuid(who.sub), who.sub, crypto.randomUUID()],
      ), 'object', true);
    const token = await signUploadToken(keys, { url: `${bucketId}/${key}`, owner: who.sub, upsert }, UPLOAD_URL_SECONDS);
    sendJson(ctx.res, 200, { url: `/object/upload/sign/${bucketId}/${key}?token=${token}`, token });
  }

  async function uploadSigned(ctx: Ctx, bucketId: string, key: string): Promise<void> {
    const token = ctx.query.get('token');
    if (!token) throw ERRORS.missingParameter('token');
    const grant = await verifyUploadToken(keys, token);
    if (grant.url !== `${bucketId}/${key}`) throw ERRORS.invalidSignature('The url do not match the signature');
    await uploadObject(ctx, bucketId, key, grant.upsert, { kind: 'signed', owner: grant.owner });
  }

  // ----- listing, removal, move, copy --------------------------------------------------------------------

  async function listObjects(ctx: Ctx, bucketId: string): Promise<void> {
    const who = await caller(ctx);
    const b = await body(ctx, ListObjects);
    let prefix = b.prefix ?? '';
    if (prefix.length > 0 && !prefix.endsWith('/')) prefix += '/';
    const limit = b.limit ?? 100;
    const offset = b.offset ?? 0;
    const column = ['name', 'created_at', 'updated_at', 'last_accessed_at'].includes(b.sortBy?.column ?? '') ? b.sortBy!.column! : 'name';
    const order = b.sortBy?.order?.toLowerCase() === 'desc' ? 'desc' : 'asc';
    const pattern = escapeLike(prefix) + escapeLike(b.search ?? '') + '%';
    const start = [...prefix].length + 1;
    const rows = await callerTx(who, async (db) => {
      const r = await db.query(
        `with matching as (
           select substr(name, $3) as rest, id, updated_at, created_at, last_accessed_at, metadata
           from storage.objects where bucket_id = $1 and name ilike $2
         ),
         folders as (
           select distinct split_part(rest, '/', 1) as name from matching where strpos(rest, '/') > 0
         )
         (select name, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
                 null::timestamptz as last_accessed_at, null::jsonb as metadata, 0 as kind
            from folders)
         union all
         (select rest as name, id, updated_at, created_at, last_accessed_at, metadata, 1 as kind
            from matching where strpos(rest, '/') = 0)
         order by kind, ${column === 'name' ? 'name' : `${column} ${order}, name`} ${column === 'name' ? order : 'asc'}
         limit $4 offset $5`,
        [bucketId, pattern, start, limit, offset],
      );
      return r.rows as Array<Record<string, unknown>>;
    });
    sendJson(ctx.res, 200, rows.map(({ kind: _kind, ...row }) => row));
  }

  async function listObjectsV2(ctx: Ctx, bucketId: string): Promise<void> {
    const who = await caller(ctx);
    const b = await body(ctx, ListObjectsV2);
    const result = await callerTx(who, (db) =>
      listV2(db, bucketId, { prefix: b.prefix, limit: b.limit, cursor: b.cursor, withDelimiter: b.with_delimiter, sortBy: b.sortBy }),
    );
    sendJson(ctx.res, 200, result);
  }

  async function removeObjects(ctx: Ctx, bucketId: string): Promise<void> {
    const who = await caller(ctx);
    const { prefixes } = await body(ctx, RemoveObjects);
    const rows = await callerTx(who, async (db) => {
      const r = await db.query<ObjectRow>(
        `delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
        [bucketId, prefixes],
      );
      return r.rows;
    });
    if (isValidBucketName(bucketId)) await unlinkDeleted(bucketId, rows.map((r) => r.name));
    sendJson(ctx.res, 200, rows);
  }

  async function removeOne(ctx: Ctx, bucketId: string, key: string): Promise<void> {
    const who = await caller(ctx);
    const count = await callerTx(who, async (db) => {
      const r = await db.query('delete from storage.objects where bucket_id = $1 and name = $2', [bucketId, key]);
      return r.rowCount ?? 0;
    });
    if (count === 0) throw ERRORS.noSuchKey();
    await unlinkDeleted(bucketId, [key]);
    sendJson(ctx.res, 200, { message: 'Successfully deleted' });
  }

  /** The caller and the source and destination of a move or copy request, validated. */
  async function moveCopyRequest(ctx: Ctx) {
    const who = await caller(ctx);
    const b = await body(ctx, MoveCopy);
    return {
      who,
      fromBucket: mustBeBucket(b.bucketId),
      toBucket: mustBeBucket(b.destinationBucket || b.bucketId),
      fromKey: mustBeKey(b.sourceKey),
      toKey: mustBeKey(b.destinationKey),
    };
  }

  async function moveObject(ctx: Ctx): Promise<void> {
    const { who, fromBucket, toBucket, fromKey, toKey } = await moveCopyRequest(ctx);
    if (fromBucket === toBucket && fromKey === toKey) {
      sendJson(ctx.res, 200, { message: 'Successfully moved' });
      return;
    }
    await locks.run([objectKeyLock(fromBucket, fromKey), objectKeyLock(toBucket, toKey)], async () => {
      await callerTx(who, async (db) => {
        const r = await db.query(
          `update storage.objects set bucket_id = $3, name = $4, owner = $5, owner_id = $6, version = $7,
                  updated_at = now(), last_accessed_at = now()
            where bucket_id = $1 and name = $2`,
          [fromBucket, fromKey, toBucket, toKey, ownerUuid(who.sub), who.sub, crypto.randomUUID()],
        );
        if (r.rowCount === 0) throw ERRORS.noSuchKey();
        const problem = await store.prepare(toBucket, toKey);
        if (problem) throw ERRORS.invalidKey(`${toKey} (${problem})`);
      });
      await store.move(fromBucket, fromKey, toBucket, toKey);
    });
    sendJson(ctx.res, 200, { message: 'Successfully moved' });
  }

  async function copyObject(ctx: Ctx): Promise<void> {
    const { who, fromBucket, toBucket, fromKey, toKey } = await moveCopyRequest(ctx);
    const upsert = ctx.req.headers['x-upsert'] === 'true';
    await init();
    const tmp = store.newTempPath();
    let placed = false;
    try {
      const source = await locks.run([objectKeyLock(fromBucket, fromKey)], async () => {
        const row = await findObject({ kind: 'caller', who }, fromBucket, fromKey);
        if (!row) return null;
        try {
          await store.copyToTemp(fromBucket, fromKey, tmp);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw e;
        }
        return row;
      });
      if (!source) throw ERRORS.noSuchKey();
      const id = await locks.run([objectKeyLock(toBucket, toKey)], async () => {
        const existing = upsert
          ? await asAdmin(pool, (db) =>
              db.query<{ id: string }>('select id from storage.objects where bucket_id = $1 and name = $2', [toBucket, toKey]),
            )
          : null;
        const objectId = existing?.rows[0]?.id ?? crypto.randomUUID();
        const metadata = { ...(source.metadata ?? {}), lastModified: new Date().toISOString() };
        await callerTx(who, async (db) => {
          await db.query(
            `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
             values ($1, $2, $3, $4, $5, $6, $7, $8)` +
              (upsert
                ? ` on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
                    metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version,
                    updated_at = now(), last_accessed_at = now()`
                : ''),
            [objectId, toBucket, toKey, ownerUuid(who.sub), who.sub, metadata, source.user_metadata, crypto.randomUUID()],
          );
          const problem = await store.prepare(toBucket, toKey);
          if (problem) throw ERRORS.invalidKey(`${toKey} (${problem})`);
        });
        await store.place(tmp, toBucket, toKey);
        placed = true;
        return objectId;
      });
      sendJson(ctx.res, 200, { Id: id, Key: `${toBucket}/${toKey}` });
    } finally {
      if (!placed) await removeQuietly(tmp);
    }
  }

  // ----- routing -------------------------------------------------------------------------------------------

  async function route(ctx: Ctx, method: string, path: string): Promise<void> {
    let m: RegExpExecArray | null;
    const decode = (raw: string) => decodePathParam(raw);
    const bucketKey = (rawBucket: string, rawKey: string) => ({ bucket: mustBeBucket(decode(rawBucket)), key: mustBeKey(decode(rawKey)) });
    const get = method === 'GET' || method === 'HEAD';

    if (path === '/status' || path === '/health') {
      if (!get) throw ERRORS.routeNotFound(method, path);
      await init();
      sendJson(ctx.res, 200, { status: 'ok' });
      return;
    }

    if ((m = /^\/bucket\/?$/.exec(path))) {
      if (get) return listBuckets(ctx);
      if (method === 'POST') return createBucket(ctx);
    } else if ((m = /^\/bucket\/([^/]+)\/empty\/?$/.exec(path))) {
      if (method === 'POST') return emptyBucket(ctx, mustBeBucket(decode(m[1]!)));
    } else if ((m = /^\/bucket\/([^/]+)\/?$/.exec(path))) {
      const id = mustBeBucket(decode(m[1]!));
      if (get) return getBucket(ctx, id);
      if (method === 'PUT') return updateBucket(ctx, id);
      if (method === 'DELETE') return deleteBucket(ctx, id);
    } else if ((m = /^\/object\/list\/([^/]+)\/?$/.exec(path))) {
      if (method === 'POST') return listObjects(ctx, mustBeBucket(decode(m[1]!)));
    } else if ((m = /^\/object\/list-v2\/([^/]+)\/?$/.exec(path))) {
      if (method === 'POST') return listObjectsV2(ctx, mustBeBucket(decode(m[1]!)));
    } else if (path === '/object/move' || path === '/object/move/') {
      if (method === 'POST') return moveObject(ctx);
    } else if (path === '/object/copy' || path === '/object/copy/') {
      if (method === 'POST') return copyObject(ctx);
    } else if ((m = /^\/object\/sign\/([^/]+)\/?$/.exec(path))) {
      if (method === 'POST') return signMany(ctx, mustBeBucket(decode(m[1]!)));
    } else if ((m = /^\/object\/sign\/([^/]+)\/(.+)$/.exec(path))) {
      const { bucket, key } = bucketKey(m[1]!, m[2]!);
      if (method === 'POST') return signOne(ctx, bucket, key);
      if (get) return serveSigned(ctx, bucket, key);
    } else if ((m = /^\/object\/upload\/sign\/([^/]+)\/(.+)$/.exec(path))) {
      const { bucket, key } = bucketKey(m[1]!, m[2]!);
      if (method === 'POST') return signUpload(ctx, bucket, key);
      if (method === 'PUT') return uploadSigned(ctx, bucket, key);
    } else if ((m = /^\/object\/public\/([^/]+)\/(.+)$/.exec(path))) {
      const { bucket, key } = bucketKey(m[1]!, m[2]!);
      if (get) {
        const b = await bucketForLimits(bucket);
        if (!b?.public) throw ERRORS.noSuchBucket();
        return serveObject(ctx, { kind: 'admin' }, bucket, key, false);
      }
    } else if ((m = /^\/object\/info\/(?:(public|authenticated)\/)?([^/]+)\/(.+)$/.exec(path))) {
      const { bucket, key } = bucketKey(m[2]!, m[3]!);
      if (get) return objectInfo(ctx, (m[1] as 'public' | 'authenticated' | undefined) ?? 'default', bucket, key);
    } else if ((m = /^\/object\/authenticated\/([^/]+)\/(.+)$/.exec(path))) {
      const { bucket, key } = bucketKey(m[1]!, m[2]!);
      if (get) return serveObject(ctx, { kind: 'caller', who: await caller(ctx) }, bucket, key, false);
    } else if ((m = /^\/object\/([^/]+)\/?$/.exec(path))) {
      if (method === 'DELETE') return removeObjects(ctx, mustBeBucket(decode(m[1]!)));
    } else if ((m = /^\/object\/([^/]+)\/(.+)$/.exec(path))) {
      const bucket = mustBeBucket(decode(m[1]!));
      const key = mustBeKey(decode(m[2]!));
      if (method === 'HEAD') return serveObject(ctx, await infoAccess(ctx, 'default', bucket), bucket, key, true);
      if (method === 'GET') return serveObject(ctx, { kind: 'caller', who: await caller(ctx) }, bucket, key, false);
      if (method === 'POST') return uploadObject(ctx, bucket, key, ctx.req.headers['x-upsert'] === 'true');
      if (method === 'PUT') return uploadObject(ctx, bucket, key, true);
      if (method === 'DELETE') return removeOne(ctx, bucket, key);
    }
    throw ERRORS.routeNotFound(method, path);
  }

  async function fail(ctx: Ctx, e: unknown): Promise<void> {
    let err: StorageError;
    if (e instanceof StorageError) err = e;
    else {
      err = fromPgError(e) ?? ERRORS.internal();
      if (err.status >= 500) log(`[storage] ${ctx.req.method} ${ctx.req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    // Answer only once the client has finished sending (or after a bounded wait), so that clients and the
    // gateway see this answer rather than a reset connection.
    const drained = await drainRequest(ctx.req, drainLimits);
    if (ctx.res.headersSent || ctx.res.destroyed) return;
    sendJson(ctx.res, err.httpStatus, err.body(), drained ? {} : { connection: 'close' });
    if (!drained) ctx.res.on('finish', () => ctx.req.socket.destroy());
  }

  return (req, res) => {
    // A client that disconnects makes the request emit 'error'; handlers that care listen themselves.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q >= 0 ? url.slice(0, q) : url;
    if (path.startsWith('/storage/v1/')) path = path.slice('/storage/v1'.length);
    const ctx: Ctx = { req, res, query: new URLSearchParams(q >= 0 ? url.slice(q + 1) : '') };
    const method = (req.method ?? 'GET').toUpperCase();
    route(ctx, method, path)
      .then(async () => {
        // A handler that answered without reading a body it did not need: discard the rest.
        if (!req.complete && !req.destroyed) await drainRequest(req, drainLimits);
      })
      .catch((e: unknown) => fail(ctx, e))
      .catch((e: unknown) => {
        log(`[storage] failed to answer ${method} ${url}: ${String(e)}`);
        res.destroy();
      });
  };
}

function intParam(value: string | null, min: number, max: number): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw ERRORS.invalidParameter('query', `Invalid query parameter ${value}`);
  return n;
}


/**
 * The `download` query parameter: a file name for Content-Disposition. storage-js percent-encodes it
 * and then runs encodeURI over the whole URL, so it arrives encoded twice; undo the second layer.
 */
function downloadName(value: string | null): string | null {
  if (!value) return null;
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  }
  return value;
}
