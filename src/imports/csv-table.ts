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
  const options = { delimiter: sep, relax_quotes: false, relax_column_count: true };
  try {
    const numbered = body.includes('"') ? withLineInfo(body, options) : byLine(body, options);
    const header = numbered.rows[0];
    if (!header) throw emptyFile(fileName);
    return { header, rows: numbered.rows.slice(1), rowNumbers: numbered.lines.slice(1) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const e = error as { message?: string };
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
}

interface Numbered {
  rows: string[][];
  lines: number[];
}

type Options = { delimiter: string; relax_quotes: boolean; relax_column_count: boolean };

/** Without quotes a record is a line: keep blank lines to count them, then drop them. */
function byLine(body: string, options: Options): Numbered {
  const records = parse(body, { ...options, skip_empty_lines: false }) as string[][];
  const out: Numbered = { rows: [], lines: [] };
  records.forEach((record, i) => {
    if (record.length === 1 && record[0] === '') return;
    out.rows.push(record);
    out.lines.push(i + 1);
  });
  return out;
}

/** Quoted fields may span lines: ask the parser where each record ends (slower). */
function withLineInfo(body: string, options: Options): Numbered {
  const records = parse(body, { ...options, skip_empty_lines: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[]; // csv-parse types `info: true` records loosely; this is their documented shape.
  return { rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
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
