import { sql, type Kysely } from 'kysely';

/**
 * Delivery, second part (docs/delivery.md):
 * - Letters go through the outbox: a print batch takes the pending letter rows
 *   (state `printed`, `batch_id`), `relance letters posted BATCH` makes them `sent`, with
 *   the tracking number of each registered letter.
 * - The written confirmation of a promise to pay is an outbox e-mail too: a row has either
 *   an action or a promise (`promise_id`); its document is stored once per promise.
 * - Inbound mail (bounces, replies) is recorded once per message (`inbound_messages`, by
 *   the SHA-256 of its source); a hard bounce marks the row `bounced_at`; a reply makes a
 *   `reply` task.
 */
const statements = [
  `create table letter_batches (
     id bigint generated always as identity primary key,
     company_id integer not null references companies(id),
     run_id bigint references dunning_runs(id),
     letters integer not null check (letters > 0),
     registered integer not null check (registered >= 0),
     pages integer not null check (pages > 0),
     sha256 text not null,
     created_at timestamptz not null default now(),
     posted_on date,
     posted_at timestamptz,
     constraint letter_batches_posted check ((posted_on is null) = (posted_at is null))
   )`,
  `create index letter_batches_by_company on letter_batches (company_id, id)`,
  `alter table outbox
     alter column action_id drop not null,
     add column promise_id integer references promises(id),
     add column batch_id bigint references letter_batches(id),
     add column tracking_number text,
     add column bounced_at timestamptz,
     add constraint outbox_subject check ((action_id is null) <> (promise_id is null)),
     add constraint outbox_batch check ((state = 'printed') <= (batch_id is not null))`,
  `alter table outbox drop constraint outbox_state_check`,
  `alter table outbox add constraint outbox_state_check check (state in
     ('pending', 'sending', 'printed', 'sent', 'failed', 'cancelled', 'unknown'))`,
  `create unique index outbox_one_confirmation on outbox (promise_id, channel)
     where promise_id is not null`,
  `create index outbox_by_batch on outbox (batch_id) where batch_id is not null`,
  `create index outbox_letters_pending on outbox (company_id, id)
     where channel = 'letter' and state = 'pending'`,
  // Inbound mail finds its outbox row by the Message-ID the row was sent with.
  `create index outbox_by_message_id on outbox (message_id)`,
  `alter table documents add column promise_id integer references promises(id)`,
  `create unique index documents_once_per_promise on documents (promise_id, kind)
     where promise_id is not null`,
  `create table inbound_messages (
     id bigint generated always as identity primary key,
     sha256 text not null unique,
     kind text not null check (kind in ('bounce', 'reply', 'auto_reply', 'unmatched')),
     company_id integer references companies(id),
     customer_id integer references customers(id),
     outbox_id bigint references outbox(id),
     message_id text,
     from_address text,
     subject text,
     status text,
     detail text not null,
     source text not null,
     size_bytes integer not null,
     received_at timestamptz not null default now()
   )`,
  `create index inbound_messages_by_customer on inbound_messages (customer_id, id)
     where customer_id is not null`,
  // A customer's reply becomes a task for the collector.
  `alter table tasks drop constraint tasks_kind_check`,
  `alter table tasks add constraint tasks_kind_check
     check (kind in ('call_task', 'handover', 'notify_internal', 'reply'))`,
  `alter table tasks add column inbound_message_id bigint references inbound_messages(id)`,
  `create unique index tasks_once_per_inbound on tasks (inbound_message_id)
     where inbound_message_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
