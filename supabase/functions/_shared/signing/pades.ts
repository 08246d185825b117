// PAdES signatures added to a PDF as incremental updates (issue 15; PDF_AND_SIGNING.md): every earlier
// revision stays a byte prefix of the file, so every earlier signature stays valid. Two steps, because a
// remote signer answers later: prepare (the signature field, its visible appearance and a /Contents
// placeholder appended; the digest of the signed byte ranges returned) and embed (the CMS written into the
// placeholder, which changes no other byte). @cantoo/pdf-lib writes the update; react-pdf's output (PDF 1.3,
// a classic xref table) is its input.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, PDFRef, PDFString } from '@cantoo/pdf-lib';
import * as fontkit from 'fontkit';
import { sha256 } from './pki.ts';
import { appearanceOperators, type Appearance } from './appearance.ts';

/** Room for the CMS: the chain (three certificates), the signature and a timestamp token with its own chain. */
export const CONTENTS_BYTES = 16000;
const BYTE_RANGE_PLACEHOLDER = 9999999999;

/** A rectangle on a page, in PDF units (origin at the bottom left). */
export interface Rect { page: number; x: number; y: number; width: number; height: number }

/** A slot: free (the layout's link annotation) or signed (a signature widget named after it, or the stamp of
 * a signature made in another slot of the same signer: see PrepareOptions.also). */
export interface Slot extends Rect { annotation: PDFRef; signed: boolean }

/**
 * The signature slots the layout marked (_shared/pdf/components.tsx SLOT): link annotations to an internal
 * name "sig.…" → the page and rectangle (PDF units) of each, and the annotation itself; a signed slot is
 * the signature widget that replaced the link, named after the slot.
 */
export function slotsOf(doc: PDFDocument): Map<string, Slot> {
  const out = new Map<string, Slot>();
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; annots && k < annots.size(); k++) {
      const ref = annots.get(k);
      const a = annots.lookup(k);
      if (!(ref instanceof PDFRef) || !(a instanceof PDFDict)) continue;
      const subtype = a.get(PDFName.of('Subtype'))?.toString();
      let key: PDFObject | undefined;
      if (subtype === '/Link') key = a.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('D')) ?? a.lookup(PDFName.of('Dest'));
      else if (subtype === '/Widget') key = a.lookup(PDFName.of('T'));
      else if (subtype === '/Stamp') key = a.lookup(PDFName.of('NM'));
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '';
      if (!name.startsWith('sig.')) continue;
      const [x1, y1, x2, y2] = a.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      const r2 = (v: number) => Math.round(v * 100) / 100;
      out.set(name, {
        page: i, x: r2(Math.min(x1!, x2!)), y: r2(Math.min(y1!, y2!)), width: r2(Math.abs(x2! - x1!)), height: r2(Math.abs(y2! - y1!)),
        annotation: ref, signed: subtype !== '/Link',
      });
    }
  });
  return out;
}

/** "D:YYYYMMDDHHmmSS+07'00'": a PDF date in Vietnam time. */
export function pdfDate(at: Date): string {
  const v = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `D:${v.slice(0, 4)}${v.slice(5, 7)}${v.slice(8, 10)}${v.slice(11, 13)}${v.slice(14, 16)}${v.slice(17, 19)}+07'00'`;
}

