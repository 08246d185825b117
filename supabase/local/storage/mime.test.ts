import { describe, expect, it } from 'vitest';
import { contentMismatch, isActiveType, isClientDefaultType, isMimeAllowed, isValidMimePattern, parseMime, typeForClientDefault } from './mime.ts';
import { OOXML, type Sniffed } from './sniff.ts';

const s = (type: string, extra: Partial<Sniffed> = {}): Sniffed => ({
  type,
  text: type === 'text/plain' || type === 'text/html' || type === 'image/svg+xml' || type === 'application/xml',
  markup: type === 'text/html' ? 'html' : type === 'image/svg+xml' ? 'svg' : type === 'application/xml' ? 'xml' : null,
  ...extra,
});

describe('parseMime', () => {
  it('parses and drops parameters', () => {
    expect(parseMime('Text/Plain;charset=UTF-8')).toEqual({ type: 'text', subtype: 'plain', essence: 'text/plain' });
    expect(parseMime(' image/png ')?.essence).toBe('image/png');
  });
  it.each(['', 'text', 'text/', '/plain', 'a/b/c', 'text/pl ain', null, undefined])('refuses %j', (v) => {
    expect(parseMime(v as string)).toBeNull();
  });
});

describe('allowed_mime_types', () => {
  it('accepts patterns', () => {
    expect(isValidMimePattern('image/*')).toBe(true);
    expect(isValidMimePattern('application/pdf')).toBe(true);
    expect(isValidMimePattern('*/*')).toBe(true);
    expect(isValidMimePattern('image')).toBe(false);
    expect(isValidMimePattern('*/png')).toBe(false);
  });

  it('matches exact types, aliases and wildcards', () => {
    expect(isMimeAllowed('image/png', ['image/*'])).toBe(true);
    expect(isMimeAllowed('image/jpeg', ['image/jpg'])).toBe(true);
    expect(isMimeAllowed('application/pdf', ['image/*'])).toBe(false);
    expect(isMimeAllowed('application/pdf', ['application/pdf', 'image/*'])).toBe(true);
    expect(isMimeAllowed('application/pdf', ['Application/PDF'])).toBe(true);
    expect(isMimeAllowed('application/pdf', null)).toBe(true);
    expect(isMimeAllowed('application/pdf', [])).toBe(true);
    expect(isMimeAllowed(OOXML.xlsx, ['*/*'])).toBe(true);
  });

  it('admits active types only when listed exactly', () => {
    expect(isActiveType('image/svg+xml')).toBe(true);
    expect(isMimeAllowed('text/html', null)).toBe(false);
    expect(isMimeAllowed('text/html', ['text/*'])).toBe(false);
    expect(isMimeAllowed('image/svg+xml', ['image/*'])).toBe(false);
    expect(isMimeAllowed('image/svg+xml', ['*/*'])).toBe(false);
    expect(isMimeAllowed('image/svg+xml', ['image/svg+xml'])).toBe(true);
  });
});

describe('content agreement', () => {
  it('accepts matching signatures', () => {
    expect(contentMismatch('application/pdf', s('application/pdf'))).toBeNull();
    expect(contentMismatch('image/jpg', s('image/jpeg'))).toBeNull();
    expect(contentMismatch(OOXML.xlsx, s(OOXML.xlsx))).toBeNull();
    expect(contentMismatch('application/zip', s(OOXML.docx))).toBeNull();
    expect(contentMismatch('application/vnd.ms-excel', s('application/x-cfb'))).toBeNull();
    expect(contentMismatch('text/csv', s('text/plain'))).toBeNull();
    expect(contentMismatch('application/json', s('text/plain'))).toBeNull();
    expect(contentMismatch('application/octet-stream', s('application/pdf'))).toBeNull();
    expect(contentMismatch('video/mp4', s('application/octet-stream', { text: false }))).toBeNull();
  });

  it('refuses HTML declared as PDF, and other disguises', () => {
    expect(contentMismatch('application/pdf', s('text/html'))).toMatch(/text\/html/);
    expect(contentMismatch('image/png', s('image/jpeg'))).not.toBeNull();
    expect(contentMismatch(OOXML.docx, s(OOXML.xlsx))).not.toBeNull();
    expect(contentMismatch(OOXML.xlsx, s('application/zip'))).not.toBeNull();
    expect(contentMismatch('text/plain', s('application/pdf'))).not.toBeNull();
    expect(contentMismatch('text/plain', s('application/octet-stream', { text: false }))).not.toBeNull();
    expect(contentMismatch('text/csv', s('text/plain', { markup: 'html' }))).toMatch(/HTML markup/);
    expect(contentMismatch('text/plain', s('image/svg+xml'))).not.toBeNull();
    expect(contentMismatch('image/bmp', s('image/svg+xml'))).not.toBeNull();
    expect(contentMismatch('application/octet-stream', s('text/html'))).not.toBeNull();
    expect(contentMismatch('application/octet-stream', s('application/x-executable'))).not.toBeNull();
    expect(contentMismatch('application/pdf', s('text/plain'))).not.toBeNull();
  });

  it('requires text for active types', () => {
    expect(contentMismatch('text/html', s('text/html'))).toBeNull();
    expect(contentMismatch('image/svg+xml', s('image/png'))).not.toBeNull();
  });
});

describe("storage-js's generic default type", () => {
  it('is recognised whatever the case and spacing, and only that exact type', () => {
    expect(isClientDefaultType('text/plain;charset=UTF-8')).toBe(true);
    expect(isClientDefaultType('text/plain; charset=utf-8')).toBe(true);
    expect(isClientDefaultType('text/plain')).toBe(false);
    expect(isClientDefaultType('application/octet-stream')).toBe(false);
  });

  it('takes the type from the bytes: signatures, plain text, other binary', () => {
    expect(typeForClientDefault(s('image/jpeg'))).toEqual({ type: 'image/jpeg' });
    expect(typeForClientDefault(s('application/pdf'))).toEqual({ type: 'application/pdf' });
    expect(typeForClientDefault(s(OOXML.xlsx))).toEqual({ type: OOXML.xlsx });
    expect(typeForClientDefault(s('text/plain'))).toEqual({ type: 'text/plain;charset=UTF-8' });
    expect(typeForClientDefault(s('application/octet-stream', { text: false }))).toEqual({ type: 'application/octet-stream' });
  });

  it('refuses HTML, SVG, XML, script markup in text and executables', () => {
    for (const sniffed of [s('text/html'), s('image/svg+xml'), s('application/xml'), s('text/plain', { markup: 'html' }), s('application/x-executable', { text: false })]) {
      expect(typeForClientDefault(sniffed)).toHaveProperty('refused');
    }
  });
});
