import type { LocalDate } from '../calendar/local-date.ts';
import type { LedgerItem } from '../ledger/types.ts';
import type { ActionKind, Scenario, StepKind, StepMode } from '../scenario/types.ts';

/** Why something was not planned. Stable codes: docs/plan-format.md. */
export type SkipCode =
  | 'DISPUTED'
  | 'ON_HOLD_UNTIL'
  | 'PROMISE_PENDING'
  | 'BELOW_MINIMUM'
  | 'EXCLUDED'
  | 'LITIGATION'
  | 'MANUAL_MODE'
  | 'WAITING_INTERVAL'
  | 'NOT_YET_DUE'
  | 'NO_CONTACT'
  | 'STALE_LEDGER'
  | 'ALREADY_DONE'
  | 'NON_BUSINESS_DAY'
  | 'SALES_CHECK_PENDING'
  | 'LAST_STEP_DONE';

/** Why an action was planned. */
export type ActionReason =
  | 'OFFSET_REACHED'
  | 'FIRST_OVERDUE_STEP'
  | 'CATCH_UP'
  | 'NEXT_STEP'
  | 'REPEAT'
  | 'BROKEN_PROMISE'
  | 'AFTER_SALES_CHECK'
  | 'SALES_CHECK'
  | 'FALLBACK_TO_LETTER'
  | 'RESET_AFTER_PAYMENT'
  /** A collector asked for the next step now, ahead of its offset or interval. */
  | 'SENT_NOW';

export interface DunningItem extends LedgerItem {
  /** Paused until this date (inclusive), with a reason. */
  readonly holdUntil?: LocalDate | null | undefined;
  readonly holdReason?: string | null | undefined;
}

/** The channels a customer can be reached on, for a given set of contact roles. */
export interface Reachability {
  /** Contact roles that have a valid e-mail address. */
  readonly emailRoles: readonly string[];
  /** Contact roles that have a phone number. */
  readonly phoneRoles: readonly string[];
  /** The customer has a postal address for letters. */
  readonly postal: boolean;
}

export interface CustomerFacts {
  readonly code: string;
  readonly status: 'active' | 'on_hold' | 'blocked' | 'litigation' | 'excluded';
  readonly holdUntil?: LocalDate | null | undefined;
  readonly holdReason?: string | null | undefined;
  readonly segment: string | null;
  readonly country: string;
  readonly riskClass?: string | null | undefined;
  readonly reach: Reachability;
}

/** Something done for the customer in one currency: a step sent, or a sales check asked. */
export interface HistoryEntry {
  readonly type: 'step' | 'sales_check';
  readonly currency: string;
  readonly stepId: string;
  readonly stepKind: StepKind;
  readonly date: LocalDate;
  /** Item numbers the communication covered. */
  readonly items: readonly string[];
}

export interface PromiseToPay {
  readonly id: string;
  readonly currency: string;
  readonly promisedDate: LocalDate;
  readonly amountMinor: number;
  /** Items promised; empty = the currency's overdue balance. */
  readonly items: readonly string[];
  readonly status: 'open' | 'kept' | 'broken';
}

export interface PlanSettings {
  /** Days after the promised date before a promise counts as broken. */
  readonly promiseGraceDays: number;
  /** Show credit notes and unallocated payments on the communication and net them. */
  readonly netCredits: boolean;
  /** The ledger is fresh enough to dun on. */
  readonly ledgerFresh: boolean;
  /** asOf is a business day of the company's calendar. */
  readonly businessDay: boolean;
}

export interface PlanInput {
  readonly customer: CustomerFacts;
  readonly items: readonly DunningItem[];
  readonly history: readonly HistoryEntry[];
  readonly promises: readonly PromiseToPay[];
  readonly scenario: Scenario;
  readonly settings: PlanSettings;
  readonly asOf: LocalDate;
  /**
   * A collector asks for the next step now ("send a step now"): a step still waiting for its
   * offset or interval is taken, a manual step is started, a non-business day does not stop
   * it. Disputes, pauses, promises, exclusion, litigation, minimums and a step already taken
   * today still do.
   */
  readonly sendNow?: boolean | undefined;
}

export interface PlannedAction {
  readonly customer: string;
  readonly currency: string;
  readonly step: string;
  readonly stepKind: StepKind;
  readonly stepName: string;
  /** 'sales_check' for the question to the sales owner before a step. */
  readonly type: 'step' | 'sales_check';
  readonly kinds: readonly ActionKind[];
  readonly mode: StepMode;
  readonly overdueMinor: number;
  readonly notDueMinor: number;
  readonly balanceMinor: number;
  readonly items: readonly string[];
  readonly reasons: readonly ActionReason[];
  /** Unique per customer, currency, step and day: a second run the same day creates nothing. */
  readonly idempotencyKey: string;
}

export interface Skip {
  readonly customer: string;
  readonly currency?: string | undefined;
  readonly item?: string | undefined;
  readonly step?: string | undefined;
  readonly code: SkipCode;
  readonly detail: string;
}

export interface PlanEvent {
  readonly kind: 'promise_broken' | 'promise_kept' | 'reset';
  readonly customer: string;
  readonly currency: string;
  readonly promiseId?: string | undefined;
  readonly detail: string;
}

export interface Plan {
  readonly actions: readonly PlannedAction[];
  readonly skips: readonly Skip[];
  readonly events: readonly PlanEvent[];
}
