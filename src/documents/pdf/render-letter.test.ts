import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AppError } from '../../core/errors.ts';
import { DIN_5008_B, FR_C56, mm, type WindowLayout } from '../../core/documents/windows.ts';
import { tempDir, writeFile } from '../../../test/helpers/files.ts';
import {
  needsPoppler,
  pdfPageCount,
  pdfPageTexts,
  pdfText,
  pdfWords,
  type WordBox,
} from '../../../test/helpers/pdf.ts';
import { defaultFontSet, loadFontSet } from './fonts.ts';
import { invoiceNumber, reminderMarkdown, sampleLetter, sampleLogoPng } from './letter.fixture.ts';
import { renderLetter } from './render-letter.ts';

/** Asserts that the strings appear in this order in the text. */
function assertInOrder(text: string, parts: readonly string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    assert.ok(next > at, `"${part}" should come after the previous part\n${text}`);
    at = next;
  }
}

/** Asserts that every word lies inside the box of a window (mm, with half a point of slack). */
function assertInside(words: readonly WordBox[], box: WindowLayout['address']): void {
  assert.ok(words.length > 0);
  for (const w of words) {
    assert.ok(
      w.xMin >= mm(box.x) - 0.5 && w.xMax <= mm(box.x + box.width) + 0.5,
      `"${w.text}" x ${w.xMin}–${w.xMax}`,
    );
    assert.ok(
      w.yMin >= mm(box.y) - 0.5 && w.yMax <= mm(box.y + box.height) + 0.5,
      `"${w.text}" y ${w.yMin}–${w.yMax}`,
    );
  }
}

const inBox = (box: WindowLayout['address']) => (w: WordBox) =>
  w.page === 1 &&
  w.xMin >= mm(box.x) - 1 &&
  w.xMin < mm(box.x + box.width) &&
  w.yMin >= mm(box.y) - 1 &&
  w.yMin < mm(box.y + box.height);

