/** A file read as text cells: the header and the data rows, before any validation. */
export interface RawTable {
  readonly header: readonly string[];
  /** Data rows; `rows[i]` is file row `i + 2` (row 1 is the header). */
  readonly rows: readonly (readonly string[])[];
  /** The file's own line (CSV) or row (XLSX) number of each data row, for error reports. */
  readonly rowNumbers?: readonly number[];
}

/** The number to show for data row `i`: the file's line or sheet row, else header + i + 1. */
export function rowNumber(table: RawTable, i: number): number {
  return table.rowNumbers?.[i] ?? i + 2;
}

export type TableFormat = 'csv' | 'xlsx';

/** Normalises a header cell: trimmed, lower case, spaces and hyphens as underscores. */
export function normaliseHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
