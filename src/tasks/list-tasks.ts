import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { parseLocalDate } from '../core/calendar/local-date.ts';
import { INTERNAL_ROLES } from '../core/scenario/types.ts';
import { findCustomer, invalid, openContext, type Scope } from '../ledger/ledger-context.ts';
import { selectTasks, toTaskView, type TaskView } from './task-view.ts';

export const TASK_STATES = ['open', 'done', 'cancelled', 'all'] as const;

export interface ListTasksInput extends Scope {
  /** The assignee's name, compared without regard to case. */
  readonly assignee?: string | undefined;
  /** collector, sales_owner or credit_manager. */
  readonly role?: string | undefined;
  /** open (default), done, cancelled or all. */
  readonly state?: string | undefined;
  readonly customer?: string | undefined;
  /** Only tasks due on or before this date. */
  readonly dueBy?: string | undefined;
  /** At most this many (default 1000). */
  readonly limit?: number | undefined;
}

/** The worklist: tasks by due date, then id. */
export async function listTasks(db: Kysely<DB>, input: ListTasksInput): Promise<TaskView[]> {
  const ctx = await openContext(db, input);
  const problems: Problem[] = [];
  const state = input.state ?? 'open';
  if (!(TASK_STATES as readonly string[]).includes(state)) {
    problems.push({ field: 'state', value: state, expected: `one of ${TASK_STATES.join(', ')}` });
  }
  if (input.role !== undefined && !(INTERNAL_ROLES as readonly string[]).includes(input.role)) {
    problems.push({
      field: 'role',
      value: input.role,
      expected: `one of ${INTERNAL_ROLES.join(', ')}`,
    });
  }
  const dueBy = input.dueBy === undefined ? undefined : parseLocalDate(input.dueBy);
  if (dueBy === null) {
    problems.push({
      field: 'dueBy',
      value: input.dueBy,
      expected: 'a valid date written YYYY-MM-DD',
    });
  }
  if (problems.length > 0) throw invalid('invalid task list filter', problems);
  const customer =
    input.customer === undefined ? undefined : await findCustomer(db, ctx.company, input.customer);
  let query = selectTasks(db).where('t.company_id', '=', ctx.company.id);
  if (state !== 'all') query = query.where('t.state', '=', state as 'open' | 'done' | 'cancelled');
  if (input.role !== undefined) {
    query = query.where('t.assignee_role', '=', input.role as 'collector');
  }
  if (input.assignee !== undefined) {
    query = query.where((eb) =>
      eb(eb.fn('lower', ['t.assignee']), '=', input.assignee!.trim().toLowerCase()),
    );
  }
  if (customer) query = query.where('t.customer_id', '=', customer.id);
  if (dueBy) query = query.where('t.due_date', '<=', dueBy);
  const rows = await query
    .orderBy('t.due_date')
    .orderBy('t.id')
    .limit(input.limit ?? 1000)
    .execute();
  return rows.map(toTaskView);
}
