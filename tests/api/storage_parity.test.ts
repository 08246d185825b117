// Where the local storage server must answer as Supabase Storage does (supabase/storage), found by
// running supabase-js 2.109's own client suites against the stack: a Buffer uploaded without a
// contentType (storage-js then declares its generic default `text/plain;charset=UTF-8`), `listV2`
// (POST /object/list-v2/<bucket>), the 413 body, and the /object/info answer. Through storage-js
// where it has a method, plain fetch where the point is the wire.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';

type ApiError = { message: string; status?: number; statusCode?: string };
const err = (e: unknown) => e as ApiError;

const run = crypto.randomUUID().slice(0, 8);
const OPEN = `sp-open-${run}`; // no allowed_mime_types
const IMAGES = `sp-images-${run}`; // allowed_mime_types image/*
const SMALL = `sp-small-${run}`; // file_size_limit 1 MB
const LISTING = `sp-list-${run}`; // list-v2 fixtures
const BUCKETS = [OPEN, IMAGES, SMALL, LISTING];

const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 0x11)]);
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(32)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/steal?c="+document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const SCRIPT_IN_TEXT = Buffer.from('Họ tên,Ghi chú\nAn,<script>alert(1)</script>\n');
const XML = Buffer.from('<?xml version="1.0"?><note>xin chào</note>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 0x90)]);
const BINARY = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x10, 0x00, 0x7f, 0x05]);

let admin: SupabaseClient;
let anon: SupabaseClient;
let alice: SupabaseClient;
let su: pg.Client;

async function storedType(bucket: string, name: string): Promise<string | null> {
  const r = await su.query<{ mimetype: string }>(
    `select metadata->>'mimetype' as mimetype from storage.objects where bucket_id = $1 and name = $2`,
    [bucket, name],
  );
  return r.rows[0]?.mimetype ?? null;
}

