import type { Kysely, Selectable } from 'kysely';
import type { DB, TasksTable } from '../store/schema.ts';
import { AppError, type Problem } from '../core/errors.ts';
import { EXTRA_TEMPLATE_CODES } from '../core/templates/defaults/index.ts';
import {
  checkText,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type LedgerEvent,
  type Scope,
} from '../ledger/ledger-context.ts';
import { addPromise } from '../ledger/add-promise.ts';
import { openDispute, type DisputeView } from '../ledger/open-dispute.ts';
import type { PromiseView } from '../ledger/promise-view.ts';
import { nextBusinessDay } from '../runs/business-calendar.ts';
import { createdEvent } from './create-tasks.ts';
import { kindLabel } from './task-rules.ts';
import { checkOutcome, describePromise, FIELDS, given, outcomeText } from './task-outcomes.ts';
import { loadTaskViews, type TaskView } from './task-view.ts';

/** What completing a task may be told; which fields apply depends on the outcome. */
export interface CompleteTaskInput extends Scope {
  readonly id: string | number;
  /** promise, dispute, paid_already, wrong_contact, no_answer (call tasks); done (others). */
  readonly outcome: string;
  /** promise: the promised payment date, YYYY-MM-DD, today or later. */
  readonly date?: string | undefined;
  /** promise: the amount promised, with a decimal point. */
  readonly amount?: string | undefined;
  /** promise: default the task's currency. */
  readonly currency?: string | undefined;
  /** promise: the invoices promised (default: the overdue balance). */
  readonly items?: readonly string[] | undefined;
  /** dispute: the invoice disputed. */
  readonly item?: string | undefined;
  /** dispute: why the customer disputes it. */
  readonly reason?: string | undefined;
  /** What was said; required for paid_already and wrong_contact. */
  readonly note?: string | undefined;
}

export interface CompleteTaskResult {
  readonly task: TaskView;
  readonly promise?: PromiseView | undefined;
  /** The promise_confirmations row: the written confirmation the outbox sends. */
  readonly confirmationId?: number | undefined;
  readonly dispute?: DisputeView | undefined;
  /** no_answer: the call task of the next business day. */
  readonly followUp?: TaskView | undefined;
}

/**
 * Completes an open task with its outcome, all or nothing, in one transaction. A call
 * task's outcome: `promise` records the promise to pay (addPromise) and a pending written
 * confirmation (event PROMISE_CONFIRMATION_DUE); `dispute` opens the dispute (openDispute);
 * `paid_already` keeps the note; `wrong_contact` flags the called contact's phone;
 * `no_answer` creates the next call for the next business day of the company's country.
 * Other tasks complete with `done`. Every problem is reported at once (INVALID_INPUT) and
 * nothing is changed; event TASK_COMPLETED in the customer's timeline.
 */
