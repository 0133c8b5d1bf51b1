import { sql, type Kysely } from 'kysely';
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
      const rows = [...byKey.values()].map(({ action: a, customerId, scenario }) => ({
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
        kinds: a.kinds,
        mode: a.mode,
        state: a.mode === 'confirm' ? 'awaiting_approval' : 'planned',
        overdue_minor: a.overdueMinor,
        not_due_minor: a.notDueMinor,
        balance_minor: a.balanceMinor,
        items: a.items,
        reasons: a.reasons,
        idempotency_key: a.idempotencyKey,
      }));
      // One JSON parameter for the whole batch: the server expands it with json_to_recordset,
      // far cheaper than thousands of bound parameters (bench/RESULTS.md, planning section).
      const inserted = (
        await sql<{ id: number; idempotency_key: string }>`
          insert into dunning_actions (company_id, customer_id, run_id, as_of, currency, type,
            step_id, step_kind, step_name, scenario_code, scenario_version, kinds, mode, state,
            overdue_minor, not_due_minor, balance_minor, items, reasons, idempotency_key)
          select company_id, customer_id, run_id, as_of, currency, type, step_id, step_kind,
            step_name, scenario_code, scenario_version, kinds, mode, state, overdue_minor,
            not_due_minor, balance_minor, items, reasons, idempotency_key
          from json_to_recordset(cast(${JSON.stringify(rows)} as json)) as x(
            company_id integer, customer_id integer, run_id integer, as_of date, currency char(3),
            type text, step_id text, step_kind text, step_name text, scenario_code text,
            scenario_version integer, kinds text[], mode text, state text, overdue_minor bigint,
            not_due_minor bigint, balance_minor bigint, items text[], reasons text[],
            idempotency_key text)
          on conflict (company_id, idempotency_key) do nothing
          returning id, idempotency_key`.execute(trx)
      ).rows;
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
    if (timeline.length > 0) {
      await sql`
        insert into timeline (company_id, customer_id, as_of, kind, code, currency, item, step,
          detail, action_id)
        select company_id, customer_id, as_of, kind, code, currency, item, step, detail, action_id
        from json_to_recordset(cast(${JSON.stringify(timeline)} as json)) as x(
          company_id integer, customer_id integer, as_of date, kind text, code text,
          currency char(3), item text, step text, detail text, action_id bigint)
        on conflict do nothing`.execute(trx);
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
