import { AppError } from '../errors.ts';
import { parseLocalDate, type LocalDate } from '../calendar/local-date.ts';
import { compare, parseDecimal, ratio, type Ratio } from './ratio.ts';

/**
 * Reference rates by half-year, as data: the shell reads them from files and passes
 * them in. Each series maps the first day of a half-year ('YYYY-01-01' or 'YYYY-07-01')
 * to a percentage written as decimal text ('4.25', '-0.88').
 *
 * - ECB: ECB main refinancing operations rate in force on that 1 January / 1 July.
 * - FR_LEGAL: French legal interest rate for professionals for the half-year (its
 *   triple is the floor of a contractual late-payment rate).
 * - DE_BASIS: German Basiszinssatz (BGB § 247) for the half-year.
 * - UK_BASE: Bank of England base rate in force on the day before the half-year
 *   (31 December or 30 June): the rate a debt whose interest starts in it keeps.
 */
export const RATE_SERIES = ['ECB', 'FR_LEGAL', 'DE_BASIS', 'UK_BASE'] as const;
export type RateSeries = (typeof RATE_SERIES)[number];

export type ReferenceRates = Readonly<
  Partial<Record<RateSeries, Readonly<Record<LocalDate, string>>>>
>;

/** Decimals allowed in a reference rate (central banks publish two). */
export const RATE_DECIMALS = 4;
const RATE_LIMIT = ratio(100);

export function isRateSeries(name: string): name is RateSeries {
  return (RATE_SERIES as readonly string[]).includes(name);
}

/** True for '2027-01-01' and '2027-07-01', the days reference rates change. */
export function isHalfYearStart(text: string): boolean {
  return parseLocalDate(text) !== null && /-(01|07)-01$/.test(text);
}

/** First day of the half-year holding `date`: '2024-09-30' → '2024-07-01'. */
export function halfYearStart(date: LocalDate): LocalDate {
  return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '01' : '07'}-01`;
}

/** First day of the half-year after the one holding `date`: '2024-09-30' → '2025-01-01'. */
export function nextHalfYearStart(date: LocalDate): LocalDate {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) <= 6 ? `${date.slice(0, 4)}-07-01` : `${year + 1}-01-01`;
}

/** '2024-07-01' → '2024 H2'. */
export function halfYearLabel(start: LocalDate): string {
  return `${start.slice(0, 4)} ${Number(start.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`;
}

/**
 * A reference rate in percent, exactly: decimal text (or a number, as YAML gives it) with
 * at most 4 decimals, strictly between −100 and 100. Null for anything else.
 */
export function parseRatePercent(value: string | number): Ratio | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const parsed = parseDecimal(text, RATE_DECIMALS);
  if (parsed === null) return null;
  const magnitude = parsed.n < 0n ? ratio(-parsed.n, parsed.d) : parsed;
  return compare(magnitude, RATE_LIMIT) < 0 ? parsed : null;
}

export const RATE_RULE = `a percentage like 4.25 or -0.88 (at most ${RATE_DECIMALS} decimals, between -100 and 100)`;

/** The rate of `series` for the half-year starting `start`; a missing or bad entry is an AppError. */
export function referenceRate(rates: ReferenceRates, series: RateSeries, start: LocalDate): Ratio {
  const text = rates[series]?.[start];
  const field = `rates.${series}.${start}`;
  if (text === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `no ${series} rate for ${halfYearLabel(start)} in the reference rate table`,
      [
        {
          field,
          expected: `the ${series} rate (percent) of the half-year starting ${start} in the rate table`,
        },
      ],
    );
  }
  const percent = parseRatePercent(text);
  if (percent === null) {
    throw new AppError('INVALID_INPUT', `bad ${series} rate for ${halfYearLabel(start)}`, [
      { field, value: text, expected: RATE_RULE },
    ]);
  }
  return percent;
}
