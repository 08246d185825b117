// The one public port, routing like Supabase's API gateway: /rest/v1 → PostgREST, /auth/v1 → auth,
// /storage/v1 → storage, /functions/v1/<name> → that function; the built admin at /. It checks the
// `apikey` header where Supabase's gateway does, answers CORS preflights, and answers a JSON 502 when a
// backend does not answer. It does not authorise rows: each backend verifies the caller's token itself.
// Three guards of its own (issue 11): request bodies are capped per service before a backend parses
// them (storage keeps its per-bucket limits); the OpenAPI description at /rest/v1/ is served to the
// service role only; the admin is served with a Content-Security-Policy.
// The admin's files are sent as the build's precompressed copies (brotli, else gzip, per Accept-Encoding),
// hashed assets cached for a year as immutable, index.html revalidated on every load (ETag, 304).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { verifyJwt, type StackKeys } from './keys.ts';

export interface GatewayRoutes {
  host: string;
  postgrest: number;
  auth: number;
  storage: number;
  /** name → port */
  functions: Map<string, number>;
  /** Built admin folder, or null when the admin is not served. */
  adminDir: string | null;
  /** JSON served at /config.json for the admin (API URL and anon key; never the service key). */
  adminConfig: { supabaseUrl: string; anonKey: string };
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, x-client-info, apikey, content-type, x-upsert, prefer, range, accept-profile, content-profile, x-supabase-api-version, cache-control, x-region, accept, accept-language',
  'access-control-expose-headers': 'content-range, content-profile, content-disposition, content-length, etag, x-total-count, preference-applied, x-sb-error-code',
  'access-control-max-age': '3600',
};

const MiB = 1024 * 1024;

/**
 * The largest request body each service takes, checked here before any backend parses it. The admin's
 * biggest writes (an Excel import of a class, a sheet of scores) are a few hundred kilobytes; files go
 * to storage, which enforces each bucket's own `file_size_limit` and so has no cap here. The auth
 * server caps its own bodies (1 MiB, auth/http.ts).
 */
export const BODY_LIMITS: Record<string, number | null> = {
  rest: 2 * MiB,
  functions: 6 * MiB,
  auth: null,
  storage: null,
};
/** An oversized body is read and dropped up to this size, so the client reads the 413; past it the connection is cut. */
const DRAIN_LIMIT = 64 * MiB;

function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number, service: string): void {
  refuseBody(req, res, 413, {
    code: '413',
    message: `Request body is larger than ${limit / MiB} MB (${limit} bytes), the most ${service} takes in one request`,
    hint: 'Send the data in smaller requests; files go to /storage/v1.',
  });
}

/** Answers without reading the body, then drops what the client still sends (up to DRAIN_LIMIT). */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/**
 * The admin's Content-Security-Policy. Scripts only from the admin's own files (Vite emits no inline
 * script); API calls only to the admin's own origin and the API origin it is configured with (`blob:`
 * is the downloaded evidence file the PDF preview reads: created by the page, it reaches no server).
 * style-src allows inline styles: antd 5 writes its CSS-in-JS into <style> elements at run time and
 * components set style attributes, which a nonce cannot cover; a style cannot run script, so the
 * script policy is what stops an injected script.
 */
