// The signing core (issue 15) without the stack: a local CA (root, school CA, TSA, three people and the
// school), one transcript year rendered as printed, and four PAdES signatures added in the procedure's
// order as incremental updates into the layout's slots — checked by poppler's pdfsig with an NSS database
// that trusts the root, by OpenSSL for every timestamp, and byte by byte for tampering.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { transcriptDataSchema } from '../../supabase/functions/_shared/contracts/print.ts';
import { renderTranscript } from '../../supabase/functions/_shared/pdf/render.ts';
import { createRoot, createSchoolCa, createTsa, issueSigning, type IssuedKey } from '../../supabase/functions/_shared/signing/ca.ts';
import { assembleCms, hashToSign, parseCms, timestampToken } from '../../supabase/functions/_shared/signing/cms.ts';
import { embedSignature, prepareSignature, signaturesOf, slotsOf, vietnamIso } from '../../supabase/functions/_shared/signing/pades.ts';
import { newSerial, pem, signHash } from '../../supabase/functions/_shared/signing/pki.ts';
import type { Appearance } from '../../supabase/functions/_shared/signing/appearance.ts';
import { pages } from '../helpers/print.ts';
import { nssTrusting, opensslTsVerify, pdfsig } from '../helpers/pdfsig.ts';

const font = fs.readFileSync('node_modules/@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const now = new Date('2026-06-30T03:25:00Z');
let root: IssuedKey, ca: IssuedKey, tsa: IssuedKey;
let nss: string;
let base: Uint8Array;
let year: string;
let subject: string;
const signed: Uint8Array[] = [];
const signers: { who: IssuedKey; slot: { slot: string; seal?: boolean }; appearance: Appearance; signature?: Uint8Array }[] = [];

async function sign(pdf: Uint8Array, s: (typeof signers)[number], at: Date): Promise<Uint8Array> {
  const p = await prepareSignature(pdf, { place: s.slot, appearance: s.appearance, signerName: 'x', reason: 'Duyệt học bạ', location: 'Tân Đông', signingTime: at, font });
  const chain = [s.who.certificate, ca.certificate, root.certificate];
  s.signature = signHash(s.who.key, await hashToSign(p.digest, chain[0]!));
  const ts = await timestampToken({ data: s.signature, tsa: { key: tsa.key, chain: [tsa.certificate, root.certificate] }, serial: newSerial(), at });
  return embedSignature(p, await assembleCms({ documentDigest: p.digest, chain, signature: s.signature, timestampToken: ts }));
}

beforeAll(async () => {
  root = await createRoot(now);
  const rootIssuer = { certificate: root.certificate, key: root.key };
  ca = await createSchoolCa(now, 'Trường THPT Tân Đông', rootIssuer, 'http://127.0.0.1/crl/root.crl');
  tsa = await createTsa(now, rootIssuer, 'http://127.0.0.1/crl/root.crl');
  const caIssuer = { certificate: ca.certificate, key: ca.key };
  const person = (commonName: string) => issueSigning(now, { commonName, organization: 'Trường THPT Tân Đông' }, caIssuer, 'http://127.0.0.1/crl/ca.crl');
  nss = nssTrusting(pem(root.certificate));
  const data = transcriptDataSchema.parse(JSON.parse(fs.readFileSync('tests/fixtures/transcript-thpt.json', 'utf8')));
  const one = { ...data, years: data.years.slice(0, 1) };
  year = one.years[0]!.school_year_id;
  subject = one.years[0]!.subjects.find((s) => s.name === 'Toán')!.subject_id;
  base = await renderTranscript(one, { issuedOn: data.today }, false);
  const t = (m: number) => vietnamIso(new Date(now.getTime() + m * 60_000));
  signers.push(
    { who: await person('Nguyễn Khánh Nhung'), slot: { slot: `sig.${year}.subject.${subject}` }, appearance: { kind: 'row', name: 'Nguyễn Khánh Nhung', time: t(0) } },
    { who: await person('Phan Quang Lộc'), slot: { slot: `sig.${year}.homeroom` }, appearance: { kind: 'person', name: 'Phan Quang Lộc', time: t(1) } },
    { who: await person('Nguyễn Hoài Uyên'), slot: { slot: `sig.${year}.principal` }, appearance: { kind: 'person', name: 'Nguyễn Hoài Uyên', time: t(2) } },
    { who: await person('Trường THPT Tân Đông'), slot: { slot: `sig.${year}.principal`, seal: true }, appearance: { kind: 'seal', organisation: 'Trường THPT Tân Đông', parent: 'Sở GD&ĐT Tây Ninh', time: t(3) } },
  );
  let pdf = base;
  for (const [i, s] of signers.entries()) {
    pdf = await sign(pdf, s, new Date(now.getTime() + i * 60_000));
    signed.push(pdf);
  }
});

describe('PAdES signatures on a transcript year (local CA, pdfsig and OpenSSL as judges)', () => {
  it('the layout marks a slot per subject row, the GVCN and the principal', async () => {
    const slots = slotsOf(await PDFDocument.load(base));
    expect(slots.get(`sig.${year}.subject.${subject}`)).toMatchObject({ page: 0, width: 80, height: 9, signed: false });
    expect(slots.get(`sig.${year}.homeroom`)).toMatchObject({ page: 1, width: 150, height: 48 });
    expect(slots.get(`sig.${year}.principal`)).toMatchObject({ page: 1, width: 150, height: 48 });
    expect([...slots.keys()].filter((k) => k.includes('.subject.'))).toHaveLength(12);
  });

  it('four signatures, each an incremental update: every one valid and trusted, ETSI.CAdES.detached, in order, the last total', () => {
    const last = signed.at(-1)!;
    for (let i = 0; i < signed.length - 1; i++) expect(Buffer.from(last.subarray(0, signed[i]!.length)).equals(Buffer.from(signed[i]!))).toBe(true);
    const report = pdfsig(last, nss);
    expect(report.map((r) => r.commonName)).toEqual(['Nguyễn Khánh Nhung', 'Phan Quang Lộc', 'Nguyễn Hoài Uyên', 'Trường THPT Tân Đông']);
    expect(report.map((r) => r.field)).toEqual([`sig.${year}.subject.${subject}`, `sig.${year}.homeroom`, `sig.${year}.principal`, `seal.sig.${year}.principal`]);
    for (const r of report) {
      expect(r.validation).toBe('Signature is Valid.');
      expect(r.certificate).toBe('Certificate is Trusted.');
      expect(r.type).toBe('ETSI.CAdES.detached');
    }
    expect(report.map((r) => r.total)).toEqual([false, false, false, true]);
  });

  it('PAdES baseline attributes: signing-certificate-v2, no signing-time; each timestamp token verifies in OpenSSL over its signature value', () => {
    const sigs = signaturesOf(signed.at(-1)!);
    expect(sigs).toHaveLength(4);
    for (const [i, s] of sigs.entries()) {
      const cms = parseCms(s.cms);
      expect(cms.hasSigningCertificateV2).toBe(true);
      expect(cms.hasSigningTime).toBe(false);
      expect(cms.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
      expect(cms.timestamp).not.toBeNull();
      expect(cms.timestamp!.genTime.toISOString()).toBe(new Date(now.getTime() + i * 60_000).toISOString());
      const checked = opensslTsVerify(cms.timestamp!.token, cms.signature, pem(root.certificate), pem(tsa.certificate));
      expect(checked.output).toContain('Verification: OK');
      // Control: the same token does not verify over another value.
      expect(opensslTsVerify(cms.timestamp!.token, new Uint8Array([1, 2, 3]), pem(root.certificate), pem(tsa.certificate)).ok).toBe(false);
    }
  });

  it('the appearances are text pdftotext reads: who signed and when (ISO 8601, Vietnam time), the seal with the school', () => {
    const text = pages(Buffer.from(signed.at(-1)!), false).join('\n');
    expect(text).toContain('Đã ký số: Nguyễn Khánh Nhung');
    expect(text).toContain('Ký bởi: Phan Quang Lộc');
    expect(text).toContain('Thời gian ký: 2026-06-30T10:27:00+07:00');
    expect(text).toMatch(/Ký số: 2026-06-30T10:28:00\+07:00/);
  });

  it('a byte changed in the first revision breaks every signature; one changed only in the last revision breaks only the last', () => {
    const last = signed.at(-1)!;
    const early = last.slice();
    early[200] = early[200]! ^ 0x01;
    expect(pdfsig(early, nss).map((r) => r.validation)).toEqual(Array(4).fill('Digest Mismatch.'));
    const late = last.slice();
    const at = signed[2]!.length + 100;
    late[at] = late[at]! ^ 0x01;
    expect(pdfsig(late, nss).map((r) => r.valid)).toEqual([true, true, true, false]);
  });

  it('a slot is signed once: signing it again is refused', async () => {
    await expect(sign(signed.at(-1)!, { ...signers[1]! }, now)).rejects.toThrow(/no free slot/);
  });

  it('a certificate from another root is not trusted (the NSS database trusts only the exported root)', async () => {
    const other = await createRoot(now);
    expect(pdfsig(signed.at(-1)!, nssTrusting(pem(other.certificate))).every((r) => !r.trusted && r.valid)).toBe(true);
  });
});
