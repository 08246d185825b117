// The local storage server through supabase-js (and plain HTTP where the point is the wire): buckets,
// uploads, downloads, listing, removal, signed URLs — with RLS on storage.objects deciding who may do
// what, size limits enforced while streaming, content sniffing, key validation and token checks.
// Errors follow Supabase Storage: HTTP 400 (500 for server faults) with the logical status in the
// body's `statusCode`, which storage-js exposes as `error.statusCode`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as jose from 'jose';
import type pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, serviceClient, signedIn, stackInfo, superuser } from '../helpers/stack.ts';
import { badTokens } from '../helpers/tokens.ts';

type ApiError = { message: string; status?: number; statusCode?: string };
const err = (e: unknown) => e as ApiError;

const run = crypto.randomUUID().slice(0, 8);
const PRIVATE = `st-private-${run}`; // RLS: users write and read only under their own folder
const PUBLIC = `st-public-${run}`;
const SMALL = `st-small-${run}`; // file_size_limit 1 MB
const IMAGES = `st-images-${run}`; // allowed_mime_types image/*
const NOPOLICY = `st-nopolicy-${run}`; // no policy at all: only the service role gets in
const BUCKETS = [PRIVATE, PUBLIC, SMALL, IMAGES, NOPOLICY];

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(32)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/steal?c="+document.cookie)</script></body></html>');

let admin: SupabaseClient<Database>;
let anon: SupabaseClient<Database>;
let alice: SupabaseClient<Database>;
let bob: SupabaseClient<Database>;
let aliceId: string;
let bobId: string;
let su: pg.Client;
let root: string;

async function rows(bucket: string): Promise<string[]> {
  const r = await su.query<{ name: string }>('select name from storage.objects where bucket_id = $1 order by name', [bucket]);
  return r.rows.map((x) => x.name);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/** Temporary upload files: other test files may upload concurrently, so wait for the folder to settle. */
async function leftoverTempFiles(): Promise<string[]> {
  let left: string[] = [];
  for (let i = 0; i < 20; i++) {
    left = filesUnder(path.join(root, 'tmp'));
    if (left.length === 0) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
  return left;
}

function bigStream(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.push(null);
        return;
      }
      const n = Math.min(1 << 20, bytes - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x61));
    },
  });
}

