import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/errors.ts';
import { needsPoppler, pdfPageCount, pdfPageTexts } from '../../../test/helpers/pdf.ts';
import { reminderMarkdown, sampleLetter } from './letter.fixture.ts';
import { renderLetter } from './render-letter.ts';
import { renderPrintBatch, type PrintBatchLetter } from './print-batch.ts';

function letter(n: number, rows: number, registered = false): PrintBatchLetter {
  return {
    ...sampleLetter({
      reference: `REL-${n}`,
      recipient: {
        name: `Customer ${n} SARL`,
        addressLines: [`${n} rue du Commerce`, '69002 Lyon'],
      },
      markdown: reminderMarkdown(rows),
    }),
    registered,
  };
}

describe('renderPrintBatch', needsPoppler, () => {
  it('starts every letter on an odd page and lists the registered ones', async () => {
    const letters = [letter(1, 4), letter(2, 45, true), letter(3, 80), letter(4, 4, true)];
    const counts = await Promise.all(letters.map(async (l) => (await renderLetter(l)).pageCount));
    assert.deepEqual(
      counts.map((c) => c % 2),
      [1, 0, 1, 1],
      `the fixture needs odd and even lengths: ${counts.join(', ')}`,
    );
    const { pdf, pageMap } = await renderPrintBatch({
      letters,
      company: letters[0]!.company,
      date: '1 March 2026',
      title: 'Letters of 1 March 2026',
    });
    const pages = pdfPageTexts(pdf);
    assert.equal(pdfPageCount(pdf), pageMap.totalPages);
    let expected = 1;
    pageMap.letters.forEach((entry, i) => {
      assert.equal(entry.firstPage, expected, `letter ${i + 1} starts on page ${expected}`);
      assert.equal(entry.firstPage % 2, 1);
      assert.equal(entry.pageCount, counts[i]);
      assert.equal(entry.blankPageAfter, entry.pageCount % 2 === 1);
      const first = pages[entry.firstPage - 1] ?? '';
      assert.match(first, new RegExp(`Our reference: REL-${i + 1}\\b`));
      assert.match(first, new RegExp(`\\b1/${entry.pageCount}\\s*$`));
      const last = pages[entry.firstPage + entry.pageCount - 2] ?? '';
      assert.match(last, new RegExp(`\\b${entry.pageCount}/${entry.pageCount}\\s*$`));
      if (entry.blankPageAfter)
        assert.equal((pages[entry.firstPage + entry.pageCount - 1] ?? '').trim(), '');
      expected = entry.firstPage + entry.pageCount + (entry.blankPageAfter ? 1 : 0);
    });
    assert.deepEqual(pageMap.registeredList, { firstPage: expected, pageCount: 1, letters: 2 });
    assert.equal(pageMap.totalPages, expected);
    const list = pages[expected - 1] ?? '';
    assert.match(list, /Registered letters \(2\)/);
    assert.match(list, /No\.\s+Recipient\s+Address\s+Reference\s+Pages\s+Weight\s+Tracking number/);
    assert.match(list, /1\s+Customer 2 SARL\s+2 rue du Commerce\s+REL-2\s+\d+\s+≤ 20 g/);
    assert.match(list, /2\s+Customer 4 SARL\s+4 rue du Commerce\s+REL-4\s+1\s+≤ 20 g/);
    assert.doesNotMatch(list, /Customer 1 SARL|Customer 3 SARL/);
    assert.equal(pageMap.letters[2]!.sheets, Math.ceil(counts[2]! / 2));
  });

  it('omits the list when no letter is registered', async () => {
    const { pageMap } = await renderPrintBatch({
      letters: [letter(1, 3)],
      company: letter(1, 3).company,
      date: '1 March 2026',
      title: 't',
    });
    assert.equal(pageMap.registeredList, undefined);
    assert.equal(pageMap.totalPages, 2);
  });

  it('names the problems of every letter before printing anything', async () => {
    const bad = { ...letter(2, 3), recipient: { name: 'No address', addressLines: [] } };
    await assert.rejects(
      renderPrintBatch({
        letters: [letter(1, 3), bad],
        company: bad.company,
        date: 'x',
        title: 't',
      }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ['letters[1].recipient.addressLines'],
        );
        return true;
      },
    );
  });
});
