import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
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

/**
 * Stores one batch's plan in one transaction: actions (a unique idempotency key
 * makes a re-run create nothing), their timeline entries, skips and events
 * (once a day each), and promise status changes. Returns the actions created now.
 */
export async function storeBatch(
  db: Kysely<DB>,
  companyId: number,
  runId: number,
  asOf: LocalDate,
  planned: readonly PlannedCustomer[],
): Promise<StoredAction[]> {
  return db.transaction().execute(async (trx) => {
    const created: StoredAction[] = [];
    for (const { customer, scenario, plan } of planned) {
      for (const a of plan.actions) {
        const row = await trx
          .insertInto('dunning_actions')
          .values({
            company_id: companyId,
            customer_id: customer.id,
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
            state: a.mode === 'confirm' ? 'awaiting_approval' : 'planned',
            overdue_minor: a.overdueMinor,
            not_due_minor: a.notDueMinor,
            balance_minor: a.balanceMinor,
            items: [...a.items],
            reasons: [...a.reasons],
            idempotency_key: a.idempotencyKey,
          })
          .onConflict((oc) => oc.columns(['company_id', 'idempotency_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) continue;
        created.push({ ...a, scenario: scenario.code, scenarioVersion: scenario.version });
        await timeline(
          trx,
          companyId,
          customer.id,
          asOf,
          'action',
          a.type === 'sales_check' ? 'SALES_CHECK' : 'PLANNED',
          a.currency,
          null,
          a.step,
          `${a.stepName}: ${a.kinds.join(' + ')} (${a.reasons.join(', ')})`,
          row.id,
        );
      }
      for (const s of plan.skips) {
        if (s.code === 'NOT_YET_DUE') continue; // nothing is due: not an event of the account
        await timeline(
          trx,
          companyId,
          customer.id,
          asOf,
          'skip',
          s.code,
          s.currency ?? null,
          s.item ?? null,
          s.step ?? null,
          s.detail,
          null,
        );
      }
      for (const e of plan.events) {
        await timeline(
          trx,
          companyId,
          customer.id,
          asOf,
          'event',
          e.kind.toUpperCase(),
          e.currency,
          null,
          null,
          e.detail,
          null,
        );
        if (e.promiseId && (e.kind === 'promise_broken' || e.kind === 'promise_kept')) {
          await trx
            .updateTable('promises')
            .set({
              status: e.kind === 'promise_broken' ? 'broken' : 'kept',
              updated_at: new Date(),
            })
            .where('id', '=', Number(e.promiseId))
            .execute();
        }
      }
    }
    return created;
  });
}

function timeline(
  trx: Kysely<DB>,
  companyId: number,
  customerId: number,
  asOf: LocalDate,
  kind: 'action' | 'skip' | 'event',
  code: string,
  currency: string | null,
  item: string | null,
  step: string | null,
  detail: string,
  actionId: number | null,
) {
  return sql`insert into timeline (company_id, customer_id, as_of, kind, code, currency, item, step, detail, action_id)
    values (${companyId}, ${customerId}, ${asOf}, ${kind}, ${code}, ${currency}, ${item}, ${step}, ${detail}, ${actionId})
    on conflict do nothing`.execute(trx);
}
