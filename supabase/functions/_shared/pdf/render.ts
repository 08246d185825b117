// Render a document to PDF bytes. The one place that calls react-pdf's renderer, shared by the `print`
// function and scripts/bench-print.ts (which times this bare call against the function).
import './production.ts';
import { pdf } from '@react-pdf/renderer';
import type { GradebookPart, TranscriptData } from '../contracts/print.ts';
import { registerFonts } from './fonts.ts';
import { TranscriptDocument, type TranscriptOptions } from './transcript.tsx';
import { MinutesDocument } from './minutes.tsx';
import type { MinutesPdfData } from '../contracts/minutes.ts';
import { GradebookPartDocument, type GradebookOptions } from './gradebook.tsx';
import { HealthReportDocument } from './health.tsx';
import type { HealthReport } from '../contracts/health.ts';

/**
 * renderToBuffer, plus unmounting the tree afterwards: react-pdf's renderToBuffer leaves each document's
 * React root mounted, and its ~1,500 fibers (with every text run) stayed reachable — about 1 MB of heap
 * per transcript, never returned. Unmounted (and the unmount given a turn of the event loop), the heap
 * stays flat (scripts/bench-print.ts, supabase/functions/_bench/print-memory.ts with --expose-gc).
 */
/**
 * One render at a time per process, each with its faces registered afresh (fonts.ts registerFonts): the
 * fonts a render loads are its own, and a render is a few hundred ms of CPU on one thread anyway, so
 * queueing them costs no throughput.
 */
let queue: Promise<unknown> = Promise.resolve();

function render(element: Parameters<typeof pdf>[0]): Promise<Uint8Array<ArrayBuffer>> {
  const run = queue.then(() => renderNow(element));
  queue = run.catch(() => undefined);
  return run;
}

async function renderNow(element: Parameters<typeof pdf>[0]): Promise<Uint8Array<ArrayBuffer>> {
  registerFonts();
  const instance = pdf(element);
  try {
    const stream = await instance.toBuffer();
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  } finally {
    instance.updateContainer(null as unknown as NonNullable<Parameters<typeof pdf>[0]>);
    // The unmount is processed by React's scheduler in a later task; until it runs, the root stays in
    // React's list of scheduled roots with its whole tree. Renders back to back (a worker's batch)
    // never let it run: about 0.4 MB of heap per transcript, kept. One turn of the event loop lets it.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export function renderTranscript(data: TranscriptData, options: TranscriptOptions, whole: boolean): Promise<Uint8Array<ArrayBuffer>> {
  return render(TranscriptDocument({ data, options, whole }));
}

/** The minutes of a correction (biên bản sửa chữa dữ liệu); `issuedAt` is the PDF's creation time. */
export function renderMinutes(m: MinutesPdfData, files: string[], issuedAt: string): Promise<Uint8Array<ArrayBuffer>> {
  return render(MinutesDocument({ m, files, issuedAt }));
}

/** One part of a class's gradebook (the jobs worker joins the parts: _shared/gradebookBook.ts). */
export function renderGradebookPart(data: GradebookPart, options: GradebookOptions): Promise<Uint8Array<ArrayBuffer>> {
  return render(GradebookPartDocument({ data, options }));
}

/** The school's yearly health report, or one class's summary (rpc health_report's answer). */
export function renderHealthReport(report: HealthReport): Promise<Uint8Array<ArrayBuffer>> {
  return render(HealthReportDocument({ report }));
}
