import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_JWT_SECRET } from './config.ts';
import { createGateway } from './gateway.ts';
import { loadKeys, type StackKeys } from './keys.ts';

let keys: StackKeys;
let gateway: http.Server;
let backend: http.Server;
let base: string;
let dir: string;
const seen: { url: string; auth?: string; xff?: string }[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdt-gw-'));
  keys = await loadKeys(dir, CLI_JWT_SECRET);
  const adminDir = path.join(dir, 'admin');
  fs.mkdirSync(adminDir);
  fs.writeFileSync(path.join(adminDir, 'index.html'), '<!doctype html><title>Sổ điện tử</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the admin folder');
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
});
