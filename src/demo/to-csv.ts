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

/** A row's fields in column order, joined by commas (no line end). Missing keys are empty. */
function rowLine(
  values: string[],
  row: Record<string, string>,
  columns: readonly string[],
): string {
  for (let i = 0; i < columns.length; i++) values[i] = csvField(row[columns[i] ?? ''] ?? '');
  return values.join(',');
}

function headerLine(columns: readonly string[]): string {
  return columns.map(csvField).join(',');
}

/**
 * Yields the header line, then one line per row, each ending with '\n' (so concatenating the
 * yielded strings gives the file). Missing keys become empty fields.
 */
export function* csvLines(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
): Generator<string, void, undefined> {
  yield `${headerLine(columns)}\n`;
  const values = new Array<string>(columns.length);
  for (const row of rows) yield `${rowLine(values, row, columns)}\n`;
}

/**
 * Same text as csvLines, in blocks of up to `linesPerChunk` lines (flat strings, each ending
 * with '\n'), for writing big files to a stream without one write call per line.
 */
export function* csvChunks(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
  linesPerChunk = 1000,
): Generator<string, void, undefined> {
  const values = new Array<string>(columns.length);
  let lines = [headerLine(columns)];
  for (const row of rows) {
    if (lines.length >= linesPerChunk) {
      lines.push(''); // so that join() ends the chunk with '\n'
      yield lines.join('\n');
      lines = [];
    }
    lines.push(rowLine(values, row, columns));
  }
  lines.push('');
  yield lines.join('\n');
}

/**
 * The whole CSV text (header first, '\n' after every line). Joins chunks rather than lines so
 * that only a thousandth as many intermediate strings stay alive until the final join.
 */
export function toCsv(rows: readonly Record<string, string>[], columns: readonly string[]): string {
  return Array.from(csvChunks(rows, columns)).join('');
}