export async function completeTask(
  db: Kysely<DB>,
  input: CompleteTaskInput,
): Promise<CompleteTaskResult> {
  const ctx = await openContext(db, input);
  const id = Number(String(input.id).replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw invalid(`invalid task id ${input.id}`, [
      { field: 'id', value: String(input.id), expected: 'a task number (relance task list)' },
    ]);
  }
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const task = await trx
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', id)
      .where('company_id', '=', ctx.company.id)
      .forUpdate()
      .executeTakeFirst();
    if (!task) {
      throw new AppError('NOT_FOUND', `no task #${id} in company ${ctx.company.code}`, [
        { field: 'id', value: String(id), expected: 'a task number (relance task list)' },
      ]);
    }
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'code'])
      .where('id', '=', task.customer_id)
      .executeTakeFirstOrThrow();
    const problems: Problem[] = [];
    if (task.state !== 'open') {
      problems.push({
        field: 'id',
        value: String(id),
        expected: `an open task (task #${id} is ${task.state}${task.outcome ? `: ${task.outcome}` : ''})`,
      });
    }
    const outcome = checkOutcome(problems, task, input);
    const note = checkText(
      problems,
      'note',
      input.note,
      outcome !== null && FIELDS[outcome].required.includes('note'),
      1000,
    );
    const scope = { company: ctx.company.code, now: input.now };
    let promise: PromiseView | undefined;
    let dispute: DisputeView | undefined;
    try {
      if (outcome === 'promise') {
        promise = await addPromise(trx, {
          ...scope,
          customer: customer.code,
          date: input.date ?? '',
          amount: input.amount ?? '',
          currency: input.currency ?? task.currency ?? undefined,
          items: input.items,
        });
      }
      if (outcome === 'dispute') {
        const ours =
          given(input.item) &&
          (await checkDisputedItem(trx, problems, task, customer.code, input.item!));
        if (ours) {
          dispute = await openDispute(trx, { ...scope, item: input.item!, reason: input.reason });
        } else checkText(problems, 'reason', input.reason, true);
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
      problems.push(...error.problems);
    }
    if (problems.length > 0 || outcome === null) {
      throw invalid(`cannot complete task #${id}`, problems);
    }

    const events: LedgerEvent[] = [];
    const event = (code: string, detail: string) =>
      events.push({
        companyId: ctx.company.id,
        customerId: task.customer_id,
        asOf: ctx.today,
        code,
        currency: task.currency,
        step: task.step_id,
        actionId: task.action_id,
        detail,
      });
    let confirmationId: number | undefined;
    let next: Selectable<TasksTable> | undefined;
    if (promise) {
      const template = EXTRA_TEMPLATE_CODES.promiseConfirmation;
      const row = await trx
        .insertInto('promise_confirmations')
        .values({
          company_id: ctx.company.id,
          customer_id: task.customer_id,
          promise_id: promise.id,
          task_id: task.id,
          template_code: template,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      confirmationId = row.id;
      event(
        'PROMISE_CONFIRMATION_DUE',
        `promise #${promise.id} to confirm in writing (${template}): ${describePromise(promise)}`,
      );
    }
    if (outcome === 'wrong_contact')
      event('CONTACT_FLAGGED', await flagContact(trx, task, note, now));
    if (outcome === 'no_answer') {
      const due = nextBusinessDay(ctx.company.country, ctx.today);
      next = await trx
        .insertInto('tasks')
        .values(followUp(task, due))
        .returningAll()
        .executeTakeFirstOrThrow();
      events.push(createdEvent(next, ctx.today));
    }
    await trx
      .updateTable('tasks')
      .set({
        state: 'done',
        outcome,
        outcome_note: note,
        promise_id: promise?.id ?? null,
        outcome_item: dispute?.item ?? null,
        completed_on: ctx.today,
        completed_at: now,
        updated_at: now,
      })
      .where('id', '=', task.id)
      .execute();
    const followUps = next === undefined ? [] : await loadTaskViews(trx, [next.id]);
    const what = outcomeText(outcome, note, promise, dispute, followUps[0]);
    events.unshift({
      companyId: ctx.company.id,
      customerId: task.customer_id,
      asOf: ctx.today,
      code: 'TASK_COMPLETED',
      currency: task.currency,
      step: task.step_id,
      actionId: task.action_id,
      item: dispute?.item ?? null,
      detail: `${kindLabel(task.kind)} #${task.id} done: ${what}`,
    });
    await recordEvents(trx, events);
    const [view] = await loadTaskViews(trx, [task.id]);
    return { task: view!, promise, confirmationId, dispute, followUp: followUps[0] };
  });
}

/** The disputed invoice must belong to the task's customer (openDispute checks the rest). */
async function checkDisputedItem(
  db: Kysely<DB>,
  problems: Problem[],
  task: Selectable<TasksTable>,
  customerCode: string,
  number: string,
): Promise<boolean> {
  const item = await db
    .selectFrom('items')
    .select(['customer_id'])
    .where('company_id', '=', task.company_id)
    .where('number', '=', number)
    .executeTakeFirst();
  if (item && item.customer_id === task.customer_id) return true;
  problems.push({
    field: 'item',
    value: number,
    expected: `an open invoice of customer ${customerCode}${item ? ' (it belongs to another customer)' : ' (no such item)'}`,
  });
  return false;
}

/** Flags the called contact's phone as wrong; returns the event's detail. */
async function flagContact(
  db: Kysely<DB>,
  task: Selectable<TasksTable>,
  note: string | null,
  now: Date,
): Promise<string> {
  const contact = task.contact_id
    ? await db
        .selectFrom('contacts')
        .select(['id', 'name', 'role', 'phone'])
        .where('id', '=', task.contact_id)
        .executeTakeFirst()
    : undefined;
  if (!contact) {
    return `wrong contact on the customer's own phone number: ${note} (no contact record to flag)`;
  }
  await db
    .updateTable('contacts')
    .set({ phone_invalid_at: now, phone_invalid_reason: note, updated_at: now })
    .where('id', '=', contact.id)
    .execute();
  return `phone ${contact.phone ?? ''} of ${contact.name} (${contact.role}) flagged wrong: ${note}`;
}

function followUp(task: Selectable<TasksTable>, due: string) {
  return {
    company_id: task.company_id,
    customer_id: task.customer_id,
    action_id: task.action_id,
    source_event_id: task.source_event_id,
    previous_task_id: task.id,
    kind: task.kind,
    currency: task.currency,
    step_id: task.step_id,
    title: task.title,
    due_date: due,
    assignee_role: task.assignee_role,
    assignee: task.assignee,
    template_code: task.template_code,
    contact_id: task.contact_id,
    attempt: task.attempt + 1,
  };
}
