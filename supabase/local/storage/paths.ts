// Object keys and bucket names, and where their bytes live on disk (<root>/<bucket>/<key>).
// Keys accept any UTF-8 text (Vietnamese file names included), as current Supabase Storage does, minus
// what could escape the bucket folder or confuse a reader: `.`/`..` segments, a leading slash, empty
// segments, backslashes, control characters, S3's "characters to avoid" and invisible/bidi characters.
import path from 'node:path';

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** Largest file or folder name most Linux file systems accept (NAME_MAX), in bytes. */
export const MAX_SEGMENT_BYTES = 255;
/** The folder inside root that holds uploads in progress; no bucket may take this name. */
export const TMP_DIR = 'tmp';

// C0/C1 controls, DEL, S3's characters to avoid (# [ ] { } ^ ` " < > \ | % ~), and invisible or
// direction-changing code points that let a name look like another.
const FORBIDDEN_IN_KEY =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and invisible characters (a lone combining grapheme joiner among them) are what this refuses
  /[\u0000-\u001f\u007f-\u009f#[\]{}^`"<>\\|%~\u034f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

/** Bucket names follow Supabase's ASCII rule. */
const BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]+$/;

export type KeyCheck = { ok: true } | { ok: false; reason: string };

export function checkObjectKey(key: string): KeyCheck {
  if (typeof key !== 'string' || key.length === 0) return { ok: false, reason: 'empty key' };
  if (!isWellFormed(key)) return { ok: false, reason: 'key is not valid Unicode' };
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return { ok: false, reason: 'key is too long' };
  if (FORBIDDEN_IN_KEY.test(key)) return { ok: false, reason: 'key contains a forbidden character' };
  if (key.startsWith('/')) return { ok: false, reason: 'key must not start with /' };
  for (const segment of key.split('/')) {
    if (segment === '') return { ok: false, reason: 'key has an empty path segment' };
    if (segment === '.' || segment === '..') return { ok: false, reason: 'key has a . or .. segment' };
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) return { ok: false, reason: 'a key segment is too long' };
  }
  return { ok: true };
}

export function isValidObjectKey(key: string): boolean {
  return checkObjectKey(key).ok;
}

export function isValidBucketName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 100 &&
    BUCKET_NAME.test(name) &&
    name !== '.' &&
    name !== '..' &&
    name !== TMP_DIR
  );
}

/** No lone surrogates (String.prototype.isWellFormed is Node 20+, but typed only in newer libs). */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/**
 * Decodes the raw (percent-encoded) remainder of a request path. Returns null for malformed escapes.
 * No dot-segment normalisation happens here: `..` reaches the key check and is refused there.
 */
export function decodePathParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The file holding an object's bytes. Throws if the result would not lie strictly inside the bucket's
 * folder (a second line of defence: keys are validated before any file system access).
 */
export function objectFilePath(root: string, bucket: string, key: string): string {
  if (!isValidBucketName(bucket)) throw new Error(`refusing bucket folder for ${JSON.stringify(bucket)}`);
  if (!isValidObjectKey(key)) throw new Error(`refusing object path for ${JSON.stringify(key)}`);
  const bucketDir = path.resolve(root, bucket);
  const file = path.resolve(bucketDir, ...key.split('/'));
  if (!file.startsWith(bucketDir + path.sep)) throw new Error(`object path escapes its bucket: ${JSON.stringify(key)}`);
  return file;
}

export function bucketDirPath(root: string, bucket: string): string {
  if (!isValidBucketName(bucket)) throw new Error(`refusing bucket folder for ${JSON.stringify(bucket)}`);
  return path.resolve(root, bucket);
}
