import { AppError, type Problem } from '../errors.ts';
import {
  addDays,
  compareDates,
  diffDays,
  isLeapYear,
  type LocalDate,
} from '../calendar/local-date.ts';
import { fixedCompensation } from './compensation.ts';
import {
  add,
  compare,
  mul,
  ratio,
  roundHalfUp,
  sum,
  toDecimal,
  toFixed,
  type Ratio,
} from './ratio.ts';
import {
  halfYearLabel,
  halfYearStart,
  nextHalfYearStart,
  referenceRate,
  type RateSeries,
  type ReferenceRates,
} from './reference-rates.ts';
import type {
  Jurisdiction,
  PenaltyInput,
  PenaltyPeriod,
  PenaltyResult,
  PeriodReference,
} from './types.ts';
import { checkPenaltyInput, type CheckedInput } from './validate-input.ts';

/** Statutory rate = reference rate of `series` + `margin` points. */
const STATUTORY: Readonly<
  Record<Exclude<Jurisdiction, 'CONTRACT'>, { series: RateSeries; margin: number }>
> = {
  EU: { series: 'ECB', margin: 8 },
  FR: { series: 'ECB', margin: 10 },
  DE: { series: 'DE_BASIS', margin: 9 },
  GB: { series: 'UK_BASE', margin: 8 },
};

/** Decimal places of the unrounded interest shown in results (major units). */
export const INTEREST_PLACES = 10;

interface PeriodRate {
  readonly annual: Ratio;
  readonly reference?: PeriodReference;
}

/**
 * Late-payment interest and fixed compensation for one invoice (rules in
 * docs/penalties.md): simple interest on the amount outstanding each day, from the day
 * after the due date to the payment that clears it (or the as-of date), split into
 * periods at each payment, at each 1 January / 1 July for the EU, France and Germany
 * (each at its half-year's rate), and at each 1 January under actual/actual. The UK
 * rate is fixed for the life of the debt by the half-year in which interest starts.
 * Periods are summed exactly and rounded once, half-up, to the currency's minor unit.
 *
 * Pure: rates are passed in; a missing rate is `AppError('NOT_FOUND')`, bad input
 * `AppError('INVALID_INPUT')` listing every problem.
 */
export function computePenalties(input: PenaltyInput, rates: ReferenceRates): PenaltyResult {
  const c = checkPenaltyInput(input);
  const start = addDays(c.dueDate, 1);
  const settledOn = settlementDate(c);
  const last = settledOn ?? c.asOf;
  const days = Math.max(0, diffDays(last, c.dueDate));
  const base = {
    jurisdiction: c.jurisdiction,
    currency: c.currency,
    amountMinor: c.amountMinor,
    dueDate: c.dueDate,
    asOf: c.asOf,
    settledOn,
    days,
    rateSource: c.contract === undefined ? ('statutory' as const) : ('contract' as const),
    ...(c.contract !== undefined ? { contract: c.contract } : {}),
    dayBasis: c.dayBasis ?? '365',
  };
  const compensation = fixedCompensation(c.jurisdiction, c.currency, c.amountMinor);
  if (days === 0) {
    return {
      ...base,
      rate: null,
      rates: [],
      interestMinor: 0,
      interest: toFixed(ratio(0), INTEREST_PLACES),
      compensationMinor: 0,
      compensationCurrency: compensation.currency,
      lateFeeMinor: 0,
      totalMinor: compensation.currency === c.currency ? 0 : null,
      periods: [],
    };
  }
  if (c.jurisdiction === 'FR' && c.contractAnnual !== undefined) {
    checkFrenchFloor(c, c.contractAnnual, rates, start, last);
  }
  const parts = buildPeriods(c, rates, start, last);
  const exact = sum(parts.map((p) => p.exact));
  const interestMinor = toSafeNumber(roundHalfUp(exact));
  const lateFeeMinor = c.contract?.lateFeeMinor ?? 0;
  const periods = parts.map((p) => p.period);
  const rateList = periods.map((p) => p.rate).filter((r, i, all) => i === 0 || all[i - 1] !== r);
  return {
    ...base,
    rate: periods[0]?.rate ?? null,
    rates: rateList,
    interestMinor,
    interest: toFixed(major(exact, c.exponent), INTEREST_PLACES),
    compensationMinor: compensation.minor,
    compensationCurrency: compensation.currency,
    lateFeeMinor,
    totalMinor:
      compensation.currency === c.currency
        ? interestMinor + lateFeeMinor + compensation.minor
        : null,
    periods,
  };
}

/** The date of the payment that brings the outstanding amount to zero, if any. */
function settlementDate(c: CheckedInput): LocalDate | null {
  let paid = 0;
  for (const payment of c.payments) {
    paid += payment.amountMinor;
    if (paid >= c.amountMinor) return payment.date;
  }
  return null;
}

