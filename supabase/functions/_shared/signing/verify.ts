// Verification of a signed PDF for anyone (issue 15, item 4), item by item in Vietnamese: for each
// signature in file order — the document's integrity since it (the digest of its byte ranges), the
// signature over its attributes, the certificate chain up to a trusted root, the certificate's validity
// and revocation at the signing time, the timestamp, the algorithm — and whether the file is the current
// revision of a current archived version. Pure: what the database knows is passed in (`Registry`).
import * as pkijs from 'pkijs';
import { parseCms } from './cms.ts';
import { rangesDigest, signaturesOf } from './pades.ts';
import { OID, commonNameOf, serialHex, sha256, verifyHash } from './pki.ts';

export interface Registry {
  /** The trusted roots (DER). */
  roots: Uint8Array[];
  /** What the database says of a certificate by its serial (hex): revoked when and why. */
  certificate(serial: string): Promise<{ status: 'active' | 'revoked'; revoked_at: string | null; revocation_reason: string | null } | null>;
}

export interface Check {
  ok: boolean;
  label: string;
  detail: string;
}

export interface SignatureReport {
  index: number;
  field: string | null;
  signer: string;
  /** The signer's certificate serial (hex), when it could be read. */
  serial: string | null;
  signedAt: string | null;
  valid: boolean;
  checks: Check[];
}

const buf = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const pub = (c: pkijs.Certificate) => new Uint8Array(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);

/** Whether `cert` is signed by `issuer` (ECDSA P-256 / SHA-256, the algorithm of every certificate here). */
async function signedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (cert.signatureAlgorithm.algorithmId !== OID.ecdsaWithSha256 || !cert.issuer.isEqual(issuer.subject)) return false;
  return verifyHash(pub(issuer), await sha256(new Uint8Array(cert.tbsView)), new Uint8Array(cert.signatureValue.valueBlock.valueHexView));
}

/** Whether `leaf` chains (through `carried`) to one of `roots`, each link's signature checked. */
export async function chainsTo(leaf: pkijs.Certificate, carried: pkijs.Certificate[], roots: pkijs.Certificate[]): Promise<boolean> {
  return (await chainToRoot(leaf, carried, roots)).ok;
}

/**
 * The chain from `leaf` to a trusted root through the certificates the CMS carries, or why not. Issuers are
 * matched by name and then by signature: two CAs may share a name (every root made by the development CA
 * does), so each candidate is tried.
 */
async function chainToRoot(leaf: pkijs.Certificate, carried: pkijs.Certificate[], roots: pkijs.Certificate[]): Promise<{ ok: boolean; path: pkijs.Certificate[] }> {
  const path = [leaf];
  let at = leaf;
  for (let depth = 0; depth < 5; depth++) {
    for (const root of roots.filter((r) => r.subject.isEqual(at.issuer))) {
      if (await signedBy(at, root)) return { ok: true, path: [...path, root] };
    }
    let next: pkijs.Certificate | undefined;
    for (const c of carried.filter((c) => c !== at && !path.includes(c) && c.subject.isEqual(at.issuer))) {
      if (await signedBy(at, c)) {
        next = c;
        break;
      }
    }
    if (!next) return { ok: false, path };
    path.push(next);
    at = next;
  }
  return { ok: false, path };
}

/** A date of the PDF's /M ("D:20260630102500+07'00'") as a Date. */
function pdfDateToDate(m: string | null): Date | null {
  const x = m && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'?$/.exec(m);
  if (!x) return null;
  return new Date(`${x[1]}-${x[2]}-${x[3]}T${x[4]}:${x[5]}:${x[6]}${x[7]}${x[8]}:${x[9]}`);
}

/**
 * One CMS signature's checks: over content whose digest is `contentDigest` (a PDF's byte ranges, or a whole
 * file for a detached CAdES signature), `m` the PDF's /M signing time when there is no timestamp.
 */