function withToken(token: string): SupabaseClient<Database> {
  const s = stackInfo();
  return createClient<Database>(s.apiUrl, s.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

beforeAll(async () => {
  const s = stackInfo();
  root = path.join(s.dataDir, 'storage');
  admin = serviceClient();
  anon = anonClient();
  su = await superuser();
  const a = await createUser();
  const b = await createUser();
  aliceId = a.id;
  bobId = b.id;
  alice = await signedIn(a.email, a.password);
  bob = await signedIn(b.email, b.password);

  expect((await admin.storage.createBucket(PRIVATE, { public: false })).error).toBeNull();
  expect((await admin.storage.createBucket(PUBLIC, { public: true })).error).toBeNull();
  expect((await admin.storage.createBucket(SMALL, { public: false, fileSizeLimit: '1MB' })).error).toBeNull();
  expect((await admin.storage.createBucket(IMAGES, { public: false, allowedMimeTypes: ['image/*'] })).error).toBeNull();
  expect((await admin.storage.createBucket(NOPOLICY, { public: false })).error).toBeNull();

  // Policies of this test only, each limited to its own bucket: a user works inside a folder named
  // after their id, rows carry their id as owner_id.
  const own = `bucket_id = '${PRIVATE}' and (storage.foldername(name))[1] = (select auth.uid())::text and owner_id = (select auth.uid())::text`;
  await su.query(`create policy "${PRIVATE} insert" on storage.objects for insert to authenticated with check (${own})`);
  await su.query(`create policy "${PRIVATE} select" on storage.objects for select to authenticated using (${own})`);
  await su.query(`create policy "${PRIVATE} update" on storage.objects for update to authenticated using (${own}) with check (${own})`);
  await su.query(`create policy "${PRIVATE} delete" on storage.objects for delete to authenticated using (${own})`);
  for (const bucket of [SMALL, IMAGES]) {
    await su.query(`create policy "${bucket} all" on storage.objects for all to authenticated using (bucket_id = '${bucket}') with check (bucket_id = '${bucket}')`);
  }
});

afterAll(async () => {
  if (!su) return;
  for (const p of [`${PRIVATE} insert`, `${PRIVATE} select`, `${PRIVATE} update`, `${PRIVATE} delete`, `${SMALL} all`, `${IMAGES} all`]) {
    await su.query(`drop policy if exists "${p}" on storage.objects`);
  }
  for (const bucket of BUCKETS) {
    await admin.storage.emptyBucket(bucket);
    await admin.storage.deleteBucket(bucket);
  }
  await su.end();
});

describe('storage: round trip as a user under RLS', () => {
  it('uploads, lists, downloads, signs and removes a file with a Vietnamese name', async () => {
    const key = `${aliceId}/Học bạ 10A1/Nguyễn Thị Đào.pdf`;
    const up = await alice.storage.from(PRIVATE).upload(key, PDF, { contentType: 'application/pdf' });
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: key, fullPath: `${PRIVATE}/${key}` });
    expect(up.data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const row = await su.query('select owner, owner_id, metadata from storage.objects where bucket_id = $1 and name = $2', [PRIVATE, key]);
    expect(row.rows[0]).toMatchObject({ owner: aliceId, owner_id: aliceId });
    expect(row.rows[0].metadata).toMatchObject({ size: PDF.length, mimetype: 'application/pdf', contentLength: PDF.length, httpStatusCode: 200 });
    expect(row.rows[0].metadata.eTag).toBe(`"${crypto.createHash('md5').update(PDF).digest('hex')}"`);
    expect(fs.readFileSync(path.join(root, PRIVATE, aliceId, 'Học bạ 10A1', 'Nguyễn Thị Đào.pdf')).equals(PDF)).toBe(true);

    const top = await alice.storage.from(PRIVATE).list(aliceId);
    expect(top.error).toBeNull();
    expect(top.data).toEqual([expect.objectContaining({ name: 'Học bạ 10A1', id: null, metadata: null })]);
    const inner = await alice.storage.from(PRIVATE).list(`${aliceId}/Học bạ 10A1`);
    expect(inner.data!.map((f) => f.name)).toEqual(['Nguyễn Thị Đào.pdf']);
    expect(inner.data![0]!.id).toBe(up.data!.id);
    expect(inner.data![0]!.metadata).toMatchObject({ size: PDF.length, mimetype: 'application/pdf' });

    const down = await alice.storage.from(PRIVATE).download(key);
    expect(down.error).toBeNull();
    expect(Buffer.from(await down.data!.arrayBuffer()).equals(PDF)).toBe(true);

    const signed = await alice.storage.from(PRIVATE).createSignedUrl(key, 60);
    expect(signed.error).toBeNull();
    const viaUrl = await fetch(signed.data!.signedUrl); // no apikey, no Authorization: the token is the grant
    expect(viaUrl.status).toBe(200);
    expect(Buffer.from(await viaUrl.arrayBuffer()).equals(PDF)).toBe(true);

    const many = await alice.storage.from(PRIVATE).createSignedUrls([key, `${aliceId}/missing.pdf`], 60);
    expect(many.data![0]).toMatchObject({ path: key, error: null });
    expect(many.data![1]).toMatchObject({ signedUrl: null, error: expect.stringMatching(/does not exist/) });

    const removed = await alice.storage.from(PRIVATE).remove([key]);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((f) => f.name)).toEqual([key]);
    expect(await rows(PRIVATE)).not.toContain(key);
    expect(filesUnder(path.join(root, PRIVATE, aliceId))).toEqual([]);
    const gone = await alice.storage.from(PRIVATE).download(key);
    expect(err(gone.error)).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' });
  });

  it('serves every download as an attachment with nosniff and a sandboxing CSP', async () => {
    const key = `${aliceId}/Bảng điểm (cuối kỳ).pdf`;
    const up = await alice.storage.from(PRIVATE).upload(key, PDF, { contentType: 'application/pdf', upsert: true });
    expect(up.error).toBeNull();
    const { data: session } = await alice.auth.getSession();
    const s = stackInfo();
    const url = `${s.apiUrl}/storage/v1/object/${PRIVATE}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const res = await fetch(url, { headers: { apikey: s.anonKey, Authorization: `Bearer ${session.session!.access_token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(PDF.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('etag')).toBe(`"${crypto.createHash('md5').update(PDF).digest('hex')}"`);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Bang diem \(cuoi ky\)\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe("Bảng điểm (cuối kỳ).pdf");
    await res.arrayBuffer();

    const signed = await alice.storage.from(PRIVATE).createSignedUrl(key, 60, { download: 'Học bạ.pdf' });
    const viaUrl = await fetch(signed.data!.signedUrl);
    expect(viaUrl.headers.get('content-disposition')).toMatch(/^attachment; filename="Hoc ba\.pdf"; filename\*=UTF-8''H%E1%BB%8Dc%20b%E1%BA%A1\.pdf$/);
    expect(viaUrl.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    await viaUrl.arrayBuffer();
    await alice.storage.from(PRIVATE).remove([key]);
  });

  it('refuses an upload outside the policy with the RLS message, storing nothing', async () => {
    const key = `${aliceId}/bob-was-here.pdf`;
    const up = await bob.storage.from(PRIVATE).upload(key, PDF, { contentType: 'application/pdf' });
    expect(err(up.error)).toMatchObject({ status: 400, statusCode: '403', message: 'new row violates row-level security policy' });
    expect(await rows(PRIVATE)).not.toContain(key);
    expect(fs.existsSync(path.join(root, PRIVATE, aliceId, 'bob-was-here.pdf'))).toBe(false);

    const none = await alice.storage.from(NOPOLICY).upload(`${aliceId}/a.pdf`, PDF, { contentType: 'application/pdf' });
    expect(err(none.error)).toMatchObject({ statusCode: '403' });
    expect(await rows(NOPOLICY)).toEqual([]);
    expect(filesUnder(path.join(root, NOPOLICY))).toEqual([]);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it("hides another user's files: download, list, sign and remove see nothing", async () => {
    const key = `${aliceId}/private.pdf`;
    expect((await alice.storage.from(PRIVATE).upload(key, PDF, { contentType: 'application/pdf', upsert: true })).error).toBeNull();
    expect(err((await bob.storage.from(PRIVATE).download(key)).error)).toMatchObject({ statusCode: '404' });
    expect((await bob.storage.from(PRIVATE).list(aliceId)).data).toEqual([]);
    expect(err((await bob.storage.from(PRIVATE).createSignedUrl(key, 60)).error)).toMatchObject({ statusCode: '404' });
    expect((await bob.storage.from(PRIVATE).remove([key])).data).toEqual([]);
    expect(await rows(PRIVATE)).toContain(key);
    expect(fs.existsSync(path.join(root, PRIVATE, aliceId, 'private.pdf'))).toBe(true);
    await alice.storage.from(PRIVATE).remove([key]);
  });

  it('overwrites only with x-upsert (POST), or with update (PUT)', async () => {
    const key = `${aliceId}/ghi-chu.txt`;
    const first = await alice.storage.from(PRIVATE).upload(key, Buffer.from('bản 1'), { contentType: 'text/plain' });
    expect(first.error).toBeNull();
    const again = await alice.storage.from(PRIVATE).upload(key, Buffer.from('bản 2'), { contentType: 'text/plain' });
    expect(err(again.error)).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect(await (await alice.storage.from(PRIVATE).download(key)).data!.text()).toBe('bản 1');

    const upsert = await alice.storage.from(PRIVATE).upload(key, Buffer.from('bản 2'), { contentType: 'text/plain', upsert: true });
    expect(upsert.error).toBeNull();
    expect(upsert.data!.id).toBe(first.data!.id);
    expect(await (await alice.storage.from(PRIVATE).download(key)).data!.text()).toBe('bản 2');

    const update = await alice.storage.from(PRIVATE).update(key, new Blob(['bản 3'], { type: 'text/plain' }));
    expect(update.error).toBeNull();
    expect(await (await alice.storage.from(PRIVATE).download(key)).data!.text()).toBe('bản 3');
    expect(fs.readFileSync(path.join(root, PRIVATE, aliceId, 'ghi-chu.txt'), 'utf8')).toBe('bản 3');

    // Bob may not overwrite Alice's file even with upsert.
    const hijack = await bob.storage.from(PRIVATE).upload(key, Buffer.from('bob'), { contentType: 'text/plain', upsert: true });
    expect(err(hijack.error)).toMatchObject({ statusCode: '403' });
    expect(fs.readFileSync(path.join(root, PRIVATE, aliceId, 'ghi-chu.txt'), 'utf8')).toBe('bản 3');
    await alice.storage.from(PRIVATE).remove([key]);
  });

  it('moves and copies within the policy', async () => {
    const from = `${aliceId}/nháp.txt`;
    expect((await alice.storage.from(PRIVATE).upload(from, Buffer.from('nội dung'), { contentType: 'text/plain' })).error).toBeNull();
    expect((await alice.storage.from(PRIVATE).copy(from, `${aliceId}/bản sao.txt`)).data).toEqual({ path: `${PRIVATE}/${aliceId}/bản sao.txt` });
    expect((await alice.storage.from(PRIVATE).move(from, `${aliceId}/lưu/cuối.txt`)).error).toBeNull();
    expect(err((await bob.storage.from(PRIVATE).copy(`${aliceId}/bản sao.txt`, `${bobId}/stolen.txt`)).error)).toMatchObject({ statusCode: '404' });
    expect(await rows(PRIVATE)).toEqual(expect.arrayContaining([`${aliceId}/bản sao.txt`, `${aliceId}/lưu/cuối.txt`]));
    expect(await rows(PRIVATE)).not.toContain(from);
    expect(await (await alice.storage.from(PRIVATE).download(`${aliceId}/lưu/cuối.txt`)).data!.text()).toBe('nội dung');
    expect(fs.existsSync(path.join(root, PRIVATE, aliceId, 'nháp.txt'))).toBe(false);
    await alice.storage.from(PRIVATE).remove([`${aliceId}/bản sao.txt`, `${aliceId}/lưu/cuối.txt`]);
    expect(filesUnder(path.join(root, PRIVATE, aliceId))).toEqual([]);
  });
});

describe('storage: signed upload URLs', () => {
  it('lets a token holder upload once the owner was allowed at signing time', async () => {
    const key = `${aliceId}/nộp bài.pdf`;
    const signed = await alice.storage.from(PRIVATE).createSignedUploadUrl(key);
    expect(signed.error).toBeNull();
    const up = await anon.storage.from(PRIVATE).uploadToSignedUrl(key, signed.data!.token, PDF, { contentType: 'application/pdf' });
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: key, fullPath: `${PRIVATE}/${key}` });
    const row = await su.query('select owner_id from storage.objects where bucket_id = $1 and name = $2', [PRIVATE, key]);
    expect(row.rows[0]).toEqual({ owner_id: aliceId });
    expect(Buffer.from(await (await alice.storage.from(PRIVATE).download(key)).data!.arrayBuffer()).equals(PDF)).toBe(true);

    // The upload grant is not a download grant, and the content is still checked.
    const s = stackInfo();
    const asDownload = await fetch(`${s.apiUrl}/storage/v1/object/sign/${PRIVATE}/${encodeURI(key)}?token=${signed.data!.token}`);
    expect(asDownload.status).toBe(400);
    expect(await asDownload.json()).toMatchObject({ error: 'InvalidSignature' });
    const other = await alice.storage.from(PRIVATE).createSignedUploadUrl(`${aliceId}/html.pdf`);
    const html = await anon.storage.from(PRIVATE).uploadToSignedUrl(`${aliceId}/html.pdf`, other.data!.token, HTML, { contentType: 'application/pdf' });
    expect(err(html.error)).toMatchObject({ statusCode: '415' });
    const wrongPath = await anon.storage.from(PRIVATE).uploadToSignedUrl(`${aliceId}/khac.pdf`, other.data!.token, PDF, { contentType: 'application/pdf' });
    expect(err(wrongPath.error)).toMatchObject({ statusCode: '400' });

    // Bob cannot obtain a grant for Alice's folder.
    expect(err((await bob.storage.from(PRIVATE).createSignedUploadUrl(`${aliceId}/bob.pdf`)).error)).toMatchObject({ statusCode: '403' });
    await alice.storage.from(PRIVATE).remove([key]);
    expect(filesUnder(path.join(root, PRIVATE, aliceId))).toEqual([]);
  });
});

describe('storage: concurrent writers', () => {
  it('keeps the row and the file in agreement when uploads to one key race', async () => {
    const key = 'đua.txt';
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.from(`phiên bản ${i} `.repeat(1000 * (i + 1))));
    const results = await Promise.all(bodies.map((b) => admin.storage.from(PUBLIC).upload(key, b, { contentType: 'text/plain', upsert: true })));
    expect(results.map((r) => r.error)).toEqual(bodies.map(() => null));
    const row = await su.query('select metadata from storage.objects where bucket_id = $1 and name = $2', [PUBLIC, key]);
    const onDisk = fs.readFileSync(path.join(root, PUBLIC, key));
    expect(row.rows[0].metadata.eTag).toBe(`"${crypto.createHash('md5').update(onDisk).digest('hex')}"`);
    expect(row.rows[0].metadata.size).toBe(onDisk.length);
    expect(await leftoverTempFiles()).toEqual([]);
    await admin.storage.from(PUBLIC).remove([key]);
  });
});

describe('storage: public and private buckets', () => {
  it('lets anon read a public bucket but not a private one', async () => {
    expect((await admin.storage.from(PUBLIC).upload('thông báo.pdf', PDF, { contentType: 'application/pdf' })).error).toBeNull();
    expect((await admin.storage.from(NOPOLICY).upload('bí mật.pdf', PDF, { contentType: 'application/pdf' })).error).toBeNull();

    const { data } = anon.storage.from(PUBLIC).getPublicUrl('thông báo.pdf');
    const pub = await fetch(data.publicUrl); // no apikey needed, as on Supabase
    expect(pub.status).toBe(200);
    expect(pub.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await pub.arrayBuffer()).equals(PDF)).toBe(true);

    const priv = await fetch(anon.storage.from(NOPOLICY).getPublicUrl('bí mật.pdf').data.publicUrl);
    expect(priv.status).toBe(400);
    expect(await priv.json()).toMatchObject({ statusCode: '404', error: 'Bucket not found' });

    expect(err((await anon.storage.from(NOPOLICY).download('bí mật.pdf')).error)).toMatchObject({ statusCode: '404', message: 'Object not found' });
    expect(err((await alice.storage.from(NOPOLICY).download('bí mật.pdf')).error)).toMatchObject({ statusCode: '404' });
    expect((await anon.storage.from(NOPOLICY).list()).data).toEqual([]);
    expect(err((await anon.storage.from(NOPOLICY).createSignedUrl('bí mật.pdf', 60)).error)).toMatchObject({ statusCode: '404' });
    expect((await admin.storage.from(NOPOLICY).download('bí mật.pdf')).error).toBeNull();
    await admin.storage.from(NOPOLICY).remove(['bí mật.pdf']);
  });
});

