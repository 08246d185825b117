// MIME types: parsing, a bucket's allowed_mime_types (exact types and `type/*` wildcards), and whether a
// declared type agrees with what sniffing found in the bytes.
import { CFB_TYPE, EXECUTABLE_TYPE, ODF, OOXML, type Sniffed } from './sniff.ts';

export interface Mime {
  type: string;
  subtype: string;
  /** `type/subtype`, lower-case, without parameters. */
  essence: string;
}

const TOKEN = /^[a-z0-9!#$&^_.+-]+$/;

/** Parses `type/subtype; params` (parameters ignored). Returns null for anything else. */
export function parseMime(value: string | null | undefined): Mime | null {
  if (typeof value !== 'string') return null;
  const essence = value.split(';')[0]!.trim().toLowerCase();
  const parts = essence.split('/');
  if (parts.length !== 2) return null;
  const [type, subtype] = parts as [string, string];
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  return { type, subtype, essence };
}

/** A pattern accepted in allowed_mime_types: `type/subtype`, `type/*` or `*\/*`. */
export function isValidMimePattern(pattern: string): boolean {
  if (typeof pattern !== 'string') return false;
  const p = pattern.trim().toLowerCase();
  if (p === '*/*') return true;
  const m = /^([a-z0-9!#$&^_.+-]+)\/(\*|[a-z0-9!#$&^_.+-]+)$/.exec(p);
  return m !== null;
}

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'text/x-csv': 'text/csv',
  'application/csv': 'text/csv',
};
const canonical = (essence: string) => ALIASES[essence] ?? essence;

/**
 * Types a browser or XML parser executes or renders as a document: HTML, XHTML, SVG, any XML,
 * JavaScript. They are stored only in buckets that name them explicitly (a wildcard is not enough).
 */
export function isActiveType(essence: string): boolean {
  return (
    essence === 'text/html' ||
    essence === 'text/xml' ||
    essence === 'application/xml' ||
    essence.endsWith('+xml') ||
    essence === 'text/javascript' ||
    essence === 'application/javascript' ||
    essence === 'application/x-javascript' ||
    essence === 'application/ecmascript' ||
    essence === 'text/ecmascript' ||
    essence === 'multipart/x-mixed-replace'
  );
}

/**
 * Whether a bucket accepts a type. `allowed` null or empty means any type, except active types, which
 * must be listed exactly (so `text/*` does not admit text/html, nor `image/*` image/svg+xml).
 */
export function isMimeAllowed(essence: string, allowed: readonly string[] | null | undefined): boolean {
  const patterns = (allowed ?? []).map((p) => p.trim().toLowerCase()).filter(Boolean);
  const active = isActiveType(essence);
  if (patterns.length === 0) return !active;
  const target = canonical(essence);
  for (const p of patterns) {
    if (p === essence || canonical(p) === target) return true;
    if (active) continue;
    if (p === '*/*' || p === '*') return true;
    const [type, sub] = p.split('/');
    if (sub === '*' && type === essence.split('/')[0]) return true;
  }
  return false;
}

const TEXT_TYPES = new Set([
  'application/json',
  'application/x-ndjson',
  'application/ld+json', // ends with +json, not +xml: plain data
]);
const CFB_DECLARED = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/x-ole-storage',
  CFB_TYPE,
]);
const EXECUTABLE_DECLARED = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-elf',
  'application/x-sharedlib',
  'application/x-mach-binary',
]);
const ZIP_FAMILY = new Set<string>(['application/zip', ...Object.values(OOXML), ...Object.values(ODF)]);
const EXACT_MAGIC = new Set<string>([
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', ...Object.values(OOXML), ...Object.values(ODF),
]);

/**
 * Checks the declared type against the sniffed content. Returns null when they agree, otherwise a
 * sentence saying why not. Rules: a type with a signature we know must have that signature; a text
 * type must be text without active markup; an active type must be text; any other type is accepted
 * unless the bytes are markup or an executable (which must be declared as such).
 */
export function contentMismatch(declaredEssence: string, sniffed: Sniffed): string | null {
  const declared = canonical(declaredEssence);
  const found = sniffed.type;
  const no = (what: string) => `the content (${what}) does not match the declared type ${declaredEssence}`;

  if (EXACT_MAGIC.has(declared)) return found === declared ? null : no(found);
  if (declared === 'application/zip') return ZIP_FAMILY.has(found) ? null : no(found);
  if (CFB_DECLARED.has(declared)) return found === CFB_TYPE ? null : no(found);
  if (EXECUTABLE_DECLARED.has(declared)) return found === EXECUTABLE_TYPE ? null : no(found);

  if (isActiveType(declared)) {
    return sniffed.text && (found === 'text/plain' || found === 'text/html' || found === 'image/svg+xml' || found === 'application/xml')
      ? null
      : no(found);
  }
  if (declared.startsWith('text/') || TEXT_TYPES.has(declared)) {
    if (found !== 'text/plain' || !sniffed.text) return no(found);
    if (sniffed.markup) return no(`${sniffed.markup.toUpperCase()} markup`);
    return null;
  }
  // Types we cannot verify (octet-stream, audio, video, other images…): refuse what is clearly
  // something dangerous in disguise.
  if (sniffed.markup) return no(`${sniffed.markup.toUpperCase()} markup`);
  if (found === EXECUTABLE_TYPE) return no('an executable');
  return null;
}

/**
 * What storage-js declares for a body that is neither a Blob nor FormData when the caller gives no
 * `contentType` (its DEFAULT_FILE_OPTIONS). It says nothing about the bytes, so the type is taken
 * from them instead (see typeForClientDefault).
 */
export const CLIENT_DEFAULT_TYPE = 'text/plain;charset=UTF-8';

/** Whether a declared Content-Type is storage-js's generic default (case and spaces aside). */
export function isClientDefaultType(declared: string): boolean {
  return declared.replace(/\s+/g, '').toLowerCase() === CLIENT_DEFAULT_TYPE.toLowerCase();
}

/**
 * The type to store for bytes declared with the client's generic default: the declared default for
 * plain text (as Supabase stores it), the signature's type for a file we recognise (JPEG, PDF, Office…),
 * `application/octet-stream` for other binary data. HTML, SVG, XML and script markup and executables
 * are refused (a sentence saying why), exactly as when they are declared as plain text.
 */
export function typeForClientDefault(sniffed: Sniffed): { type: string } | { refused: string } {
  if (sniffed.markup) return { refused: `the content is ${sniffed.markup.toUpperCase()} markup` };
  if (sniffed.type === EXECUTABLE_TYPE) return { refused: 'the content is an executable' };
  if (sniffed.text && sniffed.type === 'text/plain') return { type: CLIENT_DEFAULT_TYPE };
  if (isActiveType(sniffed.type)) return { refused: `the content is ${sniffed.type}` };
  return { type: sniffed.type };
}
