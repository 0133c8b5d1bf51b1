import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { addDays, parseLocalDate, type LocalDate } from '../core/calendar/local-date.ts';
import { inTransaction, invalid, recordEvents, type LedgerEvent } from './ledger-context.ts';

export interface AccountHolds {
  /** Customer codes put on hold now, sorted. */
  readonly held: string[];
  /** Customer codes released now, sorted. */
  readonly released: string[];
}

/**
 * Account holds decided by dunning, applied in one transaction (or the caller's):
 * - every active customer with a dunning action up to `asOf` whose kinds include
 *   'hold_account', planned, approved or done (a confirm-mode step holds once it is
 *   approved), that has not held the account yet, goes on hold (status 'on_hold':
 *   no new orders) — event ACCOUNT_HELD naming the step and the action;
 * - every customer on hold with nothing overdue beyond `toleranceDays` (no open,
 *   undisputed invoice due before asOf − toleranceDays) becomes active again —
 *   event ACCOUNT_RELEASED.
 * A customer held on `asOf` (by this call or an earlier one) is not released before the
 * next day. Running it twice changes nothing more.
 */
export async function applyAccountHolds(
  db: Kysely<DB>,
  companyId: number,
  asOf: LocalDate,
  toleranceDays: number,
): Promise<AccountHolds> {
  const problems = [];
  if (parseLocalDate(asOf) === null) {
    problems.push({ field: 'asOf', value: asOf, expected: 'a valid date written YYYY-MM-DD' });
  }
  if (!Number.isSafeInteger(toleranceDays) || toleranceDays < 0) {
    problems.push({
      field: 'toleranceDays',
      value: String(toleranceDays),
      expected: 'a whole number of days ≥ 0',
    });
  }
  if (problems.length > 0) throw invalid('invalid account hold settings', problems);
  const cutoff = addDays(asOf, -toleranceDays);
  return inTransaction(db, async (trx) => {
    const actions = await trx
      .selectFrom('dunning_actions as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['a.id', 'a.customer_id', 'a.currency', 'a.step_id', 'a.step_name', 'c.code'])
      .where('a.company_id', '=', companyId)
      .where('a.as_of', '<=', asOf)
      .where('a.state', 'in', ['planned', 'approved', 'done'])
      .where(sql<boolean>`'hold_account' = any(a.kinds)`)
      .where('c.status', '=', 'active')
      // Each hold action holds the account once: after a release, only an action planned
      // after the last hold holds again. (Not `t.action_id = a.id`: a customer dunned in two
      // currencies has two hold actions of one day, and only the first is named by the event.)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('timeline as t')
              .select(sql`1`.as('one'))
              .whereRef('t.customer_id', '=', 'a.customer_id')
              .where('t.kind', '=', 'event')
              .where('t.code', '=', 'ACCOUNT_HELD')
              .whereRef('t.as_of', '>=', 'a.as_of'),
          ),
        ),
      )
      .orderBy('a.id')
      .execute();
    const firstByCustomer = new Map<number, (typeof actions)[number]>();
    for (const a of actions)
      if (!firstByCustomer.has(a.customer_id)) firstByCustomer.set(a.customer_id, a);
    const heldIds = [...firstByCustomer.keys()];
    const events: LedgerEvent[] = [];
    const held: string[] = [];
    if (heldIds.length > 0) {
      const rows = await trx
        .updateTable('customers')
        .set({ status: 'on_hold', updated_at: new Date() })
        .where('id', 'in', heldIds)
        .where('status', '=', 'active')
        .returning(['id', 'code'])
        .execute();
      for (const row of rows) {
        const a = firstByCustomer.get(row.id)!;
        held.push(row.code);
        events.push({
          companyId,
          customerId: row.id,
          asOf,
          code: 'ACCOUNT_HELD',
          currency: a.currency,
          step: a.step_id,
          actionId: a.id,
          detail: `account on hold for new orders by ${a.step_name} (step ${a.step_id}, action #${a.id})`,
        });
      }
    }
    const released = await trx
      .updateTable('customers as c')
      .set({ status: 'active', updated_at: new Date() })
      .where('c.company_id', '=', companyId)
      .where('c.status', '=', 'on_hold')
      .$if(heldIds.length > 0, (q) => q.where('c.id', 'not in', heldIds))
      // Nor one held earlier on this business date: the hold stands until the next day's run
      // (else a second call of the day would release what the first held).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('timeline as t')
              .select(sql`1`.as('one'))
              .whereRef('t.customer_id', '=', 'c.id')
              .where('t.kind', '=', 'event')
              .where('t.code', '=', 'ACCOUNT_HELD')
              .where('t.as_of', '=', asOf),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('items as i')
              .select(sql`1`.as('one'))
              .whereRef('i.customer_id', '=', 'c.id')
              .where('i.type', '=', 'invoice')
              .where('i.open_minor', '<>', 0)
              .where('i.disputed', '=', false)
              .where('i.due_date', '<', cutoff),
          ),
        ),
      )
      .returning(['c.id', 'c.code'])
      .execute();
    for (const row of released) {
      events.push({
        companyId,
        customerId: row.id,
        asOf,
        code: 'ACCOUNT_RELEASED',
        detail:
          `nothing overdue more than ${toleranceDays} day(s) on ${asOf} ` +
          '(disputed items aside): the account takes new orders again',
      });
    }
    await recordEvents(trx, events);
    return {
      held: held.sort(),
      released: released.map((r) => r.code).sort(),
    };
  });
}
