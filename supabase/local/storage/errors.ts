// Errors of the storage API, shaped like Supabase Storage's: the body is
// `{ statusCode: "<logical status>", code, error, message }` and — as the real server does — the HTTP
// status is 400 for every logical status except 500 (storage-js exposes the body's statusCode as
// `error.statusCode` and the HTTP status as `error.status`).
import pg from 'pg';

export class StorageError extends Error {
  constructor(
    /** The logical status carried in the body (`statusCode`), e.g. 404 for a missing object. */
    readonly status: number,
    /** Supabase Storage's ErrorCode, e.g. `NoSuchKey`. */
    readonly code: string,
    message: string,
    /** The legacy `error` field (e.g. `not_found`, `Duplicate`); defaults to `code`. */
    readonly error: string = code,
    /** HTTP status sent; defaults to the real server's rule (500 → 500, anything else → 400). */
    readonly httpStatus: number = status >= 500 ? 500 : 400,
  ) {
    super(message);
  }

  body(): { statusCode: string; code: string; error: string; message: string } {
    return { statusCode: String(this.status), code: this.code, error: this.error, message: this.message };
  }
}

export const ERRORS = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${printable(key)}`),
  invalidBucketName: (name: string) =>
    new StorageError(400, 'InvalidBucketName', `Bucket name invalid: ${printable(name)}`, 'Invalid Input'),
  invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
  missingParameter: (name: string) => new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
  invalidParameter: (name: string, message?: string) =>
    new StorageError(400, 'InvalidParameter', message ?? `Invalid Parameter ${name}`),
  accessDenied: (message: string) => new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
  invalidJwt: (message: string) => new StorageError(400, 'InvalidJWT', message),
  duplicateObject: () => new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
  duplicateBucket: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  /** The real server's words (ERRORS.EntityTooLarge): the limit itself is not named. */
  entityTooLarge: (entity = 'object') =>
    new StorageError(413, 'EntityTooLarge', `The ${entity} exceeded the maximum allowed size`, 'Payload too large'),
  invalidMimeType: (message: string) => new StorageError(415, 'InvalidMimeType', message, 'invalid_mime_type'),
  invalidFileSizeLimit: () =>
    new StorageError(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
  invalidSignature: (message = 'Invalid signature') => new StorageError(400, 'InvalidSignature', message),
  expiredToken: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
  databaseTimeout: () => new StorageError(544, 'DatabaseTimeout', 'The connection to the database timed out', 'DatabaseTimeout', 544),
  internal: () => new StorageError(500, 'InternalError', 'Internal server error', 'internal'),
  routeNotFound: (method: string, path: string) =>
    new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, 'Not Found', 404),
};

/** Keeps control characters out of messages (they end up in logs and JSON). */
function printable(s: string): string {
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s).slice(1, -1);
}

/** Maps a Postgres error raised while acting as the caller to the storage error the real server gives. */
export function fromPgError(e: unknown, what: 'object' | 'bucket' | 'bucket-delete' = 'object'): StorageError | null {
  if (!(e instanceof pg.DatabaseError)) return null;
  switch (e.code) {
    case '42501':
      return ERRORS.accessDenied(
        e.message.includes('row-level security') ? 'new row violates row-level security policy' : e.message,
      );
    case '23505':
      return what === 'object' ? ERRORS.duplicateObject() : ERRORS.duplicateBucket();
    case '23503':
      return what === 'bucket-delete' ? ERRORS.bucketNotEmpty() : ERRORS.noSuchBucket();
    case '57014':
      return ERRORS.databaseTimeout();
    case '22P02':
      return ERRORS.invalidParameter('value', 'Invalid value format or type conversion failed');
    default:
      return null;
  }
}