/** ISO 8601 in Vietnam time, as FORMS.md shows the signing time: 2026-06-30T10:25:00+07:00. */
export function vietnamIso(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The real size of a school's round seal (about 34 mm across), in PDF units. */
export const SEAL_SIZE = 96;

export interface PrepareOptions {
  /**
   * Where: a slot of the layout (its link annotation is replaced by the signature's widget), or — `seal` —
   * the school's seal over the left third of that slot (the principal's), which stays.
   */
  place: { slot: string; seal?: boolean } | { rect: Rect; field: string };
  appearance: Appearance;
  /**
   * Other slots the same signature stands for (a homeroom teacher's own subjects, signed with the class):
   * each slot's link becomes a printable stamp annotation with its appearance, added in the same revision, so
   * the one signature covers it. One signature per person per file: a certificate repeated in a later
   * signature of the same file is reported "Unknown issue with Certificate" by poppler 22.12's pdfsig (it
   * compares the repeated certificate with a freed copy of the first: SEC_ERROR_REUSED_ISSUER_AND_SERIAL).
   */
  also?: { slot: string; appearance: Appearance }[];
  signerName: string;
  reason: string;
  location: string;
  signingTime: Date;
  /** The Tinos TTF for the appearance's text. */
  font: Uint8Array;
}

export interface Prepared {
  bytes: Uint8Array;
  byteRange: [number, number, number, number];
  /** SHA-256 of the signed byte ranges: what the CMS's message-digest attribute carries. */
  digest: Uint8Array;
}

/** Appends a signature field with its appearance and an empty /Contents; returns the file and its digest. */
export async function prepareSignature(pdf: Uint8Array, o: PrepareOptions): Promise<Prepared> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  // fontkit 2 (react-pdf's) is the API @cantoo/pdf-lib expects; its own type names differ.
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const ctx = doc.context;
  // A free rectangle (a file made elsewhere: an uploaded dossier) or a slot of our own layouts.
  const free = 'rect' in o.place ? o.place : null;
  const placed = 'slot' in o.place ? o.place : null;
  const slot = placed ? slotsOf(doc).get(placed.slot) : undefined;
  if (placed && (!slot || (slot.signed && !placed.seal))) throw new Error(`prepareSignature: the document has no free slot ${placed.slot}`);
  const rect: Rect = free ? free.rect
    : placed!.seal ? { page: slot!.page, x: slot!.x + slot!.width / 6 - SEAL_SIZE / 2, y: slot!.y + slot!.height / 2 - SEAL_SIZE / 2, width: SEAL_SIZE, height: SEAL_SIZE }
    : slot!;
  const page = doc.getPage(rect.page);
  const font = await doc.embedFont(o.font, { subset: true });
  const { operators, resources } = await appearanceOperators(doc, font, o.appearance, rect.width, rect.height);
  const ap = ctx.register(ctx.formXObject(operators, { BBox: [0, 0, rect.width, rect.height], Resources: resources }));

  const sig = ctx.register(ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    M: PDFString.of(pdfDate(o.signingTime)),
    Name: PDFHexString.fromText(o.signerName),
    Reason: PDFHexString.fromText(o.reason),
    Location: PDFHexString.fromText(o.location),
  }));
  const { x, y, width, height } = rect;
  const widget = ctx.register(ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    // A person's signature field is named after its slot (which it replaces); the seal's after the slot it overlaps.
    T: PDFHexString.fromText(free ? free.field : placed!.seal ? `seal.${placed!.slot}` : placed!.slot),
    Rect: [x, y, x + width, y + height],
    F: 132, // Print + Locked
    P: page.ref,
    V: sig,
    AP: { N: ap },
  }));
  const slots = slotsOf(doc);
  for (const extra of o.also ?? []) {
    const s = slots.get(extra.slot);
    if (!s || s.signed) throw new Error(`prepareSignature: the document has no free slot ${extra.slot}`);
    const look = await appearanceOperators(doc, font, extra.appearance, s.width, s.height);
    const stampAp = ctx.register(ctx.formXObject(look.operators, { BBox: [0, 0, s.width, s.height], Resources: look.resources }));
    const stamp = ctx.register(ctx.obj({
      Type: 'Annot', Subtype: 'Stamp', NM: PDFHexString.fromText(extra.slot), Rect: [s.x, s.y, s.x + s.width, s.y + s.height],
      F: 132, P: doc.getPage(s.page).ref, AP: { N: stampAp }, Contents: PDFHexString.fromText(`Ký số: ${o.signerName}`),
    }));
    replaceAnnotation(doc, s, stamp);
  }
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) {
    if (slot && !placed!.seal) {
      const at = annots.asArray().findIndex((a) => a instanceof PDFRef && a.toString() === slot.annotation.toString());
      if (at >= 0) annots.remove(at);
    }
    annots.push(widget);
    const annotsRef = page.node.get(PDFName.of('Annots'));
    if (annotsRef instanceof PDFRef) ctx.snapshot?.markRefForSave(annotsRef);
  } else {
    page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
  }
  ctx.snapshot?.markRefForSave(page.ref);
  let form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!form) {
    form = ctx.obj({ Fields: [], SigFlags: 3 }) as PDFDict;
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form));
  } else {
    const formRef = doc.catalog.get(PDFName.of('AcroForm'));
    if (formRef instanceof PDFRef) ctx.snapshot?.markRefForSave(formRef);
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  }
  form.lookup(PDFName.of('Fields'), PDFArray).push(widget);
  const rootRef = ctx.trailerInfo.Root;
  if (rootRef instanceof PDFRef) ctx.snapshot?.markRefForSave(rootRef);

  const bytes = await doc.commit({ useObjectStreams: false });
  return await fixByteRange(bytes, pdf.length);
}

