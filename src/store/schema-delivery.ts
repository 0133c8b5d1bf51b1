/** Kysely's view of the delivery tables (migrations 0007–0010, 0012): outbox, letters, inbound mail, tasks, webhooks. */
import type { Generated } from 'kysely';
import type { Timestamp } from './schema-columns.ts';

export type OutboxChannel = 'email' | 'letter' | 'sms' | 'task' | 'webhook';
export type OutboxState =
  'pending' | 'sending' | 'printed' | 'sent' | 'failed' | 'cancelled' | 'unknown';

/** The delivery outbox (migration 0007): one row per deliverable of an action (docs/delivery.md). */
export interface OutboxTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  /** The dunning action delivered; null for a promise confirmation (promise_id). */
  action_id: number | null;
  /** The promise to pay whose written confirmation this row is. */
  promise_id: Generated<number | null>;
  channel: OutboxChannel;
  /** The action kind delivered (email, letter, sms, call_task, notify_internal, handover). */
  kind: string;
  /** E-mail: the addresses, ', '-separated; letter: the postal address; task: the role. */
  recipient: string;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** When the current (or last) attempt started: the lease of a row in 'sending'. */
  claimed_at: Date | null;
  /** The worker's token for the current attempt. */
  claimed_by: string | null;
  last_error: string | null;
  message_id: string;
  sent_at: Date | null;
  provider_response: string | null;
  cancel_reason: string | null;
  /** The failed row this one replaces (a letter after an e-mail that bounced permanently). */
  fallback_of: number | null;
  /** Letters: the print batch the row was printed in. */
  batch_id: Generated<number | null>;
  /** Registered letters: the post office's tracking number, given when posted. */
  tracking_number: Generated<string | null>;
  /** E-mails: when a delivery status notification said the message bounced for good. */
  bounced_at: Generated<Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LetterBatchesTable {
  id: Generated<number>;
  company_id: number;
  run_id: number | null;
  letters: number;
  registered: number;
  pages: number;
  /** SHA-256 of the batch PDF as first printed. */
  sha256: string;
  created_at: Generated<Date>;
  posted_on: string | null;
  posted_at: Date | null;
}

export type InboundKind = 'bounce' | 'reply' | 'auto_reply' | 'unmatched';

export interface InboundMessagesTable {
  id: Generated<number>;
  /** SHA-256 of the raw message: the same message read twice is recorded once. */
  sha256: string;
  kind: InboundKind;
  company_id: number | null;
  customer_id: number | null;
  /** The outbox row the message answers or reports on. */
  outbox_id: number | null;
  message_id: string | null;
  from_address: string | null;
  subject: string | null;
  /** Bounces: the DSN status (5.1.1). */
  status: string | null;
  detail: string;
  /** Where it came from: 'cli', 'http', 'imap'. */
  source: string;
  size_bytes: number;
  received_at: Generated<Date>;
}

export type TaskKind = 'call_task' | 'handover' | 'notify_internal' | 'reply';
export type TaskOutcome =
  'promise' | 'dispute' | 'paid_already' | 'wrong_contact' | 'no_answer' | 'done';

/** A task for a person (migration 0008, src/tasks/): a call, a hand-over, an internal notice. */
export interface TasksTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  action_id: number | null;
  /** The PROMISE_BROKEN timeline event a call task was created for. */
  source_event_id: number | null;
  /** The call task nobody answered, that this one repeats. */
  previous_task_id: number | null;
  kind: TaskKind;
  /** Reply tasks: the customer's message. */
  inbound_message_id: Generated<number | null>;
  currency: string | null;
  step_id: string | null;
  title: string;
  due_date: string;
  assignee_role: 'collector' | 'sales_owner' | 'credit_manager';
  assignee: string | null;
  /** The call script (or notice) template code of the step's action. */
  template_code: string | null;
  contact_id: number | null;
  attempt: Generated<number>;
  state: Generated<'open' | 'done' | 'cancelled'>;
  outcome: TaskOutcome | null;
  outcome_note: string | null;
  promise_id: number | null;
  outcome_item: string | null;
  cancel_reason: string | null;
  completed_on: string | null;
  completed_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A promise taken on the phone, to be confirmed to the customer in writing (migration 0008). */
export interface PromiseConfirmationsTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  promise_id: number;
  task_id: number | null;
  template_code: string;
  state: Generated<'pending' | 'sent' | 'cancelled'>;
  created_at: Timestamp;
  sent_at: Date | null;
}

/** An outgoing webhook endpoint (migration 0009, src/webhooks/). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  company_id: number;
  url: string;
  /** Stored as given: it signs every delivery. Never printed after creation. */
  secret: string;
  events: string[];
  /** Timeline rows up to this id have been turned into deliveries. */
  cursor_id: Generated<number>;
  created_at: Timestamp;
  removed_at: Date | null;
}

/** One event for one endpoint (migration 0009): the delivery log. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  company_id: number;
  endpoint_id: number;
  timeline_id: number;
  event_id: string;
  event_type: string;
  /** The exact JSON body sent (the same bytes on every attempt). */
  payload: string;
  state: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * An invoice's own PDF fetched from `items.document_url` (migration 0012): one copy per item
 * and address, reused by every later e-mail (src/documents/invoice-attachments.ts).
 */
export interface ItemDocumentsTable {
  id: Generated<number>;
  item_id: number;
  url: string;
  /** Hex SHA-256 of `content`. */
  sha256: string;
  content: Buffer;
  media_type: string;
  /** Bytes of `content`. */
  size: number;
  fetched_at: Timestamp;
}
