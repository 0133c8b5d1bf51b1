import { sql, type Kysely } from 'kysely';

/**
 * The dunning run: company settings, pauses on customers and items, promises to
 * pay, runs, planned actions (unique idempotency key per customer, currency, step
 * and day) and the customer timeline.
 */
const statements = [
  `alter table companies
     add column max_ledger_age_hours integer not null default 24 check (max_ledger_age_hours > 0),
     add column promise_grace_days integer not null default 2 check (promise_grace_days >= 0),
     add column net_credits boolean not null default true`,
  `alter table customers add column hold_until date, add column hold_reason text`,
  `alter table items add column hold_until date, add column hold_reason text`,
  `create table promises (
     id integer generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     currency char(3) not null references currencies(code),
     promised_date date not null,
     amount_minor bigint not null check (amount_minor > 0),
     items text[] not null default '{}',
     status text not null default 'open' check (status in ('open', 'kept', 'broken', 'cancelled')),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint promises_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id)
   )`,
  `create index promises_open on promises (customer_id) where status = 'open'`,
  `create table dunning_runs (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     as_of date not null,
     status text not null default 'running' check (status in ('running', 'done', 'failed')),
     forced boolean not null default false,
     customers integer not null default 0,
     actions integer not null default 0,
     skips integer not null default 0,
     started_at timestamptz not null default now(),
     finished_at timestamptz
   )`,
  `create table dunning_actions (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     run_id integer not null references dunning_runs(id),
     as_of date not null,
     currency char(3) not null references currencies(code),
     type text not null check (type in ('step', 'sales_check')),
     step_id text not null,
     step_kind text not null,
     step_name text not null,
     scenario_code text not null,
     scenario_version integer not null,
     kinds text[] not null,
     mode text not null check (mode in ('auto', 'confirm', 'manual')),
     state text not null check (state in ('planned', 'awaiting_approval', 'approved', 'cancelled', 'done')),
     overdue_minor bigint not null,
     not_due_minor bigint not null,
     balance_minor bigint not null,
     items text[] not null,
     reasons text[] not null,
     idempotency_key text not null,
     created_at timestamptz not null default now(),
     constraint dunning_actions_idempotency unique (company_id, idempotency_key),
     constraint dunning_actions_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id)
   )`,
  `create index dunning_actions_by_customer on dunning_actions (customer_id, as_of)`,
  `create table timeline (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     as_of date not null,
     at timestamptz not null default now(),
     kind text not null check (kind in ('action', 'skip', 'event')),
     code text not null,
     currency char(3),
     item text,
     step text,
     detail text not null,
     action_id bigint references dunning_actions(id),
     constraint timeline_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id)
   )`,
  // A re-run of the same day records each skip or event once.
  `create unique index timeline_once_a_day on timeline
     (customer_id, as_of, kind, code, coalesce(currency, ''), coalesce(item, ''), coalesce(step, ''))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
