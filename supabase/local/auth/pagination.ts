// Pagination of GET /admin/users as GoTrue does it (internal/api/pagination.go): `page` (default 1)
// and `per_page` (default 50) query parameters; the answer carries `X-Total-Count` and a `Link`
// header with rel="next" (when there is a next page) and rel="last". auth-js reads both.
import { badRequest } from './errors.ts';

export const DEFAULT_PER_PAGE = 50;
/** GoTrue has no upper bound; one keeps a single request from reading the whole table. */
export const MAX_PER_PAGE = 1000;

export interface Page {
  page: number;
  perPage: number;
}

function positiveInt(raw: string | null, name: string, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest('validation_failed', `Bad Pagination Parameters: ${name} must be a positive integer`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw badRequest('validation_failed', `Bad Pagination Parameters: ${name} must be a positive integer`);
  }
  return n;
}

export function parsePagination(query: URLSearchParams): Page {
  const page = positiveInt(query.get('page'), 'page', 1);
  const perPage = Math.min(positiveInt(query.get('per_page'), 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
  return { page, perPage };
}

/** Go's url.Values.Encode: keys sorted, values in order, `+` for spaces. */
function encodeSorted(query: URLSearchParams): string {
  const keys = [...new Set(query.keys())].sort();
  const parts: string[] = [];
  for (const k of keys) {
    for (const v of query.getAll(k)) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`.replace(/%20/g, '+'));
  }
  return parts.join('&');
}

export function paginationHeaders(path: string, query: URLSearchParams, p: Page, total: number): Record<string, string> {
  const totalPages = Math.ceil(total / p.perPage);
  const q = new URLSearchParams(query);
  q.set('per_page', String(p.perPage));
  let link = '';
  if (totalPages > p.page) {
    q.set('page', String(p.page + 1));
    link += `<${path}?${encodeSorted(q)}>; rel="next", `;
  }
  q.set('page', String(totalPages));
  link += `<${path}?${encodeSorted(q)}>; rel="last"`;
  return { Link: link, 'X-Total-Count': String(total) };
}
