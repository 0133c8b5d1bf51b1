import type { Kysely } from 'kysely';
import type { DB, TaskKind, TaskOutcome } from '../store/schema.ts';

/** A task as the CLI and the API show it (docs/tasks-and-webhooks.md). */
export interface TaskView {
  readonly id: number;
  readonly customer: string;
  readonly customerName: string;
  readonly kind: TaskKind;
  readonly title: string;
  readonly state: 'open' | 'done' | 'cancelled';
  readonly dueDate: string;
  readonly assigneeRole: 'collector' | 'sales_owner' | 'credit_manager';
  /** The person's name when the customer record has it (collector, sales owner). */
  readonly assignee: string | null;
  /** The call script (or notice) template code. */
  readonly template: string | null;
  readonly currency: string | null;
  readonly step: string | null;
  readonly actionId: number | null;
  /** Whom to call: the contact chosen when the task was made, else the customer's own number. */
  readonly contact: { readonly name: string | null; readonly phone: string | null } | null;
  /** 1 for the first call, 2 after one unanswered call, … */
  readonly attempt: number;
  readonly previousTaskId: number | null;
  readonly outcome: TaskOutcome | null;
  readonly note: string | null;
  readonly promiseId: number | null;
  readonly item: string | null;
  readonly completedOn: string | null;
  readonly cancelReason: string | null;
  readonly createdAt: string;
}

/** The tasks with their customer and contact, for the views. */
export function selectTasks(db: Kysely<DB>) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('contacts as k', 'k.id', 't.contact_id')
    .selectAll('t')
    .select([
      'c.code as customer_code',
      'c.name as customer_name',
      'c.phone as customer_phone',
      'k.name as contact_name',
      'k.phone as contact_phone',
    ]);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export function toTaskView(r: TaskRow): TaskView {
  const phone = r.contact_phone ?? r.customer_phone;
  return {
    id: r.id,
    customer: r.customer_code,
    customerName: r.customer_name,
    kind: r.kind,
    title: r.title,
    state: r.state,
    dueDate: r.due_date,
    assigneeRole: r.assignee_role,
    assignee: r.assignee,
    template: r.template_code,
    currency: r.currency,
    step: r.step_id,
    actionId: r.action_id,
    contact:
      r.kind === 'call_task' && (r.contact_name !== null || phone !== null)
        ? { name: r.contact_name, phone }
        : null,
    attempt: r.attempt,
    previousTaskId: r.previous_task_id,
    outcome: r.outcome,
    note: r.outcome_note,
    promiseId: r.promise_id,
    item: r.outcome_item,
    completedOn: r.completed_on,
    cancelReason: r.cancel_reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function loadTaskViews(db: Kysely<DB>, ids: readonly number[]): Promise<TaskView[]> {
  if (ids.length === 0) return [];
  const rows = await selectTasks(db).where('t.id', 'in', ids).orderBy('t.id').execute();
  return rows.map(toTaskView);
}
