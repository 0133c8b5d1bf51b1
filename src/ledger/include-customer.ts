import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { checkText, findCustomer, inTransaction, invalid, openContext } from './ledger-context.ts';
import { changeStatus, type CustomerStatusChange, type ExcludeInput } from './exclude-customer.ts';

/** Brings an excluded customer back into dunning (status active). Event CUSTOMER_INCLUDED. */
export async function includeCustomer(
  db: Kysely<DB>,
  input: ExcludeInput,
): Promise<CustomerStatusChange> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    const reason = checkText(problems, 'reason', input.reason, false);
    if (customer.status !== 'excluded') {
      problems.push({
        field: 'customer',
        value: customer.code,
        expected: `an excluded customer (${customer.code} is ${customer.status})`,
      });
    }
    if (problems.length > 0) throw invalid(`cannot include customer ${customer.code}`, problems);
    return changeStatus(trx, ctx, customer, 'active', reason);
  });
}
