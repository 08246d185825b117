// What an uploaded dossier file really is (supabase/functions/_shared/dossierFiles.ts), without the stack:
// every file is built here — a tiny PDF, PNG and JPEG headers, real zips made with fflate for DOCX, XLSX
// and ODT — and so is every file that must be refused (programs, markup, macros, legacy Office, other zips,
// damaged zips, random bytes, an empty file, a name that lies about its content, a type the dossier does
// not take); then the download names safeFileName makes.
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  CONTENT_TYPES,
  DOSSIER_TYPES,
  TYPE_LABELS,
  safeFileName,
  sniffDossierFile,
  type DossierFileType,
  type Sniffed,
} from '../../supabase/functions/_shared/dossierFiles.ts';

const ALL = DOSSIER_TYPES;
const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...strToU8(p)] : p)));

const pdf = strToU8(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

const OOXML_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">';
const contentTypes = (main: string) =>
  strToU8(`${OOXML_TYPES}<Default Extension="xml" ContentType="application/xml"/><Override PartName="/main" ContentType="${main}"/></Types>`);
const rels = strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');

const docxEntries = () => ({
  '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
  '_rels/.rels': rels,
  'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
});
const docx = zipSync(docxEntries());
const xlsx = zipSync({
  '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
  '_rels/.rels': rels,
  'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
  'xl/worksheets/sheet1.xml': strToU8('<worksheet/>'),
});
const odfEntries = (mimetype: string) => ({
  mimetype: [strToU8(mimetype), { level: 0 }] as [Uint8Array, { level: 0 }],
  'META-INF/manifest.xml': strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
  'content.xml': strToU8('<office:document-content/>'),
});
const odt = zipSync(odfEntries('application/vnd.oasis.opendocument.text'));

const GOOD: [DossierFileType, Uint8Array, string][] = [
  ['pdf', pdf, 'Kế hoạch dạy học tuần 14.pdf'],
  ['docx', docx, 'Giáo án Ngữ văn 10.docx'],
  ['xlsx', xlsx, 'Sổ theo dõi.xlsx'],
  ['odt', odt, 'Biên bản họp tổ.odt'],
  ['png', png, 'Ảnh chụp.png'],
  ['jpeg', jpeg, 'Ảnh chụp.jpg'],
];

/** The refusal, checked: not ok, this code, and the sentence names the file. */
function refused(s: Sniffed, code: string, fileName: string): string {
  expect(s.ok).toBe(false);
  if (s.ok) throw new Error('accepted');
  expect(s.code).toBe(code);
  expect(s.message).toContain(`“${fileName}”`);
  return s.message;
}

describe('sniffDossierFile: what the bytes are', () => {
  it.each(GOOD)('a real %s is accepted with its content type', (type, data, name) => {
    expect(sniffDossierFile(data, name, ALL)).toEqual({ ok: true, type, contentType: CONTENT_TYPES[type] });
  });

  it('content types and labels cover every type', () => {
    expect(CONTENT_TYPES).toEqual({
      pdf: 'application/pdf',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      odt: 'application/vnd.oasis.opendocument.text',
      png: 'image/png',
      jpeg: 'image/jpeg',
    });
    expect(Object.keys(TYPE_LABELS)).toEqual([...DOSSIER_TYPES]);
    expect(TYPE_LABELS.docx).toBe('Word (DOCX)');
  });

  it('.jpg and .jpeg are both JPEG; the extension is read in any letter case', () => {
    for (const name of ['anh.jpg', 'anh.jpeg', 'ANH.JPG', 'Anh.JpEg']) expect(sniffDossierFile(jpeg, name, ALL)).toMatchObject({ ok: true, type: 'jpeg' });
    expect(sniffDossierFile(pdf, 'BAO CAO.PDF', ALL)).toMatchObject({ ok: true, type: 'pdf' });
    expect(sniffDossierFile(docx, 'GiaoAn.DOCX', ['docx'])).toMatchObject({ ok: true, type: 'docx' });
  });

  it('only the entry the decision needs is inflated: a damaged image inside a DOCX does not matter', () => {
    const entries = { ...docxEntries(), 'word/media/image1.bin': new Uint8Array(200_000) };
    const zip = zipSync(entries);
    const name = strToU8('word/media/image1.bin');
    const at = zip.findIndex((_, i) => name.every((b, j) => zip[i + j] === b));
    zip[at + name.length] = 0xff; // the entry's first deflate block: a reserved block type
    expect(() => unzipSync(zip)).toThrow();
    expect(sniffDossierFile(zip, 'giaoan.docx', ALL)).toMatchObject({ ok: true, type: 'docx' });
  });
});

describe('sniffDossierFile: dangerous content is refused', () => {
  it('a Windows program renamed .pdf is called a program, not a misnamed file', () => {
    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const message = refused(sniffDossierFile(exe, 'baocao.pdf', ALL), 'executable', 'baocao.pdf');
    expect(message).toBe('Tệp “baocao.pdf” là tệp chạy được (chương trình), không phải tài liệu: không được nộp.');
  });

  it.each([
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1, 0])],
    ['Mach-O FEEDFACE', bytes([0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 7])],
    ['Mach-O FEEDFACF', bytes([0xfe, 0xed, 0xfa, 0xcf, 0, 0, 0, 7])],
    ['Mach-O CEFAEDFE', bytes([0xce, 0xfa, 0xed, 0xfe, 7, 0, 0, 0])],
    ['Mach-O CFFAEDFE', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 0])],
    ['#! script', strToU8('#!/bin/sh\nrm -rf ~\n')],
  ])('%s is a program', (_, data) => {
    refused(sniffDossierFile(data, 'tai lieu.docx', ALL), 'executable', 'tai lieu.docx');
  });

  it.each([
    ['an SVG with an XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['a plain SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'],
    ['HTML after a BOM and spaces', '\ufeff  \r\n\t<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'],
    ['any XML', '<?xml version="1.0"?><note/>'],
  ])('%s is markup', (_, text) => {
    const message = refused(sniffDossierFile(strToU8(text), 'hinh.png', ALL), 'markup', 'hinh.png');
    expect(message).toBe('Tệp “hinh.png” là tệp SVG/HTML, có thể chứa mã độc: không được nộp. Hãy xuất ra PDF.');
  });

  it('HTML in UTF-16 (either byte order, with a BOM) is markup too', () => {
    const le = bytes([0xff, 0xfe], [...' <html>'].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = bytes([0xfe, 0xff], [...'\n<svg>'].flatMap((c) => [0, c.charCodeAt(0)]));
    refused(sniffDossierFile(le, 'a.pdf', ALL), 'markup', 'a.pdf');
    refused(sniffDossierFile(be, 'a.pdf', ALL), 'markup', 'a.pdf');
  });

  it('a DOCX with word/vbaProject.bin (a .docm renamed) has macros', () => {
    const docm = zipSync({ ...docxEntries(), 'word/vbaProject.bin': new Uint8Array(64) });
    const message = refused(sniffDossierFile(docm, 'giaoan.docx', ALL), 'macro', 'giaoan.docx');
    expect(message).toBe('Tệp “giaoan.docx” có chứa macro: không được nộp. Hãy lưu lại dưới dạng .docx/.xlsx không có macro hoặc PDF.');
  });

  it('a vbaProject.bin in any folder has macros', () => {
    const xlsm = zipSync({ ...unzipSync(xlsx), 'xl/vbaProject.bin': new Uint8Array(64) });
    refused(sniffDossierFile(xlsm, 'so.xlsx', ALL), 'macro', 'so.xlsx');
  });

  it('a [Content_Types].xml that says macroEnabled has macros, even with no vbaProject.bin', () => {
    const zip = zipSync({ ...docxEntries(), '[Content_Types].xml': contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml') });
    refused(sniffDossierFile(zip, 'giaoan.docx', ALL), 'macro', 'giaoan.docx');
    const xlsm = zipSync({ ...unzipSync(xlsx), '[Content_Types].xml': contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml') });
    refused(sniffDossierFile(xlsm, 'so.xlsx', ALL), 'macro', 'so.xlsx');
  });

  it('an ODT with Basic/ or Scripts/ has macros', () => {
    const basic = zipSync({ ...odfEntries('application/vnd.oasis.opendocument.text'), 'Basic/Standard/Module1.xml': strToU8('<script:module/>') });
    const message = refused(sniffDossierFile(basic, 'bienban.odt', ALL), 'macro', 'bienban.odt');
    expect(message).toContain('.odt không có macro hoặc PDF');
    const scripts = zipSync({ ...odfEntries('application/vnd.oasis.opendocument.text'), 'Scripts/python/x.py': strToU8('import os') });
    refused(sniffDossierFile(scripts, 'bienban.odt', ALL), 'macro', 'bienban.odt');
  });

  it('a legacy OLE2 Office file (.doc/.xls) is refused with how to save it again', () => {
    const doc = new Uint8Array(512);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const message = refused(sniffDossierFile(doc, 'giaoan.doc', ALL), 'legacy_office', 'giaoan.doc');
    expect(message).toBe('Tệp “giaoan.doc” là định dạng Office cũ (.doc/.xls): hãy lưu lại dưới dạng .docx, .xlsx hoặc PDF.');
    refused(sniffDossierFile(doc, 'giaoan.docx', ALL), 'legacy_office', 'giaoan.docx');
  });
});

describe('sniffDossierFile: anything else is refused', () => {
  const UNKNOWN = 'chỉ nhận PDF, DOCX, XLSX, ODT, PNG, JPEG.';

  it('a PPTX, an ODS and a plain zip are not dossier types', () => {
    const pptx = zipSync({
      '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'),
      'ppt/presentation.xml': strToU8('<p:presentation/>'),
    });
    expect(refused(sniffDossierFile(pptx, 'baigiang.pptx', ALL), 'unknown_type', 'baigiang.pptx')).toBe(
      `Không nhận dạng được loại tệp “baigiang.pptx”: ${UNKNOWN}`,
    );
    refused(sniffDossierFile(pptx, 'baigiang.docx', ALL), 'unknown_type', 'baigiang.docx');
    const ods = zipSync(odfEntries('application/vnd.oasis.opendocument.spreadsheet'));
    refused(sniffDossierFile(ods, 'bang.odt', ALL), 'unknown_type', 'bang.odt');
    const plain = zipSync({ 'a.txt': strToU8('xin chào'), 'b/c.pdf': pdf });
    refused(sniffDossierFile(plain, 'hoso.zip', ALL), 'unknown_type', 'hoso.zip');
  });

  it('an OpenDocument mimetype must be exactly the text one', () => {
    const padded = zipSync(odfEntries('application/vnd.oasis.opendocument.text '));
    refused(sniffDossierFile(padded, 'a.odt', ALL), 'unknown_type', 'a.odt');
  });

  it('random bytes and plain text are not recognised', () => {
    const random = new Uint8Array(1024);
    let x = 12345;
    for (let i = 0; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    random[0] = 0x42;
    refused(sniffDossierFile(random, 'x.pdf', ALL), 'unknown_type', 'x.pdf');
    refused(sniffDossierFile(strToU8('Báo cáo tháng 12'), 'baocao.txt', ALL), 'unknown_type', 'baocao.txt');
  });

  it('a damaged zip cannot be read', () => {
    const truncated = docx.slice(0, docx.length - 30);
    expect(refused(sniffDossierFile(truncated, 'giaoan.docx', ALL), 'unreadable', 'giaoan.docx')).toMatch(/^Không đọc được tệp “giaoan.docx”/);
    const garbage = bytes([0x50, 0x4b, 0x03, 0x04], [...new Uint8Array(100).fill(7)]);
    refused(sniffDossierFile(garbage, 'giaoan.docx', ALL), 'unreadable', 'giaoan.docx');
    // [Content_Types].xml whose deflated data is broken
    const zip = zipSync(docxEntries());
    const name = strToU8('[Content_Types].xml');
    const at = zip.findIndex((_, i) => name.every((b, j) => zip[i + j] === b));
    zip[at + name.length] = 0xff;
    refused(sniffDossierFile(zip, 'giaoan.docx', ALL), 'unreadable', 'giaoan.docx');
    // an end record that claims 65,535 entries (or billions, in ZIP64): refused at once, not walked
    const forged = docx.slice();
    forged.set([0xff, 0xff, 0xff, 0xff], forged.length - 22 + 8);
    refused(sniffDossierFile(forged, 'giaoan.docx', ALL), 'unreadable', 'giaoan.docx');
  });

  it('an empty file is refused', () => {
    expect(refused(sniffDossierFile(new Uint8Array(0), 'trong.pdf', ALL), 'empty_file', 'trong.pdf')).toContain('trống');
  });
});

describe('sniffDossierFile: the name must agree, the dossier must accept the type', () => {
  it('a real PDF named .docx is refused with the sentence that says what it is', () => {
    const message = refused(sniffDossierFile(pdf, 'a.docx', ALL), 'extension_mismatch', 'a.docx');
    expect(message).toBe('Tệp “a.docx” có đuôi .docx nhưng nội dung là PDF: hãy đổi tên cho đúng.');
  });

  it('every other disagreement too: JPEG named .png, DOCX named .xlsx, PNG named .pdf, a name without an extension', () => {
    expect(refused(sniffDossierFile(jpeg, 'anh.png', ALL), 'extension_mismatch', 'anh.png')).toContain('nội dung là ảnh JPEG');
    refused(sniffDossierFile(docx, 'so.xlsx', ALL), 'extension_mismatch', 'so.xlsx');
    refused(sniffDossierFile(xlsx, 'so.odt', ALL), 'extension_mismatch', 'so.odt');
    refused(sniffDossierFile(png, 'anh.pdf', ALL), 'extension_mismatch', 'anh.pdf');
    expect(refused(sniffDossierFile(pdf, 'baocao', ALL), 'extension_mismatch', 'baocao')).toContain('không có đuôi');
    refused(sniffDossierFile(pdf, 'baocao.pdf.exe', ALL), 'extension_mismatch', 'baocao.pdf.exe');
  });

  it('a type the dossier does not take is refused with the labels it takes', () => {
    const message = refused(sniffDossierFile(png, 'anh.png', ['pdf', 'docx']), 'type_not_accepted', 'anh.png');
    expect(message).toContain('Hồ sơ này chỉ nhận: PDF, Word (DOCX).');
    refused(sniffDossierFile(xlsx, 'so.xlsx', ['pdf']), 'type_not_accepted', 'so.xlsx');
    expect(sniffDossierFile(xlsx, 'so.xlsx', ['pdf', 'xlsx'])).toMatchObject({ ok: true, type: 'xlsx' });
  });

  it('the name in a sentence has no control characters and is not endless', () => {
    const s = sniffDossierFile(new Uint8Array(0), 'a\u202Efdp.exe\n', ALL);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.message).toContain('“afdp.exe”');
    const long = sniffDossierFile(new Uint8Array(0), `${'x'.repeat(500)}.pdf`, ALL);
    if (!long.ok) expect(long.message.length).toBeLessThan(200);
  });
});

describe('safeFileName', () => {
  it('keeps a Vietnamese name as it is', () => {
    expect(safeFileName('Kế hoạch dạy học tuần 14.pdf', 'pdf')).toBe('Kế hoạch dạy học tuần 14.pdf');
    expect(safeFileName('Ảnh chụp.jpeg', 'jpeg')).toBe('Ảnh chụp.jpeg');
  });

  it('drops the path: ../../etc/passwd and C:\\fakepath\\', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\fakepath\\Giáo án.docx', 'docx')).toBe('Giáo án.docx');
    expect(safeFileName('..', 'pdf')).toBe('tệp.pdf');
    expect(safeFileName('', 'png')).toBe('tệp.png');
    for (const n of ['../../etc/passwd', 'a/b\\c.pdf', '/', '.hidden.pdf']) expect(safeFileName(n, 'pdf')).not.toMatch(/[/\\]|^\./);
  });

  it('removes control characters and a right-to-left override', () => {
    expect(safeFileName('bao\u0000cao\r\n\u0007.pdf', 'pdf')).toBe('baocao.pdf');
    expect(safeFileName('anh\u202Egpj.pdf', 'pdf')).toBe('anhgpj.pdf');
    expect(safeFileName('a\u0085b\u007f.pdf', 'pdf')).toBe('ab.pdf');
  });

  it('replaces what Windows forbids in a name', () => {
    expect(safeFileName('Báo cáo: "tháng 12" <bản 2>?.pdf', 'pdf')).toBe('Báo cáo_ _tháng 12_ _bản 2__.pdf');
    expect(safeFileName('CON.pdf', 'pdf')).toBe('_CON.pdf');
  });

  it('composes decomposed Vietnamese (NFD from a Mac) into NFC', () => {
    const nfd = 'Biên bản.pdf'.normalize('NFD');
    expect(safeFileName(nfd, 'pdf')).toBe('Biên bản.pdf'.normalize('NFC'));
  });

  it('cuts a long Vietnamese name to 150 characters, extension included', () => {
    const long = `${'Kế hoạch giáo dục của tổ chuyên môn Ngữ văn năm học 2026–2027 '.repeat(5)}.docx`;
    const safe = safeFileName(long, 'docx');
    expect([...safe].length).toBeLessThanOrEqual(150);
    expect(safe).toMatch(/^Kế hoạch giáo dục/);
    expect(safe.endsWith('.docx')).toBe(true);
    expect(safe).not.toMatch(/\s\.docx$/);
    const emoji = safeFileName(`${'😀'.repeat(200)}.pdf`, 'pdf');
    expect([...emoji].length).toBe(150);
    expect(emoji).toBe(`${'😀'.repeat(146)}.pdf`);
  });

  it('enforces the detected type\'s extension', () => {
    expect(safeFileName('baocao.docx', 'pdf')).toBe('baocao.pdf');
    expect(safeFileName('anh.png', 'jpeg')).toBe('anh.jpg');
    expect(safeFileName('ANH.JPG', 'jpeg')).toBe('ANH.jpg');
    expect(safeFileName('Baocao.PDF', 'pdf')).toBe('Baocao.pdf');
    expect(safeFileName('baocao', 'xlsx')).toBe('baocao.xlsx');
    expect(safeFileName('Báo cáo v1.2', 'pdf')).toBe('Báo cáo v1.2.pdf');
    expect(safeFileName('baocao.pdf.exe', 'pdf')).toBe('baocao.pdf.exe.pdf');
  });

  it('every result fits the database (1 to 160 characters) and has the type\'s extension', () => {
    const names = ['', '.', '...pdf', 'a'.repeat(1000), '\u0000\u0001', '/////', 'x.odt'];
    for (const type of DOSSIER_TYPES) {
      for (const n of names) {
        const safe = safeFileName(n, type);
        expect([...safe].length).toBeGreaterThan(0);
        expect([...safe].length).toBeLessThanOrEqual(150);
        expect(sniffDossierFile(GOOD.find(([t]) => t === type)![1], safe, ALL)).toMatchObject({ ok: true, type });
      }
    }
  });
});
