import type { PenaltyResult } from '../penalties/types.ts';
import type { RenderPenalties, RenderRatePeriod } from './context.ts';

/**
 * The penalties of a communication, for its render context, from the per-invoice results of
 * src/core/penalties: interest, late fees and fixed compensation of the invoices in
 * `currency` added up (compensation due in another currency, such as GBP sums on a EUR
 * debt, is left out), and each annual rate with the first and last day it was applied.
 */
export function penaltiesForTemplate(
  results: readonly PenaltyResult[],
  currency: string,
): RenderPenalties {
  let interestMinor = 0;
  let lateFeeMinor = 0;
  const compensations: number[] = [];
  const rates = new Map<string, { from: string; to: string }>();
  for (const r of results) {
    if (r.currency === currency) {
      interestMinor += r.interestMinor;
      lateFeeMinor += r.lateFeeMinor;
      for (const period of r.periods) {
        const seen = rates.get(period.rate);
        if (seen === undefined) rates.set(period.rate, { from: period.from, to: period.to });
        else {
          if (period.from < seen.from) seen.from = period.from;
          if (period.to > seen.to) seen.to = period.to;
        }
      }
    }
    if (r.compensationMinor > 0 && r.compensationCurrency === currency)
      compensations.push(r.compensationMinor);
  }
  const first = compensations[0];
  const same = first !== undefined && compensations.every((c) => c === first);
  const periods: RenderRatePeriod[] = [...rates.entries()]
    .map(([ratePercent, { from, to }]) => ({ ratePercent, from, to }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return {
    currency,
    interestMinor,
    compensationMinor: compensations.reduce((sum, c) => sum + c, 0),
    compensationCount: compensations.length,
    ...(same ? { compensationEachMinor: first } : {}),
    ...(lateFeeMinor !== 0 ? { lateFeeMinor } : {}),
    rates: periods,
  };
}
