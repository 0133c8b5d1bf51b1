import type { LetterInput } from '../src/documents/pdf/letter-types.ts';
import { mm } from '../src/core/documents/windows.ts';
import type { FontSet } from '../src/documents/pdf/fonts.ts';
import type { Doc } from '../src/documents/pdf/pdf-document.ts';

/**
 * The documents benchmark's workload: one-page reminder letters with a statement of 10 rows
 * and a totals row, different for each customer (names, numbers, amounts, dates), and the
 * same text drawn on a bare pdfkit page (pdfkit's own text flow, no Markdown, no layout of
 * ours) as the baseline.
 */

export interface Sample {
  readonly letter: LetterInput;
  /** The same words, as the bare page draws them. */
  readonly plain: {
    readonly paragraphs: readonly string[];
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
}

const FIRST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Müller',
  'Schmidt',
  'García',
  'Núñez',
];
const KIND = ['SARL', 'SAS', 'GmbH', 'S.L.', 'Ltd', 'SA'];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Victor Hugo',
  'Hauptstraße',
  'calle Mayor',
  'High Street',
];
const TOWNS = [
  '69002 Lyon',
  '13001 Marseille',
  '31000 Toulouse',
  '10115 Berlin',
  '28013 Madrid',
  'London EC1A 1BB',
];

/** Deterministic pseudo-random numbers (a small LCG): every run draws the same letters. */
function random(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const euros = (cents: number) => {
  const s = (cents / 100).toFixed(2).replace('.', ',');
  const [int, dec] = s.split(',');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${dec} €`;
};
const date = (day: number) => {
  const d = new Date(Date.UTC(2026, 0, 1 + day));
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

export function sampleLetter(k: number): Sample {
  const r = random(k + 1);
  const customer = `${pick(r, FIRST)} ${pick(r, FIRST)} ${pick(r, KIND)}`;
  const header = ['Document', 'Issued', 'Due', 'Amount', 'Open'];
  let total = 0;
  const rows = Array.from({ length: 10 }, (_, i) => {
    const amount = Math.round(20_000 + r() * 900_000);
    const open = i % 4 === 0 ? Math.round(amount * r()) : amount;
    total += open;
    const issued = Math.floor(r() * 60);
    return [
      `FAC-2026-${String(10_000 + k * 10 + i)}`,
      date(issued),
      date(issued + 30),
      euros(amount),
      euros(open),
    ];
  });
  const totalRow = ['Total EUR', '', '', '', euros(total)];
  const paragraphs = [
    'Dear Sir or Madam,',
    `According to our records, the invoices listed below remain unpaid on account ${String(k).padStart(6, '0')}. ` +
      `We assume this is an oversight and ask you to settle the overdue amount of ${euros(total)} by 15 March 2026.`,
    'If you have already paid, please disregard this letter. If something prevents payment (a missing purchase order, ' +
      'a delivery problem, a dispute), tell us now so that we can solve it together.',
  ];
  const table = [
    `| ${header.join(' | ')} |`,
    '|:--|:--|:--|--:|--:|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    `| **${totalRow[0]}** | | | | **${totalRow[4]}** |`,
  ].join('\n');
  const markdown = [
    paragraphs[0],
    paragraphs[1]!.replace('remain unpaid', 'remain **unpaid**'),
    table,
    paragraphs[2],
  ].join('\n\n');
  return {
    letter: {
      company: {
        name: 'Relance Démo SAS',
        addressLines: ['12 rue de la Paix', '75002 Paris', 'France'],
        place: 'Paris',
        footerLines: [
          'Relance Démo SAS · SIREN 123 456 789 · IBAN FR76 3000 6000 0112 3456 7890 189',
        ],
      },
      recipient: {
        name: customer,
        addressLines: [
          'Accounts payable',
          `${1 + Math.floor(r() * 120)} ${pick(r, STREETS)}`,
          pick(r, TOWNS),
        ],
      },
      reference: `REL-2026-${String(k).padStart(6, '0')}`,
      date: '1 March 2026',
      subject: `Reminder: overdue invoices, account ${String(k).padStart(6, '0')}`,
      markdown,
      window: 'din5008b',
      signature: { closing: 'Yours faithfully,', name: 'Claire Dupont', title: 'Credit manager' },
    },
    plain: { paragraphs, header, rows: [...rows, totalRow] },
  };
}

export interface BareFonts {
  readonly regular: unknown;
  readonly bold: unknown;
}

export function bareFontsOf(fonts: FontSet): BareFonts {
  return { regular: fonts.faces.regular.source, bold: fonts.faces.bold.source };
}

/**
 * The baseline: the same words on a page with pdfkit's public API only — doc.text with its
 * own wrapping for the paragraphs, one doc.text per table cell, same fonts, same sizes.
 */
export function drawBarePage(doc: Doc, fonts: BareFonts, sample: Sample): void {
  const { letter, plain } = sample;
  doc.registerFont('bare-regular', fonts.regular as string);
  doc.registerFont('bare-bold', fonts.bold as string);
  doc.addPage({ size: 'A4', margin: mm(20) });
  const left = mm(25);
  const width = mm(165);
  doc.font('bare-bold').fontSize(14).text(letter.company.name, left, mm(11));
  doc.font('bare-regular').fontSize(8.5).text(letter.company.addressLines.join('\n'));
  doc
    .fontSize(7)
    .text([letter.company.name, ...letter.company.addressLines].join(' · '), left, mm(48), {
      lineBreak: false,
    });
  doc
    .fontSize(10)
    .text([letter.recipient.name, ...letter.recipient.addressLines].join('\n'), left, mm(62.7), {
      width: mm(80),
    });
  doc
    .fontSize(9)
    .text(
      `Our reference: ${letter.reference}\n${letter.company.place}, ${letter.date}`,
      mm(125),
      mm(50),
      { width: mm(65) },
    );
  doc.font('bare-bold').fontSize(11).text(letter.subject, left, mm(98.5), { width });
  doc.moveDown();
  doc.font('bare-regular').fontSize(10);
  const [first, second, third] = plain.paragraphs;
  doc.text(first ?? '', { width, paragraphGap: 6 });
  doc.text(second ?? '', { width, paragraphGap: 6 });
  doc.fontSize(8.5);
  const columns = [mm(40), mm(30), mm(30), mm(32), mm(33)];
  let y = doc.y + 4;
  for (const row of [plain.header, ...plain.rows]) {
    let x = left;
    row.forEach((text, i) => {
      doc.text(text, x + 3, y, {
        width: (columns[i] ?? 0) - 6,
        lineBreak: false,
        align: i >= 3 ? 'right' : 'left',
      });
      x += columns[i] ?? 0;
    });
    y += 14;
  }
  doc.fontSize(10).text(third ?? '', left, y + 8, { width, paragraphGap: 6 });
  doc.text(letter.signature?.closing ?? '', { width });
  doc.moveDown(3);
  doc.font('bare-bold').text(letter.signature?.name ?? '', { width });
  doc.font('bare-regular').text(letter.signature?.title ?? '', { width });
  doc.fontSize(7).text(letter.company.footerLines?.[0] ?? '', left, mm(280), { lineBreak: false });
  doc.fontSize(8).text('1/1', mm(185), mm(287), { lineBreak: false });
}