describe('renderLetter', needsPoppler, () => {
  it('lays out a one-page letter in reading order, numbered 1/1', async () => {
    const { pdf, pageCount } = await renderLetter(sampleLetter());
    assert.equal(pageCount, 1);
    assert.equal(pdfPageCount(pdf), 1);
    const text = pdfText(pdf);
    assertInOrder(text, [
      'Relance Démo SAS',
      '12 rue de la Paix',
      'Relance Démo SAS · 12 rue de la Paix · 75002 Paris · France',
      'Our reference: REL-2026-000042',
      'Paris, 1 March 2026',
      'Établissements Zoë Ångström & Fils',
      'Accounts payable',
      '75008 Paris',
      'Reminder: overdue invoices on account ACME-0042',
      'Dear Sir or Madam,',
      'remain unpaid',
      'Statement of account',
      'Invoice',
      'Days late',
      invoiceNumber(0),
      invoiceNumber(5),
      'Total overdue EUR',
      'Total overdue USD',
      '1. pay by bank transfer',
      '2. pay online at your customer page',
      'Yours faithfully,',
      'Claire Dupont',
      'Credit manager',
      'IBAN FR76',
      '1/1',
    ]);
  });

  it('renders every kind of Markdown block in order', async () => {
    const markdown = [
      '# Title one',
      'A paragraph with **bold**, *italic*, ~~struck~~ and `code`.',
      '- first bullet\n- second bullet\n  - nested bullet',
      '> A quoted line.',
      '---',
      '### Small heading',
      '```\nfenced code line\n```',
      'Last line.',
    ].join('\n\n');
    const { pdf } = await renderLetter(sampleLetter({ markdown }));
    assertInOrder(pdfText(pdf), [
      'Title one',
      'A paragraph with bold, italic, struck and code.',
      '• first bullet',
      '• second bullet',
      '• nested bullet',
      'A quoted line.',
      'Small heading',
      'fenced code line',
      'Last line.',
      'Claire Dupont',
    ]);
  });

  it('prints raw HTML from the Markdown as text', async () => {
    const { pdf } = await renderLetter(sampleLetter());
    assert.match(pdfText(pdf), /Raw HTML stays text:\s+<script>alert\("x"\)<\/script>/);
  });

  it('puts sender line and recipient in the DIN 5008 B window', async () => {
    const { pdf } = await renderLetter(sampleLetter());
    const words = pdfWords(pdf);
    const w = DIN_5008_B;
    const address = words.filter(inBox(w.address));
    assert.deepEqual(
      address.map((x) => x.text).join(' '),
      'Établissements Zoë Ångström & Fils Accounts payable 3 avenue des Champs-Élysées 75008 Paris',
    );
    assertInside(address, w.address);
    const sender = words.filter(
      (x) => x.page === 1 && x.yMin > mm(w.senderLine.y) - 1 && x.yMax < mm(w.senderLine.y + 4),
    );
    assert.equal(sender[0]?.text, 'Relance');
    assert.ok(
      sender.every(
        (x) =>
          x.xMin >= mm(w.senderLine.x) - 0.5 && x.xMax <= mm(w.senderLine.x + w.senderLine.width),
      ),
    );
  });

  it('puts the recipient in the French C5/6 window on the right', async () => {
    const { pdf } = await renderLetter(sampleLetter({ window: 'fr-c56' }));
    const address = pdfWords(pdf).filter(inBox(FR_C56.address));
    assert.match(address.map((x) => x.text).join(' '), /^Établissements Zoë .* 75008 Paris$/);
    assertInside(address, FR_C56.address);
  });

  it('fits a 200-character name with accents and CJK into the window', async () => {
    const name =
      `Société Coopérative Agricole Ørsted Łódź 株式会社東京商事 ${'Établissement '.repeat(12)}`.slice(
        0,
        200,
      );
    assert.equal(name.length, 200);
    for (const window of ['din5008b', 'fr-c56'] as const) {
      const { pdf, pageCount } = await renderLetter(
        sampleLetter({
          window,
          recipient: { name, addressLines: ['Accounts payable', '1 Main Street', 'Springfield'] },
          subject: name,
        }),
      );
      assert.equal(pageCount, 1);
      const box = window === 'din5008b' ? DIN_5008_B.address : FR_C56.address;
      const address = pdfWords(pdf).filter(inBox(box));
      assertInside(address, box);
      // The address lines survive whatever happens to the name.
      assert.match(
        address.map((x) => x.text).join(' '),
        /Accounts payable 1 Main Street Springfield$/,
      );
      const text = pdfText(pdf);
      assert.match(text, /Łódź/);
      if (defaultFontSet().fallback) assert.match(text, /株式会社東京商事/);
      else assert.match(text, /\uFFFD/);
    }
  });

  it('paginates a 400-row statement, repeating the table header on every page', async () => {
    const { pdf, pageCount } = await renderLetter(
      sampleLetter({ markdown: reminderMarkdown(400) }),
    );
    assert.ok(pageCount >= 6, `${pageCount} pages`);
    const pages = pdfPageTexts(pdf);
    assert.equal(pages.length, pageCount);
    pages.forEach((page, i) => {
      assert.match(
        page,
        new RegExp(`\\b${i + 1}/${pageCount}\\s*$`),
        `page ${i + 1} ends with its number`,
      );
      if (i > 0) assert.match(page, /Relance Démo SAS — REL-2026-000042/);
      if (/INV-\d{5}/.test(page))
        assert.match(
          page,
          /Invoice\s+Issued\s+Due\s+Days late\s+Amount\s+Open/,
          `header on page ${i + 1}`,
        );
    });
    assert.match(pages[1] ?? '', /Invoice\s+Issued\s+Due\s+Days late\s+Amount\s+Open/);
    const numbers = pdfText(pdf).match(/INV-\d{5}/g) ?? [];
    assert.deepEqual(
      numbers,
      Array.from({ length: 400 }, (_, i) => invoiceNumber(i)),
    );
    assertInOrder(pdfText(pdf), [
      invoiceNumber(399),
      'Total overdue EUR',
      'Total overdue USD',
      'Claire Dupont',
    ]);
  });

  it('places the recipient in a custom window, with labels in the letter language', async () => {
    const box = { x: 100, y: 40, width: 90, height: 30 };
    const { pdf } = await renderLetter(sampleLetter({ window: { address: box }, language: 'fr' }));
    const address = pdfWords(pdf).filter(inBox(box));
    assert.match(address.map((x) => x.text).join(' '), /^Établissements .* 75008 Paris$/);
    assertInside(address, box);
    assert.match(
      pdfText(pdf),
      /Notre référence : REL-2026-000042|Notre référence: REL-2026-000042/,
    );
  });

  it('drops control characters and turns tabs into spaces', async () => {
    const { pdf } = await renderLetter(
      sampleLetter({
        recipient: { name: 'ACME\u0007 Trading\tLtd\u200b', addressLines: ['1 Main\u0000 Street'] },
      }),
    );
    const text = pdfText(pdf);
    assert.match(text, /ACME Trading Ltd\n/);
    assert.match(text, /1 Main Street/);
  });

  it('draws the logo and the signature image', async () => {
    const dir = tempDir();
    const logo = writeFile(dir, 'logo.png', sampleLogoPng());
    const signature = writeFile(dir, 'signature.png', sampleLogoPng(120, 40));
    const { pdf } = await renderLetter(
      sampleLetter({
        company: { ...sampleLetter().company, logoPath: logo },
        signature: { name: 'Claire Dupont', imagePath: signature },
      }),
    );
    const list = execFileSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
    assert.match(list, /\n\s+1\s+0\s+image\s+180\s+60\s+rgb/);
    assert.match(list, /\n\s+1\s+1\s+image\s+120\s+40\s+rgb/);
  });

  it('refuses a logo or signature that is not a PNG or JPEG file', async () => {
    const dir = tempDir();
    const notImage = writeFile(dir, 'logo.png', 'not an image');
    await assert.rejects(
      renderLetter(
        sampleLetter({
          company: { ...sampleLetter().company, logoPath: notImage },
          signature: { name: 'C. Dupont', imagePath: `${dir}/missing.png` },
        }),
      ),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ['company.logoPath', 'signature.imagePath'],
        );
        return true;
      },
    );
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderLetter(sampleLetter());
    const b = await renderLetter(sampleLetter());
    assert.ok(a.pdf.equals(b.pdf));
  });

  it('refuses a letter without postal address, naming every problem', async () => {
    await assert.rejects(
      renderLetter(
        sampleLetter({
          company: { ...sampleLetter().company, name: ' ' },
          recipient: { name: 'ACME', addressLines: [] },
        }),
      ),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'INVALID_INPUT');
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ['company.name', 'recipient.addressLines'],
        );
        return true;
      },
    );
  });

  it('falls back to Helvetica when the fonts are missing, printing ? for what it cannot show', async () => {
    const fonts = loadFontSet({ dir: '/nonexistent', cjkPath: null });
    assert.match(fonts.warnings.join(' '), /Helvetica/);
    const { pdf } = await renderLetter(
      sampleLetter({
        recipient: { name: 'Zoë Łódź Ωμέγα 東京', addressLines: ['Straße 1', '10115 Berlin'] },
      }),
      { fonts },
    );
    const text = pdfText(pdf);
    assert.match(text, /Zoë \?ód\? \?\?\?\?\? \?\?/);
    assert.match(text, /Straße 1/);
  });
});
