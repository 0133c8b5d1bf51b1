import { AppError } from '../errors.ts';
import { compareDates, parseLocalDate } from '../calendar/local-date.ts';
import { currencyExponent } from '../money/currencies.ts';
import { minorToDecimalString } from '../money/format-money.ts';
import { Problems, at, oneOf } from '../scenario/scenario-fields.ts';
import { compare, mul, parseDecimal, ratio, type Ratio } from './ratio.ts';
import {
  DAY_BASES,
  JURISDICTIONS,
  RATE_PERIODS,
  type PenaltyInput,
  type PenaltyPayment,
  type RatePer,
} from './types.ts';

/** Decimals allowed in a contractual rate (daily rates need more than annual ones). */
export const CONTRACT_RATE_DECIMALS = 6;
/** Above this annual equivalent a contractual rate is taken for a typo (125 for 12.5). */
const MAX_ANNUAL_PERCENT = ratio(100);

const PER_YEAR: Readonly<Record<RatePer, bigint>> = { year: 1n, month: 12n, day: 365n };

/** The annual equivalent of a contractual rate: a monthly rate × 12, a daily rate × 365. */
export function annualPercent(percent: Ratio, per: RatePer): Ratio {
  return mul(percent, ratio(PER_YEAR[per]));
}

/** A validated input: payments sorted by date, rate parsed. */
export interface CheckedInput extends PenaltyInput {
  readonly payments: readonly PenaltyPayment[];
  readonly exponent: number;
  /** Annual contractual rate in percent, when a contract sets one. */
  readonly contractAnnual?: Ratio;
}

const positiveMinor = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function date(p: Problems, field: string, value: unknown): string | undefined {
  if (typeof value === 'string' && parseLocalDate(value) !== null) return value;
  p.add(field, value, 'a valid date written YYYY-MM-DD');
  return undefined;
}

/**
 * Checks every field of a penalty computation and reports all problems at once
 * (`AppError('INVALID_INPUT')`, each problem naming the field, the value and what was
 * expected). Values may come from a CLI or an API, so nothing is trusted.
 */
export function checkPenaltyInput(input: PenaltyInput): CheckedInput {
  const p = new Problems();
  const jurisdiction = oneOf(p, 'jurisdiction', input.jurisdiction, JURISDICTIONS);
  const exponent = currencyExponent(String(input.currency));
  if (exponent === undefined) {
    p.add('currency', input.currency, 'an ISO 4217 currency code in capitals, like EUR or GBP');
  } else if (jurisdiction === 'GB' && input.currency !== 'GBP') {
    p.add(
      'currency',
      input.currency,
      'GBP for the United Kingdom: its fixed sums (GBP 40, 70 or 100) depend on the debt in pounds',
    );
  }
  const amountOk = positiveMinor(input.amountMinor);
  if (!amountOk) p.add('amountMinor', input.amountMinor, 'a whole number of minor units above 0');
  const due = date(p, 'dueDate', input.dueDate);
  const asOf = date(p, 'asOf', input.asOf);
  const payments = checkPayments(p, input, asOf, amountOk && exponent !== undefined);
  const contractAnnual = checkContract(p, input, exponent);
  const dayBasis = oneOf(p, 'dayBasis', input.dayBasis, DAY_BASES, '365');
  if (dayBasis === 'actual/actual' && jurisdiction !== undefined && jurisdiction !== 'DE') {
    p.add('dayBasis', dayBasis, '365: actual/actual (366 in leap years) is a German option');
  }
  if (p.size > 0 || due === undefined || exponent === undefined) {
    const count = p.size === 1 ? '1 problem' : `${p.size} problems`;
    throw new AppError('INVALID_INPUT', `invalid penalty computation: ${count}`, p.items);
  }
  return {
    ...input,
    payments,
    exponent,
    dayBasis,
    ...(contractAnnual !== undefined ? { contractAnnual } : {}),
  };
}

function checkPayments(
  p: Problems,
  input: PenaltyInput,
  asOf: string | undefined,
  amountOk: boolean,
): PenaltyPayment[] {
  const list: unknown = input.payments ?? [];
  if (!Array.isArray(list)) {
    p.add('payments', list, 'a list of payments { date, amountMinor }');
    return [];
  }
  let total = 0;
  list.forEach((payment: PenaltyPayment, i) => {
    const field = at('payments', i);
    const paid = date(p, at(field, 'date'), payment?.date);
    if (paid !== undefined && asOf !== undefined && compareDates(paid, asOf) > 0) {
      p.add(at(field, 'date'), paid, `a date on or before the as-of date ${asOf}`);
    }
    if (!positiveMinor(payment?.amountMinor)) {
      p.add(
        at(field, 'amountMinor'),
        payment?.amountMinor,
        'a whole number of minor units above 0',
      );
    } else total += payment.amountMinor;
  });
  if (amountOk && total > input.amountMinor) {
    const show = (minor: number) => minorToDecimalString(minor, input.currency);
    p.add(
      'payments',
      `${show(total)} in total`,
      `at most the amount of ${show(input.amountMinor)} ${input.currency}`,
    );
  }
  return [...(list as PenaltyPayment[])].sort((a, b) =>
    String(a?.date).localeCompare(String(b?.date)),
  );
}

function checkContract(
  p: Problems,
  input: PenaltyInput,
  exponent: number | undefined,
): Ratio | undefined {
  const contract = input.contract;
  if (contract === undefined) {
    if (input.jurisdiction === 'CONTRACT') {
      p.add(
        'contract',
        undefined,
        'a contractual rate: CONTRACT applies only what a contract says',
      );
    }
    return undefined;
  }
  const per = oneOf(p, 'contract.per', contract.per, RATE_PERIODS);
  const text = typeof contract.ratePercent === 'string' ? contract.ratePercent.trim() : '';
  const percent = parseDecimal(text, CONTRACT_RATE_DECIMALS);
  let annual: Ratio | undefined;
  if (percent === null || percent.n <= 0n) {
    p.add(
      'contract.ratePercent',
      contract.ratePercent,
      `a rate in percent above 0, like 12.5 (at most ${CONTRACT_RATE_DECIMALS} decimals)`,
    );
  } else if (per !== undefined) {
    annual = annualPercent(percent, per);
    if (compare(annual, MAX_ANNUAL_PERCENT) > 0) {
      p.add(
        'contract.ratePercent',
        contract.ratePercent,
        `a rate of at most 100 % a year once annualised (per ${per}: ×${PER_YEAR[per]}); check for a misplaced decimal point`,
      );
      annual = undefined;
    }
  }
  const fee = contract.lateFeeMinor;
  if (fee !== undefined && !(Number.isSafeInteger(fee) && fee >= 0)) {
    const unit = exponent === 0 ? 'units' : 'minor units';
    p.add('contract.lateFeeMinor', fee, `a whole number of ${unit}, 0 or more`);
  }
  return annual;
}
