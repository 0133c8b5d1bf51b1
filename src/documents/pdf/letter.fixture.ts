import { crc32, deflateSync } from 'node:zlib';
import type { LetterInput } from './letter-types.ts';

/**
 * Sample letters for tests and for the sample pictures in docs/samples
 * (scripts/document-samples.ts): a reminder with a statement of `rows` invoices in EUR and
 * USD, totals per currency, a list, a link and raw HTML that must come out as text.
 */

const money = (cents: number, currency: string) => {
  const [int, dec] = (cents / 100).toFixed(2).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return currency === 'EUR' ? `${grouped},${dec} €` : `$${grouped.replace(/\u202f/g, ',')}.${dec}`;
};

export function invoiceNumber(i: number): string {
  return `INV-${String(i + 1).padStart(5, '0')}`;
}

/** A GFM statement table: `rows` invoices (every fifth in USD), then one total per currency. */
export function statementMarkdown(rows: number): string {
  const totals = new Map<string, number>();
  const lines = [
    '| Invoice | Issued | Due | Days late | Amount | Open |',
    '|:--|:--|:--|--:|--:|--:|',
  ];
  for (let i = 0; i < rows; i++) {
    const currency = i % 5 === 4 ? 'USD' : 'EUR';
    const amount = 10_000 + ((i * 7919) % 250_000);
    const open = i % 3 === 0 ? Math.round(amount / 2) : amount;
    totals.set(currency, (totals.get(currency) ?? 0) + open);
    const day = 1 + (i % 28);
    lines.push(
      `| ${invoiceNumber(i)} | ${String(day).padStart(2, '0')}/01/2026 | ${String(day).padStart(2, '0')}/02/2026 | ${20 + (i % 40)} | ${money(amount, currency)} | ${money(open, currency)} |`,
    );
  }
  for (const [currency, total] of totals) {
    lines.push(`| **Total overdue ${currency}** | | | | | **${money(total, currency)}** |`);
  }
  return lines.join('\n');
}

export function reminderMarkdown(rows: number): string {
  return `Dear Sir or Madam,

According to our records, the invoices below remain **unpaid**. We assume this is an *oversight* and ask you to pay the overdue amount by **15 March 2026**.

## Statement of account

${statementMarkdown(rows)}

You can:

1. pay by bank transfer to IBAN FR76 3000 6000 0112 3456 7890 189;
2. pay online at [your customer page](https://pay.example.com/c/ACME-0042);
3. call us on +33 1 23 45 67 89 to agree on a date.

If you have already paid, please disregard this letter. Raw HTML stays text: <script>alert("x")</script>`;
}

export function sampleLetter(overrides: Partial<LetterInput> = {}): LetterInput {
  return {
    company: {
      name: 'Relance Démo SAS',
      addressLines: ['12 rue de la Paix', '75002 Paris', 'France'],
      place: 'Paris',
      footerLines: [
        'Relance Démo SAS · SIREN 123 456 789 · VAT FR12 123456789',
        'IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP',
      ],
    },
    recipient: {
      name: 'Établissements Zoë Ångström & Fils',
      addressLines: ['Accounts payable', '3 avenue des Champs-Élysées', '75008 Paris'],
    },
    reference: 'REL-2026-000042',
    date: '1 March 2026',
    subject: 'Reminder: overdue invoices on account ACME-0042',
    markdown: reminderMarkdown(6),
    window: 'din5008b',
    signature: { closing: 'Yours faithfully,', name: 'Claire Dupont', title: 'Credit manager' },
    ...overrides,
  };
}

/** A small PNG logo (a dark blue bar with a lighter square), made without any image library. */
export function sampleLogoPng(width = 180, height = 60): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const inSquare = x > 10 && x < 50 && y > 10 && y < 50;
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = inSquare ? 0x6f : 0x1a;
      raw[o + 1] = inSquare ? 0xa8 : 0x3d;
      raw[o + 2] = inSquare ? 0xdc : 0x6b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
