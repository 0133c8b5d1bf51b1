import type { Problem } from '../core/errors.ts';
import type { ItemType } from '../core/ledger/types.ts';
import { compareDates, type LocalDate } from '../core/calendar/local-date.ts';
import { rowNumber, type RawTable } from './table.ts';
import { cell, type ColumnMap } from './columns.ts';
import * as f from './fields.ts';

export interface ItemRecord {
  readonly row: number;
  readonly customerId: number;
  readonly number: string;
  readonly type: ItemType;
  readonly issueDate: LocalDate;
  readonly dueDate: LocalDate;
  readonly currency: string;
  /** Signed: invoices positive, credit notes and payments negative. */
  readonly amountMinor: number;
  readonly openMinor: number;
  readonly poNumber: string | null;
  readonly documentUrl: string | null;
  readonly disputed: boolean;
  readonly disputeReason: string | null;
}

const TYPES: Record<string, ItemType> = {
  invoice: 'invoice',
  inv: 'invoice',
  credit_note: 'credit_note',
  creditnote: 'credit_note',
  credit: 'credit_note',
  cn: 'credit_note',
  payment: 'payment',
  unallocated_payment: 'payment',
};

/** Validates every row of an items file; customers are looked up by code. */
export function validateItems(
  table: RawTable,
  columns: ColumnMap,
  customers: ReadonlyMap<string, number>,
  formats: f.ValueFormats,
): { records: ItemRecord[]; problems: Problem[] } {
  const p = new f.ProblemList();
  const records: ItemRecord[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = rowNumber(table, i);
    const get = (column: string) => cell(cells, columns, column);
    const before = p.size;
    const code = get('customer');
    const customerId = customers.get(code);
    if (customerId === undefined) {
      p.add(
        row,
        'customer',
        code,
        code === ''
          ? 'a customer code'
          : 'the code of a customer already imported (import customers first)',
      );
    }
    const number = f.requiredText(p, row, 'number', get('number'), 64);
    if (number !== undefined) {
      const first = seen.get(number);
      if (first !== undefined)
        p.add(row, 'number', number, `a number used once in the file (also on row ${first})`);
      else seen.set(number, row);
    }
    const typeText = get('type');
    const type = TYPES[typeText.toLowerCase().replace(/[\s-]+/g, '_')];
    if (type === undefined) p.add(row, 'type', typeText, 'invoice, credit_note or payment');
    const issueDate = f.date(p, row, 'issue_date', get('issue_date'), formats.dateFormat);
    const dueText = get('due_date');
    const dueDate =
      dueText === '' && type !== undefined && type !== 'invoice'
        ? issueDate
        : f.date(p, row, 'due_date', dueText, formats.dateFormat);
    if (issueDate && dueDate && compareDates(dueDate, issueDate) < 0) {
      p.add(row, 'due_date', dueText, `a due date on or after the issue date ${issueDate}`);
    }
    const currency = f.currency(p, row, 'currency', get('currency'));
    const amount = f.amount(p, row, 'amount', get('amount'), currency, formats.decimal);
    const open = f.amount(
      p,
      row,
      'open_amount',
      get('open_amount'),
      currency,
      formats.decimal,
      true,
    );
    if (amount !== undefined && open !== undefined && open > amount) {
      p.add(
        row,
        'open_amount',
        get('open_amount'),
        `an open amount no larger than the amount ${get('amount')}`,
      );
    }
    const poNumber = f.optionalText(p, row, 'po_number', get('po_number'), 100);
    const documentUrl = f.url(p, row, 'document_url', get('document_url'));
    const disputed = f.yesNo(p, row, 'disputed', get('disputed'));
    const disputeReason = f.optionalText(p, row, 'dispute_reason', get('dispute_reason'), 500);
    if (p.size > before) return;
    const sign = type === 'invoice' ? 1 : -1;
    records.push({
      row,
      customerId: customerId!,
      number: number!,
      type: type!,
      issueDate: issueDate!,
      dueDate: dueDate!,
      currency: currency!,
      amountMinor: sign * amount!,
      openMinor: open === 0 ? 0 : sign * open!,
      poNumber: poNumber ?? null,
      documentUrl: documentUrl ?? null,
      disputed: disputed!,
      disputeReason: disputeReason ?? null,
    });
  });
  return { records, problems: p.items };
}
