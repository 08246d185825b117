// CMS for PAdES (issue 15): the signed attributes a signer signs (content-type, message-digest, ESS
// signing-certificate-v2 — and no signing-time: PAdES baseline takes the time from the PDF's /M), the
// SignedData around a signature value that came back from a signer (local or remote), and the RFC 3161
// timestamp token added as an unsigned attribute (PAdES B-T). The signed attributes are a pure function of
// the document's digest and the signer's certificate, so the hash sent to a remote signer can be recomputed
// when its signature comes back, hours later. See PDF_AND_SIGNING.md.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, sha256, signHash } from './pki.ts';

const ID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;
/** The local TSA's policy (an arc under the private-enterprise "example" tree: a development TSA). */
export const TSA_POLICY = '1.3.6.1.4.1.32473.15.1';

const buf = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
const sha256Alg = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });

/** ESS signing-certificate-v2 (RFC 5035): the certificate's SHA-256 and its issuer and serial. */
async function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): Promise<asn1js.Sequence> {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      cert.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: its DEFAULT is SHA-256.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: buf(await sha256(der)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

async function attributes(contentType: string, digest: Uint8Array, certDer: Uint8Array): Promise<pkijs.SignedAndUnsignedAttributes> {
  const cert = pkijs.Certificate.fromBER(buf(certDer));
  return new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: ID.contentType, values: [new asn1js.ObjectIdentifier({ value: contentType })] }),
      new pkijs.Attribute({ type: ID.messageDigest, values: [new asn1js.OctetString({ valueHex: buf(digest) })] }),
      new pkijs.Attribute({ type: ID.signingCertificateV2, values: [await signingCertificateV2(cert, certDer)] }),
    ],
  });
}

/** The DER a signature covers: the signed attributes as a SET (RFC 5652 §5.4). */
function toBeSigned(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER(false));
  der[0] = 0x31;
  return der;
}

/** The hash a signer signs for a document whose signed byte ranges hash to `documentDigest`. */
export async function hashToSign(documentDigest: Uint8Array, certDer: Uint8Array): Promise<Uint8Array> {
  return await sha256(toBeSigned(await attributes(ID.data, documentDigest, certDer)));
}

interface SignedDataInput {
  contentType: string;
  eContent?: Uint8Array;
  digest: Uint8Array;
  /** The signer's certificate first, then its issuers (the chain a verifier needs). */
  chain: Uint8Array[];
  signature: Uint8Array;
  unsigned?: pkijs.Attribute[];
}

async function signedData(i: SignedDataInput): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(buf(i.chain[0]!));
  const signer = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: sha256Alg(),
    signedAttrs: await attributes(i.contentType, i.digest, i.chain[0]!),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: buf(i.signature) }),
    ...(i.unsigned?.length ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: i.unsigned }) } : {}),
  });
  const sd = new pkijs.SignedData({
    version: i.eContent ? 3 : 1,
    digestAlgorithms: [sha256Alg()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: i.contentType,
      ...(i.eContent ? { eContent: new asn1js.OctetString({ valueHex: buf(i.eContent) }) } : {}),
    }),
    certificates: i.chain.map((c) => pkijs.Certificate.fromBER(buf(c))),
    signerInfos: [signer],
  });
  const ci = new pkijs.ContentInfo({ contentType: ID.signedData, content: sd.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER(false));
}

/**
 * The CMS (CAdES-detached) to embed in a PDF: the signature value a signer returned over
 * hashToSign(documentDigest, chain[0]), with the chain and, for B-T, the timestamp token over that value.
 */
export async function assembleCms(o: { documentDigest: Uint8Array; chain: Uint8Array[]; signature: Uint8Array; timestampToken?: Uint8Array }): Promise<Uint8Array> {
  const unsigned = o.timestampToken
    ? [new pkijs.Attribute({ type: ID.timeStampToken, values: [asn1js.fromBER(buf(o.timestampToken)).result] })]
    : [];
  return await signedData({ contentType: ID.data, digest: o.documentDigest, chain: o.chain, signature: o.signature, unsigned });
}

/**
 * An RFC 3161 timestamp token over `data` (a signature value), by a TSA whose key and chain are given:
 * TSTInfo with the SHA-256 imprint, the serial and the time, signed like any CMS.
 */
export async function timestampToken(o: { data: Uint8Array; tsa: { key: Uint8Array; chain: Uint8Array[] }; serial: Uint8Array; at: Date }): Promise<Uint8Array> {
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: TSA_POLICY,
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: sha256Alg(), hashedMessage: new asn1js.OctetString({ valueHex: buf(await sha256(o.data)) }) }),
    serialNumber: new asn1js.Integer({ valueHex: buf(o.serial) }),
    genTime: new Date(Math.floor(o.at.getTime() / 1000) * 1000),
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
  });
  const eContent = new Uint8Array(tst.toSchema().toBER(false));
  const digest = await sha256(eContent);
  const signature = signHash(o.tsa.key, await sha256(toBeSigned(await attributes(ID.tstInfo, digest, o.tsa.chain[0]!))));
  return await signedData({ contentType: ID.tstInfo, eContent, digest, chain: o.tsa.chain, signature });
}

/** What a CMS says, for verification: its chain, signature, digest attribute, and timestamp (if any). */
export interface ParsedCms {
  chain: pkijs.Certificate[];
  signer: pkijs.Certificate | null;
  messageDigest: Uint8Array | null;
  signedAttributes: Uint8Array;
  signature: Uint8Array;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  hasSigningTime: boolean;
  hasSigningCertificateV2: boolean;
  timestamp: { token: Uint8Array; genTime: Date; imprint: Uint8Array; signedData: pkijs.SignedData } | null;
}

export function parseCms(der: Uint8Array): ParsedCms {
  const ci = pkijs.ContentInfo.fromBER(buf(der));
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0]!;
  const chain = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = si.sid as pkijs.IssuerAndSerialNumber;
  const signer = chain.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer)) ?? null;
  const attr = (type: string) => si.signedAttrs?.attributes.find((a) => a.type === type);
  const md = attr(ID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  const tsAttr = si.unsignedAttrs?.attributes.find((a) => a.type === ID.timeStampToken);
  let timestamp: ParsedCms['timestamp'] = null;
  if (tsAttr) {
    const token = new Uint8Array((tsAttr.values[0] as asn1js.Sequence).toBER(false));
    const tci = pkijs.ContentInfo.fromBER(buf(token));
    const tsd = new pkijs.SignedData({ schema: tci.content });
    const eContent = tsd.encapContentInfo.eContent!;
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
    timestamp = { token, genTime: tst.genTime, imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView), signedData: tsd };
  }
  const signedAttributes = si.signedAttrs ? toBeSigned(si.signedAttrs) : new Uint8Array();
  return {
    chain,
    signer,
    messageDigest: md ? new Uint8Array(md.valueBlock.valueHexView) : null,
    signedAttributes,
    signature: new Uint8Array(si.signature.valueBlock.valueHexView),
    signatureAlgorithm: si.signatureAlgorithm.algorithmId,
    digestAlgorithm: si.digestAlgorithm.algorithmId,
    hasSigningTime: !!attr('1.2.840.113549.1.9.5'),
    hasSigningCertificateV2: !!attr(ID.signingCertificateV2),
    timestamp,
  };
}
