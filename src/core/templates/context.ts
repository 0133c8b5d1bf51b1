import type { LocalDate } from '../calendar/local-date.ts';
import type { StepKind } from '../scenario/types.ts';

/**
 * Everything a template can show, as plain data: the shell loads it, the core formats it.
 * Figures the core must not compute here are passed in already computed: the payment
 * deadline (business days need the holiday calendar) and the penalties (src/core/penalties).
 * Money is in integer minor units of the item's currency; dates are 'YYYY-MM-DD'.
 * Totals and days late are derived from the items, so they can never disagree with them.
 */

export interface RenderPerson {
  readonly name: string;
  /** Job title, e.g. "Credit controller". */
  readonly title?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

export interface RenderCompany {
  readonly name: string;
  /** The company's language: the first fallback when a template is missing in the customer's. */
  readonly language: string;
  readonly addressLines?: readonly string[] | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly website?: string | undefined;
  readonly vatNumber?: string | undefined;
  /** Company registration (SIREN, HRB, company number…), as printed on letters. */
  readonly registration?: string | undefined;
  readonly bankAccount?: { readonly iban: string; readonly bic?: string | undefined } | undefined;
}

export interface RenderCustomer {
  readonly code: string;
  readonly name: string;
  readonly addressLines?: readonly string[] | undefined;
  readonly vatNumber?: string | undefined;
}

export interface RenderContact extends RenderPerson {
  /** A greeting chosen for this person ("Dear Ms Smith,"); #Salutation falls back to a formal one. */
  readonly salutation?: string | undefined;
}

export interface RenderItem {
  readonly number: string;
  readonly type: 'invoice' | 'credit_note' | 'payment';
  readonly issueDate: LocalDate;
  readonly dueDate: LocalDate;
  readonly currency: string;
  /** Signed: invoices positive, credit notes and unallocated payments negative. */
  readonly amountMinor: number;
  readonly openMinor: number;
  /** The customer's reference (purchase order). */
  readonly reference?: string | undefined;
  /** Link to the document (PDF of the invoice), for #InvoiceLinks. */
  readonly documentUrl?: string | undefined;
  /** Disputed items: why. */
  readonly disputeReason?: string | undefined;
}

/** One stretch of interest at one rate (rates change on 1 January and 1 July). */
export interface RenderRatePeriod {
  /** Annual rate in percent, as exact decimal text: '12.15'. */
  readonly ratePercent: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Late-payment penalties on the overdue items, computed by src/core/penalties. */
export interface RenderPenalties {
  readonly currency: string;
  readonly interestMinor: number;
  /** Fixed recovery compensation, all invoices together. */
  readonly compensationMinor: number;
  /** How many invoices the fixed compensation counts. */
  readonly compensationCount: number;
  /**
   * The fixed sum per invoice when it is the same for all (EUR 40): shown as "2 × €40.00".
   * Leave it out when the sums differ (UK: 40, 70 or 100 GBP by debt size).
   */
  readonly compensationEachMinor?: number | undefined;
  /** A flat late fee set by contract, all invoices together (absent or 0: none). */
  readonly lateFeeMinor?: number | undefined;
  /** The rates applied, oldest first (one entry when a single rate applies). */
  readonly rates: readonly RenderRatePeriod[];
}

export interface RenderStep {
  readonly id: string;
  readonly name: string;
  readonly kind: StepKind;
  /** Business days given to pay (the step's deadlineDays). */
  readonly deadlineDays?: number | undefined;
  /** Internal notices: the day the sales owner must object by before the step goes out. */
  readonly objectionDeadline?: LocalDate | undefined;
}

/** A promise to pay recorded by a collector. */
export interface RenderPromise {
  readonly amountMinor: number;
  readonly currency: string;
  /** The day the customer said the money would be paid. */
  readonly payBy: LocalDate;
  /** The day the promise was made. */
  readonly madeOn: LocalDate;
  /** Who made it, at the customer. */
  readonly madeBy?: string | undefined;
  /** Item numbers promised (empty or absent: the overdue balance). */
  readonly items?: readonly string[] | undefined;
}

export interface RenderLinks {
  /** The customer's page (signed link). */
  readonly portal?: string | undefined;
  /** Online payment. */
  readonly payment?: string | undefined;
  /** The customer's account in the collector workspace (internal notices). */
  readonly account?: string | undefined;
}

export interface RenderContext {
  readonly company: RenderCompany;
  readonly customer: RenderCustomer;
  /** The person the document is addressed to. */
  readonly contact?: RenderContact | undefined;
  /** The collector in charge (the shell puts the credit team here when none is assigned). */
  readonly collector: RenderPerson;
  readonly salesOwner?: RenderPerson | undefined;
  /** The currency of the communication: amounts hashtags total the items in it. */
  readonly currency: string;
  readonly items: {
    readonly overdue: readonly RenderItem[];
    readonly notDue: readonly RenderItem[];
    readonly disputed: readonly RenderItem[];
  };
  readonly penalties?: RenderPenalties | undefined;
  readonly links?: RenderLinks | undefined;
  readonly step?: RenderStep | undefined;
  readonly promise?: RenderPromise | undefined;
  /** The business date of the document. */
  readonly today: LocalDate;
  /** today + the step's deadlineDays in business days, computed by the shell. */
  readonly paymentDeadline?: LocalDate | undefined;
}
