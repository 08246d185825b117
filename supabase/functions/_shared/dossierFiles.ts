// What an uploaded electronic dossier file really is (issue 17), decided from its bytes and never from
// its name or the type the browser declared: PDF, PNG and JPEG by their signatures; DOCX, XLSX and ODT by
// the entries of their zip — only the names are listed, and the one small entry the decision needs
// ([Content_Types].xml, or an OpenDocument's `mimetype`) is inflated. Refused, each with its own code and
// a Vietnamese sentence a teacher understands, naming the file: an empty file, a program (Windows, Linux,
// macOS or a #! script), markup a browser would run (SVG, HTML, XML: any text starting with `<`), an
// Office file with macros (a vbaProject.bin, a macro-enabled content type, Excel 4 macro sheets, an
// OpenDocument's Basic/ or Scripts/), a legacy OLE2 Office file (.doc/.xls), a damaged zip, anything
// else; then a name whose extension disagrees with the content (the dangerous checks come first, so a
// program renamed .pdf is called a program), and a type the dossier item does not accept.
// Pure on purpose (fflate only, no Deno or Node API): the dossiers function and the tests import it alike.
import { strFromU8, unzipSync } from 'fflate';

export const DOSSIER_TYPES = ['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg'] as const;
export type DossierFileType = (typeof DOSSIER_TYPES)[number];

/** The Content-Type each type is stored and served with. */
export const CONTENT_TYPES: Record<DossierFileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** How a type is named to a teacher (lists of accepted types). */
export const TYPE_LABELS: Record<DossierFileType, string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  odt: 'OpenDocument (ODT)',
  png: 'Ảnh PNG',
  jpeg: 'Ảnh JPEG',
};

export type Sniffed = { ok: true; type: DossierFileType; contentType: string } | { ok: false; code: string; message: string };

/** The same names inside a sentence ("nội dung là ảnh PNG"). */
const CONTENT_NAMES: Record<DossierFileType, string> = { ...TYPE_LABELS, png: 'ảnh PNG', jpeg: 'ảnh JPEG' };

/** The extension safeFileName gives each type; the extensions a name may have for it (lower case). */
const EXTENSION: Record<DossierFileType, string> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', odt: 'odt', png: 'png', jpeg: 'jpg' };
const TYPE_OF_EXTENSION: Record<string, DossierFileType> = {
  pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', odt: 'odt', png: 'png', jpg: 'jpeg', jpeg: 'jpeg',
};

/** A zip may list this many entries at most (an Office document has tens; a forged count has billions). */
const MAX_ZIP_ENTRIES = 20_000;
/** The largest [Content_Types].xml read (a real one is a few kilobytes). */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => b.length >= at + bytes.length && bytes.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EXECUTABLES = [
  ascii('MZ'), // Windows (PE) and DOS
  [0x7f, 0x45, 0x4c, 0x46], // ELF (Linux, Android)
  [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], // Mach-O (macOS)
  ascii('#!'), // a script for an interpreter
];

// Control characters (C0, DEL, C1), format characters (bidirectional overrides that turn "gpj.exe" around,
// zero-width characters) and line/paragraph separators: never part of a name a teacher typed.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** The file as named in a sentence: invisible characters dropped, at most 100 characters. */
function shown(fileName: string): string {
  const name = fileName.normalize('NFC').replace(INVISIBLE, '').trim();
  const chars = [...name];
  return chars.length > 100 ? `${chars.slice(0, 99).join('')}…` : name;
}

/** The part after the last `/` or `\` (browsers send "C:\fakepath\x.pdf" now and then). */
const baseName = (fileName: string) => fileName.split(/[/\\]/).pop() ?? '';

