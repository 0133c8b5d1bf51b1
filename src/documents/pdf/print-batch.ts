import { AppError, type Problem } from '../../core/errors.ts';
import { A4_MM, mm } from '../../core/documents/windows.ts';
import {
  blankPagesBefore,
  DEFAULT_WEIGHT,
  letterGrams,
  sheets,
  weightClass,
  type WeightOptions,
} from '../../core/documents/print-batch-plan.ts';
import type { Inline } from '../markdown.ts';
import { drawBlocks } from './blocks.ts';
import { defaultFontSet } from './fonts.ts';
import { Flow } from './flow.ts';
import { checkLetter, drawLetter } from './letter.ts';
import {
  labelsFor,
  type LetterCompany,
  type LetterInput,
  type LetterLabels,
  type LetterLanguage,
} from './letter-types.ts';
import { collectOutput, drain, newDocument } from './pdf-document.ts';
import type { RenderOptions } from './render-letter.ts';
import { Typesetter } from './typesetter.ts';

/**
 * A print batch: all the letters of a run in one PDF for the printer, each starting on an
 * odd page (a blank page is added after a letter with an odd number of pages) so that a
 * duplex printer never puts two customers on one sheet; then, on its own sheets, the list
 * of registered letters for the post office (recipient, address, weight class, an empty
 * column for the tracking number). Pages are flushed letter by letter: memory stays flat.
 */

export interface PrintBatchLetter extends LetterInput {
  /** Sent as a registered letter: listed for the post office. */
  readonly registered?: boolean;
  /** Grams of enclosures (invoice copies) added to the envelope's weight. */
  readonly enclosureGrams?: number;
}

export interface PrintBatchInput {
  readonly letters: readonly PrintBatchLetter[];
  /** The sender, printed at the top of the registered-letters list. */
  readonly company: LetterCompany;
  /** Formatted date of the batch, printed on the list. */
  readonly date: string;
  /** Title recorded in the PDF ("Relance letters 2026-03-01"). */
  readonly title: string;
  readonly language?: LetterLanguage;
  readonly labels?: Partial<LetterLabels>;
  readonly weight?: Partial<WeightOptions>;
}

export interface PageMapLetter {
  /** Position in `letters`. */
  readonly index: number;
  readonly reference: string;
  readonly recipient: string;
  /** 1-based page of the batch where the letter starts (always odd). */
  readonly firstPage: number;
  readonly pageCount: number;
  /** A blank page follows the letter (duplex padding). */
  readonly blankPageAfter: boolean;
  readonly sheets: number;
  readonly grams: number;
  readonly weightClass: string;
  readonly registered: boolean;
}

export interface PageMap {
  readonly totalPages: number;
  readonly letters: readonly PageMapLetter[];
  readonly registeredList?: {
    readonly firstPage: number;
    readonly pageCount: number;
    readonly letters: number;
  };
}

export interface PrintBatchOptions extends RenderOptions {
  /** Receives the PDF as it is written (then `pdf` comes back empty). */
  readonly onData?: (chunk: Buffer) => void;
}

const PAGE_W = mm(A4_MM.width);
const PAGE_H = mm(A4_MM.height);
const MARGIN = mm(20);

const cell = (text: string, bold = false): Inline => [
  { text, bold, italic: false, code: false, strike: false },
];

