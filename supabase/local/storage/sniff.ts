// Content sniffing: what an uploaded file really is, from its bytes, so that the declared type can be
// checked against it. Small on purpose: magic numbers for the types the project stores (PDF, PNG,
// JPEG, GIF, WebP, ZIP and the Office/OpenDocument formats built on it, legacy OLE2 Office files),
// executables, and a scanner that tells plain text from binary and finds HTML/SVG/XML markup.
import fs from 'node:fs/promises';

export type Markup = 'html' | 'svg' | 'xml';

export interface Sniffed {
  /** The detected type: a specific MIME type, `text/plain`, or `application/octet-stream`. */
  type: string;
  /** The bytes look like text (no binary control bytes, or a UTF-16 byte-order mark). */
  text: boolean;
  /** Markup a browser or XML parser would act on, found at the start or anywhere in a text file. */
  markup: Markup | null;
}

export const OOXML = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

export const ODF = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;

export const CFB_TYPE = 'application/x-cfb';
export const EXECUTABLE_TYPE = 'application/x-executable';

const startsWith = (b: Buffer, bytes: number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type announced by a file's first bytes, or null when no known signature matches. */
export function magicType(head: Buffer): string | null {
  // A PDF must start with its header: no preamble allowed, so HTML cannot hide in front of it.
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return CFB_TYPE;
  if (startsWith(head, ascii('MZ')) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return EXECUTABLE_TYPE;
  if (
    startsWith(head, [0xfe, 0xed, 0xfa, 0xce]) || startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xcf, 0xfa, 0xed, 0xfe])
  ) return EXECUTABLE_TYPE;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Text and markup
// ---------------------------------------------------------------------------------------------------

/** Tags that make a document active when a browser or XML parser reads it. */
const ACTIVE_TAGS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'html', 'head', 'body', 'meta', 'link',
  'style', 'base', 'form', 'img', 'math', 'xml', 'applet', 'template', 'foreignobject', 'xsl:stylesheet',
];
const ANYWHERE = new RegExp(`<(?:(?:${ACTIVE_TAGS.join('|').replace(/\./g, '\\.')})[\\s/>]|!doctype|\\?xml)`, 'i');
/** Tags that open an HTML document (the WHATWG sniffing list), after optional BOM and whitespace. */
const HTML_START =
  /^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>/]/i;

function classifyMarkupStart(text: string): Markup | null {
  // eslint-disable-next-line no-control-regex -- leading NULs are skipped as browsers do when sniffing
  const t = text.replace(/^\ufeff/, '').replace(/^[\s\u0000]+/, '');
  if (/^<\?xml[\s?]/i.test(t)) return /<svg[\s>/]/i.test(t) ? 'svg' : 'xml';
  if (/^<svg[\s>/]/i.test(t)) return 'svg';
  if (HTML_START.test(t)) return 'html';
  if (/^<!doctype\s+svg/i.test(t)) return 'svg';
  if (/^<!doctype/i.test(t)) return 'html';
  return null;
}

function markupKind(match: string): Markup {
  const m = match.toLowerCase();
  if (m.startsWith('<svg') || m.startsWith('<foreignobject')) return 'svg';
  if (m.startsWith('<?xml') || m.startsWith('<xml') || m.startsWith('<xsl:')) return 'xml';
  return 'html';
}

/** Controls that do not occur in text files: everything below 0x20 except \t \n \v \f \r, SUB, ESC. */
function isBinaryByte(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b;
}

/**
 * Streams a file's bytes once: decides text vs binary and looks for active markup anywhere (with an
 * overlap between chunks so a tag split across chunks is still found). UTF-16 files with a BOM are
 * decoded before the markup search.
 */
export class TextScanner {
  private first = true;
  private utf16: 'utf16le' | 'utf16be' | null = null;
  private binary = false;
  private anywhere: Markup | null = null;
  private startText = '';
  private carry = '';
  private pendingByte: Buffer | null = null;

