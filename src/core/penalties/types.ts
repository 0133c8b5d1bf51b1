import type { LocalDate } from '../calendar/local-date.ts';
import type { RateSeries } from './reference-rates.ts';

/**
 * Whose rules apply: the EU directive floor, France, Germany, the United Kingdom, or
 * only what a contract says (no statutory rate, no statutory fixed sum; e.g. US practice).
 */
export const JURISDICTIONS = ['EU', 'FR', 'DE', 'GB', 'CONTRACT'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** What a contractual rate is quoted per. */
export const RATE_PERIODS = ['year', 'month', 'day'] as const;
export type RatePer = (typeof RATE_PERIODS)[number];

/** Day basis B of I = P × r × n / B. 'actual/actual' (366 in leap years) is a German option. */
export const DAY_BASES = ['365', 'actual/actual'] as const;
export type DayBasis = (typeof DAY_BASES)[number];

/** A rate set by contract, replacing the statutory one. */
export interface ContractTerms {
  /** Percent per `per`, as decimal text: '12.5' a year, '1.5' a month, '0.05' a day. */
  readonly ratePercent: string;
  readonly per: RatePer;
  /** A flat fee for paying late, in the invoice currency's minor units (once per invoice). */
  readonly lateFeeMinor?: number;
}

/** Money received for the invoice; it stops interest on its amount the day after. */
export interface PenaltyPayment {
  readonly date: LocalDate;
  readonly amountMinor: number;
}

export interface PenaltyInput {
  readonly jurisdiction: Jurisdiction;
  /** ISO 4217 code of the invoice. */
  readonly currency: string;
  /** The amount the interest is computed on (in France the total including tax). */
  readonly amountMinor: number;
  readonly dueDate: LocalDate;
  /** The business date of the computation; the end of the late period of an unpaid amount. */
  readonly asOf: LocalDate;
  readonly payments?: readonly PenaltyPayment[];
  readonly contract?: ContractTerms;
  /** Default '365'. */
  readonly dayBasis?: DayBasis;
}

/** The reference rate a statutory period rate is built from. */
export interface PeriodReference {
  readonly series: RateSeries;
  /** First day of the half-year the reference rate belongs to. */
  readonly halfYear: LocalDate;
  /** The reference rate, percent. */
  readonly percent: string;
  /** Points added by law: 8 (EU, UK), 10 (FR), 9 (DE). */
  readonly margin: number;
}

/** Days with one principal, one rate and one day basis. */
export interface PenaltyPeriod {
  /** First day counted (the day after the due date, or after a payment or rate change). */
  readonly from: LocalDate;
  /** Last day counted, inclusive (a payment date, the as-of date or the eve of a rate change). */
  readonly to: LocalDate;
  readonly days: number;
  /** The amount outstanding on each of these days. */
  readonly principalMinor: number;
  /** Annual rate in percent (a monthly rate × 12, a daily rate × 365). */
  readonly rate: string;
  /** Day basis B used for the period: 365, or 366 for a leap year under actual/actual. */
  readonly basis: number;
  /** Unrounded interest of the period in major units, to 10 decimal places. */
  readonly interest: string;
  readonly reference?: PeriodReference;
}

export interface PenaltyResult {
  readonly jurisdiction: Jurisdiction;
  readonly currency: string;
  readonly amountMinor: number;
  readonly dueDate: LocalDate;
  readonly asOf: LocalDate;
  /** The day the payments cleared the amount, or null when some is still outstanding. */
  readonly settledOn: LocalDate | null;
  /** Days late: the settlement date (or as-of date) minus the due date; 0 when not late. */
  readonly days: number;
  /** Annual rate (percent) when interest started; null when not late. */
  readonly rate: string | null;
  /** Every annual rate used, in order (several when a period crosses 1 January or 1 July). */
  readonly rates: readonly string[];
  readonly rateSource: 'statutory' | 'contract';
  readonly contract?: ContractTerms;
  readonly dayBasis: DayBasis;
  /** Interest rounded once for the invoice, half-up, to the currency's minor unit. */
  readonly interestMinor: number;
  /** Unrounded sum of the periods, in major units, to 10 decimal places. */
  readonly interest: string;
  /** Statutory fixed recovery compensation, in `compensationCurrency` (0 when not late). */
  readonly compensationMinor: number;
  readonly compensationCurrency: string;
  /** The contract's flat late fee, in the invoice currency (0 when none or not late). */
  readonly lateFeeMinor: number;
  /** interest + late fee + compensation, when all are in the invoice currency; else null. */
  readonly totalMinor: number | null;
  readonly periods: readonly PenaltyPeriod[];
}