describe('storage: size limits', () => {
  it('refuses 2 MB in a 1 MB bucket, raw and multipart, leaving nothing behind', async () => {
    const twoMb = Buffer.alloc(2 * 1000 * 1000, 0x61);
    const raw = await alice.storage.from(SMALL).upload('lớn.txt', twoMb, { contentType: 'text/plain' });
    expect(err(raw.error)).toMatchObject({ status: 400, statusCode: '413' });
    const form = await alice.storage.from(SMALL).upload('lớn-2.txt', new Blob([twoMb], { type: 'text/plain' }));
    expect(err(form.error)).toMatchObject({ statusCode: '413' });
    const streamed = await alice.storage.from(SMALL).upload('lớn-3.txt', bigStream(2 * 1000 * 1000) as never, { contentType: 'text/plain' });
    expect(err(streamed.error)).toMatchObject({ statusCode: '413' });
    expect(await rows(SMALL)).toEqual([]);
    expect(filesUnder(path.join(root, SMALL))).toEqual([]);
    expect(await leftoverTempFiles()).toEqual([]);

    const fits = await alice.storage.from(SMALL).upload('vừa.txt', Buffer.alloc(1000 * 1000, 0x61), { contentType: 'text/plain' });
    expect(fits.error).toBeNull();
    await alice.storage.from(SMALL).remove(['vừa.txt']);
  });

  it('refuses a streamed upload over the global 50 MiB limit', async () => {
    const res = await admin.storage.from(PUBLIC).upload('khổng lồ.bin', bigStream(50 * 1024 * 1024 + 1) as never, {
      contentType: 'application/octet-stream',
    });
    expect(err(res.error)).toMatchObject({ status: 400, statusCode: '413' });
    expect(await rows(PUBLIC)).not.toContain('khổng lồ.bin');
    expect(fs.existsSync(path.join(root, PUBLIC, 'khổng lồ.bin'))).toBe(false);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it('refuses a bucket limit over the global limit and a malformed one', async () => {
    const over = await admin.storage.createBucket(`st-over-${run}`, { public: false, fileSizeLimit: '2GB' });
    expect(err(over.error)).toMatchObject({ statusCode: '413' });
    const bad = await admin.storage.createBucket(`st-bad-${run}`, { public: false, fileSizeLimit: '10 parsecs' });
    expect(err(bad.error)).toMatchObject({ statusCode: '400' });
  });
});

describe('storage: content must match its declared type', () => {
  it('refuses HTML declared as application/pdf and stores nothing', async () => {
    const res = await alice.storage.from(PRIVATE).upload(`${aliceId}/hoa-don.pdf`, HTML, { contentType: 'application/pdf' });
    expect(err(res.error)).toMatchObject({ status: 400, statusCode: '415' });
    expect(err(res.error).message).toMatch(/text\/html/);
    const asBlob = await alice.storage.from(PRIVATE).upload(`${aliceId}/hoa-don-2.pdf`, new Blob([HTML], { type: 'application/pdf' }));
    expect(err(asBlob.error)).toMatchObject({ statusCode: '415' });
    expect(await rows(PRIVATE)).not.toContain(`${aliceId}/hoa-don.pdf`);
    expect(filesUnder(path.join(root, PRIVATE, aliceId))).toEqual([]);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it('refuses markup disguised as text, images or binary, and HTML in a bucket that does not list it', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['csv-with-script.csv', Buffer.from('Họ tên,Ghi chú\nAn,<script>alert(1)</script>\n'), 'text/csv'],
      ['trang.html', HTML, 'text/html'],
      ['anh.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png'],
      ['du-lieu.bin', HTML, 'application/octet-stream'],
      ['anh-that.png', PDF, 'image/png'],
    ];
    for (const [name, bytes, type] of cases) {
      const res = await admin.storage.from(PUBLIC).upload(name, bytes, { contentType: type });
      expect(err(res.error), name).toMatchObject({ statusCode: '415' });
    }
    expect(await rows(PUBLIC)).toEqual(expect.not.arrayContaining(cases.map(([n]) => n)));
  });

  it('applies allowed_mime_types with wildcards', async () => {
    expect((await alice.storage.from(IMAGES).upload('logo.png', PNG, { contentType: 'image/png' })).error).toBeNull();
    const pdf = await alice.storage.from(IMAGES).upload('tai-lieu.pdf', PDF, { contentType: 'application/pdf' });
    expect(err(pdf.error)).toMatchObject({ statusCode: '415', message: expect.stringMatching(/application\/pdf/) });
    const svg = await alice.storage.from(IMAGES).upload('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { contentType: 'image/svg+xml' });
    expect(err(svg.error)).toMatchObject({ statusCode: '415' }); // image/* does not admit SVG
    expect(await rows(IMAGES)).toEqual(['logo.png']);
    await alice.storage.from(IMAGES).remove(['logo.png']);
  });
});

describe('storage: keys cannot leave their bucket', () => {
  it.each([
    ['..%2F..%2Fescape.txt', 'encoded ../'],
    ['a%2F..%2F..%2F..%2Fescape.txt', 'encoded ../ inside'],
    ['a%5C..%5C..%5Cescape.txt', 'backslashes'],
    ['a%00.txt', 'NUL'],
    ['a%0Ab.txt', 'newline'],
    ['%2Fetc%2Fescape.txt', 'absolute'],
  ])('refuses %s (%s)', async (key) => {
    const res = await admin.storage.from(PUBLIC).upload(key, Buffer.from('x'), { contentType: 'text/plain' });
    expect(err(res.error)).toMatchObject({ status: 400, statusCode: '400', message: expect.stringMatching(/^Invalid key/) });
    expect(fs.existsSync(path.join(root, 'escape.txt'))).toBe(false);
    expect(fs.existsSync(path.join(stackInfo().dataDir, 'escape.txt'))).toBe(false);
  });

  it('stores nothing for a literal ../ sent on the wire', async () => {
    // The gateway resolves dot segments like any URL parser (the request then leaves /storage/v1
    // altogether); the storage handler refuses raw ones itself (unit-tested in paths.test.ts).
    const s = stackInfo();
    const url = new URL(s.apiUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/storage/v1/object/${PUBLIC}/../../../escape.txt`,
          headers: { apikey: s.serviceRoleKey, authorization: `Bearer ${s.serviceRoleKey}`, 'content-type': 'text/plain' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end('x');
    });
    expect(answer).not.toMatch(/"Key"/);
    expect(fs.existsSync(path.join(root, 'escape.txt'))).toBe(false);
    expect(fs.existsSync(path.join(s.dataDir, 'escape.txt'))).toBe(false);
    expect(await rows(PUBLIC)).not.toContain('escape.txt');
  });
});

describe('storage: tokens', () => {
  let tokens: Record<string, string>;
  const key = 'token-target.txt';
  beforeAll(async () => {
    tokens = await badTokens(stackInfo().jwtSecret, aliceId);
    const s = stackInfo();
    const enc = new TextEncoder().encode(s.jwtSecret);
    // Signed with the real secret but naming a role storage does not serve, or none at all.
    tokens['role postgres'] = await new jose.SignJWT({ role: 'postgres' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc);
    tokens['no role'] = await new jose.SignJWT({ sub: aliceId }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc);
    expect((await admin.storage.from(NOPOLICY).upload(key, Buffer.from('bí mật'), { contentType: 'text/plain', upsert: true })).error).toBeNull();
  });

  it('refuses every bad token for reads, writes and bucket listing', async () => {
    expect(Object.keys(tokens).length).toBeGreaterThanOrEqual(8);
    for (const [kind, token] of Object.entries(tokens)) {
      const client = withToken(token);
      const read = await client.storage.from(NOPOLICY).download(key);
      expect(err(read.error), kind).toMatchObject({ status: 400, statusCode: '403' });
      const write = await client.storage.from(NOPOLICY).upload(`forged-${crypto.randomUUID()}.txt`, Buffer.from('x'), { contentType: 'text/plain' });
      expect(err(write.error), kind).toMatchObject({ statusCode: '403' });
      const list = await client.storage.listBuckets();
      expect(err(list.error), kind).toMatchObject({ statusCode: '403' });
    }
    expect((await rows(NOPOLICY)).filter((n) => n.startsWith('forged-'))).toEqual([]);
  });

  it('answers a bad token with the Unauthorized error body', async () => {
    const s = stackInfo();
    const res = await fetch(`${s.apiUrl}/storage/v1/object/${NOPOLICY}/${key}`, {
      headers: { apikey: s.anonKey, Authorization: `Bearer ${tokens.expired}` },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: '403', error: 'Unauthorized' });
    expect(JSON.stringify(body)).not.toContain('bí mật');
  });

  it('refuses expired, forged and mismatched signed URLs', async () => {
    const s = stackInfo();
    const signed = await admin.storage.from(NOPOLICY).createSignedUrl(key, 1);
    expect(signed.error).toBeNull();
    await new Promise((r) => setTimeout(r, 2100));
    const late = await fetch(signed.data!.signedUrl);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ statusCode: '400', error: 'ExpiredToken' });

    const base = `${s.apiUrl}/storage/v1/object/sign/${NOPOLICY}/${key}?token=`;
    const enc = (secret: string) => new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const forged = await new jose.SignJWT({ url: `${NOPOLICY}/${key}` }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(enc('another-secret-that-is-also-at-least-32-characters'));
    const other = await new jose.SignJWT({ url: `${NOPOLICY}/other.txt` }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now).setExpirationTime(now + 600).sign(enc(s.jwtSecret));
    const apiKeyAsGrant = s.anonKey; // a valid JWT of the project, but not a URL grant
    for (const [kind, token] of [['forged', forged], ['other path', other], ['api key', apiKeyAsGrant], ['garbage', 'abc']] as const) {
      const res = await fetch(base + token);
      const text = await res.text();
      expect(res.status, kind).toBe(400);
      expect(JSON.parse(text), kind).toMatchObject({ error: 'InvalidSignature' });
      expect(text).not.toContain('bí mật');
    }

    // A signed-URL token is not an identity either.
    const grant = new URL((await admin.storage.from(NOPOLICY).createSignedUrl(key, 60)).data!.signedUrl).searchParams.get('token')!;
    expect(err((await withToken(grant).storage.from(NOPOLICY).download(key)).error)).toMatchObject({ statusCode: '403' });
  });
});

describe('storage: buckets', () => {
  it('creates, reads, updates, refuses to delete when not empty, empties and deletes', async () => {
    const id = `st-life-${run}`;
    expect((await admin.storage.createBucket(id, { public: false, fileSizeLimit: 1024, allowedMimeTypes: ['text/plain'] })).data).toEqual({ name: id });
    expect(err((await admin.storage.createBucket(id, { public: false })).error)).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect((await admin.storage.getBucket(id)).data).toMatchObject({ id, name: id, public: false, file_size_limit: 1024, allowed_mime_types: ['text/plain'] });
    expect((await admin.storage.listBuckets()).data!.map((b) => b.id)).toContain(id);

    expect((await admin.storage.updateBucket(id, { public: true, fileSizeLimit: '2KB', allowedMimeTypes: null })).error).toBeNull();
    expect((await admin.storage.getBucket(id)).data).toMatchObject({ public: true, file_size_limit: 2000, allowed_mime_types: null });

    expect((await admin.storage.from(id).upload('a/b.txt', Buffer.from('x'), { contentType: 'text/plain' })).error).toBeNull();
    expect(err((await admin.storage.deleteBucket(id)).error)).toMatchObject({ statusCode: '409' });
    expect((await admin.storage.emptyBucket(id)).error).toBeNull();
    expect(await rows(id)).toEqual([]);
    expect(filesUnder(path.join(root, id))).toEqual([]);
    expect((await admin.storage.deleteBucket(id)).error).toBeNull();
    expect(err((await admin.storage.getBucket(id)).error)).toMatchObject({ statusCode: '404' });
    expect(fs.existsSync(path.join(root, id))).toBe(false);
  });

  it('lists and creates buckets through RLS: users see none and create none without a policy', async () => {
    expect((await alice.storage.listBuckets()).data).toEqual([]);
    expect(err((await alice.storage.getBucket(PRIVATE)).error)).toMatchObject({ statusCode: '404' });
    const made = await alice.storage.createBucket(`st-user-${run}`, { public: true });
    expect(err(made.error)).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect(err((await anon.storage.deleteBucket(PUBLIC)).error)).toMatchObject({ statusCode: '404' });
  });

  it('refuses bucket names that are not safe folder names', async () => {
    for (const name of ['..', 'tmp', 'a/b', 'sổ']) {
      const res = await admin.storage.createBucket(name, { public: false });
      expect(err(res.error), name).toMatchObject({ statusCode: '400' });
    }
  });
});

describe('storage: hostile multipart bodies', () => {
  it('answers metadata that grows past the limit once decoded with a 413, stores nothing and keeps serving', async () => {
    const s = stackInfo();
    const boundary = `----sdt${crypto.randomUUID()}`;
    // Just under 1 MiB of 0xFF bytes: each decodes to U+FFFD (3 bytes), so the decoded metadata is ~3 MiB.
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n`),
      Buffer.alloc(1024 * 1024 - 64, 0xff),
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nxin chào\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${s.apiUrl}/storage/v1/object/${SMALL}/hostile.txt`, {
      method: 'POST',
      headers: { apikey: s.anonKey, Authorization: `Bearer ${s.serviceRoleKey}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const answer = await res.json();
    expect(res.status).toBe(400);
    expect(answer.statusCode).toBe('413');
    const { rows } = await su.query(`select 1 from storage.objects where bucket_id = $1 and name = 'hostile.txt'`, [SMALL]);
    expect(rows).toEqual([]);
    expect(fs.existsSync(path.join(root, SMALL, 'hostile.txt'))).toBe(false);
    expect(fs.readdirSync(path.join(root, 'tmp')).filter((f) => f.endsWith('.part'))).toEqual([]);
    // The server is still up.
    const again = await admin.storage.getBucket(SMALL);
    expect(again.error).toBeNull();
  });
});
