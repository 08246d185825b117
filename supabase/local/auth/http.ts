// HTTP plumbing of the auth server: request context, bounded body reading, JSON answers.
import type http from 'node:http';
import net from 'node:net';
import type { AuthServerOptions } from './server.ts';
import { API_VERSION_HEADER, AuthApiError, errorBody, errorHeaders, negotiateApiVersion, type ApiVersion } from './errors.ts';

/** Bodies above this are refused with 413 (GoTrue's own limit is smaller; 1 MB leaves room for metadata). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Ctx {
  opts: AuthServerOptions;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  version: ApiVersion;
  ip: string | null;
  userAgent: string | null;
  body(): Promise<string>;
}

export function makeCtx(opts: AuthServerOptions, req: http.IncomingMessage, res: http.ServerResponse): Ctx {
  const url = new URL(req.url ?? '/', 'http://auth.local');
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  let bodyPromise: Promise<string> | null = null;
  return {
    opts,
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query: url.searchParams,
    version: negotiateApiVersion(req.headers[API_VERSION_HEADER]),
    ip: clientIp(req),
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 1000) : null,
    body: () => (bodyPromise ??= readBody(req)),
  };
}

function clientIp(req: http.IncomingMessage): string | null {
  const fwd = req.headers['x-forwarded-for'];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
  const candidate = first || req.socket.remoteAddress || '';
  const ip = candidate.startsWith('::ffff:') && net.isIPv4(candidate.slice(7)) ? candidate.slice(7) : candidate;
  return net.isIP(ip) ? ip : null;
}

/**
 * An oversized upload is read to its end (and discarded) before the 413 goes out: a client — or the
 * gateway relaying it — that gets an answer while still sending may stall or reset the connection.
 * Past this many bytes the 413 goes out at once and the connection is closed instead.
 */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let oversized = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
      settle(() => reject(tooLarge(true)));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        settle(() => reject(tooLarge(true)));
        return;
      }
      if (size > MAX_BODY_BYTES) {
        oversized = true;
        chunks.length = 0;
      }
      if (!oversized) chunks.push(chunk);
    });
    req.on('end', () => settle(() => (oversized ? reject(tooLarge(false)) : resolve(Buffer.concat(chunks).toString('utf8')))));
    req.on('error', (e) => settle(() => reject(e)));
    // The client went away before the body was complete.
    req.on('close', () => settle(() => reject(new Error('request closed before its body was complete'))));
  });
}

function tooLarge(closeConnection: boolean): AuthApiError {
  return new AuthApiError(
    413,
    'validation_failed',
    `Request body is larger than ${MAX_BODY_BYTES} bytes`,
    {},
    closeConnection ? { Connection: 'close' } : {},
  );
}

function baseHeaders(): Record<string, string> {
  return { 'Cache-Control': 'no-store' };
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ctx.res.headersSent) return;
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    ...baseHeaders(),
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  ctx.res.end(text);
}

export function sendEmpty(ctx: Ctx, status: number): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(status, baseHeaders());
  ctx.res.end();
}

export function sendError(ctx: Ctx, err: AuthApiError): void {
  sendJson(ctx, err.status, errorBody(err, ctx.version), { ...errorHeaders(err, ctx.version), ...err.headers });
  // An upload too large even to drain: answer, then cut the connection.
  if (err.headers.Connection === 'close') ctx.res.once('finish', () => ctx.req.socket.destroy());
}
