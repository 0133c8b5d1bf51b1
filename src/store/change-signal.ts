/**
 * The database's change signal (migration 0014, docs/adr/0010-response-cache.md): a
 * statement-level trigger on each watched table sends `NOTIFY relance_ledger_changed, '<schema>'`,
 * delivered when the writing transaction commits. The API's response cache listens to it.
 */

/** The NOTIFY channel. */
export const CHANGE_CHANNEL = 'relance_ledger_changed';

/** The name of the trigger on every watched table. */
export const CHANGE_TRIGGER = 'relance_changed';

/**
 * The tables deliberately left without the trigger: written often, read by no cached answer
 * (sign-in and audit bookkeeping, the delivery machinery, templates, jobs' progress) — plus
 * Kysely's own. Every other table must have it: a test checks that each table is one or the
 * other, so that a new table is a decision, not an oversight.
 */
export const UNWATCHED_TABLES: readonly string[] = [
  'users',
  'sessions',
  'api_tokens',
  'audit_log',
  'templates',
  'documents',
  'item_documents',
  'outbox',
  'letter_batches',
  'promise_confirmations',
  'inbound_messages',
  'webhook_endpoints',
  'webhook_deliveries',
  'jobs',
  'kysely_migration',
  'kysely_migration_lock',
];

/** What a change feed tells its listener. */
export interface ChangeHandlers {
  /** A transaction that changed a watched table committed. */
  changed(): void;
  /**
   * Whether every committed change is being reported. False when the listening connection is
   * lost (changes may be missed until it is back) or the signal is missing; true again once
   * listening resumes — changes made in between were not reported, so treat it as a change.
   */
  listening(on: boolean): void;
}

/** A subscription to the change signal. */
export interface ChangeFeed {
  /**
   * Resolves once every change committed before the call has been reported through
   * `changed()`; rejects when that cannot be known (connection lost, timeout).
   */
  sync(): Promise<void>;
  /** Stops listening; `listening(false)` is not called. */
  close(): Promise<void>;
}