export function adminCsp(apiOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${apiOrigin} blob:`,
    "worker-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...CORS_HEADERS, ...extra });
  res.end(data);
}

/** Where Supabase's gateway does not require an apikey (the backend authorises on its own). */
function isOpenRoute(pathname: string, method: string): boolean {
  if (pathname === '/auth/v1/.well-known/jwks.json' || pathname === '/auth/v1/health') return true;
  // The link in a recovery mail, opened by a browser that has no apikey (as on hosted Supabase).
  if (pathname === '/auth/v1/verify' && method === 'GET') return true;
  if (pathname.startsWith('/functions/v1/')) return true; // checked below: a valid JWT, as hosted
  if (method === 'GET' || method === 'HEAD') {
    if (pathname.startsWith('/storage/v1/object/sign/')) return true; // the signed token is the credential
    if (pathname.startsWith('/storage/v1/object/public/')) return true;
  }
  return false;
}

function proxy(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  host: string,
  port: number,
  upstreamPath: string,
  backend: string,
  bodyLimit: number | null = null,
): void {
  const declared = Number(req.headers['content-length']);
  if (bodyLimit !== null && Number.isFinite(declared) && declared > bodyLimit) {
    tooLarge(req, res, bodyLimit, backend);
    return;
  }
  // X-Forwarded-For is set from the socket, never taken from the client (the auth server's throttle
  // and logs rely on it).
  const headers = {
    ...req.headers,
    host: `${host}:${port}`,
    'x-forwarded-host': req.headers.host ?? '',
    'x-forwarded-proto': 'http',
    'x-forwarded-for': req.socket.remoteAddress ?? '',
  };
  const upstream = http.request({ host, port, method: req.method, path: upstreamPath, headers }, (up) => {
    const outHeaders: http.OutgoingHttpHeaders = { ...up.headers };
    for (const [k, v] of Object.entries(CORS_HEADERS)) outHeaders[k] = v;
    res.writeHead(up.statusCode ?? 502, outHeaders);
    up.pipe(res);
    up.on('error', () => res.destroy());
  });
  let refused = false;
  upstream.on('error', () => {
    if (refused) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 502, { message: 'An invalid response was received from the upstream server', backend });
  });
  if (bodyLimit !== null) {
    // A body without a (truthful) length is counted as it streams and cut at the limit.
    let size = 0;
    const count = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bodyLimit || refused) return;
      refused = true;
      req.off('data', count);
      req.unpipe(upstream);
      upstream.destroy();
      tooLarge(req, res, bodyLimit, backend);
    };
    req.on('data', count);
  }
  req.pipe(upstream);
  req.on('aborted', () => upstream.destroy());
}

/** Whether the request carries the service-role key as its token (Authorization, else apikey). */
async function isServiceRole(req: http.IncomingMessage, apikey: string | undefined, keys: StackKeys): Promise<boolean> {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? apikey;
  if (!token) return false;
  try {
    return (await verifyJwt(keys, token)).role === 'service_role';
  } catch {
    return false;
  }
}

function serveAdmin(req: http.IncomingMessage, res: http.ServerResponse, routes: GatewayRoutes, pathname: string): void {
  // Every answer of the admin's origin carries its policy, the 404 and 503 pages included.
  res.setHeader('content-security-policy', adminCsp(new URL(routes.adminConfig.supabaseUrl).origin));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'same-origin');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Static files only: a body sent here is not read (beyond the drain limit the connection is cut).
    res.setHeader('allow', 'GET, HEAD');
    refuseBody(req, res, 405, { message: `Method ${req.method} is not allowed: the admin is static files (GET)` });
    return;
  }
  if (pathname === '/config.json') {
    sendJson(res, 200, routes.adminConfig, { 'cache-control': 'no-store' });
    return;
  }
  const dir = routes.adminDir;
  if (!dir) {
    sendJson(res, 404, { message: 'The admin is not served by this stack (SDT_SERVE_ADMIN=false)' });
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    sendJson(res, 400, { message: 'Bad path' });
    return;
  }
  let file = path.resolve(dir, '.' + path.posix.normalize(rel));
  if (!file.startsWith(dir + path.sep) && file !== dir) {
    sendJson(res, 404, { message: 'Not found' });
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html'); // SPA fallback
  if (!fs.existsSync(file)) {
    sendJson(res, 503, { message: 'The admin has not been built yet' });
    return;
  }
  const ext = path.extname(file);
  // Hashed build files never change under their name; index.html (which names them) is revalidated.
  const immutable = rel.startsWith('/assets/') && file !== path.join(dir, 'index.html');
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const sent = encoding !== 'identity' && fs.existsSync(`${file}.${ENCODED_EXT[encoding]}`) ? `${file}.${ENCODED_EXT[encoding]}` : file;
  const stat = fs.statSync(sent);
  const contentEncoding = sent === file ? null : encoding;
  // One tag per representation: the compressed and the plain bytes differ.
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${contentEncoding ? `-${contentEncoding}` : ''}"`;
  const headers: Record<string, string | number> = {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'Accept-Encoding',
    etag,
  };
  if (contentEncoding) headers['content-encoding'] = contentEncoding;
  if (ifNoneMatch(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['content-length'] = stat.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(sent).pipe(res);
}

type Encoding = 'br' | 'gzip' | 'identity';
const ENCODED_EXT = { br: 'br', gzip: 'gz' } as const;

/**
 * The encoding to send for an Accept-Encoding header: brotli, else gzip, else the plain file. A coding
 * listed with q=0 is refused; `*` stands for any coding not listed. The build writes a `.br` and a `.gz`
 * copy of every file (admin/precompress-plugin.ts); when one is missing the plain file is sent.
 */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string) => (q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function createGateway(routes: GatewayRoutes, keys: StackKeys): http.Server {
  const validKeys = new Set([keys.anonKey, keys.serviceRoleKey]);
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const pathname = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(200, CORS_HEADERS);
      res.end();
      return;
    }
    const api = /^\/(rest|auth|storage|functions)\/v1(\/.*)?$/.exec(pathname);
    if (!api) {
      serveAdmin(req, res, routes, pathname);
      return;
    }
    const service = api[1]!;
    const rest = (api[2] ?? '/') + url.search;
    if (!isOpenRoute(pathname, method)) {
      const apikey = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
      if (!apikey) {
        sendJson(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
        return;
      }
      if (!validKeys.has(apikey)) {
        sendJson(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
        return;
      }
    }
    switch (service) {
      case 'rest':
        if ((api[2] ?? '/') === '/' && method === 'GET') {
          // The OpenAPI description lists every table, column and function: reconnaissance for
          // anyone holding the public anon key. Served to the service role (tooling) only. HEAD
          // stays open: it carries no description, and the status function reads PostgREST's
          // version from its Server header.
          const apikey = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
          void isServiceRole(req, apikey, keys).then((ok) => {
            if (ok) proxy(req, res, routes.host, routes.postgrest, rest, 'rest');
            else {
              sendJson(res, 403, {
                code: '42501',
                message: 'The API description (OpenAPI) is only served to the service role',
                hint: 'Read the published resources in docs/API.md, or call /rest/v1/ with the service-role key from a server.',
              });
            }
          });
          return;
        }
        proxy(req, res, routes.host, routes.postgrest, rest, 'rest', BODY_LIMITS.rest);
        return;
      case 'auth':
        proxy(req, res, routes.host, routes.auth, rest, 'auth');
        return;
      case 'storage':
        proxy(req, res, routes.host, routes.storage, rest, 'storage');
        return;
      default: {
        const name = /^\/([^/?]+)/.exec(rest)?.[1] ?? '';
        const port = routes.functions.get(name);
        if (port === undefined) {
          sendJson(res, 404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
          return;
        }
        // Hosted Supabase verifies the JWT before a function runs (verify_jwt = true, the default and
        // what supabase/config.toml declares for every function here); the function then identifies
        // the caller itself through the auth API.
        const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
        if (!token) {
          sendJson(res, 401, { code: 401, message: 'Missing authorization header' });
          return;
        }
        verifyJwt(keys, token).then(
          () => proxy(req, res, routes.host, port, rest, `functions/${name}`, BODY_LIMITS.functions),
          () => sendJson(res, 401, { code: 401, message: 'Invalid JWT' }),
        );
      }
    }
  });
}
