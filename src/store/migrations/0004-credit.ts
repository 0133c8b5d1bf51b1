import { sql, type Kysely } from 'kysely';

/**
 * Credit management: how many days overdue a company tolerates before an account
 * held by dunning stays held, and a `source` on timeline rows. The run records its
 * skips and events once a day (the unique index); changes made by people and by the
 * ledger use-cases (promises, disputes, holds, approvals, account holds) are all kept,
 * so the index now applies to the run's rows only.
 */
const statements = [
  `alter table companies
     add column hold_tolerance_days integer not null default 0 check (hold_tolerance_days >= 0)`,
  `alter table timeline
     add column source text not null default 'run' check (source in ('run', 'ledger'))`,
  `drop index timeline_once_a_day`,
  `create unique index timeline_once_a_day on timeline
     (customer_id, as_of, kind, code, coalesce(currency, ''), coalesce(item, ''), coalesce(step, ''))
     where source = 'run'`,
  `create index timeline_by_customer on timeline (customer_id, as_of)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
