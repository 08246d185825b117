import { describe, expect, it } from 'vitest';
import { asciiFallback, attachmentDisposition, rfc5987 } from './disposition.ts';

describe('Content-Disposition', () => {
  it('keeps the Vietnamese name exactly in filename* and folds it to ASCII in filename', () => {
    const h = attachmentDisposition('hoc-ba/Lớp 10A1/Học bạ Nguyễn Thị Đào.pdf');
    expect(h).toBe(
      `attachment; filename="Hoc ba Nguyen Thi Dao.pdf"; filename*=UTF-8''${encodeURIComponent('Học bạ Nguyễn Thị Đào.pdf')}`,
    );
    const encoded = /filename\*=UTF-8''(.*)$/.exec(h)![1]!;
    expect(decodeURIComponent(encoded)).toBe('Học bạ Nguyễn Thị Đào.pdf');
  });

  it('cannot be broken out of by quotes, backslashes, semicolons or CR/LF', () => {
    const h = attachmentDisposition('a"; filename=evil.html\r\nX-Injected: 1\\.txt');
    expect(h).not.toMatch(/[\r\n]/);
    expect(/filename="([^"]*)"/.exec(h)![1]).toBe('a__ filename=evil.html__X-Injected: 1_.txt');
  });

  it('percent-encodes RFC 5987 specials', () => {
    expect(rfc5987("it's (1)*.txt")).toBe('it%27s%20%281%29%2A.txt');
  });

  it('falls back to "download" for names with nothing printable', () => {
    expect(asciiFallback('日本')).toBe('__');
    expect(asciiFallback('   ')).toBe('download');
  });
});
