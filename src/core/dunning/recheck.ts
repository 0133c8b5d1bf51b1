import { compareDates, diffDays, type LocalDate } from '../calendar/local-date.ts';
import type { CustomerFacts, DunningItem } from './plan-types.ts';

/** Why a planned action is no longer to be carried out. Stable codes: docs/plan-format.md. */
export type CancelReason = 'PAID' | 'DISPUTED' | 'ON_HOLD_UNTIL' | 'EXCLUDED' | 'CLOSED';

/** What the re-check needs of a planned (not yet carried out) action. */
export interface PendingAction {
  readonly stepKind: string;
  readonly type: 'step' | 'sales_check';
  /** The business date the action was planned for. */
  readonly asOf: LocalDate;
  /** Item numbers the action covers. */
  readonly items: readonly string[];
}

export interface Cancellation {
  readonly reason: CancelReason;
  readonly detail: string;
}

/**
 * Re-checks a planned action against the account as it is now (`items`: the customer's
 * open items of the action's currency, `today`: the date of the check), just before it
 * is carried out. The action stands while one invoice it was about — an invoice overdue
 * on the day it was planned, or any of its invoices for a pre-dunning step — is still
 * open, undisputed and not paused; otherwise it is cancelled with the reason.
 */
export function recheckAction(
  action: PendingAction,
  customer: Pick<CustomerFacts, 'status' | 'holdUntil' | 'holdReason'>,
  items: readonly DunningItem[],
  today: LocalDate,
): Cancellation | null {
  if (customer.status === 'excluded')
    return { reason: 'EXCLUDED', detail: 'the customer was excluded from dunning' };
  if (customer.status === 'litigation')
    return { reason: 'CLOSED', detail: 'the account went to litigation' };
  if (customer.holdUntil && compareDates(today, customer.holdUntil) <= 0) {
    return {
      reason: 'ON_HOLD_UNTIL',
      detail: `the customer is paused until ${customer.holdUntil}: ${customer.holdReason ?? 'no reason given'}`,
    };
  }
  const covered = new Set(action.items);
  const about = items.filter(
    (i) =>
      covered.has(i.number) &&
      i.type === 'invoice' &&
      i.openMinor > 0 &&
      (action.stepKind === 'pre_dunning' || diffDays(action.asOf, i.dueDate) > 0),
  );
  if (about.length === 0) {
    return {
      reason: 'PAID',
      detail: `every invoice the action was about was paid or credited since ${action.asOf}`,
    };
  }
  if (about.every((i) => i.disputed)) {
    return {
      reason: 'DISPUTED',
      detail: `every invoice still open was disputed since ${action.asOf}: ${names(about)}`,
    };
  }
  const live = about.filter((i) => !i.disputed);
  if (live.every((i) => i.holdUntil && compareDates(today, i.holdUntil) <= 0)) {
    return {
      reason: 'ON_HOLD_UNTIL',
      detail: `every invoice still open is paused: ${names(live)}`,
    };
  }
  return null;
}

function names(items: readonly DunningItem[]): string {
  return items.map((i) => i.number).join(', ');
}
