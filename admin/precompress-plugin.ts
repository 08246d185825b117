// Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every file of the build, once, at build time,
// so any static host that serves precompressed files (nginx gzip_static/brotli_static, Caddy
// precompressed, the local gateway) sends them compressed at the best ratio without compressing per
// request. node:zlib only; the originals stay for clients that accept neither.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Already compressed, or not served: no copy. */
const SKIP = /\.(br|gz|png|jpe?g|webp|avif|woff2?|zip|xlsx|pdf)$/i;

function files(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.')) continue; // .vite/manifest.json, .build-hash: not served
    if (entry.isDirectory()) files(full, out);
    else if (!SKIP.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Brotli's best quality costs about 6 s per MB on the build machine against 0.2 s at quality 9, for 8 %
 * fewer bytes: worth it for what every page loads, not for the megabyte-sized files loaded on use only
 * (the pdf.js worker, exceljs).
 */
const brotliQuality = (size: number) => (size <= 1024 * 1024 ? 11 : 9);

/** Compresses every file under `dir` to `<file>.br` and `<file>.gz` (level 9). */
export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; br: number; gz: number }> {
  const list = files(dir);
  const total = { files: list.length, bytes: 0, br: 0, gz: 0 };
  // Two at a time: brotli 11 is CPU-bound and the build machine is small.
  for (let i = 0; i < list.length; i += 2) {
    await Promise.all(
      list.slice(i, i + 2).map(async (file) => {
        const data = await fs.promises.readFile(file);
        const [br, gz] = await Promise.all([
          brotli(data, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(data.length),
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          }),
          gzip(data, { level: 9 }),
        ]);
        await fs.promises.writeFile(`${file}.br`, br);
        await fs.promises.writeFile(`${file}.gz`, gz);
        total.bytes += data.length;
        total.br += br.length;
        total.gz += gz.length;
      }),
    );
  }
  return total;
}

export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'sdt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const t = await precompressDir(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
      this.info(`precompressed ${t.files} files: ${kb(t.bytes)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
    },
  };
}
