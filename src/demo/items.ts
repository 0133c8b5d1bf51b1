/**
 * Demo open items: invoices, credit notes and unallocated payments, spread unevenly over the
 * customers. Besides the CSV rows it returns typed arrays that the payments generator uses
 * to allocate receipts without exceeding what is still open.
 */
import type { CustomerPlan, Profile } from './customers.ts';
import { formatDay, formatMinor, pad, parseDay } from './format.ts';
import type { Random } from './random.ts';

export const INVOICE = 0;
export const CREDIT_NOTE = 1;
export const PAYMENT = 2;

const PREFIXES = ['INV', 'CN', 'PAY'];

/** Issue dates fall within this many days before asOf. */
export const ISSUE_WINDOW_DAYS = 180;

export interface ItemSet {
  readonly rows: Record<string, string>[];
  /** INVOICE, CREDIT_NOTE or PAYMENT per item. */
  readonly kind: Uint8Array;
  readonly issueDay: Int32Array;
  /** Open amount in minor units per item. */
  readonly openMinor: Float64Array;
  /** Items of customer c are rows[start[c]] … rows[start[c + 1] - 1]. */
  readonly start: Int32Array;
}

/**
 * Splits `total` items over customers in proportion to their weights, exactly. When there are
 * at least as many items as customers, everyone gets one first.
 */
export function distributeItems(weights: readonly number[], total: number): Int32Array {
  const counts = new Int32Array(weights.length);
  if (weights.length === 0) return counts;
  const base = total >= weights.length ? 1 : 0;
  const rest = total - base * weights.length;
  let sum = 0;
  for (const w of weights) sum += w;
  let cumulative = 0;
  let assigned = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i] ?? 0;
    const target = i === weights.length - 1 ? rest : Math.round((rest * cumulative) / sum);
    counts[i] = base + target - assigned;
    assigned = target;
  }
  return counts;
}

/** Days past due (negative: not due yet) for an open invoice, by payer profile. */
function overdueDays(rng: Random, profile: Profile, disputed: boolean, terms: number): number {
  const r = rng.next();
  const notDue = -rng.int(1, terms);
  if (disputed) return r < 0.15 ? notDue : r < 0.4 ? rng.int(0, 29) : rng.int(30, 150);
  switch (profile) {
    case 'good':
      return r < 0.72 ? notDue : r < 0.95 ? rng.int(0, 15) : rng.int(16, 60);
    case 'slow':
      return r < 0.25
        ? notDue
        : r < 0.45
          ? rng.int(0, 29)
          : r < 0.93
            ? rng.int(30, 120)
            : rng.int(121, 150);
    case 'disputes':
      return r < 0.55 ? notDue : r < 0.85 ? rng.int(0, 30) : rng.int(31, 90);
    case 'partial':
      return r < 0.35 ? notDue : r < 0.65 ? rng.int(0, 45) : rng.int(46, 120);
  }
}

/** Log-normal amount in minor units (`scale` per major unit), clamped to [min, max] major units. */
export function minorAmount(
  rng: Random,
  scale: number,
  median: number,
  sigma: number,
  min: number,
  max: number,
): number {
  const minor = Math.round(rng.logNormal(Math.log(median), sigma) * scale);
  return minor < min * scale ? min * scale : minor > max * scale ? max * scale : minor;
}

export function generateItems(
  rng: Random,
  plans: readonly CustomerPlan[],
  total: number,
  asOfDay: number,
): ItemSet {
  const counts = distributeItems(
    plans.map((p) => p.weight),
    total,
  );
  const rows: Record<string, string>[] = [];
  const kind = new Uint8Array(total);
  const issueDay = new Int32Array(total);
  const openMinor = new Float64Array(total);
  const start = new Int32Array(plans.length + 1);
  // 'INV-2026-0000001': serials count per type over the whole file, so numbers are unique
  // even across the new year (issue dates span less than a year).
  const counters = new Int32Array(3);
  const asOfYear = Number(formatDay(asOfDay).slice(0, 4));
  const newYearDay = parseDay(`${asOfYear}-01-01`);
  const prefixes = PREFIXES.map((p) => `${p}-${asOfYear}-`);
  const lastYearPrefixes = PREFIXES.map((p) => `${p}-${asOfYear - 1}-`);
  let index = 0;
  for (let c = 0; c < plans.length; c++) {
    start[c] = index;
    const plan = plans[c] as CustomerPlan;
    const { code, profile, terms, segment } = plan;
    const { currency, decimals, disputeReasons } = plan.locale;
    const scale = 10 ** decimals;
    const invoiceMedian = segment === 'key_account' ? 2500 : 1200;
    const partialShare = profile === 'partial' ? 0.4 : profile === 'slow' ? 0.03 : 0;
    const disputeShare = profile === 'disputes' ? 0.3 : 0.004;
    const end = index + (counts[c] ?? 0);
    for (; index < end; index++) {
      const r = rng.next();
      const type = r < 0.88 ? INVOICE : r < 0.96 ? CREDIT_NOTE : PAYMENT;
      let issue: number;
      let due: number;
      let amount: number;
      let open: number;
      let disputed = false;
      let po = '';
      if (type === INVOICE) {
        disputed = rng.chance(disputeShare);
        const age = terms + overdueDays(rng, profile, disputed, terms);
        issue = asOfDay - (age < 0 ? 0 : age > ISSUE_WINDOW_DAYS ? ISSUE_WINDOW_DAYS : age);
        due = issue + terms;
        amount = minorAmount(rng, scale, invoiceMedian, 1.25, 10, 200_000);
        open = amount;
        if (partialShare > 0 && rng.chance(partialShare)) {
          open = amount - Math.max(1, Math.round(amount * rng.uniform(0.1, 0.9)));
        }
        if (rng.chance(0.6)) po = `PO-${rng.int(10000, 99999)}`;
      } else {
        issue = asOfDay - rng.int(0, type === CREDIT_NOTE ? ISSUE_WINDOW_DAYS : 60);
        due = issue;
        amount =
          type === CREDIT_NOTE
            ? minorAmount(rng, scale, 250, 1, 5, 20_000)
            : minorAmount(rng, scale, 800, 1, 10, 50_000);
        open = amount;
      }
      const issueDate = formatDay(issue);
      const serial = (counters[type] ?? 0) + 1;
      counters[type] = serial;
      // Built with join() so the number is one flat string, not a chain of concatenations.
      const number = [
        (issue >= newYearDay ? prefixes : lastYearPrefixes)[type],
        pad(serial, 7),
      ].join('');
      const amountText = formatMinor(amount, decimals);
      rows.push({
        customer: code,
        number,
        type: type === INVOICE ? 'invoice' : type === CREDIT_NOTE ? 'credit_note' : 'payment',
        issue_date: issueDate,
        due_date: formatDay(due),
        currency,
        amount: amountText,
        open_amount: open === amount ? amountText : formatMinor(open, decimals),
        po_number: po,
        document_url:
          type !== PAYMENT && rng.chance(0.5) ? `https://docs.example/invoices/${number}.pdf` : '',
        disputed: disputed ? 'yes' : 'no',
        dispute_reason: disputed ? rng.pick(disputeReasons) : '',
      });
      kind[index] = type;
      issueDay[index] = issue;
      openMinor[index] = open;
    }
  }
  start[plans.length] = index;
  return { rows, kind, issueDay, openMinor, start };
}
