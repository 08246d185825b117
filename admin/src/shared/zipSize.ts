// An .xlsx is a zip: before handing it to a parser, read the sizes the zip DECLARES for its entries
// (central directory) and refuse a file that would unpack beyond a cap (zip bombs) or is not a zip.
// Pure: works on an ArrayBuffer in the browser and in tests.

export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

export type ZipCheck = { ok: true; unpacked: number } | { ok: false; reason: 'not_zip' | 'too_large'; unpacked?: number };

export function checkZipUnpackedSize(buffer: ArrayBuffer | Uint8Array, cap = MAX_UNPACKED_BYTES): ZipCheck {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  if (len < 22) return { ok: false, reason: 'not_zip' };
  // End of central directory: 22 bytes + a comment of up to 65535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not_zip' };
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  // Zip64 markers: sizes beyond 4 GB are never a class list.
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'too_large' };
  if (cdOffset + cdSize > len || entries === 0) return { ok: false, reason: 'not_zip' };
  let offset = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > len || view.getUint32(offset, true) !== 0x02014b50) return { ok: false, reason: 'not_zip' };
    const uncompressed = view.getUint32(offset + 24, true);
    if (uncompressed === 0xffffffff) return { ok: false, reason: 'too_large' };
    total += uncompressed;
    if (total > cap) return { ok: false, reason: 'too_large', unpacked: total };
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return { ok: true, unpacked: total };
}
