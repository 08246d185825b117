// Tinos (Times New Roman metrics, every Vietnamese glyph, OFL) from the npm package
// @expo-google-fonts/tinos, registered once per process by file path; TTF only (WOFF2 crashes the
// subsetter: PDF_AND_SIGNING.md). Vietnamese words are never hyphenated. On a hosted project the four
// files ship with the function (`static_files` in supabase/config.toml).
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'Tinos';

const root = new URL('../../../../node_modules/@expo-google-fonts/tinos/', import.meta.url);
/** The path of one of the Tinos TTF files (also embedded by the signatures' appearances). */
export const fontFile = (dir: string, name: string) => decodeURIComponent(new URL(`${dir}/${name}`, root).pathname);

/**
 * Registers the four faces once, and before every render (render.ts) empties each loaded face's glyph
 * cache. react-pdf keeps one fontkit font per face for every document, and fontkit caches each glyph with
 * the code points of the first text that produced it: after one document with combining marks (a name
 * pasted as "e" + U+0323…), later documents of the process had an empty text layer (ToUnicode) for those
 * glyphs — "SỔ TH O DÕI … (Th    lớp học)" in pdftotext (tests/functions/print_layout.test.ts reproduces
 * it). Emptying the cache keeps the parsed font (a fresh font per document cost ~4× the render).
 */
export function registerFonts(): void {
  const family = (Font.getRegisteredFonts() as Record<string, { sources: { data: { _glyphs?: Record<number, unknown> } | null }[] } | undefined>)[FONT_FAMILY];
  if (family) {
    for (const source of family.sources) if (source.data?._glyphs) source.data._glyphs = {};
    return;
  }
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: fontFile('400Regular', 'Tinos_400Regular.ttf') },
      { src: fontFile('400Regular_Italic', 'Tinos_400Regular_Italic.ttf'), fontStyle: 'italic' },
      { src: fontFile('700Bold', 'Tinos_700Bold.ttf'), fontWeight: 700 },
      { src: fontFile('700Bold_Italic', 'Tinos_700Bold_Italic.ttf'), fontWeight: 700, fontStyle: 'italic' },
    ],
  });
  Font.registerHyphenationCallback((word) => [word]);
}