function drawRegisteredList(
  ts: Typesetter,
  input: PrintBatchInput,
  rows: readonly PageMapLetter[],
  labels: LetterLabels,
): number {
  const doc = ts.doc;
  const range = doc.bufferedPageRange();
  const first = range.start + range.count;
  doc.addPage({ size: 'A4', margin: 0 });
  ts.pageChanged();
  const flow = new Flow(ts, MARGIN, PAGE_W - MARGIN, MARGIN, PAGE_H - mm(18), MARGIN, () => {
    doc.addPage({ size: 'A4', margin: 0 });
  });
  const c = input.company;
  const intro = [c.name, ...c.addressLines, input.date].filter((l) => l.trim() !== '');
  drawBlocks(
    flow,
    [
      { kind: 'heading', level: 1, inline: cell(`${labels.registeredList} (${rows.length})`) },
      { kind: 'paragraph', inline: cell(intro.join('\n')) },
      {
        kind: 'table',
        align: ['right', 'left', 'left', 'left', 'right', 'right', 'left'],
        header: [
          labels.listNumber,
          labels.listRecipient,
          labels.listAddress,
          labels.listReference,
          labels.listPages,
          labels.listWeight,
          labels.listTracking,
        ].map((h) => cell(h)),
        rows: rows.map((r, i) => {
          const letter = input.letters[r.index]!;
          return [
            cell(String(i + 1)),
            cell(letter.recipient.name),
            cell(letter.recipient.addressLines.filter((l) => l.trim() !== '').join('\n')),
            cell(letter.reference),
            cell(String(r.pageCount)),
            cell(r.weightClass.replace(/ /g, '\u00a0')), // never '≤ 20' over 'g'
            // An empty cell wide enough to write the tracking number in.
            cell('\u00a0'.repeat(34)),
          ];
        }),
      },
    ],
    MARGIN,
    PAGE_W - 2 * MARGIN,
    { size: 10 },
  );
  const style = ts.style({ size: 8, color: '#555555' });
  for (let p = 0; p < flow.pages; p++) {
    doc.switchToPage(first + p);
    ts.pageChanged();
    const label = `${p + 1}/${flow.pages}`;
    ts.draw(style, label, PAGE_W - MARGIN - ts.measure(style, label), PAGE_H - mm(10));
  }
  return flow.pages;
}

/** Renders the batch. Throws AppError INVALID_INPUT listing the problems of every letter. */
export async function renderPrintBatch(
  input: PrintBatchInput,
  options: PrintBatchOptions = {},
): Promise<{ pdf: Buffer; pageMap: PageMap }> {
  const problems: Problem[] = [];
  if (input.letters.length === 0)
    problems.push({ field: 'letters', value: '', expected: 'at least one letter' });
  input.letters.forEach((letter, i) => problems.push(...checkLetter(letter, `letters[${i}].`)));
  if (problems.length > 0)
    throw new AppError('INVALID_INPUT', 'the print batch cannot be rendered', problems);

  const fonts = options.fonts ?? defaultFontSet();
  const weight: WeightOptions = { ...DEFAULT_WEIGHT, ...input.weight };
  const labels = labelsFor(input.language, input.labels);
  const doc = newDocument(fonts, {
    title: input.title,
    author: input.company.name,
    ...(options.createdAt !== undefined ? { createdAt: options.createdAt } : {}),
  });
  const output = collectOutput(doc, options.onData);
  const ts = new Typesetter(doc, fonts);
  const letters: PageMapLetter[] = [];
  let pages = 0;
  for (const [index, letter] of input.letters.entries()) {
    if (index % 16 === 15) await drain();
    const firstPage = pages + 1;
    const pageCount = drawLetter(ts, letter);
    pages += pageCount;
    const blank = blankPagesBefore(pages) > 0;
    if (blank) {
      doc.addPage({ size: 'A4', margin: 0 });
      pages++;
    }
    doc.flushPages();
    const grams = letterGrams(pageCount, letter.enclosureGrams ?? 0, weight);
    letters.push({
      index,
      reference: letter.reference,
      recipient: letter.recipient.name,
      firstPage,
      pageCount,
      blankPageAfter: blank,
      sheets: sheets(pageCount, weight.duplex),
      grams,
      weightClass: weightClass(grams, weight),
      registered: letter.registered === true,
    });
  }
  const registered = letters.filter((l) => l.registered);
  let registeredList: PageMap['registeredList'];
  if (registered.length > 0) {
    const firstPage = pages + 1;
    const pageCount = drawRegisteredList(ts, input, registered, labels);
    pages += pageCount;
    registeredList = { firstPage, pageCount, letters: registered.length };
  }
  doc.end();
  const pdf = await output;
  return {
    pdf,
    pageMap: { totalPages: pages, letters, ...(registeredList ? { registeredList } : {}) },
  };
}
