import { createHash } from 'node:crypto';
import { AppError, type Problem } from '../core/errors.ts';
import { COLUMNS, type ImportKind } from './columns.ts';
import { normaliseHeader, type RawTable } from './table.ts';

/** A row as an integration sends it: column name → value (docs/import.md names the columns). */
export type ImportRecord = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Rows received as JSON objects, as the table a file would give: the header is every key
 * in the order first met, each value becomes the text of its cell (absent or null: empty).
 * Data row `rows[i]` is reported as row `i + 1`. A required column no row names is refused
 * here (every one at once), so that row numbers keep meaning positions in `rows`.
 */
export function tableFromRecords(
  kind: ImportKind,
  records: readonly ImportRecord[],
): { table: RawTable; sha256: string } {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  const named = new Set(header.map(normaliseHeader));
  const problems: Problem[] = COLUMNS[kind].required
    .filter((column) => !named.has(column))
    .map((column) => ({
      field: column,
      value: '',
      expected: `a value for ${column} in every row (required: ${COLUMNS[kind].required.join(', ')})`,
    }));
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `the ${kind} rows lack required columns`, problems);
  }
  const text = (v: string | number | boolean | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  const rows = records.map((record) => header.map((key) => text(record[key])));
  const sha256 = createHash('sha256').update(JSON.stringify({ header, rows })).digest('hex');
  return { table: { header, rows, rowNumbers: rows.map((_, i) => i + 1) }, sha256 };
}
