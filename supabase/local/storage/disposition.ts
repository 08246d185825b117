// Content-Disposition for downloads: always `attachment`, with an ASCII fallback name for old clients
// and the exact UTF-8 name in RFC 5987/6266 `filename*` form (Vietnamese names survive).

/** Folds Vietnamese (and other Latin) diacritics to ASCII, and makes the rest safe in a quoted string. */
export function asciiFallback(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const safe = folded.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_').replace(/[%;]/g, '_');
  return safe.trim() === '' ? 'download' : safe;
}

/** RFC 5987 `value-chars`: attr-char stays, everything else is percent-encoded UTF-8. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` for the last segment of a key (or a chosen name). */
export function attachmentDisposition(fileName: string): string {
  const base = fileName.split('/').pop() || 'download';
  return `attachment; filename="${asciiFallback(base)}"; filename*=UTF-8''${rfc5987(base)}`;
}
