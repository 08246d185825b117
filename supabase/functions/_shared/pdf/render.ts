// Render a document to PDF bytes. The one place that calls react-pdf's renderer, shared by the `print`
// function and scripts/bench-print.ts (which times this bare call against the function).
import { renderToBuffer } from '@react-pdf/renderer';
import type { TranscriptData } from '../contracts/print.ts';
import { registerFonts } from './fonts.ts';
import { TranscriptDocument, type TranscriptOptions } from './transcript.tsx';

export async function renderTranscript(data: TranscriptData, options: TranscriptOptions, whole: boolean): Promise<Uint8Array<ArrayBuffer>> {
  registerFonts();
  return new Uint8Array(await renderToBuffer(TranscriptDocument({ data, options, whole })));
}
