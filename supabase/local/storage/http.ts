// Small HTTP helpers: JSON answers, JSON bodies, and finishing a request body before answering (an
// early answer while the client is still sending makes many clients, and the gateway's proxy, see a
// reset connection instead of the answer).
import type http from 'node:http';
import { ERRORS, StorageError } from './errors.ts';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(data);
}

/** Reads at most `max` bytes of JSON. An empty body is `{}` (storage-js sends `{}` or nothing). */
export async function readJson(req: http.IncomingMessage, max = 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new StorageError(413, 'EntityTooLarge', 'The request body is too large', 'Payload too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw ERRORS.invalidRequest('Body is not valid JSON');
  }
}

export interface DrainLimits {
  maxBytes: number;
  maxMs: number;
}

/**
 * Reads and discards what is left of a request body. Resolves true once the body has ended, false if
 * it did not end within the limits (the answer is then sent with `Connection: close`).
 */
export function drainRequest(req: http.IncomingMessage, limits: DrainLimits): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onError);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) done(false);
    };
    const onEnd = () => done(true);
    const onClose = () => done(req.complete);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), limits.maxMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.once('error', onError);
    req.resume();
  });
}
