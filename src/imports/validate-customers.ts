import type { Problem } from '../core/errors.ts';
import { parseAmount } from '../core/money/parse-amount.ts';
import { rowNumber, type RawTable } from './table.ts';
import { cell, type ColumnMap } from './columns.ts';
import * as f from './fields.ts';

export interface CustomerRecord {
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly language: string;
  readonly currency: string;
  /** Optional columns present in the file; absent columns leave stored values alone. */
  readonly optional: Readonly<Record<string, string | number | null>>;
}

const OPTIONAL_TEXT: Record<string, number> = {
  address_line1: 200,
  address_line2: 200,
  postal_code: 20,
  city: 100,
  segment: 50,
  collector: 100,
  sales_owner: 100,
  scenario: 64,
};

export function validateCustomers(
  table: RawTable,
  columns: ColumnMap,
  formats: f.ValueFormats,
): { records: CustomerRecord[]; problems: Problem[] } {
  const p = new f.ProblemList();
  const records: CustomerRecord[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = rowNumber(table, i);
    const get = (column: string) => cell(cells, columns, column);
    const before = p.size;
    const code = f.requiredText(p, row, 'code', get('code'), 64);
    if (code !== undefined) {
      const first = seen.get(code);
      if (first !== undefined)
        p.add(row, 'code', code, `a code used once in the file (also on row ${first})`);
      else seen.set(code, row);
    }
    const name = f.requiredText(p, row, 'name', get('name'), 300);
    const country = f.country(p, row, 'country', get('country'));
    const language = f.language(p, row, 'language', get('language'));
    const currency = f.currency(p, row, 'currency', get('currency'));
    const optional: Record<string, string | number | null> = {};
    const has = (column: string) => columns.index.has(column);
    if (has('email')) optional.email = f.email(p, row, 'email', get('email')) ?? null;
    if (has('phone')) optional.phone = f.phone(p, row, 'phone', get('phone')) ?? null;
    for (const [column, max] of Object.entries(OPTIONAL_TEXT)) {
      if (has(column)) optional[column] = f.optionalText(p, row, column, get(column), max) ?? null;
    }
    if (has('credit_limit')) {
      const text = get('credit_limit');
      if (text === '') optional.credit_limit_minor = null;
      else if (currency !== undefined) {
        const parsed = parseAmount(text, currency, formats.decimal);
        if (!parsed.ok) p.add(row, 'credit_limit', text, parsed.expected);
        else if (parsed.minor < 0) p.add(row, 'credit_limit', text, 'zero or a positive amount');
        else optional.credit_limit_minor = parsed.minor;
      }
    }
    if (p.size > before) return;
    records.push({
      row,
      code: code!,
      name: name!,
      country: country!,
      language: language!,
      currency: currency!,
      optional,
    });
  });
  return { records, problems: p.items };
}
