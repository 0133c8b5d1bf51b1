import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { checkText, findItem, inTransaction, invalid, openContext } from './ledger-context.ts';
import { setDispute, type DisputeInput, type DisputeView } from './open-dispute.ts';

/**
 * Ends a dispute: the item returns to the dunning flow at the next run.
 * Event DISPUTE_RESOLVED (with the optional reason and the dispute's own).
 */
export async function resolveDispute(db: Kysely<DB>, input: DisputeInput): Promise<DisputeView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const item = await findItem(trx, ctx.company, input.item);
    const problems: Problem[] = [];
    const reason = checkText(problems, 'reason', input.reason, false);
    if (!item.disputed) {
      problems.push({
        field: 'item',
        value: item.number,
        expected: `a disputed item (${item.number} is not disputed)`,
      });
    }
    if (problems.length > 0) throw invalid(`cannot resolve a dispute on ${item.number}`, problems);
    return setDispute(trx, ctx.company.id, ctx.today, item, false, reason);
  });
}
