import type { Generated, ColumnType } from 'kysely';

/** Kysely's view of the tables created by the migrations (see migrations/). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CurrenciesTable {
  code: string;
  exponent: number;
}

export interface CompaniesTable {
  id: Generated<number>;
  code: string;
  name: string;
  country: string;
  currency: string;
  timezone: Generated<string>;
  locale: Generated<string>;
  max_ledger_age_hours: Generated<number>;
  promise_grace_days: Generated<number>;
  net_credits: Generated<boolean>;
  hold_tolerance_days: Generated<number>;
  created_at: Timestamp;
  /** The company profile (migration 0006): letterhead, sender, bank details (docs/documents.md). */
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  /** The collection address: From of every e-mail. */
  email: string | null;
  website: string | null;
  vat_number: string | null;
  registration: string | null;
  iban: string | null;
  bic: string | null;
  logo_path: string | null;
  /** null: by country (FR → fr-c56, else din5008b). */
  letter_window: 'din5008b' | 'fr-c56' | null;
  signature_name: string | null;
  signature_title: string | null;
  /** Collectors may read the customers of other portfolios (migration 0011). */
  collectors_read_all: Generated<boolean>;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  company_id: number;
  kind: 'customers' | 'contacts' | 'items' | 'payments';
  file_name: string;
  file_sha256: string;
  snapshot: boolean;
  as_of: string;
  row_count: number;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  settled: Generated<number>;
  created_at: Timestamp;
}

export interface CustomersTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  name: string;
  country: string;
  language: string;
  currency: string;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  segment: string | null;
  collector: string | null;
  sales_owner: string | null;
  scenario: string | null;
  credit_limit_minor: number | null;
  status: Generated<'active' | 'on_hold' | 'blocked' | 'litigation' | 'excluded'>;
  hold_until: string | null;
  hold_reason: string | null;
  import_batch_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  email_invalid_at: Date | null;
  /** A call found the number wrong (migration 0008): set by a `wrong_contact` call outcome. */
  phone_invalid_at: Date | null;
  phone_invalid_reason: string | null;
  import_batch_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ItemsTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  number: string;
  type: 'invoice' | 'credit_note' | 'payment';
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  open_minor: number;
  po_number: string | null;
  document_url: string | null;
  disputed: boolean;
  dispute_reason: string | null;
  settled_on: string | null;
  settled_by_batch_id: number | null;
  hold_until: string | null;
  hold_reason: string | null;
  import_batch_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentsTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  reference: string;
  received_on: string;
  currency: string;
  amount_minor: number;
  import_batch_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AllocationsTable {
  payment_id: number;
  item_id: number;
  amount_minor: number;
}

export interface LedgerSyncTable {
  company_id: number;
  ledger_synced_at: Date;
  last_import_batch_id: number | null;
}

export interface PromisesTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  currency: string;
  promised_date: string;
  amount_minor: number;
  items: string[];
  status: Generated<'open' | 'kept' | 'broken' | 'cancelled'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DunningRunsTable {
  id: Generated<number>;
  company_id: number;
  as_of: string;
  status: Generated<'running' | 'done' | 'failed'>;
  forced: boolean;
  customers: Generated<number>;
  actions: Generated<number>;
  skips: Generated<number>;
  started_at: Timestamp;
  finished_at: Date | null;
}

export interface DunningActionsTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  run_id: number;
  as_of: string;
  currency: string;
  type: 'step' | 'sales_check';
  step_id: string;
  step_kind: string;
  step_name: string;
  scenario_code: string;
  scenario_version: number;
  kinds: string[];
  mode: 'auto' | 'confirm' | 'manual';
  state: 'planned' | 'awaiting_approval' | 'approved' | 'cancelled' | 'done';
  overdue_minor: number;
  not_due_minor: number;
  balance_minor: number;
  items: string[];
  reasons: string[];
  idempotency_key: string;
  created_at: Timestamp;
  /** Why a cancelled action was cancelled (migration 0005): a stable code. */
  cancel_reason: string | null;
  cancelled_on: string | null;
}

