import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import {
  checkText,
  findItem,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type ItemRow,
  type Scope,
} from './ledger-context.ts';

export interface DisputeView {
  readonly customer: string;
  readonly item: string;
  readonly currency: string;
  readonly openMinor: number;
  readonly disputed: boolean;
  readonly disputeReason: string | null;
}

export interface DisputeInput extends Scope {
  readonly item: string;
  readonly reason?: string | undefined;
}

/**
 * Marks an open invoice disputed: it stays on the statement but leaves the dunning
 * flow (the planner skips it with DISPUTED) until resolved. Event DISPUTE_OPENED.
 */
export async function openDispute(db: Kysely<DB>, input: DisputeInput): Promise<DisputeView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const item = await findItem(trx, ctx.company, input.item);
    const problems: Problem[] = [];
    const reason = checkText(problems, 'reason', input.reason, true);
    if (item.type !== 'invoice' || item.open_minor === 0) {
      problems.push({
        field: 'item',
        value: item.number,
        expected: `an open invoice (${item.number} is ${item.open_minor === 0 ? 'settled' : `a ${item.type.replace('_', ' ')}`})`,
      });
    } else if (item.disputed) {
      problems.push({
        field: 'item',
        value: item.number,
        expected: `an undisputed invoice (${item.number} is already disputed: ${item.dispute_reason ?? 'no reason given'})`,
      });
    }
    if (problems.length > 0) throw invalid(`cannot open a dispute on ${item.number}`, problems);
    return setDispute(trx, ctx.company.id, ctx.today, item, true, reason);
  });
}

/** Sets or clears the dispute flag and records the event (shared with resolveDispute). */
export async function setDispute(
  db: Kysely<DB>,
  companyId: number,
  today: string,
  item: ItemRow,
  disputed: boolean,
  reason: string | null,
): Promise<DisputeView> {
  await db
    .updateTable('items')
    .set({ disputed, dispute_reason: disputed ? reason : null, updated_at: new Date() })
    .where('id', '=', item.id)
    .execute();
  const customer = await db
    .selectFrom('customers')
    .select('code')
    .where('id', '=', item.customer_id)
    .executeTakeFirstOrThrow();
  await recordEvents(db, [
    {
      companyId,
      customerId: item.customer_id,
      asOf: today,
      code: disputed ? 'DISPUTE_OPENED' : 'DISPUTE_RESOLVED',
      currency: item.currency,
      item: item.number,
      detail: disputed
        ? `${item.number} disputed: ${reason}`
        : `dispute on ${item.number} resolved${reason ? `: ${reason}` : ''} (was: ${item.dispute_reason ?? 'no reason given'})`,
    },
  ]);
  return {
    customer: customer.code,
    item: item.number,
    currency: item.currency,
    openMinor: item.open_minor,
    disputed,
    disputeReason: disputed ? reason : null,
  };
}