  feed(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.first) {
      this.first = false;
      if (startsWith(chunk, [0xff, 0xfe])) this.utf16 = 'utf16le';
      else if (startsWith(chunk, [0xfe, 0xff])) this.utf16 = 'utf16be';
    }
    let text: string;
    if (this.utf16) {
      let bytes = this.pendingByte ? Buffer.concat([this.pendingByte, chunk]) : chunk;
      this.pendingByte = null;
      if (bytes.length % 2 === 1) {
        this.pendingByte = bytes.subarray(bytes.length - 1);
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      if (this.utf16 === 'utf16be') bytes = Buffer.from(bytes).swap16();
      text = bytes.toString('utf16le');
      for (let i = 0; i < text.length && !this.binary; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x20 && isBinaryByte(c)) this.binary = true;
      }
    } else {
      if (!this.binary) for (const b of chunk) if (isBinaryByte(b)) { this.binary = true; break; }
      // latin1 keeps one character per byte: tags are ASCII, so nothing is lost for the search.
      text = chunk.toString('latin1');
      if (this.startText === '' && this.carry === '' && text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3); // UTF-8 BOM
    }
    if (this.startText.length < 1024) this.startText += text.slice(0, 1024 - this.startText.length);
    if (!this.anywhere) {
      const window = this.carry + text;
      const m = ANYWHERE.exec(window);
      if (m) this.anywhere = markupKind(m[0]);
      this.carry = window.slice(-24);
    }
  }

  /**
   * Nothing more to learn: the bytes are binary (markup deep inside binary data is meaningless, and
   * random bytes spell a tag now and then) and the start has been seen.
   */
  get settled(): boolean {
    return this.binary && this.startText.length >= 1024;
  }

  result(): { text: boolean; markupStart: Markup | null; markupAnywhere: Markup | null } {
    return { text: !this.binary, markupStart: classifyMarkupStart(this.startText), markupAnywhere: this.anywhere };
  }
}

// ---------------------------------------------------------------------------------------------------
// ZIP containers: Office Open XML and OpenDocument
// ---------------------------------------------------------------------------------------------------

/** Which Office format a ZIP holds, from its entry names and (OpenDocument) its `mimetype` entry. */
export function zipContainerType(names: readonly string[], odfMimetype: string | null): string {
  if (odfMimetype && (Object.values(ODF) as string[]).includes(odfMimetype)) return odfMimetype;
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return OOXML.docx;
    if (names.some((n) => n.startsWith('xl/'))) return OOXML.xlsx;
    if (names.some((n) => n.startsWith('ppt/'))) return OOXML.pptx;
  }
  return 'application/zip';
}

/** OpenDocument puts an uncompressed `mimetype` entry first; returns its content if present. */
export function odfMimetype(head: Buffer): string | null {
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || head.length < 30) return null;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLen = head.readUInt16LE(26);
  const extraLen = head.readUInt16LE(28);
  if (method !== 0 || size > 200 || head.length < 30 + nameLen + extraLen + size) return null;
  if (head.toString('latin1', 30, 30 + nameLen) !== 'mimetype') return null;
  return head.toString('latin1', 30 + nameLen + extraLen, 30 + nameLen + extraLen + size);
}

type Reader = (position: number, length: number) => Promise<Buffer>;

/** Entry names from a ZIP's central directory, or null when the end record cannot be found. */
export async function zipEntryNames(read: Reader, size: number): Promise<string[] | null> {
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size || cdSize > 16 * 1024 * 1024) return null; // ZIP64 or damaged: plain zip
  const cd = await read(cdOffset, cdSize);
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < count && p + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) break;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------
// Whole files
// ---------------------------------------------------------------------------------------------------

const HEAD_BYTES = 4096;

/** Sniffs a complete file in memory (tests, small bodies). */
export async function sniffBuffer(data: Buffer): Promise<Sniffed> {
  return sniffWith(
    async (position, length) => data.subarray(position, position + length),
    data.length,
    async (scanner) => scanner.feed(data),
  );
}

/** Sniffs a file on disk: its head, its central directory if a ZIP, all of it if it may be text. */
export async function sniffFile(file: string): Promise<Sniffed> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const read: Reader = async (position, length) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    };
    return await sniffWith(read, size, async (scanner) => {
      const chunk = Buffer.alloc(256 * 1024);
      for (let pos = 0; pos < size && !scanner.settled; ) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
        if (bytesRead === 0) break;
        scanner.feed(chunk.subarray(0, bytesRead));
        pos += bytesRead;
      }
    });
  } finally {
    await fh.close();
  }
}

async function sniffWith(read: Reader, size: number, scanAll: (s: TextScanner) => Promise<void>): Promise<Sniffed> {
  const head = await read(0, Math.min(size, HEAD_BYTES));
  const magic = magicType(head);
  if (magic === 'application/zip') {
    const names = (await zipEntryNames(read, size)) ?? [];
    return { type: zipContainerType(names, odfMimetype(head)), text: false, markup: null };
  }
  if (magic) return { type: magic, text: false, markup: null };
  const scanner = new TextScanner();
  await scanAll(scanner);
  const { text, markupStart, markupAnywhere } = scanner.result();
  const markup = markupStart ?? (text ? markupAnywhere : null);
  const type = markupStart === 'html' ? 'text/html' : markupStart === 'svg' ? 'image/svg+xml'
    : markupStart === 'xml' ? 'application/xml' : text ? 'text/plain' : 'application/octet-stream';
  return { type, text, markup };
}
