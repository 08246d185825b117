// File size limits: a bucket's `file_size_limit` (bytes, or Supabase's "20GB / 20MB / 30KB / 3B"
// strings with decimal units) and the server-wide maximum that applies to every upload.

/** Supabase Storage's default global upload limit (FILE_SIZE_LIMIT=52428800, the Free plan's 50 MB). */
export const DEFAULT_GLOBAL_LIMIT = 50 * 1024 * 1024;

export class SizeLimitError extends Error {}

/**
 * Parses a bucket limit as the API accepts it: a non-negative integer number of bytes, a string such
 * as "10MB" (1 MB = 1 000 000 bytes, as Supabase computes it), or null/undefined for "no limit".
 */
export function parseSizeLimit(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new SizeLimitError('file_size_limit must be a non-negative integer');
    return value;
  }
  if (typeof value === 'string') {
    const m = /^([0-9]+(?:\.[0-9]+)?)\s*(gb|mb|kb|b)$/i.exec(value.trim());
    if (!m) throw new SizeLimitError('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
    const n = parseFloat(m[1]!);
    const unit = m[2]!.toUpperCase();
    const factor = unit === 'GB' ? 1e9 : unit === 'MB' ? 1e6 : unit === 'KB' ? 1e3 : 1;
    const bytes = Math.round(n * factor);
    if (!Number.isSafeInteger(bytes)) throw new SizeLimitError('file_size_limit is too large');
    return bytes;
  }
  throw new SizeLimitError('file_size_limit must be a number or a string such as "10MB"');
}

/** The limit an upload to a bucket must respect: the bucket's own, capped by the global one. */
export function effectiveLimit(bucketLimit: number | string | null | undefined, globalLimit: number): number {
  const n = bucketLimit === null || bucketLimit === undefined ? null : Number(bucketLimit);
  if (n === null || !Number.isFinite(n) || n < 0) return globalLimit;
  return Math.min(n, globalLimit);
}
