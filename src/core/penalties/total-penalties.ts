import type { PenaltyResult } from './types.ts';

/** What a set of invoices owes in penalties, in one currency. */
export interface PenaltyTotal {
  readonly currency: string;
  readonly interestMinor: number;
  readonly lateFeeMinor: number;
  readonly compensationMinor: number;
  readonly totalMinor: number;
}

export interface PenaltyTotals {
  readonly invoices: number;
  /** Invoices with at least one day late (each owes its own fixed compensation). */
  readonly invoicesLate: number;
  /** One line per currency, sorted by code; the fixed compensation under its own currency. */
  readonly byCurrency: readonly PenaltyTotal[];
}

/**
 * Adds up the penalties of several invoices (e.g. of one customer for a formal notice):
 * interest already rounded per invoice, and one fixed compensation per late invoice —
 * never one per customer, per reminder or per day.
 */
export function totalPenalties(results: readonly PenaltyResult[]): PenaltyTotals {
  const totals = new Map<string, { interest: number; fee: number; compensation: number }>();
  const line = (currency: string) => {
    let t = totals.get(currency);
    if (t === undefined) totals.set(currency, (t = { interest: 0, fee: 0, compensation: 0 }));
    return t;
  };
  for (const r of results) {
    const own = line(r.currency);
    own.interest += r.interestMinor;
    own.fee += r.lateFeeMinor;
    if (r.compensationMinor > 0) line(r.compensationCurrency).compensation += r.compensationMinor;
  }
  return {
    invoices: results.length,
    invoicesLate: results.filter((r) => r.days > 0).length,
    byCurrency: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({
        currency,
        interestMinor: t.interest,
        lateFeeMinor: t.fee,
        compensationMinor: t.compensation,
        totalMinor: t.interest + t.fee + t.compensation,
      })),
  };
}
