import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../admin/precompress-plugin.ts';
import { CLI_JWT_SECRET } from './config.ts';
import { createGateway, pickEncoding } from './gateway.ts';
import { loadKeys, type StackKeys } from './keys.ts';
import { freePort } from './common.ts';

let keys: StackKeys;
let gateway: http.Server;
let backend: http.Server;
let base: string;
let dir: string;
/** A hashed script of the fake build, large and repetitive enough that compression shows. */
const script = Buffer.from(Array.from({ length: 2000 }, (_, i) => `export const a${i} = "Sổ điểm ${i % 7}";`).join('\n'));
const seen: { url: string; auth?: string; xff?: string }[] = [];


beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-gw-'));
  keys = await loadKeys(dir, CLI_JWT_SECRET);
  const adminDir = path.join(dir, 'admin');
  fs.mkdirSync(adminDir);
  fs.writeFileSync(path.join(adminDir, 'index.html'), '<!doctype html><title>Sổ điện tử</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the admin folder');
  fs.mkdirSync(path.join(adminDir, 'assets'));
  fs.writeFileSync(path.join(adminDir, 'assets', 'index-AbC123.js'), script);
  fs.writeFileSync(path.join(adminDir, 'assets', 'plain-XyZ789.css'), 'body{margin:0}'); // no compressed copy
  await precompressDir(adminDir);
  fs.rmSync(path.join(adminDir, 'assets', 'plain-XyZ789.css.br'));
  fs.rmSync(path.join(adminDir, 'assets', 'plain-XyZ789.css.gz'));
  backend = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, xff: req.headers['x-forwarded-for'] as string | undefined });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url: req.url }));
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', () => r()));
  const up = (backend.address() as net.AddressInfo).port;
  const dead = await freePort(); // nothing listens here: the "storage" backend is down
  gateway = createGateway(
    { host: '127.0.0.1', postgrest: up, auth: up, storage: dead, functions: new Map([['status', up]]), adminDir, adminConfig: { supabaseUrl: 'http://x', anonKey: keys.anonKey } },
    keys,
  );
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(gateway.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  gateway.closeAllConnections();
  backend.closeAllConnections();
  await new Promise((r) => gateway.close(r));
  await new Promise((r) => backend.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('gateway', () => {
  it('routes /rest/v1 to PostgREST with the prefix stripped and the Authorization header kept', async () => {
    const res = await fetch(`${base}/rest/v1/students?select=id`, { headers: { apikey: keys.anonKey, Authorization: 'Bearer abc' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: '/students?select=id' });
    expect(seen.at(-1)?.auth).toBe('Bearer abc');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses an API request without an apikey, or with a key that is not the project\'s', async () => {
    const none = await fetch(`${base}/rest/v1/students`);
    expect(none.status).toBe(401);
    expect((await none.json()).message).toMatch(/No API key/);
    const wrong = await fetch(`${base}/auth/v1/user`, { headers: { apikey: 'eyJhbGciOiJIUzI1NiJ9.e30.x' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe('Invalid API key');
  });

  it('answers CORS preflights for the headers supabase-js sends', async () => {
    const res = await fetch(`${base}/rest/v1/students`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/apikey/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/x-client-info/);
  });

  it('answers a JSON 502 naming the backend when it is down', async () => {
    const res = await fetch(`${base}/storage/v1/bucket`, { headers: { apikey: keys.anonKey } });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ backend: 'storage' });
  });

  it('routes a function by name with its path, and 404s an unknown function', async () => {
    const auth = { Authorization: `Bearer ${keys.anonKey}` };
    const ok = await fetch(`${base}/functions/v1/status/x?y=1`, { method: 'POST', body: '{}', headers: auth });
    expect(await ok.json()).toEqual({ url: '/status/x?y=1' });
    const missing = await fetch(`${base}/functions/v1/nope`, { headers: auth });
    expect(missing.status).toBe(404);
  });

  it('verifies the JWT before a function runs (verify_jwt), as hosted Supabase does', async () => {
    const before = seen.length;
    const none = await fetch(`${base}/functions/v1/status`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()).message).toBe('Missing authorization header');
    const forged = await fetch(`${base}/functions/v1/status`, { method: 'POST', headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
    expect(forged.status).toBe(401);
    expect(seen.length).toBe(before); // the function never saw either request
  });

  it('sets X-Forwarded-For from the connection, never from the client', async () => {
    await fetch(`${base}/rest/v1/x`, { headers: { apikey: keys.anonKey, 'x-forwarded-for': '203.0.113.9' } });
    expect(seen.at(-1)?.xff).toBe('127.0.0.1');
  });

  it('serves the admin with an SPA fallback and never a file outside its folder', async () => {
    const page = await fetch(`${base}/students/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sổ điện tử');
    const escape = await fetch(`${base}/..%2fsecret.txt`);
    expect(await escape.text()).not.toContain('outside the admin folder');
    const cfg = await fetch(`${base}/config.json`);
    expect(await cfg.json()).toEqual({ supabaseUrl: 'http://x', anonKey: keys.anonKey });
  });

  it('serves a hashed asset as its brotli copy to a browser that accepts br, immutable for a year', async () => {
    const res = await raw('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('serves the gzip copy when br is not accepted, and the plain file when nothing is', async () => {
    const gz = await raw('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(script)).toBe(true);
    const refusedBr = await raw('/assets/index-AbC123.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(refusedBr.headers['content-encoding']).toBe('gzip');
    const none = await raw('/assets/index-AbC123.js', {});
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.headers.vary).toBe('Accept-Encoding');
    expect(none.body.equals(script)).toBe(true);
  });

  it('sends the plain file when the build has no compressed copy of it', async () => {
    const res = await raw('/assets/plain-XyZ789.css', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.body.toString()).toBe('body{margin:0}');
  });

  it('serves index.html compressed but revalidated on every load, and answers 304 to its ETag', async () => {
    const page = await raw('/', { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(page.body).toString()).toContain('Sổ điện tử');
    const etag = page.headers.etag as string;
    const again = await raw('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The tag names the representation: the gzip copy is not the brotli one.
    const gzip = await raw('/', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // An unknown path under assets/ is the SPA page, never cached as immutable.
    const missing = await raw('/assets/gone-123.js', {});
    expect(missing.headers['cache-control']).toBe('no-cache');
    const cfg = await raw('/config.json', { 'accept-encoding': 'br' });
    expect(cfg.headers['cache-control']).toMatch(/^no-(cache|store)$/);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await raw('/assets/index-AbC123.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(dir, 'admin', 'assets', 'index-AbC123.js.br')).size);
    expect(res.body.length).toBe(0);
  });
});

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, then identity, and honours q=0 and *', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip;q=0')).toBe('identity');
    expect(pickEncoding('identity')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('x-gzip')).toBe('gzip');
  });
});

/** A request whose body is read as sent (fetch would decompress it). */
function raw(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
