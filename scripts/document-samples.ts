/**
 * Renders the sample pictures of docs/samples from the test fixtures, for a person to look
 * at the letters' layout: `node --import tsx scripts/document-samples.ts` (needs pdftoppm,
 * from poppler-utils). Writes letter-page-1.png (a one-page reminder with logo, DIN 5008 B
 * window) and statement-page-2.png (the second and last page of a 48-invoice statement:
 * running header, repeated table header, totals per currency, list, signature, "2/2").
 */
import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderLetter } from '../src/documents/pdf/render-letter.ts';
import {
  reminderMarkdown,
  sampleLetter,
  sampleLogoPng,
} from '../src/documents/pdf/letter.fixture.ts';
import { pdfToPng } from '../test/helpers/pdf.ts';

const out = fileURLToPath(new URL('../docs/samples/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'relance-samples-'));
const DPI = 72;

try {
  const logoPath = join(work, 'logo.png');
  writeFileSync(logoPath, sampleLogoPng());
  const company = { ...sampleLetter().company, logoPath };
  const letter = await renderLetter(sampleLetter({ company }));
  pdfToPng(letter.pdf, join(work, 'letter'), DPI, { first: 1, last: 1 });
  renameSync(join(work, 'letter-1.png'), join(out, 'letter-page-1.png'));

  const statement = await renderLetter(sampleLetter({ company, markdown: reminderMarkdown(48) }));
  pdfToPng(statement.pdf, join(work, 'statement'), DPI, { first: 2, last: 2 });
  renameSync(join(work, 'statement-2.png'), join(out, 'statement-page-2.png'));
  console.log(
    `wrote ${out}letter-page-1.png and statement-page-2.png (statement: ${statement.pageCount} pages)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
