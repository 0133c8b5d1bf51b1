/**
 * Deterministic demo/benchmark ledger: customers, contacts, open items and recent payments,
 * as CSV-ready string rows (see DEMO_COLUMNS in to-csv.ts for the column order).
 * Everything derives from `seed` and `asOf`: no clock, no Math.random.
 */
import { generateCustomers } from './customers.ts';
import { parseDay } from './format.ts';
import { generateItems } from './items.ts';
import { generatePayments } from './payments.ts';
import { Random } from './random.ts';

export interface DemoOptions {
  customers: number;
  items: number;
  seed: number;
  /** Reference date 'YYYY-MM-DD': items are issued up to 180 days before, payments up to 10. */
  asOf: string;
}

export interface DemoLedger {
  customers: Record<string, string>[];
  contacts: Record<string, string>[];
  items: Record<string, string>[];
  payments: Record<string, string>[];
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

export function generateLedger(opts: DemoOptions): DemoLedger {
  checkCount('customers', opts.customers);
  checkCount('items', opts.items);
  if (opts.customers === 0 && opts.items > 0) {
    throw new RangeError('items need at least one customer (customers is 0)');
  }
  const asOfDay = parseDay(opts.asOf);
  const rng = new Random(opts.seed);
  const { customers, contacts, plans } = generateCustomers(rng, opts.customers);
  const items = generateItems(rng, plans, opts.items, asOfDay);
  const payments = generatePayments(rng, plans, items, asOfDay);
  return { customers, contacts, items: items.rows, payments };
}
