import { describe, expect, it } from 'vitest';
import { redirectTarget } from './recovery.ts';

const site = 'http://127.0.0.1:54321/';

describe('where a recovery link may lead (GoTrue IsRedirectURLValid)', () => {
  it('back to the admin, under any path of its origin', () => {
    expect(redirectTarget('http://127.0.0.1:54321/', site)).toBe('http://127.0.0.1:54321/');
    expect(redirectTarget('http://127.0.0.1:54321/quan-tri/?x=1', site)).toBe('http://127.0.0.1:54321/quan-tri/?x=1');
  });

  it('anywhere else, or nowhere, is replaced by the Site URL', () => {
    for (const bad of [null, '', 'https://ke-gian.example/', 'http://127.0.0.1:9999/', 'javascript:alert(1)', 'not a url', 'http://127.0.0.1:54321/\u0000', '//ke-gian.example']) {
      expect(redirectTarget(bad, site), String(bad)).toBe(site);
    }
  });

  it('an allowed redirect URL is accepted by prefix, and the answer is always a valid Location header', () => {
    expect(redirectTarget('https://app.truong.vn/sdt/#/x', site, ['https://app.truong.vn/sdt/'])).toBe('https://app.truong.vn/sdt/#/x');
    expect(redirectTarget('http://127.0.0.1:54321/Sổ điện tử', site)).toBe('http://127.0.0.1:54321/S%E1%BB%95%20%C4%91i%E1%BB%87n%20t%E1%BB%AD');
  });
});
