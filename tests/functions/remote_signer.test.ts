// The remote signer (issue 15) against a fake remote signing service — the CA's service being the one
// thing outside the system: one transaction carries a class's hashes, the person approves (after a few
// polls answered "pending"), declines or lets it expire; wrong client credentials are an error. The
// approved signatures verify over their hashes with the certificate the service returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoot, createSchoolCa, issueSigning } from '../../supabase/functions/_shared/signing/ca.ts';
import { parseCertificate, sha256, verifyHash } from '../../supabase/functions/_shared/signing/pki.ts';
import { RemoteSigner } from '../../supabase/functions/_shared/signing/signer.ts';
import { fakeRemoteSigner, type FakeRemote } from '../helpers/fakeRemoteSigner.ts';

let fake: FakeRemote;
let signer: RemoteSigner;
const hashes: Uint8Array[] = [];

beforeAll(async () => {
  const now = new Date();
  const root = await createRoot(now);
  const ca = await createSchoolCa(now, 'Trường THPT Tân Đông', root, 'http://127.0.0.1/crl/root.crl');
  const person = await issueSigning(now, { commonName: 'Nguyễn Văn Toán' }, ca, 'http://127.0.0.1/crl/ca.crl');
  fake = await fakeRemoteSigner({ clientId: 'truong-thpt-tan-dong', clientSecret: 's3cret', credentialId: 'gv.toan', key: person.key, chain: [person.certificate, ca.certificate, root.certificate] });
  signer = new RemoteSigner({ baseUrl: fake.url, clientId: 'truong-thpt-tan-dong', clientSecret: 's3cret', credentialId: 'gv.toan' });
  for (let i = 0; i < 40; i++) hashes.push(await sha256(new TextEncoder().encode(`học bạ ${i}`)));
});
afterAll(() => fake.close());

async function pollUntilDone(id: string) {
  for (let i = 0; i < 10; i++) {
    const r = await signer.poll(id);
    if (r.status !== 'pending') return { ...r, polls: i + 1 };
  }
  throw new Error('still pending');
}

describe('the remote signer against a fake SmartCA / MySign-shaped service', () => {
  it('forty hashes in one transaction: pending while the person decides, then forty signatures that verify with the returned certificate', async () => {
    fake.set('approve', 2);
    expect(signer.capabilities).toMatchObject({ remote: true });
    const tx = await signer.start(hashes, 'Ký 40 học bạ lớp 10A1 – môn Toán');
    expect(tx.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(fake.shown.at(-1)).toBe('Ký 40 học bạ lớp 10A1 – môn Toán');
    const r = await pollUntilDone(tx.transactionId);
    expect(r.status).toBe('approved');
    expect(r.polls).toBe(3);
    if (r.status !== 'approved') return;
    expect(r.signatures).toHaveLength(40);
    const leaf = parseCertificate(r.chain[0]!);
    const pub = new Uint8Array(leaf.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    expect(r.signatures.every((s, i) => verifyHash(pub, hashes[i]!, s))).toBe(true);
    // Control: a signature does not verify over another file's hash.
    expect(verifyHash(pub, hashes[1]!, r.signatures[0]!)).toBe(false);
  });

  it('the person declines: declined, no signature', async () => {
    fake.set('decline');
    const tx = await signer.start(hashes.slice(0, 3), 'Ký 3 học bạ');
    expect(await signer.poll(tx.transactionId)).toEqual({ status: 'declined' });
  });

  it('the request expires unanswered: expired', async () => {
    fake.set('expire', 1);
    const tx = await signer.start(hashes.slice(0, 3), 'Ký 3 học bạ');
    expect(await signer.poll(tx.transactionId)).toEqual({ status: 'pending' });
    expect(await signer.poll(tx.transactionId)).toEqual({ status: 'expired' });
  });

  it('wrong client credentials and too many hashes are errors, with a sentence', async () => {
    const wrong = new RemoteSigner({ baseUrl: fake.url, clientId: 'truong-thpt-tan-dong', clientSecret: 'sai', credentialId: 'gv.toan' });
    await expect(wrong.start(hashes, 'x')).rejects.toThrow('Dịch vụ ký số từ xa trả lỗi 401');
    await expect(signer.start([...hashes, ...hashes, ...hashes], 'x')).rejects.toThrow('Quá nhiều tệp trong một lượt ký.');
  });
});
