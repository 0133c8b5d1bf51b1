import type { Problem } from '../core/errors.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { minorToDecimalString } from '../core/money/format-money.ts';
import { rowNumber, type RawTable } from './table.ts';
import { cell, type ColumnMap } from './columns.ts';
import * as f from './fields.ts';

/** What the store knows about an item a payment row names. */
export interface KnownItem {
  readonly id: number;
  readonly customerId: number;
  readonly customerCode: string;
  readonly type: string;
  readonly currency: string;
  readonly openMinor: number;
}

/** A payment already stored under the same reference. */
export interface KnownPayment {
  readonly customerId: number;
  /** item id → amount allocated by this payment. */
  readonly allocations: ReadonlyMap<number, number>;
}

export interface PaymentRecord {
  readonly rows: readonly number[];
  readonly reference: string;
  readonly customerId: number;
  readonly receivedOn: LocalDate;
  readonly currency: string;
  readonly amountMinor: number;
  readonly allocations: ReadonlyMap<number, number>;
  readonly unallocatedMinor: number;
}

interface Row {
  row: number;
  reference: string;
  customerId: number;
  customerCode: string;
  date: LocalDate;
  currency: string;
  amount: number;
  amountText: string;
  itemNumber: string;
  allocatedText: string;
  allocated: number | undefined;
}

export interface PaymentContext {
  readonly customers: ReadonlyMap<string, number>;
  readonly items: ReadonlyMap<string, KnownItem>;
  readonly payments: ReadonlyMap<string, KnownPayment>;
  readonly formats: f.ValueFormats;
}

/** Validates a payments file: one row per allocation, rows grouped by reference. */
export function validatePayments(
  table: RawTable,
  columns: ColumnMap,
  ctx: PaymentContext,
): { records: PaymentRecord[]; problems: Problem[] } {
  const p = new f.ProblemList();
  const groups = new Map<string, Row[]>();
  table.rows.forEach((cells, i) => {
    const row = readRow(p, rowNumber(table, i), (c) => cell(cells, columns, c), ctx);
    if (!row) return;
    const group = groups.get(row.reference);
    if (group) group.push(row);
    else groups.set(row.reference, [row]);
  });
  const records: PaymentRecord[] = [];
  const byId = new Map([...ctx.items].map(([number, item]) => [item.id, { number, item }]));
  const perItem = new Map<number, { total: number; capacity: number; row: number }>();
  for (const [reference, rows] of groups) {
    const record = validateGroup(p, reference, rows, ctx);
    if (!record) continue;
    records.push(record);
    const previous = ctx.payments.get(reference)?.allocations;
    const lastRow = record.rows[record.rows.length - 1] ?? 0;
    for (const [itemId, amount] of record.allocations) {
      const entry = perItem.get(itemId) ?? {
        total: 0,
        capacity: byId.get(itemId)?.item.openMinor ?? 0,
        row: lastRow,
      };
      entry.total += amount;
      entry.capacity += previous?.get(itemId) ?? 0;
      entry.row = lastRow;
      perItem.set(itemId, entry);
    }
  }
  // Re-importing a payment first gives back what it had allocated, so capacity counts it.
  for (const [itemId, entry] of perItem) {
    if (entry.total <= entry.capacity) continue;
    const known = byId.get(itemId);
    const currency = known?.item.currency ?? 'EUR';
    p.add(
      entry.row,
      'allocated_amount',
      minorToDecimalString(entry.total, currency),
      `allocations to invoice ${known?.number ?? itemId} no larger than its open amount ${minorToDecimalString(entry.capacity, currency)}`,
    );
  }
  return { records: p.size > 0 ? [] : records, problems: p.items };
}

