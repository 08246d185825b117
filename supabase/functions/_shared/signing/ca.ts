// The local CA of development, tests and the demo (issue 15): a root, an intermediate per school, a signing
// certificate per staff member and one for the school (the organisation), and a timestamp authority. A
// deployment signs through a licensed CA's remote service instead (remote.ts); these certificates are
// trusted by nobody but whoever imports the exported root (README: "Chữ ký số").
import { issueCertificate, newKey, newSerial, publicKeyOf, type DistinguishedName } from './pki.ts';

export interface IssuedKey {
  /** P-256 secret key (32 bytes): sealed before it is stored (seal.ts), never returned by any API. */
  key: Uint8Array;
  certificate: Uint8Array;
  serial: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}

const years = (from: Date, n: number) => new Date(Date.UTC(from.getUTCFullYear() + n, from.getUTCMonth(), from.getUTCDate()));
/** Certificates start a day early: a signature made at "now" on a machine whose clock runs a little behind still verifies. */
const start = (now: Date) => new Date(now.getTime() - 86_400_000);

async function issue(subject: DistinguishedName, kind: 'root' | 'school_ca' | 'signing' | 'tsa', now: Date, validYears: number, issuer?: { certificate: Uint8Array; key: Uint8Array }, crlUrl?: string): Promise<IssuedKey> {
  const key = newKey();
  const serial = newSerial();
  const notBefore = start(now);
  const notAfter = years(now, validYears);
  const certificate = await issueCertificate({ kind, subject, publicKey: publicKeyOf(key), serial, notBefore, notAfter, ...(issuer ? { issuer } : { selfKey: key }), ...(crlUrl ? { crlUrl } : {}) });
  return { key, certificate, serial, notBefore, notAfter };
}

/** The root (20 years). */
export const createRoot = (now: Date) =>
  issue({ commonName: 'Sổ điện tử – Root CA (phát triển và thử nghiệm)', organization: 'Sổ điện tử' }, 'root', now, 20);

/** A school's CA (10 years), under the root; `crlUrl` serves the root's CRL. */
export const createSchoolCa = (now: Date, school: string, root: { certificate: Uint8Array; key: Uint8Array }, crlUrl: string) =>
  issue({ commonName: `${school} – CA`, organization: school }, 'school_ca', now, 10, root, crlUrl);

/** The timestamp authority (10 years), under the root. */
export const createTsa = (now: Date, root: { certificate: Uint8Array; key: Uint8Array }, crlUrl: string) =>
  issue({ commonName: 'Sổ điện tử – TSA', organization: 'Sổ điện tử' }, 'tsa', now, 10, root, crlUrl);

/** A person's or the school's signing certificate (3 years), under the school's CA; `crlUrl` serves that CA's CRL. */
export const issueSigning = (now: Date, subject: DistinguishedName, ca: { certificate: Uint8Array; key: Uint8Array }, crlUrl: string) =>
  issue(subject, 'signing', now, 3, ca, crlUrl);
