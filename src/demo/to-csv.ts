/**
 * RFC 4180 CSV for the demo ledger files: comma delimiter, header line first, '\n' line ends,
 * fields quoted only when they contain a comma, a double quote, CR or LF.
 */

/** Column order of the four demo files. */
export const DEMO_COLUMNS = {
  customers: [
    'code',
    'name',
    'country',
    'language',
    'currency',
    'email',
    'phone',
    'address_line1',
    'address_line2',
    'postal_code',
    'city',
    'segment',
    'collector',
    'scenario',
    'credit_limit',
  ],
  contacts: ['customer', 'name', 'role', 'email', 'phone'],
  items: [
    'customer',
    'number',
    'type',
    'issue_date',
    'due_date',
    'currency',
    'amount',
    'open_amount',
    'po_number',
    'document_url',
    'disputed',
    'dispute_reason',
  ],
  payments: [
    'customer',
    'reference',
    'date',
    'currency',
    'amount',
    'item_number',
    'allocated_amount',
  ],
} as const satisfies Record<string, readonly string[]>;

export type DemoFile = keyof typeof DEMO_COLUMNS;

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted (with inner quotes doubled) only when needed. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i] ?? '');
  }
  return `${line}\n`;
}

/**
 * Yields the header line, then one line per row, each ending with '\n' (so concatenating the
 * yielded strings gives the file). Missing keys become empty fields.
 */
export function* csvLines(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
): Generator<string, void, undefined> {
  yield csvLine(columns);
  const values = new Array<string>(columns.length);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) values[i] = row[columns[i] ?? ''] ?? '';
    yield csvLine(values);
  }
}

/**
 * Like csvLines but yields blocks of up to `linesPerChunk` lines, for writing big files to a
 * stream without one write call per line.
 */
export function* csvChunks(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
  linesPerChunk = 10_000,
): Generator<string, void, undefined> {
  let chunk = '';
  let lines = 0;
  for (const line of csvLines(rows, columns)) {
    chunk += line;
    if (++lines >= linesPerChunk) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  if (chunk !== '') yield chunk;
}

/** The whole CSV text (header first, '\n' after every line). */
export function toCsv(rows: readonly Record<string, string>[], columns: readonly string[]): string {
  const lines: string[] = [];
  for (const line of csvLines(rows, columns)) lines.push(line);
  return lines.join('');
}