export async function verifyCms(cmsDer: Uint8Array, contentDigest: Uint8Array, m: string | null, registry: Registry, rootDers: Uint8Array[] = registry.roots):
  Promise<{ signer: string; serial: string | null; signedAt: Date | null; valid: boolean; checks: Check[] }> {
  const roots = rootDers.map((r) => pkijs.Certificate.fromBER(buf(r)));
  const checks: Check[] = [];
  let signer = '';
  let serial: string | null = null;
  let signedAt: Date | null = pdfDateToDate(m);
  try {
    const cms = parseCms(cmsDer);
    signer = cms.signer ? commonNameOf(cms.signer) : '';
    serial = cms.signer ? serialHex(cms.signer) : null;
    // 1. Integrity: the content hashes to the message digest the signer signed.
    const intact = !!cms.messageDigest && eq(contentDigest, cms.messageDigest);
    checks.push({ ok: intact, label: 'Toàn vẹn văn bản', detail: intact ? 'Nội dung được ký không bị thay đổi kể từ chữ ký này.' : 'Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).' });
    // 2. The signature over the signed attributes, with the signer's key.
    const sigOk = !!cms.signer && cms.signatureAlgorithm === OID.ecdsaWithSha256
      && verifyHash(pub(cms.signer), await sha256(cms.signedAttributes), cms.signature);
    checks.push({ ok: sigOk, label: 'Chữ ký số', detail: sigOk ? 'Chữ ký khớp với chứng thư số của người ký.' : 'Chữ ký không khớp với chứng thư số.' });
    // 3. The algorithm and the PAdES/CAdES baseline attributes.
    const algOk = cms.digestAlgorithm === OID.sha256 && cms.signatureAlgorithm === OID.ecdsaWithSha256 && cms.hasSigningCertificateV2 && !cms.hasSigningTime;
    checks.push({ ok: algOk, label: 'Thuật toán', detail: algOk ? 'ECDSA P-256 với SHA-256; định dạng CAdES (ETSI.CAdES.detached).' : 'Thuật toán hoặc thuộc tính ký không đúng chuẩn PAdES/CAdES.' });
    // 4. The timestamp: over this signature value, signed by a TSA chained to a trusted root.
    let tsOk = false;
    if (cms.timestamp) {
      const imprintOk = eq(cms.timestamp.imprint, await sha256(cms.signature));
      const tsd = cms.timestamp.signedData;
      const tsaCerts = (tsd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
      const tsi = tsd.signerInfos[0]!;
      const tsaCert = tsaCerts[0];
      const attrs = new Uint8Array(tsi.signedAttrs!.toSchema().toBER(false));
      attrs[0] = 0x31;
      const tsaSigOk = !!tsaCert && verifyHash(pub(tsaCert), await sha256(attrs), new Uint8Array(tsi.signature.valueBlock.valueHexView));
      const tsaChain = tsaCert ? await chainToRoot(tsaCert, tsaCerts, roots) : { ok: false };
      tsOk = imprintOk && tsaSigOk && tsaChain.ok;
      signedAt = cms.timestamp.genTime;
    }
    checks.push({ ok: tsOk, label: 'Dấu thời gian', detail: tsOk ? `Dấu thời gian hợp lệ: ${signedAt!.toISOString()}.` : 'Không có dấu thời gian hợp lệ.' });
    // 5. The chain to a trusted root.
    const chain = cms.signer ? await chainToRoot(cms.signer, cms.chain, roots) : { ok: false, path: [] };
    checks.push({ ok: chain.ok, label: 'Chuỗi chứng thư', detail: chain.ok ? 'Chứng thư số được cấp bởi tổ chức chứng thực tin cậy.' : 'Chứng thư số không thuộc tổ chức chứng thực tin cậy.' });
    // 6. Valid and not revoked at the signing time.
    let validOk = false;
    let validDetail = 'Không xác định được chứng thư số.';
    if (cms.signer && signedAt) {
      const inPeriod = signedAt >= cms.signer.notBefore.value && signedAt <= cms.signer.notAfter.value;
      const known = await registry.certificate(serialHex(cms.signer));
      const revokedBefore = known?.status === 'revoked' && known.revoked_at !== null && new Date(known.revoked_at) <= signedAt;
      validOk = inPeriod && !!known && !revokedBefore;
      validDetail = !inPeriod ? 'Chứng thư số hết hạn hoặc chưa có hiệu lực vào thời điểm ký.'
        : !known ? 'Chứng thư số không có trong danh sách của hệ thống.'
        : revokedBefore ? `Chứng thư số đã bị thu hồi trước thời điểm ký (${known.revocation_reason ?? ''}).`
        : known.status === 'revoked' ? 'Chứng thư số còn hiệu lực vào thời điểm ký (bị thu hồi sau đó).'
        : 'Chứng thư số còn hiệu lực, không bị thu hồi vào thời điểm ký.';
    }
    checks.push({ ok: validOk, label: 'Hiệu lực chứng thư', detail: validDetail });
  } catch {
    checks.push({ ok: false, label: 'Cấu trúc chữ ký', detail: 'Không đọc được chữ ký số (dữ liệu hỏng).' });
  }
  return { signer, serial, signedAt, valid: checks.every((c) => c.ok), checks };
}

export async function verifyPdf(bytes: Uint8Array, registry: Registry): Promise<SignatureReport[]> {
  const reports: SignatureReport[] = [];
  for (const [i, s] of signaturesOf(bytes).entries()) {
    let digest: Uint8Array;
    try {
      digest = await rangesDigest(bytes, s.byteRange);
    } catch {
      digest = new Uint8Array();
    }
    const r = await verifyCms(s.cms, digest, s.m, registry);
    reports.push({ index: i + 1, field: s.field, signer: r.signer, serial: r.serial, signedAt: r.signedAt?.toISOString() ?? null, valid: r.valid, checks: r.checks });
  }
  return reports;
}
