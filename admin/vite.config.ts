// Vite config of the admin. Run from the project root: `vite --config admin/vite.config.ts` (dev),
// `vite build --config admin/vite.config.ts` (→ admin/dist). The build is static and relative
// (base './'), so the gateway or any static host can serve it under any path; the Supabase URL and anon
// key are read at runtime from `./config.json` next to index.html (see src/config.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressPlugin } from './precompress-plugin.ts';
import { runtimeConfigPlugin } from './runtime-config-plugin.ts';

const adminDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: adminDir,
  base: './',
  // Only VITE_* variables reach the bundle (the static-deploy fallback of src/config.ts).
  envDir: path.resolve(adminDir, '..'),
  plugins: [react(), runtimeConfigPlugin(), precompressPlugin()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: {
    outDir: path.join(adminDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // No manual chunk groups: Rolldown splits by dynamic import, so a page's chunk and the libraries
    // only it uses (exceljs and pdf.js load when an import, export or preview runs) stay off the login
    // page and the first screen. A single `vendor`/`antd` group made every page preload all of them.
    manifest: true,
    rolldownOptions: {
      // @refinedev/antd and @refinedev/core are single-file bundles that import react-markdown (MarkdownField),
      // papaparse (CSV import/export) and pluralize at the top; those packages declare no `sideEffects`,
      // so their module-level code stayed in the entry chunk although nothing here calls it. They have
      // none: kept when used, dropped otherwise.
      treeshake: {
        moduleSideEffects: [
          { test: /node_modules[\\/](react-markdown|remark-[^\\/]+|micromark[^\\/]*|mdast-[^\\/]+|hast-[^\\/]+|unist-[^\\/]+|unified|vfile[^\\/]*|property-information|papaparse|pluralize)[\\/]/, sideEffects: false },
        ],
      },
    },
  },
});