async function storageFetch(path: string, init: RequestInit = {}, token = stackInfo().serviceRoleKey): Promise<Response> {
  const s = stackInfo();
  return fetch(`${s.apiUrl}/storage/v1${path}`, {
    ...init,
    headers: { apikey: s.anonKey, authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
}

beforeAll(async () => {
  admin = serviceClient();
  anon = anonClient();
  su = await superuser();
  const a = await createUser();
  alice = await signedIn(a.email, a.password);
  expect((await admin.storage.createBucket(OPEN, { public: false })).error).toBeNull();
  expect((await admin.storage.createBucket(IMAGES, { public: false, allowedMimeTypes: ['image/*'] })).error).toBeNull();
  expect((await admin.storage.createBucket(SMALL, { public: false, fileSizeLimit: '1MB' })).error).toBeNull();
  expect((await admin.storage.createBucket(LISTING, { public: false })).error).toBeNull();
});

afterAll(async () => {
  if (!su) return;
  for (const bucket of BUCKETS) {
    await admin.storage.emptyBucket(bucket);
    await admin.storage.deleteBucket(bucket);
  }
  await su.end();
});

describe('storage parity: a Buffer uploaded without contentType (storage-js declares text/plain;charset=UTF-8)', () => {
  it('the service role uploads a JPEG Buffer without contentType: accepted, stored and served as image/jpeg', async () => {
    const up = await admin.storage.from(OPEN).upload('anh-the.jpg', JPEG);
    expect(up.error).toBeNull();
    expect(await storedType(OPEN, 'anh-the.jpg')).toBe('image/jpeg');
    const res = await storageFetch(`/object/${OPEN}/anh-the.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('a PDF Buffer is stored as application/pdf, text keeps the declared default, unknown binary becomes octet-stream', async () => {
    expect((await admin.storage.from(OPEN).upload('bien-ban.pdf', PDF)).error).toBeNull();
    expect(await storedType(OPEN, 'bien-ban.pdf')).toBe('application/pdf');
    expect((await admin.storage.from(OPEN).upload('ghi-chu.txt', Buffer.from('xin chào'))).error).toBeNull();
    expect(await storedType(OPEN, 'ghi-chu.txt')).toBe('text/plain;charset=UTF-8');
    expect((await admin.storage.from(OPEN).upload('du-lieu.bin', BINARY)).error).toBeNull();
    expect(await storedType(OPEN, 'du-lieu.bin')).toBe('application/octet-stream');
  });

  it.each([
    ['trang.html', 'HTML', HTML],
    ['logo.svg', 'SVG', SVG],
    ['danh-sach.csv', 'a script tag in text', SCRIPT_IN_TEXT],
    ['du-lieu.xml', 'XML', XML],
    ['chuong-trinh.exe', 'an executable', EXE],
  ])('a Buffer %s without contentType (%s) is still refused with 415 and nothing is stored', async (name, _what, bytes) => {
    const up = await admin.storage.from(OPEN).upload(name, bytes);
    expect(err(up.error)).toMatchObject({ status: 400, statusCode: '415' });
    expect(await storedType(OPEN, name)).toBeNull();
  });

  it("in an image/* bucket the sniffed type must be allowed: a PNG Buffer is stored as image/png, a PDF or text Buffer is refused", async () => {
    expect((await admin.storage.from(IMAGES).upload('logo.png', PNG)).error).toBeNull();
    expect(await storedType(IMAGES, 'logo.png')).toBe('image/png');
    expect(err((await admin.storage.from(IMAGES).upload('tai-lieu.pdf', PDF)).error)).toMatchObject({ statusCode: '415' });
    expect(err((await admin.storage.from(IMAGES).upload('ghi-chu.txt', Buffer.from('xin chào'))).error)).toMatchObject({ statusCode: '415' });
    expect(await storedType(IMAGES, 'tai-lieu.pdf')).toBeNull();
  });

  it('an explicit text/plain is not the generic default: JPEG bytes declared as text/plain are refused', async () => {
    const up = await admin.storage.from(OPEN).upload('gia.jpg', JPEG, { contentType: 'text/plain' });
    expect(err(up.error)).toMatchObject({ statusCode: '415' });
    expect(await storedType(OPEN, 'gia.jpg')).toBeNull();
  });
});

describe('storage parity: 413 and /object/info answer as the real server', () => {
  it('an upload over the bucket limit answers the real EntityTooLarge body', async () => {
    const res = await storageFetch(`/object/${SMALL}/lon.txt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: Buffer.alloc(2 * 1000 * 1000, 0x61),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      statusCode: '413',
      code: 'EntityTooLarge',
      error: 'Payload too large',
      message: 'The object exceeded the maximum allowed size',
    });
    const streamed = await admin.storage.from(SMALL).upload('lon-2.txt', new Blob([Buffer.alloc(2 * 1000 * 1000, 0x61)], { type: 'text/plain' }));
    expect(err(streamed.error)).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
    const fits = await admin.storage.from(SMALL).upload('vua.txt', Buffer.alloc(1000, 0x61), { contentType: 'text/plain' });
    expect(fits.error).toBeNull();
  });

  it('a bucket limit over the global limit answers the same EntityTooLarge message', async () => {
    const over = await admin.storage.createBucket(`sp-over-${run}`, { public: false, fileSizeLimit: '2GB' });
    expect(err(over.error)).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
  });

  it("info() answers the real server's fields: last_modified is the row's updated_at, no updated_at, metadata is the user metadata", async () => {
    const up = await admin.storage.from(OPEN).upload('thong-tin.pdf', PDF, { contentType: 'application/pdf', upsert: true });
    expect(up.error).toBeNull();
    const row = (await su.query('select id, version, updated_at, created_at from storage.objects where bucket_id = $1 and name = $2', [OPEN, 'thong-tin.pdf'])).rows[0];
    const res = await storageFetch(`/object/info/${OPEN}/thong-tin.pdf`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['bucket_id', 'cache_control', 'content_type', 'created_at', 'etag', 'id', 'last_modified', 'metadata', 'name', 'size', 'version'],
    );
    expect(body).toMatchObject({
      id: row.id,
      name: 'thong-tin.pdf',
      version: row.version,
      bucket_id: OPEN,
      size: PDF.length,
      content_type: 'application/pdf',
      cache_control: 'max-age=3600',
      etag: `"${crypto.createHash('md5').update(PDF).digest('hex')}"`,
      metadata: null,
      last_modified: new Date(row.updated_at).toISOString(),
      created_at: new Date(row.created_at).toISOString(),
    });

    const withMeta = await admin.storage.from(OPEN).upload('co-nhan.pdf', PDF, { contentType: 'application/pdf', metadata: { lop: '10A1' } });
    expect(withMeta.error).toBeNull();
    const info = await admin.storage.from(OPEN).info('co-nhan.pdf');
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({ name: 'co-nhan.pdf', bucketId: OPEN, contentType: 'application/pdf', metadata: { lop: '10A1' } });
    expect(info.data).not.toHaveProperty('updatedAt');
  });
});

describe('storage parity: listV2 (POST /object/list-v2/<bucket>)', () => {
  // Uploaded one after another so that created_at orders them.
  const NAMES = ['b/2.txt', 'a.txt', 'c/d/3.txt', 'b/1.txt', 'b.txt'];
  beforeAll(async () => {
    for (const name of NAMES) {
      expect((await admin.storage.from(LISTING).upload(name, Buffer.from(name), { contentType: 'text/plain' })).error).toBeNull();
      await new Promise((r) => setTimeout(r, 5));
    }
  });

  it('lists every object flat, with full names, ordered by name', async () => {
    const { data, error } = await admin.storage.from(LISTING).listV2();
    expect(error).toBeNull();
    expect(data!.folders).toEqual([]);
    expect(data!.objects.map((o) => o.name)).toEqual(['a.txt', 'b.txt', 'b/1.txt', 'b/2.txt', 'c/d/3.txt']);
    expect(data!.hasNext).toBe(false);
    expect(data!.nextCursor).toBeUndefined();
    const a = data!.objects[0]!;
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata).toMatchObject({ size: 5, mimetype: 'text/plain' });
  });

  it('with_delimiter groups keys into folders (name with a trailing slash) beside the objects of that level', async () => {
    const { data, error } = await admin.storage.from(LISTING).listV2({ with_delimiter: true });
    expect(error).toBeNull();
    expect(data!.folders.map((f) => f.name)).toEqual(['b/', 'c/']);
    expect(data!.folders.map((f) => f.key)).toEqual(['b', 'c']);
    expect(data!.objects.map((o) => [o.name, o.key])).toEqual([['a.txt', 'a.txt'], ['b.txt', 'b.txt']]);

    const inB = await admin.storage.from(LISTING).listV2({ prefix: 'b/', with_delimiter: true });
    expect(inB.data!.folders).toEqual([]);
    expect(inB.data!.objects.map((o) => [o.name, o.key])).toEqual([['b/1.txt', '1.txt'], ['b/2.txt', '2.txt']]);

    const bare = await admin.storage.from(LISTING).listV2({ prefix: 'b', with_delimiter: true });
    expect(bare.data!.folders.map((f) => f.name)).toEqual(['b/']);
    expect(bare.data!.objects.map((o) => o.name)).toEqual(['b.txt']);
    const flat = await admin.storage.from(LISTING).listV2({ prefix: 'b' });
    expect(flat.data!.objects.map((o) => o.name)).toEqual(['b.txt', 'b/1.txt', 'b/2.txt']);
  });

  it('pages with limit and the cursor, folders and objects sharing the limit', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, error } = await admin.storage.from(LISTING).listV2({ with_delimiter: true, limit: 2, cursor });
      expect(error).toBeNull();
      seen.push(...data!.objects.map((o) => o.name), ...data!.folders.map((f) => f.name));
      cursor = data!.hasNext ? data!.nextCursor : undefined;
      if (data!.hasNext) expect(typeof data!.nextCursor).toBe('string');
      else expect(data!.nextCursor).toBeUndefined();
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['a.txt', 'b.txt', 'b/', 'c/']);
  });

  it('sorts by created_at descending, and pages in that order', async () => {
    const first = await admin.storage.from(LISTING).listV2({ sortBy: { column: 'created_at', order: 'desc' }, limit: 3 });
    expect(first.data!.objects.map((o) => o.name)).toEqual(['b.txt', 'b/1.txt', 'c/d/3.txt']);
    expect(first.data!.hasNext).toBe(true);
    const second = await admin.storage.from(LISTING).listV2({ sortBy: { column: 'created_at', order: 'desc' }, limit: 3, cursor: first.data!.nextCursor });
    expect(second.data!.objects.map((o) => o.name)).toEqual(['a.txt', 'b/2.txt']);
    expect(second.data!.hasNext).toBe(false);
  });

  it('reads through RLS: a user and anon without a policy see nothing, the service role sees all', async () => {
    for (const client of [alice, anon]) {
      const { data, error } = await client.storage.from(LISTING).listV2({ with_delimiter: true });
      expect(error).toBeNull();
      expect(data).toMatchObject({ hasNext: false, folders: [], objects: [] });
    }
    expect((await admin.storage.from(LISTING).listV2()).data!.objects).toHaveLength(NAMES.length);
  });

  it('refuses a malformed cursor and a limit below 1 with 400', async () => {
    const bad = await storageFetch(`/object/list-v2/${LISTING}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: '%%%not-a-cursor' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ statusCode: '400' });
    const zero = await admin.storage.from(LISTING).listV2({ limit: 0 });
    expect(err(zero.error)).toMatchObject({ status: 400, statusCode: '400' });
  });
});
