// Independent checks of signed PDFs (issue 15): poppler's pdfsig with an NSS database trusting a given root
// (pdfsig exits 0 even for an invalid signature: its text is parsed), and OpenSSL for timestamp tokens.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PdfsigSignature {
  field: string;
  commonName: string;
  type: string;
  valid: boolean;
  validation: string;
  trusted: boolean;
  certificate: string;
  total: boolean;
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** An NSS database (certutil, Debian libnss3-tools) trusting `rootPem` as a CA. */
export function nssTrusting(rootPem: string): string {
  const dir = tmp('nss-');
  const run = (args: string[]) => {
    const r = spawnSync('certutil', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${r.stderr}`);
  };
  run(['-N', '-d', `sql:${dir}`, '--empty-password']);
  fs.writeFileSync(path.join(dir, 'root.pem'), rootPem);
  run(['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-i', path.join(dir, 'root.pem')]);
  return dir;
}

/** `pdfsig -nssdir sql:<nss> -no-ocsp` of a PDF, one entry per signature in file order. */
export function pdfsig(pdf: Uint8Array, nss: string): PdfsigSignature[] {
  const file = path.join(tmp('pdfsig-'), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, '-no-ocsp', file], { encoding: 'utf8' });
  const out = r.stdout;
  return out.split(/^Signature #\d+:$/m).slice(1).map((block) => {
    const get = (label: string) => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
    const validation = get('Signature Validation');
    const certificate = get('Certificate Validation');
    return {
      field: get('Signature Field Name'),
      commonName: get('Signer Certificate Common Name'),
      type: get('Signature Type'),
      valid: validation === 'Signature is Valid.',
      validation,
      trusted: certificate === 'Certificate is Trusted.',
      certificate,
      total: /- Total document signed/.test(block),
    };
  });
}

/** `openssl ts -verify` of a timestamp token over `data`, trusting `rootPem` (intermediates untrusted). */
export function opensslTsVerify(token: Uint8Array, data: Uint8Array, rootPem: string, untrustedPem: string): { ok: boolean; output: string } {
  const dir = tmp('ts-');
  const f = (n: string, b: Uint8Array | string) => {
    fs.writeFileSync(path.join(dir, n), b);
    return path.join(dir, n);
  };
  const r = spawnSync('openssl', ['ts', '-verify', '-in', f('t.der', token), '-token_in', '-data', f('d.bin', data), '-CAfile', f('root.pem', rootPem), '-untrusted', f('u.pem', untrustedPem)], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  return { ok: /Verification: OK/.test(output), output };
}

/** `openssl crl -inform DER -text` of a CRL. */
export function opensslCrlText(crl: Uint8Array): string {
  const file = path.join(tmp('crl-'), 'c.crl');
  fs.writeFileSync(file, crl);
  const r = spawnSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/**
 * `openssl cms -verify` of one signature of a PDF: its CMS over its signed byte ranges, the chain from the
 * certificates it carries up to `rootPem` (any purpose: the certificates' key usage is for documents).
 */
export function opensslCmsVerify(pdf: Uint8Array, s: { byteRange: [number, number, number, number]; cms: Uint8Array }, rootPem: string): { ok: boolean; output: string } {
  const dir = tmp('cms-');
  const [a, b, c, d] = s.byteRange;
  const content = new Uint8Array(b + d);
  content.set(pdf.subarray(a, a + b));
  content.set(pdf.subarray(c, c + d), b);
  fs.writeFileSync(path.join(dir, 'c.der'), s.cms);
  fs.writeFileSync(path.join(dir, 'd.bin'), content);
  fs.writeFileSync(path.join(dir, 'root.pem'), rootPem);
  const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 'c.der'), '-content', path.join(dir, 'd.bin'), '-binary',
    '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', path.join(dir, 'out.bin')], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  return { ok: r.status === 0 && /CMS Verification successful/.test(output), output };
}
