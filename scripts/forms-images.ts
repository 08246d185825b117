// Page images of the printed forms for docs/forms (issue 14): each form of tests/fixtures/forms.ts
// rendered, its first two pages drawn by poppler's pdftoppm (72 dpi PNG), and docs/forms/README.md
// written with the commit they were made from. Run after a layout change, with the change committed:
//   node --import tsx scripts/forms-images.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMS } from '../tests/fixtures/forms.ts';

const out = path.join(import.meta.dirname, '..', 'docs', 'forms');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
const lines = [
  '# Printed forms',
  '',
  `Page images made by \`scripts/forms-images.ts\` at commit \`${commit}\` from the fixed record in`,
  '`tests/fixtures/transcript-thpt.json`, `tests/fixtures/transcript-th.json` and `tests/fixtures/gradebook.json`',
  '(pdftoppm, 72 dpi, first two pages).',
  'The `.txt` files beside them are',
  'the reviewed `pdftotext -layout` snapshots that `tests/functions/print_layout.test.ts` compares every run.',
  '',
];
for (const form of FORMS) {
  const pdf = path.join(tmp, `${form.name}.pdf`);
  fs.writeFileSync(pdf, await form.render());
  execFileSync('pdftoppm', ['-r', '72', '-png', '-f', '1', '-l', '2', pdf, path.join(out, form.name)]);
  const images = fs.readdirSync(out).filter((f) => f.startsWith(`${form.name}-`) && f.endsWith('.png')).sort();
  lines.push(`## ${form.title}`, '', ...images.map((f) => `![${form.name} ${f}](${f})`), '', `Text: [${form.name}.txt](${form.name}.txt)`, '');
}
fs.writeFileSync(path.join(out, 'README.md'), lines.join('\n'));
console.log(`docs/forms: ${FORMS.length} forms at ${commit}`);
