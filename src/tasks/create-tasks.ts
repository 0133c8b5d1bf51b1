import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB, TasksTable } from '../store/schema.ts';
import { addDays, type LocalDate } from '../core/calendar/local-date.ts';
import { recordEvents, type LedgerEvent } from '../ledger/ledger-context.ts';
import { ScenarioSteps } from './scenario-steps.ts';
import {
  assigneeName,
  brokenPromiseTitle,
  chooseContact,
  createdDetail,
  isTaskKind,
  kindLabel,
  taskRole,
  taskTitle,
} from './task-rules.ts';

export interface CreateTasksOptions {
  /** Days before `asOf` still looked at (default 31): an action approved late still gets its tasks. */
  readonly lookbackDays?: number | undefined;
  /** Actions per transaction (default 500). */
  readonly chunk?: number | undefined;
}

export interface CreateTasksReport {
  /** Tasks created now, in id order. */
  readonly taskIds: number[];
  readonly fromActions: number;
  readonly fromBrokenPromises: number;
  /** Open tasks cancelled because their action was cancelled (paid, disputed… since). */
  readonly cancelled: number;
}

/** Must read exactly as the predicate of the index dunning_actions_with_tasks (migration 0008). */
const HAS_TASK_KIND = sql<boolean>`a.kinds && array['call_task', 'handover', 'notify_internal']::text[]`;

/**
 * Creates the tasks of the company's dunning actions up to `asOf`: one per action and task
 * kind (`call_task`, `handover`, `notify_internal`) for actions that are planned (auto
 * mode), approved or done — never for one awaiting approval or cancelled. Also a call task
 * for the collector for each broken promise (timeline PROMISE_BROKEN) when that day's
 * action did not already bring one, and cancels the open tasks of cancelled actions.
 * Idempotent: unique keys make a second call (or a concurrent one) create nothing twice.
 * Each task created or cancelled is recorded in the customer's timeline (TASK_CREATED,
 * TASK_CANCELLED) with the business date `asOf`.
 */
export async function createTasksForActions(
  db: Kysely<DB>,
  companyId: number,
  asOf: LocalDate,
  options: CreateTasksOptions = {},
): Promise<CreateTasksReport> {
  const from = addDays(asOf, -(options.lookbackDays ?? 31));
  const chunk = options.chunk ?? 500;
  const steps = new ScenarioSteps(companyId);
  const taskIds: number[] = [];
  let fromActions = 0;
  let afterId = 0;
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const actions = await trx
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.id', 'a.customer_id', 'a.as_of', 'a.currency', 'a.type', 'a.kinds'])
        .select(['a.step_id', 'a.step_name', 'a.scenario_code', 'a.scenario_version'])
        .select(['c.name', 'c.collector', 'c.sales_owner'])
        .where('a.company_id', '=', companyId)
        .where('a.as_of', '>=', from)
        .where('a.as_of', '<=', asOf)
        .where(HAS_TASK_KIND)
        .where('a.state', 'in', ['planned', 'approved', 'done'])
        .where('a.id', '>', afterId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('tasks as t')
                .select('t.id')
                .whereRef('t.action_id', '=', 'a.id')
                .where('t.source_event_id', 'is', null)
                .where('t.previous_task_id', 'is', null),
            ),
          ),
        )
        .orderBy('a.id')
        .limit(chunk)
        .execute();
      if (actions.length === 0) return 0;
      afterId = actions[actions.length - 1]!.id;
      const contacts = await callableContacts(trx, [...new Set(actions.map((a) => a.customer_id))]);
      const values: Insertable<TasksTable>[] = [];
      for (const a of actions) {
        const step = await steps.step(trx, a.scenario_code, a.scenario_version, a.step_id);
        for (const kind of new Set(a.kinds)) {
          if (!isTaskKind(kind)) continue;
          const stepAction = step?.actions.find((s) => s.kind === kind);
          const role = taskRole(kind, a.type, stepAction);
          const contact =
            kind === 'call_task'
              ? chooseContact(contacts, a.customer_id, step?.recipients ?? [])
              : undefined;
          values.push({
            company_id: companyId,
            customer_id: a.customer_id,
            action_id: a.id,
            kind,
            currency: a.currency,
            step_id: a.step_id,
            title: taskTitle(kind, a.type, role, a.name, a.step_name),
            due_date: a.as_of,
            assignee_role: role,
            assignee: assigneeName(role, a),
            template_code: stepAction?.template ?? null,
            contact_id: contact?.id ?? null,
          });
        }
      }
      const created = await insertTasks(trx, values, asOf);
      taskIds.push(...created);
      fromActions += created.length;
      return actions.length;
    });
    if (found < chunk) break;
  }
  const broken = await db
    .transaction()
    .execute((trx) => brokenPromiseTasks(trx, companyId, from, asOf));
  taskIds.push(...broken);
  const cancelled = await db
    .transaction()
    .execute((trx) => cancelTasksOfCancelledActions(trx, companyId, asOf));
  return {
    taskIds: taskIds.sort((x, y) => x - y),
    fromActions,
    fromBrokenPromises: broken.length,
    cancelled,
  };
}