function major(minor: Ratio, exponent: number): Ratio {
  return mul(minor, ratio(1n, 10n ** BigInt(exponent)));
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`interest out of range: ${value}`);
  return n;
}

/** First days of the half-years from the one holding `from` up to the one holding `to`. */
function halfYears(from: LocalDate, to: LocalDate): LocalDate[] {
  const list: LocalDate[] = [];
  for (let h = halfYearStart(from); compareDates(h, to) <= 0; h = nextHalfYearStart(h)) {
    list.push(h);
  }
  return list;
}

/** Days in [start, last] on which a new period begins, besides `start` itself. */
function cutDates(c: CheckedInput, start: LocalDate, last: LocalDate): LocalDate[] {
  const cuts = new Set<LocalDate>();
  const inside = (d: LocalDate) => compareDates(d, start) > 0 && compareDates(d, last) <= 0;
  for (const payment of c.payments) {
    const next = addDays(payment.date, 1);
    if (inside(next)) cuts.add(next);
  }
  const byHalfYear = c.contract === undefined && c.jurisdiction !== 'GB';
  const byYear = c.dayBasis === 'actual/actual';
  for (const h of halfYears(start, last)) {
    if (inside(h) && (byHalfYear || (byYear && h.endsWith('-01-01')))) cuts.add(h);
  }
  return [...cuts].sort();
}

function buildPeriods(
  c: CheckedInput,
  rates: ReferenceRates,
  start: LocalDate,
  last: LocalDate,
): { period: PenaltyPeriod; exact: Ratio }[] {
  const starts = [start, ...cutDates(c, start, last)];
  const rateFor = rateLookup(c, rates, start);
  return starts.map((from, i) => {
    const next = starts[i + 1];
    const to = next === undefined ? last : addDays(next, -1);
    const days = diffDays(to, from) + 1;
    const paidBefore = c.payments
      .filter((p) => compareDates(p.date, from) < 0)
      .reduce((total, p) => total + p.amountMinor, 0);
    const principalMinor = c.amountMinor - paidBefore;
    const { annual, reference } = rateFor(from);
    const basis =
      c.contract?.per !== 'day' &&
      c.dayBasis === 'actual/actual' &&
      isLeapYear(Number(from.slice(0, 4)))
        ? 366
        : 365;
    const exact = mul(
      ratio(BigInt(principalMinor) * BigInt(days)),
      mul(annual, ratio(1n, 100n * BigInt(basis))),
    );
    const period: PenaltyPeriod = {
      from,
      to,
      days,
      principalMinor,
      rate: toDecimal(annual, 2),
      basis,
      interest: toFixed(major(exact, c.exponent), INTEREST_PLACES),
      ...(reference !== undefined ? { reference } : {}),
    };
    return { period, exact };
  });
}

/** The annual rate of a period starting on a given day. */
function rateLookup(
  c: CheckedInput,
  rates: ReferenceRates,
  start: LocalDate,
): (from: LocalDate) => PeriodRate {
  if (c.contractAnnual !== undefined) {
    const annual = c.contractAnnual;
    return () => ({ annual });
  }
  if (c.jurisdiction === 'CONTRACT') throw new RangeError('CONTRACT without a rate');
  const { series, margin } = STATUTORY[c.jurisdiction];
  const cache = new Map<LocalDate, PeriodRate>();
  return (from) => {
    // The UK rate is the one of the half-year in which interest starts, for good.
    const halfYear = halfYearStart(c.jurisdiction === 'GB' ? start : from);
    let found = cache.get(halfYear);
    if (found === undefined) {
      const percent = referenceRate(rates, series, halfYear);
      found = {
        annual: add(percent, ratio(margin)),
        reference: { series, halfYear, percent: toDecimal(percent, 2), margin },
      };
      cache.set(halfYear, found);
    }
    return found;
  };
}

/** France (L441-10): a contractual rate may not be below 3 × the legal rate of the half-year. */
function checkFrenchFloor(
  c: CheckedInput,
  annual: Ratio,
  rates: ReferenceRates,
  start: LocalDate,
  last: LocalDate,
): void {
  const problems: Problem[] = [];
  for (const h of halfYears(start, last)) {
    const legal = referenceRate(rates, 'FR_LEGAL', h);
    const floor = mul(legal, ratio(3));
    if (compare(annual, floor) < 0) {
      const yearly = c.contract?.per === 'year' ? '' : ` = ${toDecimal(annual, 2)} % a year`;
      problems.push({
        field: 'contract.ratePercent',
        value: `${c.contract?.ratePercent} % per ${c.contract?.per}${yearly}`,
        expected:
          `at least ${toDecimal(floor, 2)} % a year in ${halfYearLabel(h)}: French law ` +
          `(Code de commerce L441-10) sets the floor at 3 × the legal interest rate of ${toDecimal(legal, 2)} %`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'the contractual rate is below the French floor of 3 × the legal interest rate',
      problems,
    );
  }
}