function readRow(
  p: f.ProblemList,
  row: number,
  get: (column: string) => string,
  ctx: PaymentContext,
): Row | undefined {
  const before = p.size;
  const customerCode = get('customer');
  const customerId = ctx.customers.get(customerCode);
  if (customerId === undefined) {
    p.add(
      row,
      'customer',
      customerCode,
      customerCode === ''
        ? 'a customer code'
        : 'the code of a customer already imported (import customers first)',
    );
  }
  const reference = f.requiredText(p, row, 'reference', get('reference'), 64);
  const date = f.date(p, row, 'date', get('date'), ctx.formats.dateFormat);
  const currency = f.currency(p, row, 'currency', get('currency'));
  const amountText = get('amount');
  const sign = 'payments are written as positive amounts';
  const amount = f.amount(p, row, 'amount', amountText, currency, ctx.formats.decimal, false, sign);
  const itemNumber = get('item_number');
  const allocatedText = get('allocated_amount');
  if (itemNumber === '' && allocatedText !== '') {
    p.add(
      row,
      'allocated_amount',
      allocatedText,
      'an empty cell when item_number is empty (the unallocated part is the amount minus the allocations)',
    );
  }
  const allocated =
    allocatedText === '' || itemNumber === ''
      ? undefined
      : f.amount(
          p,
          row,
          'allocated_amount',
          allocatedText,
          currency,
          ctx.formats.decimal,
          false,
          sign,
        );
  if (p.size > before) return undefined;
  return {
    row,
    reference: reference!,
    customerId: customerId!,
    customerCode,
    date: date!,
    currency: currency!,
    amount: amount!,
    amountText,
    itemNumber,
    allocatedText,
    allocated,
  };
}

function validateGroup(
  p: f.ProblemList,
  reference: string,
  rows: Row[],
  ctx: PaymentContext,
): PaymentRecord | undefined {
  const before = p.size;
  const first = rows[0]!;
  for (const r of rows.slice(1)) {
    const differs = (field: string, a: string | number, b: string | number, shown: string) => {
      if (a !== b)
        p.add(r.row, field, shown, `the same ${field} as row ${first.row} of payment ${reference}`);
    };
    differs('customer', r.customerId, first.customerId, r.customerCode);
    differs('date', r.date, first.date, r.date);
    differs('currency', r.currency, first.currency, r.currency);
    differs('amount', r.amount, first.amount, r.amountText);
  }
  const known = ctx.payments.get(reference);
  if (known && known.customerId !== first.customerId) {
    p.add(
      first.row,
      'reference',
      reference,
      'a reference not already used by a payment of another customer',
    );
  }
  const allocations = new Map<number, number>();
  let allocatedTotal = 0;
  for (const r of rows) {
    if (r.itemNumber === '') continue;
    const item = ctx.items.get(r.itemNumber);
    if (!item) {
      p.add(
        r.row,
        'item_number',
        r.itemNumber,
        'the number of an invoice already imported (or empty for an unallocated payment)',
      );
      continue;
    }
    if (item.customerId !== first.customerId) {
      p.add(
        r.row,
        'item_number',
        r.itemNumber,
        `an invoice of customer ${first.customerCode} (this one belongs to ${item.customerCode})`,
      );
      continue;
    }
    if (item.type !== 'invoice') {
      p.add(r.row, 'item_number', r.itemNumber, `an invoice (this item is a ${item.type})`);
      continue;
    }
    if (item.currency !== first.currency) {
      p.add(
        r.row,
        'currency',
        r.currency,
        `${item.currency}, the currency of invoice ${r.itemNumber}`,
      );
      continue;
    }
    if (allocations.has(item.id)) {
      p.add(
        r.row,
        'item_number',
        r.itemNumber,
        `each invoice once per payment (payment ${reference})`,
      );
      continue;
    }
    let amount = r.allocated;
    if (amount === undefined) {
      if (rows.length === 1) amount = first.amount;
      else {
        p.add(
          r.row,
          'allocated_amount',
          '',
          'the amount allocated to this invoice (required when a payment has several rows)',
        );
        continue;
      }
    }
    allocations.set(item.id, amount);
    allocatedTotal += amount;
  }
  if (allocatedTotal > first.amount) {
    const last = rows[rows.length - 1]!;
    p.add(
      last.row,
      'allocated_amount',
      minorToDecimalString(allocatedTotal, first.currency),
      `allocations of payment ${reference} totalling no more than its amount ${first.amountText}`,
    );
  }
  const unallocatedMinor = first.amount - allocatedTotal;
  const own = ctx.items.get(reference);
  // The unallocated part lives as an item numbered like the reference: that number
  // must not belong to another item, even when nothing is left unallocated today.
  if (own && (own.type !== 'payment' || own.customerId !== first.customerId)) {
    p.add(
      first.row,
      'reference',
      reference,
      'a reference that is not the number of another item (the unallocated part is kept as an item with this number)',
    );
  }
  if (p.size > before) return undefined;
  return {
    rows: rows.map((r) => r.row),
    reference,
    customerId: first.customerId,
    receivedOn: first.date,
    currency: first.currency,
    amountMinor: first.amount,
    allocations,
    unallocatedMinor,
  };
}