/** Contacts that can be called (a phone not flagged wrong), by customer, oldest first. */
export async function callableContacts(db: Kysely<DB>, customerIds: readonly number[]) {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('contacts')
    .select(['id', 'customer_id', 'role', 'name', 'phone'])
    .where('customer_id', 'in', customerIds)
    .where('phone', 'is not', null)
    .where('phone_invalid_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Inserts tasks (a conflict with an existing one inserts nothing) and records TASK_CREATED. */
export async function insertTasks(
  db: Kysely<DB>,
  values: readonly Insertable<TasksTable>[],
  asOf: LocalDate,
): Promise<number[]> {
  if (values.length === 0) return [];
  const rows = await db
    .insertInto('tasks')
    .values([...values])
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
  await recordEvents(
    db,
    rows.map((t) => createdEvent(t, asOf)),
  );
  return rows.map((t) => t.id);
}

/** The TASK_CREATED timeline event of a task. */
export function createdEvent(t: Selectable<TasksTable>, asOf: LocalDate): LedgerEvent {
  return {
    companyId: t.company_id,
    customerId: t.customer_id,
    asOf,
    code: 'TASK_CREATED',
    currency: t.currency,
    step: t.step_id,
    actionId: t.action_id,
    detail: createdDetail(t),
  };
}

/**
 * A call task for the collector for each broken promise, unless a call task came with
 * an action for the same customer, currency and day (the planner adds one to the action
 * that resumes escalation after a broken promise).
 */
async function brokenPromiseTasks(
  trx: Kysely<DB>,
  companyId: number,
  from: LocalDate,
  asOf: LocalDate,
): Promise<number[]> {
  const events = await trx
    .selectFrom('timeline as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .select(['e.id', 'e.customer_id', 'e.as_of', 'e.currency', 'e.detail'])
    .select(['c.name', 'c.collector', 'c.sales_owner'])
    .where('e.company_id', '=', companyId)
    .where('e.code', '=', 'PROMISE_BROKEN')
    .where('e.as_of', '>=', from)
    .where('e.as_of', '<=', asOf)
    .where('c.status', 'not in', ['excluded', 'litigation'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('tasks as t')
            .select('t.id')
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('t.source_event_id', '=', eb.ref('e.id')),
                  eb('t.previous_task_id', 'is', null),
                ]),
                eb.and([
                  eb('t.customer_id', '=', eb.ref('e.customer_id')),
                  eb('t.kind', '=', 'call_task'),
                  eb('t.due_date', '=', eb.ref('e.as_of')),
                  eb('t.action_id', 'is not', null),
                  eb('t.currency', 'is not distinct from', eb.ref('e.currency')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('e.id')
    .execute();
  if (events.length === 0) return [];
  const contacts = await callableContacts(trx, [...new Set(events.map((e) => e.customer_id))]);
  return insertTasks(
    trx,
    events.map((e) => ({
      company_id: companyId,
      customer_id: e.customer_id,
      source_event_id: e.id,
      kind: 'call_task' as const,
      currency: e.currency,
      title: brokenPromiseTitle(e.name, e.detail),
      due_date: e.as_of,
      assignee_role: 'collector' as const,
      assignee: e.collector,
      template_code: null,
      contact_id: chooseContact(contacts, e.customer_id, [])?.id ?? null,
    })),
    asOf,
  );
}

/** Open tasks whose action was cancelled since are cancelled too, with the action's reason. */
async function cancelTasksOfCancelledActions(
  trx: Kysely<DB>,
  companyId: number,
  asOf: LocalDate,
): Promise<number> {
  const rows = await trx
    .updateTable('tasks as t')
    .from('dunning_actions as a')
    .set((eb) => ({
      state: 'cancelled' as const,
      cancel_reason: eb.fn.coalesce('a.cancel_reason', sql.lit('CANCELLED')),
      updated_at: new Date(),
    }))
    .whereRef('a.id', '=', 't.action_id')
    .where('t.company_id', '=', companyId)
    .where('t.state', '=', 'open')
    .where('a.state', '=', 'cancelled')
    .returning(['t.id', 't.company_id', 't.customer_id', 't.kind', 't.action_id'])
    .returning(['t.currency', 't.step_id', 't.cancel_reason'])
    .execute();
  const events: LedgerEvent[] = rows.map((t) => ({
    companyId: t.company_id,
    customerId: t.customer_id,
    asOf,
    code: 'TASK_CANCELLED',
    currency: t.currency,
    step: t.step_id,
    actionId: t.action_id,
    detail: `${kindLabel(t.kind)} #${t.id} cancelled: its action was cancelled (${t.cancel_reason ?? 'CANCELLED'})`,
  }));
  await recordEvents(trx, events);
  return rows.length;
}
