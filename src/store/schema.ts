import type { Generated } from 'kysely';
import type { Timestamp } from './schema-columns.ts';
import type {
  InboundMessagesTable,
  ItemDocumentsTable,
  LetterBatchesTable,
  OutboxTable,
  PromiseConfirmationsTable,
  TasksTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from './schema-delivery.ts';
import type { ApiTokensTable, AuditLogTable, SessionsTable, UsersTable } from './schema-auth.ts';
import type { JobsTable } from './schema-jobs.ts';

export type * from './schema-delivery.ts';
export type * from './schema-auth.ts';
export type * from './schema-jobs.ts';

/** Kysely's view of the tables created by the migrations (see migrations/). */

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
  jobs: JobsTable;
}
