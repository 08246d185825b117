// X.509 for the local signing CA (issue 15): ECDSA P-256 keys, certificates (root, a school CA, a person's or
// the school's signing certificate, the timestamp authority's) and CRLs, built with pkijs. Keys are raw 32-byte
// P-256 secrets (@noble/curves): the signer interface signs HASHES (as remote signing services do), which
// WebCrypto cannot; certificates and CRLs are signed the same way (signTbs).
// Runs unchanged under Deno (the functions) and Node (tests, scripts).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { p256 } from '@noble/curves/nist.js';

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  country: '2.5.4.6',
  email: '1.2.840.113549.1.9.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  crlNumber: '2.5.29.20',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const;

const buf = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
export const sha256 = async (data: Uint8Array): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest('SHA-256', buf(data)));
export const hex = (u: Uint8Array) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');

/** A new P-256 secret key (32 bytes). */
export const newKey = (): Uint8Array => p256.utils.randomSecretKey();
/** The uncompressed public point (65 bytes) of a secret key. */
export const publicKeyOf = (secret: Uint8Array): Uint8Array => p256.getPublicKey(secret, false);

/** ECDSA P-256 over a SHA-256 hash computed elsewhere: the DER signature (as a CMS SignerInfo carries it). */
export function signHash(secret: Uint8Array, hash: Uint8Array): Uint8Array {
  if (hash.length !== 32) throw new Error('signHash: a SHA-256 hash is 32 bytes');
  return p256.sign(hash, secret, { prehash: false, format: 'der' });
}

/** Whether `signature` (DER) over `hash` verifies with the public point. */
export function verifyHash(publicKey: Uint8Array, hash: Uint8Array, signature: Uint8Array): boolean {
  try {
    return p256.verify(signature, hash, publicKey, { prehash: false, format: 'der', lowS: false });
  } catch {
    return false;
  }
}

/**
 * Signs a certificate's or a CRL's TBS part with ecdsa-with-SHA256 through signHash: noble writes the
 * minimal DER INTEGERs that NSS (pdfsig) insists on — pkijs' conversion of WebCrypto's raw r‖s left a
 * non-minimal encoding in about one signature in a hundred ("Unknown issue with Certificate").
 */
async function signTbs(obj: { signature: pkijs.AlgorithmIdentifier; signatureAlgorithm: pkijs.AlgorithmIdentifier; tbsView: Uint8Array; signatureValue: asn1js.BitString }, encodeTbs: () => asn1js.Sequence, key: Uint8Array): Promise<void> {
  obj.signature = new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  obj.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  obj.tbsView = new Uint8Array(encodeTbs().toBER(false));
  obj.signatureValue = new asn1js.BitString({ valueHex: buf(signHash(key, await sha256(obj.tbsView))) });
}

export interface DistinguishedName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  email?: string;
}

/** A name as one RDN per attribute (C, O, OU, CN, E), as CAs issue them. pkijs would put every attribute into
 * one multi-valued RDN, which NSS treats as a different name when a certificate appears in two signatures of a
 * file ("Unknown issue with Certificate" from pdfsig for a repeated signer), so the DER is built here. */
function name(dn: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: asn1js.BaseStringBlock) =>
    rdns.push(new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] }));
  add(OID.country, new asn1js.PrintableString({ value: 'VN' }));
  if (dn.organization) add(OID.organization, new asn1js.Utf8String({ value: dn.organization }));
  if (dn.organizationalUnit) add(OID.organizationalUnit, new asn1js.Utf8String({ value: dn.organizationalUnit }));
  add(OID.commonName, new asn1js.Utf8String({ value: dn.commonName }));
  if (dn.email) add(OID.email, new asn1js.IA5String({ value: dn.email }));
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER());
}

function publicKeyInfo(pub: Uint8Array): pkijs.PublicKeyInfo {
  return new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecPublicKey, algorithmParams: new asn1js.ObjectIdentifier({ value: OID.prime256v1 }) }),
    subjectPublicKey: new asn1js.BitString({ valueHex: buf(pub) }),
  });
}

const extension = (extnID: string, critical: boolean, value: asn1js.BaseBlock) =>
  new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });

/** KeyUsage bits, most significant first: digitalSignature 0, nonRepudiation 1, keyCertSign 5, cRLSign 6. */
function keyUsage(bits: number[]): asn1js.BitString {
  const byte = bits.reduce((b, i) => b | (0x80 >> i), 0);
  const last = Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: 7 - last });
}

export type CertificateKind = 'root' | 'school_ca' | 'signing' | 'tsa';

