import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, entryKey } from './list-v2.ts';
import { StorageError } from './errors.ts';

describe('list-v2 cursors', () => {
  it('round-trip the last name and the sort they were made with', () => {
    const c = { name: 'Học bạ/10A1/', column: 'created_at' as const, order: 'desc' as const, value: '2026-11-23 08:00:00.123456+07' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const byName = { name: 'a.txt', column: 'name' as const, order: 'asc' as const, value: null };
    expect(decodeCursor(encodeCursor(byName))).toEqual(byName);
  });

  it.each(['%%%', 'bm90LWpzb24', Buffer.from('{"n":1}').toString('base64url'), Buffer.from('{"n":"a","c":"size","o":"asc","v":null}').toString('base64url'), Buffer.from('{"n":"a","c":"created_at","o":"asc","v":null}').toString('base64url')])(
    'refuses %s as the real server does (InvalidParameter)',
    (token) => {
      expect(() => decodeCursor(token)).toThrow(StorageError);
      expect(() => decodeCursor(token)).toThrow('Invalid Parameter continuation token');
    },
  );
});

describe('list-v2 keys', () => {
  it("is the entry's segment at the prefix's depth", () => {
    expect(entryKey('a.txt', '')).toBe('a.txt');
    expect(entryKey('b/', '')).toBe('b');
    expect(entryKey('b/1.txt', 'b/')).toBe('1.txt');
    expect(entryKey('b/', 'b')).toBe('b');
    expect(entryKey('a/b/c/', 'a/b/')).toBe('c');
  });
});
