import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import {
  checkText,
  findCustomer,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Context,
  type CustomerRow,
  type Scope,
} from './ledger-context.ts';

export interface CustomerStatusChange {
  readonly customer: string;
  readonly status: 'active' | 'excluded';
  readonly previousStatus: string;
}

export interface ExcludeInput extends Scope {
  readonly customer: string;
  readonly reason?: string | undefined;
}

/**
 * Takes an active customer out of dunning (the planner skips it with EXCLUDED).
 * Event CUSTOMER_EXCLUDED.
 */
export function excludeCustomer(
  db: Kysely<DB>,
  input: ExcludeInput,
): Promise<CustomerStatusChange> {
  return moveCustomer(db, input, 'active', 'excluded');
}

/** Brings an excluded customer back into dunning (status active). Event CUSTOMER_INCLUDED. */
export function includeCustomer(
  db: Kysely<DB>,
  input: ExcludeInput,
): Promise<CustomerStatusChange> {
  return moveCustomer(db, input, 'excluded', 'active');
}

/** Moves a customer from status `from` to `to`, refusing any other starting status. */
async function moveCustomer(
  db: Kysely<DB>,
  input: ExcludeInput,
  from: 'active' | 'excluded',
  to: 'active' | 'excluded',
): Promise<CustomerStatusChange> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    const reason = checkText(problems, 'reason', input.reason, false);
    if (customer.status !== from) {
      problems.push({
        field: 'customer',
        value: customer.code,
        expected: `an ${from} customer (${customer.code} is ${customer.status})`,
      });
    }
    const verb = to === 'excluded' ? 'exclude' : 'include';
    if (problems.length > 0) throw invalid(`cannot ${verb} customer ${customer.code}`, problems);
    return changeStatus(trx, ctx, customer, to, reason);
  });
}

/** Sets the status and records CUSTOMER_EXCLUDED / CUSTOMER_INCLUDED. */
async function changeStatus(
  db: Kysely<DB>,
  ctx: Context,
  customer: CustomerRow,
  status: 'active' | 'excluded',
  reason: string | null,
): Promise<CustomerStatusChange> {
  await db
    .updateTable('customers')
    .set({ status, updated_at: new Date() })
    .where('id', '=', customer.id)
    .execute();
  const what = status === 'excluded' ? 'excluded from dunning' : 'included in dunning again';
  await recordEvents(db, [
    {
      companyId: ctx.company.id,
      customerId: customer.id,
      asOf: ctx.today,
      code: status === 'excluded' ? 'CUSTOMER_EXCLUDED' : 'CUSTOMER_INCLUDED',
      detail: `${customer.code} ${what}${reason ? `: ${reason}` : ''}`,
    },
  ]);
  return { customer: customer.code, status, previousStatus: customer.status };
}