export interface IssueOptions {
  kind: CertificateKind;
  subject: DistinguishedName;
  publicKey: Uint8Array;
  serial: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** The issuer's certificate (DER) and secret key; none for a self-signed root. */
  issuer?: { certificate: Uint8Array; key: Uint8Array };
  selfKey?: Uint8Array;
  /** Where relying parties fetch the issuer's CRL (poppler insists on one: PDF_AND_SIGNING.md). */
  crlUrl?: string;
}

/** A certificate, DER. */
export async function issueCertificate(o: IssueOptions): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: buf(positive(o.serial)) });
  const subject = name(o.subject);
  cert.subject = subject;
  const issuerCert = o.issuer ? pkijs.Certificate.fromBER(buf(o.issuer.certificate)) : null;
  cert.issuer = issuerCert ? issuerCert.subject : subject;
  cert.notBefore.value = o.notBefore;
  cert.notAfter.value = o.notAfter;
  cert.subjectPublicKeyInfo = publicKeyInfo(o.publicKey);
  const ski = (await sha256(o.publicKey)).slice(0, 20);
  const aki = issuerCert ? (await sha256(new Uint8Array(issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView))).slice(0, 20) : ski;
  const ca = o.kind === 'root' || o.kind === 'school_ca';
  const ext: pkijs.Extension[] = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints(ca ? { cA: true, pathLenConstraint: o.kind === 'root' ? 1 : 0 } : {}).toSchema()),
    extension(OID.keyUsage, true, keyUsage(ca ? [5, 6] : o.kind === 'tsa' ? [0] : [0, 1])),
    extension(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: buf(ski) })),
    extension(OID.authorityKeyId, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: buf(aki) }) }).toSchema()),
  ];
  if (o.kind === 'tsa') ext.push(extension(OID.extKeyUsage, true, new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] }).toSchema()));
  if (o.kind === 'signing') ext.push(extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.emailProtection] }).toSchema()));
  if (o.crlUrl) {
    ext.push(extension(OID.crlDistributionPoints, false, new pkijs.CRLDistributionPoints({
      distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: o.crlUrl })] })],
    }).toSchema()));
  }
  cert.extensions = ext;
  const key = o.issuer?.key ?? o.selfKey;
  if (!key) throw new Error('issueCertificate: no signing key');
  await signTbs(cert, () => cert.encodeTBS(), key);
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

/** A CRL of the issuer: the revoked serials with their dates, DER. */
export async function issueCrl(o: {
  issuer: { certificate: Uint8Array; key: Uint8Array };
  revoked: { serial: Uint8Array; at: Date }[];
  thisUpdate: Date;
  nextUpdate: Date;
  number: number;
}): Promise<Uint8Array> {
  const issuerCert = pkijs.Certificate.fromBER(buf(o.issuer.certificate));
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuerCert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: o.thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: o.nextUpdate });
  if (o.revoked.length) {
    crl.revokedCertificates = o.revoked.map((r) => new pkijs.RevokedCertificate({
      userCertificate: new asn1js.Integer({ valueHex: buf(positive(r.serial)) }),
      revocationDate: new pkijs.Time({ type: 0, value: r.at }),
    }));
  }
  const aki = (await sha256(new Uint8Array(issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView))).slice(0, 20);
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      extension(OID.authorityKeyId, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: buf(aki) }) }).toSchema()),
      extension(OID.crlNumber, false, new asn1js.Integer({ value: o.number })),
    ],
  });
  await signTbs(crl, () => (crl as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS(), o.issuer.key);
  return new Uint8Array(crl.toSchema(false).toBER(false));
}

/** A serial as a positive INTEGER (a leading 0x00 when the high bit is set). */
function positive(serial: Uint8Array): Uint8Array {
  return serial[0]! & 0x80 ? new Uint8Array([0, ...serial]) : serial;
}

/** A random 16-byte serial, positive. */
export function newSerial(): Uint8Array {
  const s = crypto.getRandomValues(new Uint8Array(16));
  s[0] = s[0]! & 0x7f || 1;
  return s;
}

export const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(buf(der));

/** The common name of a certificate's subject. */
export function commonNameOf(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === OID.commonName);
  return cn ? String(cn.value.valueBlock.value) : '';
}

export function serialHex(cert: pkijs.Certificate): string {
  return hex(new Uint8Array(cert.serialNumber.valueBlock.valueHexView)).replace(/^00(?=[89a-f])/, '');
}

export const pem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${(btoa(String.fromCharCode(...der)).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

/** The DER of the first PEM block of `text`. */
export function unpem(text: string): Uint8Array {
  const body = /-----BEGIN [A-Z ]+-----([\s\S]+?)-----END [A-Z ]+-----/.exec(text)?.[1] ?? '';
  return Uint8Array.from(atob(body.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
}
