import { sql, type Kysely } from 'kysely';

/**
 * Tasks for people (docs/tasks-and-webhooks.md): the call, hand-over and internal
 * notification of a dunning action, the call after a broken promise, and the next call
 * after nobody answered. Each action gets one task per kind (a unique index), each broken
 * promise one call task, each task at most one follow-up.
 *
 * Also: a phone number found wrong by a call is flagged on its contact, and a promise to
 * pay taken on the phone leaves a marker row for its written confirmation.
 */
// Written the same way in src/tasks/create-tasks.ts, so that its query uses the index.
const TASK_KINDS = `array['call_task', 'handover', 'notify_internal']::text[]`;

const statements = [
  `alter table contacts
     add column phone_invalid_at timestamptz,
     add column phone_invalid_reason text`,
  `create table tasks (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     action_id bigint references dunning_actions(id),
     source_event_id bigint references timeline(id),
     previous_task_id bigint references tasks(id),
     kind text not null check (kind in ('call_task', 'handover', 'notify_internal')),
     currency char(3) references currencies(code),
     step_id text,
     title text not null,
     due_date date not null,
     assignee_role text not null
       check (assignee_role in ('collector', 'sales_owner', 'credit_manager')),
     assignee text,
     template_code text,
     contact_id integer references contacts(id) on delete set null,
     attempt integer not null default 1 check (attempt >= 1),
     state text not null default 'open' check (state in ('open', 'done', 'cancelled')),
     outcome text check (outcome in
       ('promise', 'dispute', 'paid_already', 'wrong_contact', 'no_answer', 'done')),
     outcome_note text,
     promise_id integer references promises(id),
     outcome_item text,
     cancel_reason text,
     completed_on date,
     completed_at timestamptz,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint tasks_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id),
     constraint tasks_done check
       ((state = 'done') = (outcome is not null and completed_at is not null and completed_on is not null)),
     constraint tasks_cancelled check ((state = 'cancelled') = (cancel_reason is not null))
   )`,
  // One task per action and kind, one per broken promise event; follow-ups are apart.
  `create unique index tasks_once_per_action on tasks (action_id, kind)
     where action_id is not null and source_event_id is null and previous_task_id is null`,
  `create unique index tasks_once_per_event on tasks (source_event_id, kind)
     where source_event_id is not null and previous_task_id is null`,
  `create unique index tasks_one_follow_up on tasks (previous_task_id)
     where previous_task_id is not null`,
  `create index tasks_open on tasks (company_id, due_date) where state = 'open'`,
  `create index tasks_by_customer on tasks (customer_id, id)`,
  `create index tasks_by_action on tasks (action_id) where action_id is not null`,
  // What task creation looks for: the actions with a task kind, and broken promises.
  `create index dunning_actions_with_tasks on dunning_actions (company_id, as_of)
     where kinds && ${TASK_KINDS}`,
  `create index timeline_promise_broken on timeline (company_id, as_of)
     where code = 'PROMISE_BROKEN'`,
  `create table promise_confirmations (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     promise_id integer not null unique references promises(id),
     task_id bigint references tasks(id),
     template_code text not null,
     state text not null default 'pending' check (state in ('pending', 'sent', 'cancelled')),
     created_at timestamptz not null default now(),
     sent_at timestamptz,
     constraint promise_confirmations_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id)
   )`,
  `create index promise_confirmations_pending on promise_confirmations (company_id, id)
     where state = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
