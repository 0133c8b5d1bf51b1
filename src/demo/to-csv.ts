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

/** A row's fields joined by commas, no line end; quotes only when the joined line needs it. */
function rowLine(values: string[]): string {
  const line = values.join(',');
  return NEEDS_QUOTES.test(line) ? values.map(csvField).join(',') : line;
}

/** Reads a row's values in column order into `values` (reused between rows). */
function fill(values: string[], row: Record<string, string>, columns: readonly string[]): string[] {
  for (let i = 0; i < columns.length; i++) values[i] = row[columns[i] ?? ''] ?? '';
  return values;
}

/**
 * Yields the header line, then one line per row, each ending with '\n' (so concatenating the
 * yielded strings gives the file). Missing keys become empty fields.
 */
export function* csvLines(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
): Generator<string, void, undefined> {
  yield `${rowLine([...columns])}\n`;
  const values = new Array<string>(columns.length);
  for (const row of rows) yield `${rowLine(fill(values, row, columns))}\n`;
}

/**
 * Same text as csvLines, in blocks of up to `linesPerChunk` lines (flat strings, each ending
 * with '\n'), for writing big files to a stream without one write call per line.
 */
export function* csvChunks(
  rows: Iterable<Record<string, string>>,
  columns: readonly string[],
  linesPerChunk = 10_000,
): Generator<string, void, undefined> {
  const values = new Array<string>(columns.length);
  let lines = [rowLine([...columns])];
  for (const row of rows) {
    lines.push(rowLine(fill(values, row, columns)));
    if (lines.length >= linesPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** The whole CSV text (header first, '\n' after every line), built in a single join. */
export function toCsv(rows: readonly Record<string, string>[], columns: readonly string[]): string {
  const values = new Array<string>(columns.length);
  const lines = [rowLine([...columns])];
  for (const row of rows) lines.push(rowLine(fill(values, row, columns)));
  lines.push('');
  return lines.join('\n');
}
