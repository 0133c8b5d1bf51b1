import type { Kysely } from 'kysely';
import type { DB, TimelineTable } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import type { Plan, PlannedAction } from '../core/dunning/plan-types.ts';
import type { ScenarioVersion } from '../core/scenario/types.ts';
import type { CustomerInput } from './load-batch.ts';

export interface PlannedCustomer {
  readonly customer: CustomerInput;
  readonly scenario: ScenarioVersion;
  readonly plan: Plan;
}

export type StoredAction = PlannedAction & { scenario: string; scenarioVersion: number };

type TimelineRow = Omit<TimelineTable, 'id' | 'at'>;

/**
 * Stores one batch's plan in one transaction, in a few multi-row statements:
 * actions (a unique idempotency key makes a re-run create nothing), their
 * timeline entries, skips and events (once a day each), promise status changes.
 * Returns the actions created now.
 */
export async function storeBatch(
  db: Kysely<DB>,
  companyId: number,
  runId: number,
  asOf: LocalDate,
  planned: readonly PlannedCustomer[],
): Promise<StoredAction[]> {
  return db.transaction().execute(async (trx) => {
    const byKey = new Map<
      string,
      { action: PlannedAction; customerId: number; scenario: ScenarioVersion }
    >();
    const timeline: TimelineRow[] = [];
    const promises: { id: number; status: 'broken' | 'kept' }[] = [];
    const row = (
      customerId: number,
      r: Omit<TimelineRow, 'company_id' | 'customer_id' | 'as_of'>,
    ) => timeline.push({ company_id: companyId, customer_id: customerId, as_of: asOf, ...r });
    for (const { customer, scenario, plan } of planned) {
      for (const a of plan.actions)
        byKey.set(a.idempotencyKey, { action: a, customerId: customer.id, scenario });
      for (const s of plan.skips) {
        if (s.code === 'NOT_YET_DUE') continue; // nothing is due: not an event of the account
        row(customer.id, {
          kind: 'skip',
          code: s.code,
          currency: s.currency ?? null,
          item: s.item ?? null,
          step: s.step ?? null,
          detail: s.detail,
          action_id: null,
        });
      }
      for (const e of plan.events) {
        row(customer.id, {
          kind: 'event',
          code: e.kind.toUpperCase(),
          currency: e.currency,
          item: null,
          step: null,
          detail: e.detail,
          action_id: null,
        });
        if (e.promiseId && (e.kind === 'promise_broken' || e.kind === 'promise_kept')) {
          promises.push({
            id: Number(e.promiseId),
            status: e.kind === 'promise_broken' ? 'broken' : 'kept',
          });
        }
      }
    }
    const created: StoredAction[] = [];
    if (byKey.size > 0) {
      const inserted = await trx
        .insertInto('dunning_actions')
        .values(
          [...byKey.values()].map(({ action: a, customerId, scenario }) => ({
            company_id: companyId,
            customer_id: customerId,
            run_id: runId,
            as_of: asOf,
            currency: a.currency,
            type: a.type,
            step_id: a.step,
            step_kind: a.stepKind,
            step_name: a.stepName,
            scenario_code: scenario.code,
            scenario_version: scenario.version,
            kinds: [...a.kinds],
            mode: a.mode,
            state: a.mode === 'confirm' ? ('awaiting_approval' as const) : ('planned' as const),
            overdue_minor: a.overdueMinor,
            not_due_minor: a.notDueMinor,
            balance_minor: a.balanceMinor,
            items: [...a.items],
            reasons: [...a.reasons],
            idempotency_key: a.idempotencyKey,
          })),
        )
        .onConflict((oc) => oc.columns(['company_id', 'idempotency_key']).doNothing())
        .returning(['id', 'idempotency_key'])
        .execute();
      for (const { id, idempotency_key } of inserted) {
        const entry = byKey.get(idempotency_key);
        if (!entry) continue;
        const a = entry.action;
        created.push({
          ...a,
          scenario: entry.scenario.code,
          scenarioVersion: entry.scenario.version,
        });
        row(entry.customerId, {
          kind: 'action',
          code: a.type === 'sales_check' ? 'SALES_CHECK' : 'PLANNED',
          currency: a.currency,
          item: null,
          step: a.step,
          detail: `${a.stepName}: ${a.kinds.join(' + ')} (${a.reasons.join(', ')})`,
          action_id: id,
        });
      }
      created.sort((x, y) => (x.idempotencyKey < y.idempotencyKey ? -1 : 1));
    }
    // Chunks keep each statement well under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < timeline.length; i += 2000) {
      await trx
        .insertInto('timeline')
        .values(timeline.slice(i, i + 2000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const p of promises) {
      await trx
        .updateTable('promises')
        .set({ status: p.status, updated_at: new Date() })
        .where('id', '=', p.id)
        .execute();
    }
    return created;
  });
}
