// The signer interface (issue 15): what a remote signing service (VNPT SmartCA, Viettel MySign: the hashes
// are sent, the person approves on their phone, the signatures come back) and the local development signer
// have in common. A set of hashes is one transaction — a teacher approves the 40 transcripts of a class
// once. Hashes are SHA-256 of the CMS signed attributes (cms.ts hashToSign); signatures come back as DER
// ECDSA (or RSA) values with the algorithm and the certificate chain, which the CMS then carries.
import { signHash } from './pki.ts';

export interface Capabilities {
  /** The person approves elsewhere (a phone): poll until approved, declined or expired. */
  remote: boolean;
  /** How many hashes one transaction may carry. */
  maxHashes: number;
  /** Signature algorithms it returns (OIDs). */
  algorithms: string[];
}

export type PollResult =
  | { status: 'pending' }
  | { status: 'approved'; signatures: Uint8Array[]; algorithm: string; chain: Uint8Array[] }
  | { status: 'declined' }
  | { status: 'expired' };

export interface Signer {
  readonly capabilities: Capabilities;
  /** The signer's certificate first, then its issuers. */
  certificateChain(): Promise<Uint8Array[]>;
  /** Starts one transaction over all `hashes` (32 bytes each); `description` is what the person is shown. */
  start(hashes: Uint8Array[], description: string): Promise<{ transactionId: string; expiresAt: Date }>;
  poll(transactionId: string): Promise<PollResult>;
}

export const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/**
 * The local signer (development, tests, the demo): the key is the holder's own, unsealed with their PIN
 * for the one request that signs (seal.ts); approval is the PIN itself, so a transaction is approved at
 * once. Never in production: README, "Chữ ký số".
 */
export class LocalSigner implements Signer {
  readonly capabilities: Capabilities = { remote: false, maxHashes: 1000, algorithms: [ECDSA_SHA256] };
  private readonly results = new Map<string, PollResult>();

  constructor(private readonly key: Uint8Array, private readonly chain: Uint8Array[]) {}

  certificateChain(): Promise<Uint8Array[]> {
    return Promise.resolve(this.chain);
  }

  start(hashes: Uint8Array[]): Promise<{ transactionId: string; expiresAt: Date }> {
    if (hashes.length > this.capabilities.maxHashes) throw new Error('Quá nhiều tệp trong một lượt ký.');
    const transactionId = crypto.randomUUID();
    this.results.set(transactionId, { status: 'approved', signatures: hashes.map((h) => signHash(this.key, h)), algorithm: ECDSA_SHA256, chain: this.chain });
    return Promise.resolve({ transactionId, expiresAt: new Date(Date.now() + 300_000) });
  }

  poll(transactionId: string): Promise<PollResult> {
    return Promise.resolve(this.results.get(transactionId) ?? { status: 'expired' });
  }
}

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/**
 * A remote signing service speaking the start/poll shape of VNPT SmartCA and Viettel MySign (each
 * provider's adapter maps its own field names onto this): the school's account (base URL, client id and
 * secret) and the person's credential id at the provider.
 *   GET  {base}/credentials/{credential}/certificates      → { chain: [base64 DER, …] }
 *   POST {base}/credentials/{credential}/sign              { hashes: [base64], description } → { transaction_id, expires_at }
 *   GET  {base}/transactions/{id}                          → { status: pending|approved|declined|expired, signatures?, algorithm? }
 */
export class RemoteSigner implements Signer {
  readonly capabilities: Capabilities = { remote: true, maxHashes: 100, algorithms: [ECDSA_SHA256, '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.10'] };

  constructor(private readonly o: { baseUrl: string; clientId: string; clientSecret: string; credentialId: string; fetch?: typeof fetch }) {}

  private async call(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const res = await (this.o.fetch ?? fetch)(`${this.o.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${this.o.clientId}:${this.o.clientSecret}`)}`, ...(init.headers ?? {}) },
    });
    const body = await res.json().catch(() => ({})) as Record<string, unknown>;
    if (!res.ok) throw new Error(`Dịch vụ ký số từ xa trả lỗi ${res.status}: ${String(body.message ?? '')}`);
    return body;
  }

  async certificateChain(): Promise<Uint8Array[]> {
    const r = await this.call(`/credentials/${encodeURIComponent(this.o.credentialId)}/certificates`);
    return (r.chain as string[]).map(unb64);
  }

  async start(hashes: Uint8Array[], description: string): Promise<{ transactionId: string; expiresAt: Date }> {
    if (hashes.length > this.capabilities.maxHashes) throw new Error('Quá nhiều tệp trong một lượt ký.');
    const r = await this.call(`/credentials/${encodeURIComponent(this.o.credentialId)}/sign`, {
      method: 'POST', body: JSON.stringify({ hashes: hashes.map(b64), description }),
    });
    return { transactionId: String(r.transaction_id), expiresAt: new Date(String(r.expires_at)) };
  }

  async poll(transactionId: string): Promise<PollResult> {
    const r = await this.call(`/transactions/${encodeURIComponent(transactionId)}`);
    if (r.status === 'approved') {
      return { status: 'approved', signatures: (r.signatures as string[]).map(unb64), algorithm: String(r.algorithm), chain: await this.certificateChain() };
    }
    if (r.status === 'declined' || r.status === 'expired') return { status: r.status };
    return { status: 'pending' };
  }
}