/** The extension as written (without the dot), or '' when the name has none. */
function extensionOf(fileName: string): string {
  const base = baseName(fileName).trim();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

const refuse = (code: string, message: string): Sniffed => ({ ok: false, code, message });

/** After an optional byte-order mark (UTF-8 or UTF-16) and whitespace, the text starts with `<`. */
function startsWithMarkup(b: Uint8Array): boolean {
  const utf16le = startsWith(b, [0xff, 0xfe]);
  const utf16be = startsWith(b, [0xfe, 0xff]);
  const step = utf16le || utf16be ? 2 : 1;
  const low = utf16be ? 1 : 0; // where, in a code unit, the ASCII byte is (UTF-16 big-endian: the second byte)
  let i = step === 2 ? 2 : startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const char = (at: number) => (step === 2 && b[at + 1 - low] !== 0 ? -1 : b[at + low] ?? -1);
  while (i < b.length && [0x20, 0x09, 0x0a, 0x0d, 0x0c].includes(char(i))) i += step;
  return char(i) === 0x3c;
}

type ZipKind = { kind: DossierFileType } | { kind: 'macro'; odf: boolean } | { kind: 'unreadable' } | { kind: 'other' };

/**
 * What a zip holds, from its entry names: only [Content_Types].xml and `mimetype` are inflated (fflate's
 * filter sees every entry's name and declared size first). A damaged zip — no end record, entries outside
 * the bytes, a forged entry count, the same name twice, data that does not inflate — is unreadable.
 */
function inspectZip(bytes: Uint8Array): ZipKind {
  const names: string[] = [];
  const seen = new Set<string>();
  let contentTypesName: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        const lower = entry.name.toLowerCase();
        if (!entry.name || seen.has(lower) || names.length >= MAX_ZIP_ENTRIES) throw new Error('damaged zip');
        seen.add(lower);
        names.push(lower);
        if (lower === '[content_types].xml') {
          if (entry.originalSize > MAX_CONTENT_TYPES_BYTES) throw new Error('oversized [Content_Types].xml');
          contentTypesName = entry.name;
          return true;
        }
        return entry.name === 'mimetype' && entry.originalSize <= 200;
      },
    });
  } catch {
    return { kind: 'unreadable' };
  }
  const has = (name: string) => seen.has(name);
  const contentTypes = contentTypesName !== null && files[contentTypesName] ? strFromU8(files[contentTypesName]!) : null;
  const mimetype = files.mimetype ? strFromU8(files.mimetype) : null;

  // Macros first, whatever the rest of the zip is: VBA anywhere, a macro-enabled or VBA content type,
  // Excel 4 macro sheets, OpenDocument Basic or script libraries.
  if (names.some((n) => n === 'vbaproject.bin' || n.endsWith('/vbaproject.bin') || n.startsWith('xl/macrosheets/'))) {
    return { kind: 'macro', odf: false };
  }
  if (contentTypes !== null && /macroEnabled|vbaProject|macrosheet/i.test(contentTypes)) return { kind: 'macro', odf: false };
  if (mimetype !== null && names.some((n) => n.startsWith('basic/') || n.startsWith('scripts/'))) return { kind: 'macro', odf: true };

  if (contentTypes !== null && has('word/document.xml')) return { kind: 'docx' };
  if (contentTypes !== null && has('xl/workbook.xml')) return { kind: 'xlsx' };
  if (mimetype === ODT_MIMETYPE) return { kind: 'odt' };
  return { kind: 'other' };
}

/**
 * What the bytes are, whether the file name's extension agrees, and whether this dossier accepts it.
 * The content decides the type; the name only has to agree with it (`.jpg` and `.jpeg` both for JPEG,
 * any letter case). Dangerous content is refused before the name is looked at.
 */
