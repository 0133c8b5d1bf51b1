import { parse } from 'csv-parse/sync';
import { AppError } from '../core/errors.ts';
import type { RawTable } from './table.ts';

/**
 * Parses CSV text with csv-parse (quotes, embedded newlines, BOM). The delimiter
 * is `;`, `,` or a tab, guessed from the header line unless given.
 */
export function parseCsvTable(text: string, fileName: string, delimiter?: string): RawTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = delimiter ?? guessDelimiter(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter: sep,
      skip_empty_lines: true,
      relax_quotes: false,
      relax_column_count: true,
      info: true,
      // csv-parse's overloads type `info: true` records loosely; this is their documented shape.
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new AppError(
      'INVALID_FILE',
      `${fileName} is not valid CSV: ${e.message ?? String(error)}`,
      [
        {
          field: 'file',
          value: fileName,
          expected: 'well-formed CSV (check quotes around fields)',
        },
      ],
    );
  }
  const [first, ...rest] = records;
  if (!first) throw emptyFile(fileName);
  return {
    header: first.record,
    rows: rest.map((r) => r.record),
    rowNumbers: rest.map((r) => r.info.lines),
  };
}

function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

export function emptyFile(fileName: string): AppError {
  return new AppError('INVALID_FILE', `${fileName} is empty`, [
    { field: 'file', value: fileName, expected: 'a header row followed by data rows' },
  ]);
}