export interface TimelineTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  as_of: string;
  at: Timestamp;
  kind: 'action' | 'skip' | 'event';
  code: string;
  currency: string | null;
  item: string | null;
  step: string | null;
  detail: string;
  action_id: number | null;
}

/**
 * The timeline table with its `source` (migration 0004): 'run' rows are unique per
 * customer, day, kind, code, currency, item and step; 'ledger' rows record every change.
 */
export interface TimelineWithSourceTable extends TimelineTable {
  source: Generated<'run' | 'ledger'>;
}

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

/** A company's own template version (migration 0006); the defaults apply where there is none. */
export interface TemplatesTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  language: 'en' | 'fr' | 'de' | 'es';
  version: number;
  kind: 'email' | 'letter' | 'call_script' | 'sms' | 'internal';
  name: string | null;
  subject: string | null;
  body: string;
  created_at: Timestamp;
}

export type DocumentKind = 'email' | 'letter' | 'call_script' | 'sms' | 'internal' | 'statement';

/** A rendered document (migration 0006): immutable, a trigger refuses UPDATE and DELETE. */
export interface DocumentsTable {
  id: Generated<number>;
  company_id: number;
  customer_id: number;
  action_id: number | null;
  /** A promise confirmation's document. */
  promise_id: Generated<number | null>;
  kind: DocumentKind;
  template_code: string;
  language: string;
  /** 0: the built-in default template. */
  template_version: number;
  media_type: string;
  /** Hex SHA-256 of `content` (PDF bytes) or of `content_text` (UTF-8). */
  sha256: string;
  /** jsonb: what the document was rendered from (written as text, read back parsed). */
  context: unknown;
  content: Buffer | null;
  content_text: string | null;
  /** E-mails: the plain-text part. */
  plain_text: string | null;
  subject: string | null;
  created_at: Timestamp;
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

/** A role of the collector workspace (migration 0011, src/core/auth/roles.ts). */
export type UserRole = 'admin' | 'credit_manager' | 'collector' | 'sales' | 'viewer';

/** A person who signs in (migration 0011, src/auth/). */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased; unique on lower(email). */
  email: string;
  display_name: string;
  role: UserRole;
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (src/auth/password-hash.ts). */
  password_hash: string;
  /** The name in customers.collector (collector) or customers.sales_owner (sales). */
  portfolio_name: string | null;
  disabled_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A signed-in browser (migration 0011): only the SHA-256 of the cookie's session id is kept. */
export interface SessionsTable {
  id: Generated<number>;
  id_sha256: string;
  csrf_token: string;
  user_id: number;
  created_at: Timestamp;
  /** The absolute end (created + 7 days); the idle limit counts from last_seen_at. */
  expires_at: Date | string;
  last_seen_at: Timestamp;
  ip: string | null;
}

/** A token for integrations (migration 0011): only its SHA-256 and a visible prefix are kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: UserRole;
  user_id: number | null;
  token_sha256: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Who did what (migration 0011). Neither user nor token: the command line. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  token_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** jsonb: written as text, read back parsed. */
  detail: ColumnType<unknown, string | null, string | null>;
  ip: string | null;
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

export interface DB {
  currencies: CurrenciesTable;
  companies: CompaniesTable;
  import_batches: ImportBatchesTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  items: ItemsTable;
  payments: PaymentsTable;
  allocations: AllocationsTable;
  ledger_sync: LedgerSyncTable;
  promises: PromisesTable;
  dunning_runs: DunningRunsTable;
  dunning_actions: DunningActionsTable;
  timeline: TimelineWithSourceTable;
  templates: TemplatesTable;
  documents: DocumentsTable;
  outbox: OutboxTable;
  letter_batches: LetterBatchesTable;
  inbound_messages: InboundMessagesTable;
  tasks: TasksTable;
  promise_confirmations: PromiseConfirmationsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  item_documents: ItemDocumentsTable;
}
