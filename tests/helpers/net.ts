// Requests from another client address. Linux routes all of 127.0.0.0/8 to the loopback interface, so
// a test can bind its side of the connection to, say, 127.0.0.23 and the gateway sees a different
// client address from the 127.0.0.1 every other test uses. Throttles keyed by address are then tested
// without slowing anybody else down.
import crypto from 'node:crypto';
import http from 'node:http';

/** A loopback address no other test in this run is likely to use (127.0.1.2 … 127.0.250.251; never 127.0.0.1). */
export function freshLoopbackAddress(): string {
  const n = crypto.randomInt(0, 250 * 250);
  return `127.0.${1 + Math.floor(n / 250)}.${2 + (n % 250)}`;
}

/** A `fetch` whose connections leave from `localAddress` (enough of fetch for supabase-js and tests). */
export function fetchFrom(localAddress: string): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : input.toString());
    const method = init.method ?? request?.method ?? 'GET';
    const headers = new Headers(request?.headers);
    new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    const rawBody = init.body ?? (request && method !== 'GET' && method !== 'HEAD' ? await request.text() : undefined);
    const body = rawBody === undefined || rawBody === null ? undefined : typeof rawBody === 'string' ? rawBody : Buffer.from(await new Response(rawBody as BodyInit).arrayBuffer());
    return new Promise<Response>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: Object.fromEntries(headers), localAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 0;
            const empty = status === 204 || status === 304 || method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: out }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.end(body);
      else req.end();
    });
  }) as typeof fetch;
}
