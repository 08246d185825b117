// Run by scripts/bench-print.ts under Deno (the functions' runtime and import map): renders one heavy
// document — a whole transcript, or (argv[2] = gradebook) one part of a class gradebook, read from the
// file named by argv[0] — in a fresh isolate and prints its memory after the first render and after
// `argv[1]` renders, as JSON on stdout.
//   deno run --allow-read --allow-env --v8-flags=--expose-gc --config supabase/functions/deno.json supabase/functions/_bench/print-memory.ts data.json 50 [gradebook]
import { gradebookPartSchema, transcriptDataSchema } from '../_shared/contracts/print.ts';
import { renderGradebookPart, renderTranscript } from '../_shared/pdf/render.ts';

const [file, times = '50', kind = 'transcript'] = Deno.args;
const json = JSON.parse(Deno.readTextFileSync(file!));
const render = kind === 'gradebook'
  ? ((part) => () => renderGradebookPart(part, {}))(gradebookPartSchema.parse(json))
  : ((data) => () => renderTranscript(data, { issuedOn: data.today }, true))(transcriptDataSchema.parse(json));
const mb = (n: number) => Math.round(n / 1048576);
const sample = () => {
  (globalThis as { gc?: () => void }).gc?.(); // with --v8-flags=--expose-gc: live heap, not garbage awaiting collection
  const m = Deno.memoryUsage();
  return { rss: mb(m.rss), heap: mb(m.heapUsed), heapTotal: mb(m.heapTotal) };
};
const before = sample();
const t = performance.now();
await render();
const firstMs = performance.now() - t;
const first = sample();
for (let i = 1; i < Number(times); i++) await render();
console.log(JSON.stringify({ before, first, firstMs: Math.round(firstMs), after: sample(), renders: Number(times) }));
