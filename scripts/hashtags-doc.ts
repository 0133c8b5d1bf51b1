// Writes docs/hashtags.md from the hashtag registry (src/core/templates/hashtags-*.ts).
// `--check` writes nothing and exits 1 when the file is out of date.
//   node --import tsx scripts/hashtags-doc.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { hashtagsDoc } from '../src/core/templates/hashtags-doc.ts';

const file = new URL('../docs/hashtags.md', import.meta.url);
const text = hashtagsDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== text) {
    console.error('docs/hashtags.md is out of date: run node --import tsx scripts/hashtags-doc.ts');
    process.exit(1);
  }
  console.log('docs/hashtags.md is up to date');
} else {
  writeFileSync(file, text);
  console.log('docs/hashtags.md written');
}
