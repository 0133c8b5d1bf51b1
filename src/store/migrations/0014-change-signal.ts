import { sql, type Kysely } from 'kysely';

/**
 * The change signal behind the API's response cache (docs/adr/0010-response-cache.md): every
 * statement that changes one of the tables below — insert, update, delete, truncate, whatever
 * the writer (the API, `relance import`, a run, another server, psql) — sends
 * `NOTIFY relance_ledger_changed` with the table's schema as payload. PostgreSQL delivers it
 * only when the transaction commits (never for a rollback), once per transaction however many
 * statements sent it, and after the change is visible to new snapshots.
 *
 * Watched: what the cached answers (customers list, account, dashboard, worklist) and the
 * access checks read, and the rest of the customer's ledger and collection state. Not watched
 * (see UNWATCHED_TABLES in src/store/change-signal.ts): sign-in and audit bookkeeping, the
 * delivery machinery, templates, jobs' progress — written often, read by no cached answer.
 * This list is frozen with the migration; a later table gets its trigger in its own migration.
 */
const WATCHED = [
  'currencies',
  'companies',
  'import_batches',
  'customers',
  'contacts',
  'items',
  'payments',
  'allocations',
  'ledger_sync',
  'scenarios',
  'scenario_versions',
  'scenario_assignments',
  'promises',
  'dunning_runs',
  'dunning_actions',
  'timeline',
  'tasks',
];

const statements = [
  `create function relance_notify_change() returns trigger language plpgsql as $$
   begin
     perform pg_notify('relance_ledger_changed', tg_table_schema);
     return null;
   end $$`,
  ...WATCHED.map(
    (table) => `create trigger relance_changed
       after insert or update or delete or truncate on ${table}
       for each statement execute function relance_notify_change()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
