import { AppError, type Problem } from '../core/errors.ts';
import { normaliseHeader, type RawTable } from './table.ts';

export type ImportKind = 'customers' | 'contacts' | 'items' | 'payments';
export const IMPORT_KINDS: readonly ImportKind[] = ['customers', 'contacts', 'items', 'payments'];

export interface ColumnSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** The columns of each import file (docs/import.md describes each one). */
export const COLUMNS: Record<ImportKind, ColumnSpec> = {
  customers: {
    required: ['code', 'name', 'country', 'language', 'currency'],
    optional: [
      'email',
      'phone',
      'address_line1',
      'address_line2',
      'postal_code',
      'city',
      'segment',
      'collector',
      'sales_owner',
      'scenario',
      'credit_limit',
    ],
  },
  contacts: { required: ['customer', 'name', 'role', 'email', 'phone'], optional: [] },
  items: {
    required: [
      'customer',
      'number',
      'type',
      'issue_date',
      'due_date',
      'currency',
      'amount',
      'open_amount',
    ],
    optional: ['po_number', 'document_url', 'disputed', 'dispute_reason'],
  },
  payments: {
    required: ['customer', 'reference', 'date', 'currency', 'amount', 'item_number'],
    optional: ['allocated_amount'],
  },
};

/** Column name → cell index, for the columns of the spec present in the file. */
export interface ColumnMap {
  readonly index: ReadonlyMap<string, number>;
  readonly ignored: readonly string[];
}

/** Maps the header to the spec; every missing required column is reported at once. */
export function mapColumns(kind: ImportKind, table: RawTable, fileName: string): ColumnMap {
  const spec = COLUMNS[kind];
  const known = new Set([...spec.required, ...spec.optional]);
  const index = new Map<string, number>();
  const ignored: string[] = [];
  const problems: Problem[] = [];
  table.header.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    if (name === '') return;
    if (!known.has(name)) ignored.push(cell);
    else if (index.has(name)) {
      problems.push({ row: 1, field: name, value: cell, expected: 'each column only once' });
    } else index.set(name, i);
  });
  for (const name of spec.required) {
    if (!index.has(name)) {
      problems.push({
        row: 1,
        field: name,
        value: '',
        expected: `a column named ${name} (required columns: ${spec.required.join(', ')})`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${fileName}: the header does not fit ${kind === 'items' ? 'an' : 'a'} ${kind} file`,
      problems,
    );
  }
  return { index, ignored };
}

/** Reads one cell (trimmed) of a data row; '' when the column is absent or short. */
export function cell(row: readonly string[], map: ColumnMap, column: string): string {
  const i = map.index.get(column);
  return i === undefined ? '' : (row[i] ?? '').trim();
}
