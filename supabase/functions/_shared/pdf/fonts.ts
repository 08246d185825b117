// Tinos (Times New Roman metrics, every Vietnamese glyph, OFL) from the npm package
// @expo-google-fonts/tinos, registered by file path before every render; TTF only (WOFF2 crashes the
// subsetter: PDF_AND_SIGNING.md). Vietnamese words are never hyphenated. On a hosted project the four
// files ship with the function (`static_files` in supabase/config.toml).
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'Tinos';

const root = new URL('../../../../node_modules/@expo-google-fonts/tinos/', import.meta.url);
/** The path of one of the Tinos TTF files (also embedded by the signatures' appearances). */
export const fontFile = (dir: string, name: string) => decodeURIComponent(new URL(`${dir}/${name}`, root).pathname);

/**
 * Registers the four faces afresh, before every render (render.ts). react-pdf keeps one fontkit font per
 * face for every document, and fontkit caches each glyph with the code points of the first text that
 * produced it: one document with combining marks (a name pasted with "e" + U+0323…) left later documents
 * of the process with an empty text layer for those glyphs — "SỔ TH O DÕI … (Th    lớp học)" in pdftotext
 * (tests/functions/print_layout.test.ts reproduces it). A fresh font per document costs a file read and a
 * lazy parse.
 */
export function registerFonts(): void {
  // Our family only (the registry object is react-pdf's own; its standard faces stay).
  delete (Font.getRegisteredFonts() as Record<string, unknown>)[FONT_FAMILY];
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
