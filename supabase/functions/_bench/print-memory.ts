// Run by scripts/bench-print.ts under Deno (the functions' runtime and import map): renders the heaviest
// single document — a whole transcript, read from the file named by argv[0] — in a fresh isolate and
// prints its memory after the first render and after `argv[1]` renders, as JSON on stdout.
//   deno run --allow-read --allow-env --config supabase/functions/deno.json supabase/functions/_bench/print-memory.ts data.json 50
import { transcriptDataSchema } from '../_shared/contracts/print.ts';
import { renderTranscript } from '../_shared/pdf/render.ts';

const [file, times = '50'] = Deno.args;
const data = transcriptDataSchema.parse(JSON.parse(Deno.readTextFileSync(file!)));
const mb = (n: number) => Math.round(n / 1048576);
const sample = () => {
  const m = Deno.memoryUsage();
  return { rss: mb(m.rss), heap: mb(m.heapUsed), heapTotal: mb(m.heapTotal) };
};
const before = sample();
const t = performance.now();
await renderTranscript(data, { issuedOn: data.today }, true);
const firstMs = performance.now() - t;
const first = sample();
for (let i = 1; i < Number(times); i++) await renderTranscript(data, { issuedOn: data.today }, true);
console.log(JSON.stringify({ before, first, firstMs: Math.round(firstMs), after: sample(), renders: Number(times) }));
