/**
 * Demo payments received in the last days before asOf, allocated to open invoices of the
 * payer. `items.openMinor` is decremented as allocations are made, so across the whole file
 * no invoice ever receives more than its open amount.
 */
import type { CustomerPlan } from './customers.ts';
import { formatDay, formatMinor, pad } from './format.ts';
import { INVOICE, minorAmount } from './items.ts';
import type { ItemSet } from './items.ts';
import type { Random } from './random.ts';

/** Payments are dated within this many days up to and including asOf. */
export const PAYMENT_WINDOW_DAYS = 10;

/** The customer owning item `index`: the last c with start[c] <= index. */
function customerOf(start: Int32Array, index: number): number {
  let lo = 0;
  let hi = start.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((start[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A random invoice of customer c that is still open (other than `exclude`), or -1. */
function openInvoice(rng: Random, items: ItemSet, c: number, exclude: number): number {
  const lo = items.start[c] ?? 0;
  const n = (items.start[c + 1] ?? 0) - lo;
  const usable = (i: number): boolean =>
    i !== exclude && items.kind[i] === INVOICE && (items.openMinor[i] ?? 0) > 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const i = lo + rng.int(0, n - 1);
    if (usable(i)) return i;
  }
  const offset = rng.int(0, n - 1);
  for (let k = 0; k < n; k++) {
    const i = lo + ((offset + k) % n);
    if (usable(i)) return i;
  }
  return -1;
}

/** Full open amount mostly; otherwise a part of it (at least one minor unit). */
function allocation(rng: Random, open: number, fullShare: number): number {
  if (open < 2 || rng.chance(fullShare)) return open;
  return Math.min(open - 1, Math.max(1, Math.round(open * rng.uniform(0.2, 0.8))));
}

export function generatePayments(
  rng: Random,
  plans: readonly CustomerPlan[],
  items: ItemSet,
  asOfDay: number,
): Record<string, string>[] {
  const total = items.rows.length;
  const count = total === 0 ? 0 : Math.max(1, Math.round(total * 0.02));
  const rows: Record<string, string>[] = [];
  for (let n = 1; n <= count; n++) {
    const c = customerOf(items.start, rng.int(0, total - 1));
    const plan = plans[c];
    if (plan === undefined) throw new Error(`no customer for payment ${n}`);
    const { currency, decimals } = plan.locale;
    const r = rng.next();
    const first = r < 0.1 ? -1 : openInvoice(rng, items, c, -1);
    const second = r < 0.3 && first >= 0 ? openInvoice(rng, items, c, first) : -1;
    const allocated: [number, number][] = [];
    if (first >= 0) allocated.push([first, allocation(rng, items.openMinor[first] ?? 0, 0.75)]);
    if (second >= 0) allocated.push([second, allocation(rng, items.openMinor[second] ?? 0, 0.7)]);

    let amount = 0;
    let earliest = asOfDay - (PAYMENT_WINDOW_DAYS - 1);
    for (const [item, minor] of allocated) {
      amount += minor;
      items.openMinor[item] = (items.openMinor[item] ?? 0) - minor;
      earliest = Math.max(earliest, items.issueDay[item] ?? earliest);
    }
    if (allocated.length === 0) {
      amount = minorAmount(rng, 10 ** decimals, 1000, 1, 10, 100_000);
    } else if (rng.chance(0.05)) {
      amount += rng.int(1, 50 * 10 ** decimals); // a small overpayment stays unallocated
    }
    const base = {
      customer: plan.code,
      reference: `RCPT-${pad(n, 7)}`,
      date: formatDay(rng.int(earliest, asOfDay)),
      currency,
      amount: formatMinor(amount, decimals),
    };
    if (allocated.length === 0) rows.push({ ...base, item_number: '', allocated_amount: '' });
    for (const [item, minor] of allocated) {
      rows.push({
        ...base,
        item_number: items.rows[item]?.number ?? '',
        allocated_amount: formatMinor(minor, decimals),
      });
    }
  }
  return rows;
}
