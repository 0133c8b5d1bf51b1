import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import {
  checkText,
  findCustomer,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Scope,
} from './ledger-context.ts';

/** The account statuses a person sets by hand (on_hold is dunning's, excluded has its own). */
export const MANUAL_ACCOUNT_STATUSES = ['active', 'blocked', 'litigation'] as const;
export type ManualAccountStatus = (typeof MANUAL_ACCOUNT_STATUSES)[number];

/** The timeline code each manual status writes. */
export const ACCOUNT_STATUS_EVENTS: Readonly<Record<ManualAccountStatus, string>> = {
  active: 'ACCOUNT_RELEASED',
  blocked: 'ACCOUNT_BLOCKED',
  litigation: 'ACCOUNT_LITIGATION',
};

export interface SetAccountStatusInput extends Scope {
  readonly customer: string;
  /** active (release), blocked or litigation; anything else is refused. */
  readonly status: string;
  /** Why: required to block or to hand over to litigation, optional to release. */
  readonly reason?: string | undefined;
  /** Who (an e-mail, `token:NAME`…), named in the event; absent from the command line. */
  readonly actor?: string | undefined;
}

export interface AccountStatusChange {
  readonly customer: string;
  readonly status: ManualAccountStatus;
  readonly previousStatus: string;
  readonly reason: string | null;
  /** The business date of the change (today in the company's time zone). */
  readonly asOf: LocalDate;
}

const isManual = (s: string): s is ManualAccountStatus =>
  (MANUAL_ACCOUNT_STATUSES as readonly string[]).includes(s);

/**
 * Sets a customer's account status by hand: `blocked` (no new orders), `litigation`
 * (handed over), or `active` again (from on_hold, blocked or litigation). The run never
 * lifts `blocked` or `litigation`; a release of an account `on_hold` stands until dunning
 * plans a later hold_account step. Refused, changing nothing: an excluded customer (include
 * it first), the status it already has, an unknown status, a missing reason to block or
 * hand over. Events ACCOUNT_BLOCKED, ACCOUNT_LITIGATION, ACCOUNT_RELEASED.
 */
export async function setAccountStatus(
  db: Kysely<DB>,
  input: SetAccountStatusInput,
): Promise<AccountStatusChange> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    const status = isManual(input.status) ? input.status : null;
    if (status === null) {
      problems.push({
        field: 'status',
        value: input.status,
        expected: `one of ${MANUAL_ACCOUNT_STATUSES.join(', ')}`,
      });
    }
    const reason = checkText(problems, 'reason', input.reason, status !== 'active');
    if (customer.status === 'excluded') {
      problems.push({
        field: 'customer',
        value: customer.code,
        expected: `a customer not excluded from dunning (${customer.code} is excluded: include it first)`,
      });
    } else if (status !== null && customer.status === status) {
      problems.push({
        field: 'status',
        value: status,
        expected: `another status than the current one (${customer.code} is already ${status})`,
      });
    }
    if (problems.length > 0 || status === null) {
      throw invalid(`cannot set the account status of customer ${customer.code}`, problems);
    }
    await trx
      .updateTable('customers')
      .set({ status, updated_at: new Date() })
      .where('id', '=', customer.id)
      .execute();
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: customer.id,
        asOf: ctx.today,
        code: ACCOUNT_STATUS_EVENTS[status],
        detail: describeChange(status, customer.status, reason, input.actor),
      },
    ]);
    return {
      customer: customer.code,
      status,
      previousStatus: customer.status,
      reason,
      asOf: ctx.today,
    };
  });
}

const WAS: Record<string, string> = {
  active: 'active',
  on_hold: 'on hold',
  blocked: 'blocked',
  litigation: 'in litigation',
};

/** The event's sentence, e.g. "account blocked for new orders by a@b.example: unpaid". */
function describeChange(
  status: ManualAccountStatus,
  previous: string,
  reason: string | null,
  actor: string | undefined,
): string {
  const by = actor ? ` by ${actor}` : '';
  const was = previous === 'active' ? '' : ` (was ${WAS[previous] ?? previous})`;
  const why = reason ? `: ${reason}` : '';
  if (status === 'blocked') return `account blocked for new orders${by}${was}${why}`;
  if (status === 'litigation') return `account handed over to litigation${by}${was}${why}`;
  return `account released by hand${by}${was}: takes new orders again${reason ? ` (${reason})` : ''}`;
}
