import { sql, type Kysely } from 'kysely';

/**
 * The delivery outbox: one row per deliverable of an executable dunning action (an e-mail,
 * a letter, an SMS, a task). Workers claim due rows with FOR UPDATE SKIP LOCKED; the state
 * and the attempt are written before anything is sent (docs/delivery.md).
 *
 * States: pending → sending → sent | failed | cancelled, and `unknown` for a row a worker
 * left in `sending` (killed after the server may have accepted the message): it is never
 * sent again without a person deciding (`relance outbox retry` or `confirm`).
 */
const statements = [
  `create table outbox (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     action_id bigint not null references dunning_actions(id),
     channel text not null check (channel in ('email', 'letter', 'sms', 'task', 'webhook')),
     kind text not null,
     recipient text not null,
     state text not null default 'pending'
       check (state in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'unknown')),
     attempts integer not null default 0 check (attempts >= 0),
     next_attempt_at timestamptz not null,
     claimed_at timestamptz,
     claimed_by text,
     last_error text,
     message_id text not null,
     sent_at timestamptz,
     provider_response text,
     cancel_reason text,
     fallback_of bigint references outbox(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint outbox_once unique (action_id, channel, recipient),
     constraint outbox_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id),
     constraint outbox_sent check ((state = 'sent') = (sent_at is not null)),
     constraint outbox_cancelled check ((state = 'cancelled') = (cancel_reason is not null))
   )`,
  // One communication per channel and action, whatever its recipients: enqueueing again
  // after the contacts changed cannot add a second e-mail, letter or SMS.
  `create unique index outbox_one_per_channel on outbox (action_id, channel)
     where channel in ('email', 'letter', 'sms')`,
  `create index outbox_due on outbox (next_attempt_at, id) where state = 'pending'`,
  `create index outbox_sending on outbox (claimed_at) where state = 'sending'`,
  `create index outbox_by_action on outbox (action_id)`,
  `create index outbox_by_state on outbox (company_id, state, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
