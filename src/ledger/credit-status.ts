import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { decideCredit, type CreditDecision } from '../core/ledger/credit-decision.ts';
import { findCustomer, openContext, parseAsOf } from './ledger-context.ts';

/** The credit status JSON (docs/credit-status.md): may this customer take new orders? */
export interface CreditStatus extends CreditDecision {
  readonly company: string;
  readonly asOf: LocalDate;
  readonly customer: {
    readonly code: string;
    readonly name: string;
    readonly currency: string;
    /** The stored account status (active, on_hold, blocked, litigation, excluded). */
    readonly status: string;
  };
  /** Days overdue the company tolerates (companies.hold_tolerance_days). */
  readonly toleranceDays: number;
}

/**
 * A customer's credit status as of a date (default: today in the company's time
 * zone): the stored status, the last account hold, the credit limit against the
 * exposure and what is overdue beyond the company's tolerance.
 */
export async function creditStatus(
  db: Kysely<DB>,
  company: string | undefined,
  customerCode: string,
  asOf?: string | undefined,
): Promise<CreditStatus> {
  const ctx = await openContext(db, { company });
  const date = parseAsOf(asOf, ctx.today);
  const customer = await findCustomer(db, ctx.company, customerCode);
  const [settings, items, events] = await Promise.all([
    db
      .selectFrom('companies')
      .select('hold_tolerance_days')
      .where('id', '=', ctx.company.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('items')
      .select(['number', 'type', 'issue_date', 'due_date', 'currency', 'amount_minor'])
      .select(['open_minor', 'disputed'])
      .where('customer_id', '=', customer.id)
      .where('open_minor', '<>', 0)
      .execute(),
    db
      .selectFrom('timeline')
      .select(['code', 'as_of', 'step', 'action_id', 'detail'])
      .where('customer_id', '=', customer.id)
      .where('kind', '=', 'event')
      .where('code', 'in', [
        'ACCOUNT_HELD',
        'CUSTOMER_EXCLUDED',
        'ACCOUNT_BLOCKED',
        'ACCOUNT_LITIGATION',
      ])
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const held =
    customer.status === 'on_hold' ? events.find((e) => e.code === 'ACCOUNT_HELD') : undefined;
  const excluded =
    customer.status === 'excluded' ? events.find((e) => e.code === 'CUSTOMER_EXCLUDED') : undefined;
  // Blocked or in litigation by hand (set-account-status): who and why, from the last event.
  const manualCode =
    customer.status === 'blocked'
      ? 'ACCOUNT_BLOCKED'
      : customer.status === 'litigation'
        ? 'ACCOUNT_LITIGATION'
        : undefined;
  const manual = manualCode ? events.find((e) => e.code === manualCode) : undefined;
  const decision = decideCredit({
    status: customer.status,
    currency: customer.currency,
    creditLimitMinor: customer.credit_limit_minor,
    items: items.map((i) => ({
      number: i.number,
      type: i.type,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      currency: i.currency,
      amountMinor: i.amount_minor,
      openMinor: i.open_minor,
      disputed: i.disputed,
    })),
    toleranceDays: settings.hold_tolerance_days,
    asOf: date,
    hold: held && {
      since: held.as_of,
      step: held.step,
      actionId: held.action_id,
      detail: held.detail,
    },
    excludedSince: excluded?.as_of ?? null,
    manual: manual && { since: manual.as_of, detail: manual.detail },
  });
  return {
    company: ctx.company.code,
    asOf: date,
    customer: {
      code: customer.code,
      name: customer.name,
      currency: customer.currency,
      status: customer.status,
    },
    ...decision,
    toleranceDays: settings.hold_tolerance_days,
  };
}
