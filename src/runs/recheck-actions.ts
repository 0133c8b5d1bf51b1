import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import type { DunningItem } from '../core/dunning/plan-types.ts';
import { recheckAction, type CancelReason } from '../core/dunning/recheck.ts';
import { recordEvents, type LedgerEvent } from '../ledger/ledger-context.ts';

export interface CancelledAction {
  readonly id: number;
  readonly customer: string;
  readonly currency: string;
  readonly step: string;
  readonly reason: CancelReason;
  readonly detail: string;
}

const PENDING = ['planned', 'awaiting_approval', 'approved'] as const;

/**
 * Re-checks actions not yet carried out (planned, awaiting approval, approved) against
 * the ledger as it is now and cancels those whose invoices were paid, disputed or paused
 * since planning, or whose customer left dunning — state 'cancelled', the reason code, the
 * date, and an ACTION_CANCELLED event in the timeline. `actionIds` narrows the check (the
 * outbox re-checks one action before sending it). Works in chunks of actions, each in its
 * own transaction; running it twice cancels nothing more.
 */
export async function recheckPendingActions(
  db: Kysely<DB>,
  companyId: number,
  today: LocalDate,
  options: { readonly actionIds?: readonly number[]; readonly chunk?: number } = {},
): Promise<CancelledAction[]> {
  const cancelled: CancelledAction[] = [];
  const chunk = options.chunk ?? 2000;
  let afterId = 0;
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const actions = await trx
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.id', 'a.customer_id', 'a.currency', 'a.step_id', 'a.step_kind', 'a.type'])
        .select(['a.as_of', 'a.items', 'c.code', 'c.status', 'c.hold_until', 'c.hold_reason'])
        .where('a.company_id', '=', companyId)
        .where('a.state', 'in', PENDING)
        .where('a.id', '>', afterId)
        .$if(options.actionIds !== undefined, (q) =>
          q.where('a.id', 'in', options.actionIds!.length > 0 ? [...options.actionIds!] : [0]),
        )
        .orderBy('a.id')
        .limit(chunk)
        .forUpdate('a')
        .execute();
      if (actions.length === 0) return 0;
      afterId = actions[actions.length - 1]!.id;
      const items = await trx
        .selectFrom('items')
        .select(['customer_id', 'number', 'type', 'issue_date', 'due_date', 'currency'])
        .select(['amount_minor', 'open_minor', 'disputed', 'hold_until'])
        .where('customer_id', 'in', [...new Set(actions.map((a) => a.customer_id))])
        .where('open_minor', '<>', 0)
        .execute();
      const byCustomer = new Map<string, DunningItem[]>();
      for (const i of items) {
        const key = `${i.customer_id}|${i.currency}`;
        let list = byCustomer.get(key);
        if (!list) byCustomer.set(key, (list = []));
        list.push({
          number: i.number,
          type: i.type,
          issueDate: i.issue_date,
          dueDate: i.due_date,
          currency: i.currency,
          amountMinor: i.amount_minor,
          openMinor: i.open_minor,
          disputed: i.disputed,
          holdUntil: i.hold_until,
        });
      }
      const now: CancelledAction[] = [];
      const events: LedgerEvent[] = [];
      for (const a of actions) {
        const verdict = recheckAction(
          { stepKind: a.step_kind, type: a.type, asOf: a.as_of, items: a.items },
          { status: a.status, holdUntil: a.hold_until, holdReason: a.hold_reason },
          byCustomer.get(`${a.customer_id}|${a.currency}`) ?? [],
          today,
        );
        if (!verdict) continue;
        now.push({
          id: a.id,
          customer: a.code,
          currency: a.currency,
          step: a.step_id,
          ...verdict,
        });
        events.push({
          companyId,
          customerId: a.customer_id,
          asOf: today,
          code: 'ACTION_CANCELLED',
          currency: a.currency,
          step: a.step_id,
          actionId: a.id,
          detail: `action #${a.id} (${a.step_id} of ${a.as_of}) cancelled, ${verdict.reason}: ${verdict.detail}`,
        });
      }
      for (const reason of new Set(now.map((c) => c.reason))) {
        await trx
          .updateTable('dunning_actions')
          .set({ state: 'cancelled', cancel_reason: reason, cancelled_on: today })
          .where(
            'id',
            'in',
            now.filter((c) => c.reason === reason).map((c) => c.id),
          )
          .execute();
      }
      await recordEvents(trx, events);
      cancelled.push(...now);
      return actions.length;
    });
    if (found < chunk) break;
  }
  return cancelled;
}
