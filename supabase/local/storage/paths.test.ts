import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkObjectKey,
  decodePathParam,
  isValidBucketName,
  isValidObjectKey,
  objectFilePath,
} from './paths.ts';

describe('object keys', () => {
  it.each([
    'a.pdf',
    'folder/sub/file.txt',
    'Học bạ/Lớp 10A1/Nguyễn Văn An.pdf',
    'điểm-kiểm-tra (1).xlsx',
    "it's & more=ok;+,@$!*().txt",
    '.emptyFolderPlaceholder',
    'a/.hidden',
    'a/..b/c',
    'x'.repeat(255),
  ])('accepts %j', (key) => {
    expect(isValidObjectKey(key)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['../etc/passwd', 'dot-dot first'],
    ['a/../../etc/passwd', 'dot-dot inside'],
    ['a/..', 'dot-dot last'],
    ['./a', 'dot segment'],
    ['a/./b', 'dot segment inside'],
    ['/etc/passwd', 'absolute'],
    ['a//b', 'empty segment'],
    ['a/', 'trailing slash'],
    ['a\\..\\b', 'backslash'],
    ['a\u0000b', 'NUL'],
    ['a\nb', 'newline'],
    ['a\u007fb', 'DEL'],
    ['a\u0085b', 'C1 control'],
    ['a\u202eb', 'bidi override'],
    ['a\u200bb', 'zero width space'],
    ['a%2e', 'percent'],
    ['a<b>', 'angle brackets'],
    ['x'.repeat(256), 'segment too long'],
    ['ạ'.repeat(342) + 'a', 'key over 1024 bytes'],
    ['\ud800', 'lone surrogate'],
  ])('refuses %j (%s)', (key) => {
    expect(checkObjectKey(key).ok).toBe(false);
  });
});

describe('bucket names', () => {
  it('accepts S3-style names', () => {
    expect(isValidBucketName('hoc-ba_2024.v1')).toBe(true);
  });
  it.each(['', '.', '..', 'tmp', 'a/b', 'a\\b', 'sổ', 'x'.repeat(101), 'a\u0000'])('refuses %j', (name) => {
    expect(isValidBucketName(name)).toBe(false);
  });
});

describe('path parameters', () => {
  it('decodes percent escapes, keeping dot-dot for the key check to refuse', () => {
    expect(decodePathParam('H%E1%BB%8Dc%20b%E1%BA%A1.pdf')).toBe('Học bạ.pdf');
    expect(decodePathParam('..%2F..%2Fetc')).toBe('../../etc');
    expect(decodePathParam('%E0%A4%A')).toBeNull();
  });
});

describe('file paths', () => {
  const root = '/srv/storage';
  it('maps a key below its bucket folder', () => {
    expect(objectFilePath(root, 'b', 'x/Học bạ.pdf')).toBe(path.join(root, 'b', 'x', 'Học bạ.pdf'));
  });
  it('throws rather than escape', () => {
    expect(() => objectFilePath(root, 'b', '../c/x')).toThrow();
    expect(() => objectFilePath(root, '..', 'x')).toThrow();
    expect(() => objectFilePath(root, 'tmp', 'x')).toThrow();
  });
});
