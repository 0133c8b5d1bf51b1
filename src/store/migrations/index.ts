import type { Migration } from 'kysely';
import * as ledger from './0001-ledger.ts';
import * as scenarios from './0002-scenarios.ts';
import * as dunning from './0003-dunning.ts';
import * as credit from './0004-credit.ts';
import * as recheck from './0005-recheck.ts';
import * as documents from './0006-documents.ts';
import * as outbox from './0007-outbox.ts';
import * as tasks from './0008-tasks.ts';
import * as webhooks from './0009-webhooks.ts';
import * as lettersInbound from './0010-letters-inbound.ts';
import * as users from './0011-users.ts';
import * as invoiceDocuments from './0012-invoice-documents.ts';
import * as jobs from './0013-jobs.ts';
import * as changeSignal from './0014-change-signal.ts';
import * as ledgerListIndexes from './0015-ledger-list-indexes.ts';

/** Every migration, in order. Names sort the same way; never rename or edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': ledger,
  '0002-scenarios': scenarios,
  '0003-dunning': dunning,
  '0004-credit': credit,
  '0005-recheck': recheck,
  '0006-documents': documents,
  '0007-outbox': outbox,
  '0008-tasks': tasks,
  '0009-webhooks': webhooks,
  '0010-letters-inbound': lettersInbound,
  '0011-users': users,
  '0012-invoice-documents': invoiceDocuments,
  '0013-jobs': jobs,
  '0014-change-signal': changeSignal,
  '0015-ledger-list-indexes': ledgerListIndexes,
};
