import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { inTransaction, invalid, openContext, recordEvents, type Scope } from './ledger-context.ts';
import {
  customerIdOf,
  describeTarget,
  findHoldTarget,
  writeHold,
  type HoldView,
} from './hold-target.ts';

export interface ReleaseHoldInput extends Scope {
  readonly target: string;
  readonly kind?: 'customer' | 'item' | undefined;
}

/** Ends a dunning pause before its date: dunning resumes at the next run. Event HOLD_RELEASED. */
export async function releaseHold(db: Kysely<DB>, input: ReleaseHoldInput): Promise<HoldView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const target = await findHoldTarget(trx, ctx.company, input.target, input.kind);
    const row = target.kind === 'customer' ? target.customer : target.item;
    if (row.hold_until === null) {
      throw invalid(`${describeTarget(target)} is not paused`, [
        {
          field: 'target',
          value: input.target,
          expected: `a paused customer or item (${describeTarget(target)} has no pause)`,
        },
      ]);
    }
    const view = await writeHold(trx, target, null, null);
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: customerIdOf(target),
        asOf: ctx.today,
        code: 'HOLD_RELEASED',
        currency: target.kind === 'item' ? target.item.currency : null,
        item: view.item,
        detail: `pause of ${describeTarget(target)} until ${row.hold_until} released (was: ${row.hold_reason ?? 'no reason given'})`,
      },
    ]);
    return view;
  });
}
