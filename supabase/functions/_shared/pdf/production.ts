// React's production build for rendering documents: imported before anything that loads React. In its
// development build (what `react` resolves to when NODE_ENV is unset, as in Deno) React 19 keeps an
// Error with a stack for every element it creates, and react-pdf retained them — 2 MB of heap per
// transcript, never returned (scripts/bench-print.ts). Dev warnings are of no use to a PDF renderer.
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
if (env && env.NODE_ENV === undefined) env.NODE_ENV = 'production';
export {};
