// Receiving an upload: the request body (raw, or the file part of multipart/form-data as storage-js
// sends from Node and browsers) is streamed into a temporary file, counting bytes as they arrive and
// stopping at the first byte over the limit. Nothing is buffered in memory beyond a chunk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ERRORS, StorageError } from './errors.ts';

export interface Received {
  size: number;
  /** Hex MD5 of the bytes (the ETag, as S3 and Supabase Storage give it for single-part uploads). */
  md5: string;
  /** Content type as declared by the client (multipart: the part's type, or a `contentType` field). */
  declaredType: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | undefined;
}

export interface ReceiveOptions {
  tmp: string;
  limit: number;
  /** Called with the declared type before any byte is written; throws to refuse the upload. */
  checkDeclaredType: (type: string) => void;
}

const MAX_METADATA_BYTES = 1024 * 1024;

export function isMultipart(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** Receives the body into `opts.tmp`. On failure the temporary file is closed (the caller removes it). */
export async function receiveUpload(req: http.IncomingMessage, opts: ReceiveOptions): Promise<Received> {
  return isMultipart(req) ? receiveMultipart(req, opts) : receiveRaw(req, opts);
}

async function receiveRaw(req: http.IncomingMessage, opts: ReceiveOptions): Promise<Received> {
  const declaredType = (req.headers['content-type'] ?? '').trim() || 'application/octet-stream';
  opts.checkDeclaredType(declaredType);
  const { size, md5 } = await writeTemp(req, opts.tmp, opts.limit);
  return {
    size,
    md5,
    declaredType,
    cacheControl: headerString(req.headers['cache-control']) ?? 'no-cache',
    userMetadata: parseMetadataHeader(headerString(req.headers['x-metadata'])),
  };
}

function receiveMultipart(req: http.IncomingMessage, opts: ReceiveOptions): Promise<Received> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, parts: 30, fieldSize: MAX_METADATA_BYTES, fileSize: opts.limit + 1 },
      });
    } catch (e) {
      reject(ERRORS.invalidRequest(`Invalid multipart body: ${(e as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<{ size: number; md5: string }> | null = null;
    let fileStream: Readable | null = null;
    let declaredType = '';
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume(); // the caller drains the rest before answering
      if (file && fileStream) {
        // Stop the write and reject only once the temp file is closed, so the caller's removal of it
        // cannot race the write (and no descriptor stays open).
        fileStream.destroy();
        file.then(() => reject(e), () => reject(e));
      } else {
        reject(e);
      }
    };

    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(ERRORS.entityTooLarge('user_metadata'));
        return;
      }
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      if (file || settled) {
        stream.resume();
        return;
      }
      declaredType = (fields.contentType ?? info.mimeType ?? '').trim() || 'application/octet-stream';
      try {
        opts.checkDeclaredType(declaredType);
      } catch (e) {
        stream.resume();
        fail(e);
        return;
      }
      fileStream = stream;
      file = writeTemp(stream, opts.tmp, opts.limit);
      file.catch(fail);
    });
    bb.on('error', (e) => fail(ERRORS.invalidRequest(`Invalid multipart body: ${(e as Error).message}`)));
    bb.on('close', () => {
      if (settled) return;
      if (!file) {
        fail(ERRORS.noContent());
        return;
      }
      file.then(
        ({ size, md5 }) => {
          if (settled) return;
          let received: Received;
          try {
            const cacheTime = fields.cacheControl;
            received = {
              size,
              md5,
              declaredType,
              cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
              userMetadata: parseMetadataJson(fields.metadata ?? fields.userMetadata),
            };
          } catch (e) {
            fail(e); // bad metadata: answered as a 4xx, never an unhandled rejection
            return;
          }
          settled = true;
          resolve(received);
        },
        fail,
      );
    });
    req.on('close', () => {
      if (!req.complete) fail(interrupted());
    });
    req.pipe(bb);
  });
}

/**
 * Streams `source` into a new file at `tmp` (created exclusively, mode 0600), failing with 413 as soon
 * as the byte count passes `limit`. Always waits for the file to be closed before settling, so the
 * caller can remove it without racing the open.
 */
export function writeTemp(source: Readable, tmp: string, limit: number): Promise<{ size: number; md5: string }> {
  return new Promise((resolve, reject) => {
    if (source.destroyed || source.readableAborted) {
      reject(interrupted());
      return;
    }
    const ws = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    const hash = crypto.createHash('md5');
    let size = 0;
    let failed = false;
    let ended = false;

    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      source.off('data', onData);
      source.resume(); // keep the rest flowing (discarded) so the request can be answered
      if (ws.closed) reject(e);
      else {
        ws.once('close', () => reject(e));
        ws.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(ERRORS.entityTooLarge());
        return;
      }
      hash.update(chunk);
      if (!ws.write(chunk)) {
        source.pause();
        ws.once('drain', () => {
          if (!failed) source.resume();
        });
      }
    };
    source.on('data', onData);
    source.once('end', () => {
      ended = true;
      if (!failed) ws.end();
    });
    source.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNRESET' || e.message === 'aborted' ? interrupted() : e));
    source.once('close', () => {
      if (!ended) fail(interrupted());
    });
    // busboy marks a file stream truncated when it passes its own fileSize limit (set to limit + 1).
    source.once('limit', () => fail(ERRORS.entityTooLarge()));
    ws.once('error', (e) => fail(e));
    ws.once('close', () => {
      if (!failed) resolve({ size, md5: hash.digest('hex') });
    });
  });
}

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseMetadataJson(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  if (Buffer.byteLength(raw) > MAX_METADATA_BYTES) {
    throw ERRORS.entityTooLarge('user_metadata');
  }
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // the real server ignores metadata it cannot parse
  }
}

function parseMetadataHeader(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  return parseMetadataJson(Buffer.from(raw, 'base64').toString('utf8'));
}

export async function removeQuietly(file: string): Promise<void> {
  await fsp.rm(file, { force: true }).catch(() => undefined);
}

const interrupted = () => new StorageError(400, 'Aborted', 'The upload was interrupted');
