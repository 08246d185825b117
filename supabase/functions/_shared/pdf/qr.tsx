/** @jsxRuntime automatic */
/** @jsxImportSource react */
// A QR code as one vector path (one square per dark module), drawn by react-pdf's Svg: no image to
// decode, the same bytes for the same text. Pure.
import qrcode from 'qrcode-generator';
import { Path, Svg } from '@react-pdf/renderer';

/** The dark modules of a QR code of `text` (error correction M) as an SVG path in module units. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const parts: string[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) parts.push(`M${c} ${r}h1v1h-1z`);
  }
  return { size: n, d: parts.join('') };
}

export function QrCode({ text, width }: { text: string; width: number }) {
  const { size, d } = qrPath(text);
  // A quiet zone of two modules around the code.
  return (
    <Svg width={width} height={width} viewBox={`-2 -2 ${size + 4} ${size + 4}`}>
      <Path d={d} fill="#000000" />
    </Svg>
  );
}
