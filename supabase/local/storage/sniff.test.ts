import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { magicType, ODF, OOXML, sniffBuffer, sniffFile, TextScanner, zipContainerType } from './sniff.ts';

/** A minimal ZIP (stored entries) for container tests. */
function makeZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sniff-'));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

describe('magic numbers', () => {
  it.each([
    [Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
    [PNG, 'image/png'],
    [JPEG, 'image/jpeg'],
    [Buffer.from('GIF89a\x01\x00'), 'image/gif'],
    [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    [Buffer.from('d0cf11e0a1b11ae1', 'hex'), 'application/x-cfb'],
    [Buffer.from('MZ\x90\x00'), 'application/x-executable'],
    [Buffer.from('\x7fELF\x02\x01'), 'application/x-executable'],
    [Buffer.from('hello'), null],
    [Buffer.from(' %PDF-1.7'), null],
  ])('%#', (head, type) => {
    expect(magicType(head)).toBe(type);
  });
});

describe('text and markup', () => {
  it.each([
    ['<!DOCTYPE html><html><body>x</body></html>', 'text/html', 'html'],
    ['\ufeff  \n<html lang="vi">', 'text/html', 'html'],
    ['<script>alert(1)</script>', 'text/html', 'html'],
    ['<p>xin chào</p>', 'text/html', 'html'],
    ['<!-- c --><div>x</div>', 'text/html', 'html'],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml', 'svg'],
    ['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml', 'svg'],
    ['<?xml version="1.0"?><note/>', 'application/xml', 'xml'],
    ['Họ tên,Điểm\nNguyễn Văn An,8.5\n', 'text/plain', null],
    ['a<b and c>d, 3 < 4\n', 'text/plain', null],
    ['Ghi chú: xem <script src=//evil></script> ở đây', 'text/plain', 'html'],
    ['tên,ghi chú\nAn,"<img src=x onerror=alert(1)>"', 'text/plain', 'html'],
  ])('%j', async (content, type, markup) => {
    const r = await sniffBuffer(Buffer.from(content, 'utf8'));
    expect(r.type).toBe(type);
    expect(r.markup).toBe(markup);
    expect(r.text).toBe(true);
  });

  it('finds markup split across chunks and after the head', () => {
    const scanner = new TextScanner();
    scanner.feed(Buffer.from('x'.repeat(100_000) + '<scr'));
    scanner.feed(Buffer.from('ipt>alert(1)</script>'));
    expect(scanner.result()).toMatchObject({ text: true, markupStart: null, markupAnywhere: 'html' });
  });

  it('decodes UTF-16 text before looking for markup', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>x', 'utf16le')]);
    expect(await sniffBuffer(le)).toMatchObject({ type: 'text/html', text: true, markup: 'html' });
    const plain = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Điểm,An\n', 'utf16le')]);
    expect(await sniffBuffer(plain)).toMatchObject({ type: 'text/plain', text: true, markup: null });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<svg>', 'utf16le').swap16()]);
    expect(await sniffBuffer(be)).toMatchObject({ type: 'image/svg+xml', markup: 'svg' });
  });

  it('ignores tag-like bytes deep inside binary data, but not markup at its start', async () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.alloc(2000, 7), Buffer.from('<svg onload=x>')]);
    expect(await sniffBuffer(binary)).toEqual({ type: 'application/octet-stream', text: false, markup: null });
    const htmlThenBinary = Buffer.concat([Buffer.from('<html><body>'), Buffer.from([0, 1, 2])]);
    expect(await sniffBuffer(htmlThenBinary)).toMatchObject({ type: 'text/html', text: false, markup: 'html' });
  });

  it('calls bytes with control characters binary', async () => {
    expect(await sniffBuffer(Buffer.from([1, 2, 3, 0, 255]))).toMatchObject({ type: 'application/octet-stream', text: false });
    expect(await sniffBuffer(Buffer.alloc(0))).toMatchObject({ type: 'text/plain', text: true });
  });
});

describe('ZIP containers', () => {
  it('names Office Open XML and OpenDocument containers', () => {
    expect(zipContainerType(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'], null)).toBe(OOXML.docx);
    expect(zipContainerType(['[Content_Types].xml', 'xl/workbook.xml'], null)).toBe(OOXML.xlsx);
    expect(zipContainerType(['[Content_Types].xml', 'ppt/presentation.xml'], null)).toBe(OOXML.pptx);
    expect(zipContainerType(['word/document.xml'], null)).toBe('application/zip');
    expect(zipContainerType(['mimetype', 'content.xml'], ODF.ods)).toBe(ODF.ods);
  });

  it('reads a docx-like and an ODF zip from their bytes', async () => {
    const docx = makeZip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]);
    expect((await sniffBuffer(docx)).type).toBe(OOXML.docx);
    const odt = makeZip([['mimetype', ODF.odt], ['content.xml', '<office:document-content/>']]);
    expect((await sniffBuffer(odt)).type).toBe(ODF.odt);
    const plain = makeZip([['a.txt', 'hello']]);
    expect((await sniffBuffer(plain)).type).toBe('application/zip');
  });

  it('recognises a real xlsx written by exceljs, from disk', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Điểm').addRow(['Họ tên', 'Điểm']);
    const file = path.join(tmpDir, 'diem.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await sniffFile(file)).toEqual({ type: OOXML.xlsx, text: false, markup: null });
  });

  it('sniffs a large text file on disk completely', async () => {
    const file = path.join(tmpDir, 'big.csv');
    fs.writeFileSync(file, 'An,8\n'.repeat(200_000) + '<iframe src=x>');
    expect(await sniffFile(file)).toEqual({ type: 'text/plain', text: true, markup: 'html' });
  });
});
