// A fake remote signing service (issue 15): the one fake the brief allows — something outside the system
// (a licensed CA's SmartCA / MySign service) behind the signer interface. It speaks the start/poll shape
// RemoteSigner does, checks the school's client credentials, and decides each transaction as told: the
// person approves (after `pendingPolls` polls), declines, or lets it expire.
import http from 'node:http';
import { signHash } from '../../supabase/functions/_shared/signing/pki.ts';

export type Outcome = 'approve' | 'decline' | 'expire';

export interface FakeRemote {
  url: string;
  /** What the next transactions do, and how many polls answer "pending" first. */
  set(outcome: Outcome, pendingPolls?: number): void;
  /** The descriptions the person was shown, in order. */
  shown: string[];
  close(): Promise<void>;
}

export async function fakeRemoteSigner(o: { clientId: string; clientSecret: string; credentialId: string; key: Uint8Array; chain: Uint8Array[] }): Promise<FakeRemote> {
  let outcome: Outcome = 'approve';
  let pendingPolls = 0;
  const shown: string[] = [];
  const tx = new Map<string, { hashes: string[]; outcome: Outcome; polls: number }>();
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, x: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(x));
      if (req.headers.authorization !== `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`) return send(401, { message: 'bad client' });
      const url = req.url ?? '';
      const credential = `/credentials/${encodeURIComponent(o.credentialId)}`;
      if (req.method === 'GET' && url === `${credential}/certificates`) return send(200, { chain: o.chain.map(b64) });
      if (req.method === 'POST' && url === `${credential}/sign`) {
        const b = JSON.parse(body) as { hashes: string[]; description: string };
        const id = crypto.randomUUID();
        shown.push(b.description);
        tx.set(id, { hashes: b.hashes, outcome, polls: 0 });
        return send(200, { transaction_id: id, expires_at: new Date(Date.now() + 300_000).toISOString() });
      }
      const m = /^\/transactions\/([^/]+)$/.exec(url);
      const t = m ? tx.get(decodeURIComponent(m[1]!)) : undefined;
      if (req.method === 'GET' && t) {
        if (t.polls++ < pendingPolls) return send(200, { status: 'pending' });
        if (t.outcome === 'decline') return send(200, { status: 'declined' });
        if (t.outcome === 'expire') return send(200, { status: 'expired' });
        return send(200, { status: 'approved', algorithm: '1.2.840.10045.4.3.2', signatures: t.hashes.map((h) => b64(signHash(o.key, Buffer.from(h, 'base64')))) });
      }
      return send(404, { message: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    set(next, polls = 0) {
      outcome = next;
      pendingPolls = polls;
    },
    shown,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
