// The visible appearance of a signature (FORMS.md, Decree 30 Annex I): a person's signature in blue in the
// room between the title and the name — their signature image when they uploaded one, else a drawn stroke —
// with "Ký bởi: …" and "Thời gian ký: …" (ISO 8601, Vietnam time) that pdftotext extracts; the school's
// seal in red, drawn at real size over the left third of the principal's; in a table row (a subject
// teacher's signature on the transcript's subjects page) one line of blue text.
import { type PDFDocument, type PDFFont, type PDFOperator, type PDFRef, degrees, drawEllipse, drawImage, drawSvgPath, drawText, rgb } from '@cantoo/pdf-lib';

export type Appearance =
  | { kind: 'person'; name: string; time: string; image?: Uint8Array | null }
  | { kind: 'row'; name: string; time: string }
  | { kind: 'seal'; organisation: string; parent: string; time: string };

const BLUE = rgb(0.05, 0.2, 0.7);
const RED = rgb(0.85, 0.05, 0.05);

/** A stroke that looks written, from the name (the same name always draws the same stroke). */
function stroke(name: string, width: number, height: number): string {
  let h = 2166136261;
  const rnd = () => {
    for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 2246822507) >>> 0;
    return (h % 1000) / 1000;
  };
  const mid = height / 2;
  let x = width * 0.12;
  let d = `M ${x.toFixed(1)} ${(mid + 4).toFixed(1)}`;
  const step = (width * 0.7) / 6;
  for (let i = 0; i < 6; i++) {
    const up = mid - 6 - rnd() * (height * 0.3);
    const down = mid + 4 + rnd() * 6;
    d += ` C ${(x + step * 0.2).toFixed(1)} ${up.toFixed(1)}, ${(x + step * 0.6).toFixed(1)} ${up.toFixed(1)}, ${(x + step * 0.5).toFixed(1)} ${down.toFixed(1)}`;
    x += step;
  }
  d += ` C ${(x + 6).toFixed(1)} ${(mid - 2).toFixed(1)}, ${(x - step * 3).toFixed(1)} ${(mid + 10).toFixed(1)}, ${(width * 0.15).toFixed(1)} ${(mid + 8).toFixed(1)}`;
  return d;
}

const text = (font: PDFFont, s: string, x: number, y: number, size: number, color = BLUE) =>
  drawText(font.encodeText(s.normalize('NFC')), { color, font: 'F1', size, x, y, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) });

/** Shrinks the font size until `s` fits in `width`. */
function fit(font: PDFFont, s: string, size: number, width: number): number {
  let z = size;
  while (z > 4 && font.widthOfTextAtSize(s, z) > width) z -= 0.25;
  return z;
}

/** Lines of at most `width` at `size` (the seal's name in two or three lines). */
function wrap(font: PDFFont, s: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function appearanceOperators(doc: PDFDocument, font: PDFFont, a: Appearance, width: number, height: number): Promise<{ operators: PDFOperator[]; resources: { Font: Record<string, PDFRef>; XObject?: Record<string, PDFRef> } }> {
  const fonts = { F1: font.ref };
  if (a.kind === 'row') {
    const s = `Đã ký số: ${a.name}`;
    return { operators: text(font, s, 1, 2, fit(font, s, 6.5, width - 2)), resources: { Font: fonts } };
  }
  if (a.kind === 'person') {
    const ops: PDFOperator[] = [];
    const resources: { Font: Record<string, PDFRef>; XObject?: Record<string, PDFRef> } = { Font: fonts };
    if (a.image) {
      const img = await doc.embedPng(a.image);
      const scale = Math.min((width * 0.8) / img.width, (height * 0.62) / img.height);
      const w = img.width * scale;
      const h = img.height * scale;
      resources.XObject = { Im1: img.ref };
      ops.push(...drawImage('Im1', { x: (width - w) / 2, y: height - h, width: w, height: h, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
    } else {
      ops.push(...drawSvgPath(stroke(a.name, width, height * 0.62), { x: 0, y: height, scale: 1, color: undefined, borderColor: BLUE, borderWidth: 1.1 }));
    }
    const by = `Ký bởi: ${a.name}`;
    const at = `Thời gian ký: ${a.time}`;
    ops.push(...text(font, by, 2, 10, fit(font, by, 6.5, width - 4)));
    ops.push(...text(font, at, 2, 2, fit(font, at, 6.5, width - 4)));
    return { operators: ops, resources };
  }
  // The seal: two rings, a star, the parent body and the school inside, the signing time beneath.
  const r = Math.min(width, height) / 2;
  const cx = width / 2;
  const cy = height / 2;
  const ops: PDFOperator[] = [
    ...drawEllipse({ x: cx, y: cy, xScale: r - 1, yScale: r - 1, color: undefined, borderColor: RED, borderWidth: 1.6 }),
    ...drawEllipse({ x: cx, y: cy, xScale: r * 0.72, yScale: r * 0.72, color: undefined, borderColor: RED, borderWidth: 0.6 }),
  ];
  const star = Array.from({ length: 10 }, (_, i) => {
    const rr = i % 2 ? r * 0.07 : r * 0.17;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${i ? 'L' : 'M'} ${(cx + rr * Math.cos(t)).toFixed(2)} ${(r * 0.55 + rr * Math.sin(t)).toFixed(2)}`;
  }).join(' ') + ' Z';
  ops.push(...drawSvgPath(star, { x: 0, y: height, scale: 1, color: RED, borderColor: RED, borderWidth: 0.3 }));
  const inner = r * 1.3;
  const lines = wrap(font, a.organisation.toUpperCase(), 6, inner);
  lines.forEach((l, i) => {
    const z = fit(font, l, 6, inner);
    ops.push(...text(font, l, cx - font.widthOfTextAtSize(l, z) / 2, cy - 4 - i * 7, z, RED));
  });
  const parent = a.parent.toUpperCase();
  const pz = fit(font, parent, 5, r * 1.6);
  ops.push(...text(font, parent, cx - font.widthOfTextAtSize(parent, pz) / 2, cy + r * 0.78, pz, RED));
  const at = `Ký số: ${a.time}`;
  const az = fit(font, at, 5, r * 1.5);
  ops.push(...text(font, at, cx - font.widthOfTextAtSize(at, az) / 2, cy - r * 0.86, az, RED));
  return { operators: ops, resources: { Font: fonts } };
}
