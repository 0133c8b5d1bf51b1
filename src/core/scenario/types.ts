import type { LocalDate } from '../calendar/local-date.ts';

/**
 * A collection scenario: ordered steps, each firmer than the last. Stored as data
 * (versioned), evaluated by the pure planner.
 */

/** What a step is, independent of its scenario: used to keep a customer's position when its scenario changes. */
export type StepKind =
  'pre_dunning' | 'reminder' | 'level_1' | 'level_2' | 'formal_notice' | 'handover';
export const STEP_KINDS: readonly StepKind[] = [
  'pre_dunning',
  'reminder',
  'level_1',
  'level_2',
  'formal_notice',
  'handover',
];

export type ActionKind =
  'email' | 'letter' | 'call_task' | 'sms' | 'notify_internal' | 'hold_account' | 'handover';
export const ACTION_KINDS: readonly ActionKind[] = [
  'email',
  'letter',
  'call_task',
  'sms',
  'notify_internal',
  'hold_account',
  'handover',
];

/** Internal people a `notify_internal` action (or a task) can go to. */
export type InternalRole = 'collector' | 'sales_owner' | 'credit_manager';
export const INTERNAL_ROLES: readonly InternalRole[] = [
  'collector',
  'sales_owner',
  'credit_manager',
];

export type StepMode = 'auto' | 'confirm' | 'manual';
export const STEP_MODES: readonly StepMode[] = ['auto', 'confirm', 'manual'];

export interface StepAction {
  readonly kind: ActionKind;
  /** Template code (resolved in the customer's language when the document is produced). */
  readonly template?: string | undefined;
  /** Letters only: registered with acknowledgment of receipt. */
  readonly registered?: boolean | undefined;
  /** notify_internal and tasks: who receives it. */
  readonly role?: InternalRole | undefined;
}

export interface StepConditions {
  /** Minimum overdue amount per currency, minor units: below it the step is skipped (BELOW_MINIMUM). */
  readonly minOverdueMinor?: Readonly<Record<string, number>> | undefined;
  readonly segments?: readonly string[] | undefined;
  readonly countries?: readonly string[] | undefined;
  readonly riskClasses?: readonly string[] | undefined;
}

export interface ScenarioStep {
  readonly id: string;
  readonly name: string;
  readonly kind: StepKind;
  /** Days relative to the due date of the oldest overdue, undisputed, not-held item (negative: before due). */
  readonly offsetDays: number;
  readonly actions: readonly StepAction[];
  readonly conditions?: StepConditions | undefined;
  /** Days that must separate this step from the previous one done for the customer. */
  readonly minDaysSincePrevious: number;
  /** Contact roles that receive the communication (default accounts_payable). */
  readonly recipients: readonly string[];
  /** Business days the sales owner has to flag a dispute or a reason to wait before the step goes out. */
  readonly salesCheckDays?: number | undefined;
  /** Last step only: repeat it every N days while the account stays overdue. */
  readonly repeatEveryDays?: number | undefined;
  readonly mode: StepMode;
  /** Days given to pay (for #PaymentDeadline), business days. */
  readonly deadlineDays?: number | undefined;
}

export interface Scenario {
  readonly code: string;
  readonly name: string;
  /** Allow a customer first seen late to start at the step matching its age instead of the first overdue step. */
  readonly catchUp: boolean;
  readonly steps: readonly ScenarioStep[];
}

/** A stored scenario version (history shows which version decided what). */
export interface ScenarioVersion extends Scenario {
  readonly version: number;
}

/** Rules that pick a customer's scenario; the first matching rule wins, a per-customer override beats all. */
export interface AssignmentRule {
  readonly scenario: string;
  readonly segments?: readonly string[] | undefined;
  readonly countries?: readonly string[] | undefined;
  /** Minimum exposure (balance) in minor units of the given currency. */
  readonly minExposureMinor?: Readonly<Record<string, number>> | undefined;
}

export type { LocalDate };
