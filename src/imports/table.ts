/** A file read as text cells: the header and the data rows, before any validation. */
export interface RawTable {
  readonly header: readonly string[];
  /** Data rows; `rows[i]` is file row `i + 2` (row 1 is the header). */
  readonly rows: readonly (readonly string[])[];
}

export type TableFormat = 'csv' | 'xlsx';

/** Normalises a header cell: trimmed, lower case, spaces and hyphens as underscores. */
export function normaliseHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
