import { describe, expect, it } from 'vitest';
import { AuthApiError } from './errors.ts';
import { paginationHeaders, parsePagination } from './pagination.ts';

describe('admin users pagination', () => {
  it('defaults to page 1 of 50; empty values (what auth-js sends) mean the default', () => {
    expect(parsePagination(new URLSearchParams())).toEqual({ page: 1, perPage: 50 });
    expect(parsePagination(new URLSearchParams('page=&per_page='))).toEqual({ page: 1, perPage: 50 });
    expect(parsePagination(new URLSearchParams('page=3&per_page=20'))).toEqual({ page: 3, perPage: 20 });
    expect(parsePagination(new URLSearchParams('per_page=100000'))).toEqual({ page: 1, perPage: 1000 });
  });

  it.each(['page=0', 'page=-1', 'page=abc', 'per_page=0', 'per_page=1.5'])('%s is a 400', (q) => {
    expect(() => parsePagination(new URLSearchParams(q))).toThrow(AuthApiError);
  });

  it('Link has rel="next" while there are more pages and always rel="last"; X-Total-Count is the total', () => {
    const h = paginationHeaders('/admin/users', new URLSearchParams('page=1&per_page=2'), { page: 1, perPage: 2 }, 5);
    expect(h['X-Total-Count']).toBe('5');
    expect(h.Link).toBe('</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=3&per_page=2>; rel="last"');
    const last = paginationHeaders('/admin/users', new URLSearchParams(), { page: 3, perPage: 2 }, 5);
    expect(last.Link).toBe('</admin/users?page=3&per_page=2>; rel="last"');
  });

  it('auth-js can read the page numbers back from the Link header', () => {
    // auth-js's own parsing: link.split(';')[0].split('=')[1].substring(0, 1)
    const { Link } = paginationHeaders('/admin/users', new URLSearchParams(), { page: 1, perPage: 10 }, 35);
    const pages = Object.fromEntries(
      Link!.split(',').map((l) => [JSON.parse(l.split(';')[1]!.split('=')[1]!), parseInt(l.split(';')[0]!.split('=')[1]!.substring(0, 1))]),
    );
    expect(pages).toEqual({ next: 2, last: 4 });
  });
});
