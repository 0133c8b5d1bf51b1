import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import {
  checkFutureDate,
  checkText,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Scope,
} from './ledger-context.ts';
import {
  customerIdOf,
  describeTarget,
  findHoldTarget,
  writeHold,
  type HoldView,
} from './hold-target.ts';

export interface PlaceHoldInput extends Scope {
  /** A customer code, else an item number (see `kind`). */
  readonly target: string;
  /** Say which when a code could be both. */
  readonly kind?: 'customer' | 'item' | undefined;
  /** Last paused day (inclusive), YYYY-MM-DD, today or later. */
  readonly until: string | undefined;
  readonly reason: string | undefined;
}

/**
 * Pauses dunning of a customer or of one open item until a date (the planner skips
 * it with ON_HOLD_UNTIL). A new pause replaces the previous one. Event HOLD_SET.
 */
export async function placeHold(db: Kysely<DB>, input: PlaceHoldInput): Promise<HoldView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const target = await findHoldTarget(trx, ctx.company, input.target, input.kind);
    const problems: Problem[] = [];
    let until: string | null = null;
    if (input.until === undefined) {
      problems.push({ field: 'until', value: '', expected: 'a date written YYYY-MM-DD' });
    } else until = checkFutureDate(problems, 'until', input.until, ctx.today);
    const reason = checkText(problems, 'reason', input.reason, true);
    if (target.kind === 'item' && target.item.open_minor === 0) {
      problems.push({
        field: 'target',
        value: target.item.number,
        expected: `an open item (${target.item.number} is settled)`,
      });
    }
    if (problems.length > 0 || until === null) {
      throw invalid(`cannot pause ${describeTarget(target)}`, problems);
    }
    const row = target.kind === 'customer' ? target.customer : target.item;
    const view = await writeHold(trx, target, until, reason);
    const previous = row.hold_until ? ` (replaces the pause until ${row.hold_until})` : '';
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: customerIdOf(target),
        asOf: ctx.today,
        code: 'HOLD_SET',
        currency: target.kind === 'item' ? target.item.currency : null,
        item: view.item,
        detail: `dunning of ${describeTarget(target)} paused until ${until}: ${reason}${previous}`,
      },
    ]);
    return view;
  });
}