/** Puts `annotation` in place of a slot's link annotation on its page (an incremental update of the page). */
function replaceAnnotation(doc: PDFDocument, slot: Slot, annotation: PDFRef) {
  const page = doc.getPage(slot.page);
  const annots = page.node.lookup(PDFName.of('Annots'), PDFArray);
  const at = annots.asArray().findIndex((a) => a instanceof PDFRef && a.toString() === slot.annotation.toString());
  if (at >= 0) annots.set(at, annotation);
  else annots.push(annotation);
  const annotsRef = page.node.get(PDFName.of('Annots'));
  if (annotsRef instanceof PDFRef) doc.context.snapshot?.markRefForSave(annotsRef);
  doc.context.snapshot?.markRefForSave(page.ref);
}

const latin1 = (u: Uint8Array) => new TextDecoder('latin1').decode(u);

/** Finds the new revision's placeholders, writes the real /ByteRange (same width) and hashes the ranges. */
async function fixByteRange(bytes: Uint8Array, from: number): Promise<Prepared> {
  const tail = latin1(bytes.subarray(from));
  const br = /\/ByteRange\s*\[\s*0\s+9999999999\s+9999999999\s+9999999999\s*\]/.exec(tail);
  const contents = new RegExp(`/Contents\\s*<(0{${CONTENTS_BYTES * 2}})>`).exec(tail);
  if (!br || !contents) throw new Error('prepareSignature: placeholders not found in the new revision');
  const start = from + contents.index + contents[0].indexOf('<');
  const end = start + CONTENTS_BYTES * 2 + 2;
  const range: [number, number, number, number] = [0, start, end, bytes.length - end];
  const text = `/ByteRange [${range.join(' ')}]`;
  if (text.length > br[0].length) throw new Error('prepareSignature: ByteRange does not fit');
  const out = bytes.slice();
  out.set(new TextEncoder().encode(text.padEnd(br[0].length, ' ')), from + br.index);
  return { bytes: out, byteRange: range, digest: await rangesDigest(out, range) };
}

export async function rangesDigest(bytes: Uint8Array, [a, b, c, d]: [number, number, number, number]): Promise<Uint8Array> {
  const signed = new Uint8Array(b + d);
  signed.set(bytes.subarray(a, a + b));
  signed.set(bytes.subarray(c, c + d), b);
  return await sha256(signed);
}

/** Writes the CMS into the prepared file's placeholder (hex, zero-padded): no other byte changes. */
export function embedSignature(p: Prepared, cms: Uint8Array): Uint8Array {
  if (cms.length > CONTENTS_BYTES) throw new Error(`embedSignature: the CMS (${cms.length} bytes) does not fit in ${CONTENTS_BYTES}`);
  const out = p.bytes.slice();
  const hexText = Array.from(cms, (b) => b.toString(16).padStart(2, '0')).join('').padEnd(CONTENTS_BYTES * 2, '0');
  out.set(new TextEncoder().encode(hexText), p.byteRange[1] + 1);
  return out;
}

/** Each signature of a PDF in file order: its byte range and CMS, and whether it covers the whole file. */
export function signaturesOf(bytes: Uint8Array): { byteRange: [number, number, number, number]; cms: Uint8Array; wholeFile: boolean; name: string | null; m: string | null; field: string | null }[] {
  const text = latin1(bytes);
  const out: ReturnType<typeof signaturesOf> = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    if (range[1] === BYTE_RANGE_PLACEHOLDER) continue;
    const hexText = text.slice(range[1] + 1, range[2] - 1);
    const raw = new Uint8Array(hexText.length / 2);
    for (let i = 0; i < raw.length; i++) raw[i] = parseInt(hexText.slice(i * 2, i * 2 + 2), 16);
    // The DER's own length tells where the zero padding starts.
    const cms = raw.subarray(0, derLength(raw));
    // The signature dictionary is the object around the /ByteRange; its field (/V pointing at it) follows.
    const dict = text.slice(text.lastIndexOf(' obj', m.index), text.indexOf('endobj', range[2]));
    const hexOf = (key: string, s: string) => new RegExp(`/${key}\\s*<([0-9A-Fa-f]+)>`).exec(s)?.[1];
    const name = hexOf('Name', dict);
    const field = hexOf('T', text.slice(range[2], range[2] + 4000));
    out.push({
      byteRange: range,
      cms,
      wholeFile: range[2] + range[3] === bytes.length,
      name: name ? decodeHexText(name) : null,
      m: /\/M\s*\((D:[^)]*)\)/.exec(dict)?.[1] ?? null,
      field: field ? decodeHexText(field) : null,
    });
  }
  return out;
}

function derLength(u: Uint8Array): number {
  if (u[1]! < 0x80) return 2 + u[1]!;
  const n = u[1]! & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + u[2 + i]!;
  return 2 + n + len;
}

/** A PDF text string written as hex (UTF-16BE with BOM, or PDFDocEncoding). */
function decodeHexText(h: string): string {
  const b = new Uint8Array(h.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  return latin1(b);
}
