import { sql, type Kysely } from 'kysely';

/**
 * Outgoing webhooks (docs/tasks-and-webhooks.md): endpoints per company (URL, the signing
 * secret, the event types subscribed, a cursor in the timeline) and the delivery log, one
 * row per endpoint and timeline event (unique), claimed by deliverers with
 * FOR UPDATE SKIP LOCKED.
 */
const statements = [
  `create table webhook_endpoints (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     url text not null,
     secret text not null,
     events text[] not null,
     cursor_id bigint not null default 0,
     created_at timestamptz not null default now(),
     removed_at timestamptz
   )`,
  `create index webhook_endpoints_active on webhook_endpoints (company_id) where removed_at is null`,
  `create table webhook_deliveries (
     id bigint generated always as identity primary key,
     company_id integer not null references companies(id),
     endpoint_id integer not null references webhook_endpoints(id),
     timeline_id bigint not null references timeline(id),
     event_id text not null,
     event_type text not null,
     payload text not null,
     state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
     attempts integer not null default 0 check (attempts >= 0),
     next_attempt_at timestamptz not null,
     last_attempt_at timestamptz,
     last_status integer,
     last_error text,
     delivered_at timestamptz,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint webhook_deliveries_once unique (endpoint_id, timeline_id),
     constraint webhook_deliveries_delivered check ((state = 'delivered') = (delivered_at is not null))
   )`,
  `create index webhook_deliveries_due on webhook_deliveries (next_attempt_at, id)
     where state = 'pending'`,
  `create index webhook_deliveries_by_company on webhook_deliveries (company_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