export function sniffDossierFile(bytes: Uint8Array, fileName: string, accepted: readonly DossierFileType[]): Sniffed {
  const file = `“${shown(fileName)}”`;
  if (bytes.length === 0) return refuse('empty_file', `Tệp ${file} trống (0 byte): hãy chọn lại đúng tệp rồi tải lên lại.`);
  if (EXECUTABLES.some((magic) => startsWith(bytes, magic))) {
    return refuse('executable', `Tệp ${file} là tệp chạy được (chương trình), không phải tài liệu: không được nộp.`);
  }
  if (startsWithMarkup(bytes)) {
    return refuse('markup', `Tệp ${file} là tệp SVG/HTML, có thể chứa mã độc: không được nộp. Hãy xuất ra PDF.`);
  }
  if (startsWith(bytes, OLE2)) {
    return refuse('legacy_office', `Tệp ${file} là định dạng Office cũ (.doc/.xls): hãy lưu lại dưới dạng .docx, .xlsx hoặc PDF.`);
  }

  let type: DossierFileType | null = null;
  if (startsWith(bytes, PDF)) type = 'pdf';
  else if (startsWith(bytes, PNG)) type = 'png';
  else if (startsWith(bytes, JPEG)) type = 'jpeg';
  else if (startsWith(bytes, ZIP)) {
    const zip = inspectZip(bytes);
    if (zip.kind === 'macro') {
      const saveAs = zip.odf ? '.odt' : '.docx/.xlsx';
      return refuse('macro', `Tệp ${file} có chứa macro: không được nộp. Hãy lưu lại dưới dạng ${saveAs} không có macro hoặc PDF.`);
    }
    if (zip.kind === 'unreadable') {
      return refuse('unreadable', `Không đọc được tệp ${file}: tệp bị hỏng hoặc chưa tải lên hết. Hãy mở thử tệp trên máy rồi tải lên lại.`);
    }
    if (zip.kind !== 'other') type = zip.kind;
  }
  if (type === null) {
    return refuse('unknown_type', `Không nhận dạng được loại tệp ${file}: chỉ nhận PDF, DOCX, XLSX, ODT, PNG, JPEG.`);
  }

  const extension = extensionOf(fileName);
  if (TYPE_OF_EXTENSION[extension.toLowerCase()] !== type) {
    const named = extension ? `có đuôi .${extension}` : 'không có đuôi';
    const hint = extension ? '' : ` (đuôi .${EXTENSION[type]})`;
    return refuse('extension_mismatch', `Tệp ${file} ${named} nhưng nội dung là ${CONTENT_NAMES[type]}: hãy đổi tên cho đúng${hint}.`);
  }
  if (!accepted.includes(type)) {
    const labels = accepted.map((t) => TYPE_LABELS[t]).join(', ');
    const only = labels ? `Hồ sơ này chỉ nhận: ${labels}.` : 'Hồ sơ này không nhận tệp nào.';
    return refuse('type_not_accepted', `${only} Tệp ${file} là ${CONTENT_NAMES[type]}.`);
  }
  return { ok: true, type, contentType: CONTENT_TYPES[type] };
}

/** Names Windows will not create a file with, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A safe download name: the original name's characters kept (Vietnamese letters too, in NFC), path
 * separators and control characters removed — what comes before the last `/` or `\` is a path, not the
 * name — as are the characters Windows forbids in a name (`: * ? " < > |`, each replaced by `_`) and
 * leading dots; at most 150 characters; the detected type's extension enforced: a name already ending in
 * it keeps it (in lower case; `.jpeg` stays `.jpeg`), another dossier type's extension is replaced, and
 * any other name gets the extension added.
 */
export function safeFileName(fileName: string, type: DossierFileType): string {
  const name = baseName(fileName.normalize('NFC').replace(INVISIBLE, ''))
    .replace(/[:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const known = current in TYPE_OF_EXTENSION;
  const extension = known && TYPE_OF_EXTENSION[current] === type ? current : EXTENSION[type];
  let stem = known ? name.slice(0, dot) : name;
  const trim = (s: string) => s.replace(/^[\s.]+|[\s.]+$/g, '');
  stem = trim(stem);
  const room = 150 - extension.length - 1;
  const chars = [...stem];
  if (chars.length > room) stem = trim(chars.slice(0, room).join(''));
  if (!stem) stem = 'tệp';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return `${stem}.${extension}`;
}
