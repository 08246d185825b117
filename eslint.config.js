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

/**
 * Page-to-page imports that predate this rule (issue 12), each a module one page uses and another owns
 * (student_results' roster and period pickers, gradebook_locks' and lock_decisions' vocabularies,
 * inspections' helpers, score_entries' sheet picker). Moving them to admin/src/components or shared is
 * a move of page code, left for after the pages under parallel work have landed; the list may only
 * shrink, and an import between any other two pages is an error.
 */
const EXISTING_CROSS_PAGE = new Set([
  'attendance -> student_results',
  'conduct_ratings -> student_results',
  'correction_requests -> lock_decisions',
  'correction_requests -> score_entries',
  'gradebook_locks -> lock_decisions',
  'gradebook_progress -> inspections',
  'inspections -> correction_requests',
  'inspections -> gradebook_locks',
  'lock_decisions -> gradebook_locks',
  'my_results -> student_results',
  'quality_ratings -> student_results',
  'result_publications -> lock_decisions',
  'result_publications -> student_results',
  'school_deadlines -> gradebook_locks',
  'school_deadlines -> inspections',
]);

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
      if (from && to && to !== from && path.dirname(target) !== pagesDir && !EXISTING_CROSS_PAGE.has(`${from} -> ${to}`)) {
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
