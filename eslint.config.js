// ESLint, once for the whole project: the recommended JavaScript and TypeScript rules, and the two
// import boundaries the code keeps — a page folder (admin/src/pages/<resource>/) never imports from
// another page folder (shared code lives in admin/src/components, admin/src/shared or the contracts),
// and an edge function never imports from the admin (what both use lives in
// supabase/functions/_shared/contracts/, resolved by Vite and Deno alike).
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const pagesDir = path.join(root, 'admin', 'src', 'pages');
const adminDir = path.join(root, 'admin');
const functionsDir = path.join(root, 'supabase', 'functions');


const inside = (file, dir) => file === dir || file.startsWith(dir + path.sep);
const pageOf = (file) => (inside(file, pagesDir) ? path.relative(pagesDir, file).split(path.sep)[0] : null);

/** @type {import('eslint').Rule.RuleModule} */
const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'no page-to-page imports in the admin, no admin imports in edge functions' },
    messages: {
      crossPage:
        "Page '{{from}}' imports from page '{{to}}': move what both need to admin/src/components, admin/src/shared or supabase/functions/_shared/contracts.",
      functionsToAdmin: 'An edge function imports from admin/: move what both need to supabase/functions/_shared/contracts.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const from = pageOf(file);
      const to = pageOf(target);
      if (from && to && to !== from && path.dirname(target) !== pagesDir) {
        context.report({ node: node.source, messageId: 'crossPage', data: { from, to } });
      }
      if (inside(file, functionsDir) && inside(target, adminDir)) {
        context.report({ node: node.source, messageId: 'functionsToAdmin' });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default defineConfig(
  { ignores: ['node_modules/', 'admin/dist/', '.data/', 'supabase/functions/_shared/database.types.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { project: { rules: { 'import-boundaries': importBoundaries } } },
    rules: {
      'project/import-boundaries': 'error',
      // The house convention for a parameter a signature needs but the body does not: a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
