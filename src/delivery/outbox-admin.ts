import type { Kysely } from 'kysely';
import type { DB, OutboxState } from '../store/schema.ts';
import { AppError, type Problem } from '../core/errors.ts';
import {
  checkText,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Scope,
} from '../ledger/ledger-context.ts';
import type { OutboxRow } from './composer.ts';
import { completeActions, describe, event } from './outbox-rows.ts';

export const OUTBOX_STATES: readonly OutboxState[] = [
  'pending',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'unknown',
];

/** An outbox row as `relance outbox list --json` shows it. */
export interface OutboxView {
  readonly id: number;
  readonly action: number | null;
  readonly customer: string;
  readonly channel: string;
  readonly kind: string;
  readonly recipient: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly messageId: string;
  readonly sentAt: string | null;
  readonly response: string | null;
  readonly cancelReason: string | null;
  readonly fallbackOf: number | null;
  /** A promise confirmation's promise (its action is null then). */
  readonly promise: number | null;
  /** Letters: the print batch, and the tracking number once posted. */
  readonly batch: number | null;
  readonly trackingNumber: string | null;
  /** E-mails: when a bounce report said the address does not exist. */
  readonly bouncedAt: string | null;
}

function view(r: OutboxRow & { customer: string }): OutboxView {
  return {
    id: r.id,
    action: r.action_id,
    customer: r.customer,
    channel: r.channel,
    kind: r.kind,
    recipient: r.recipient,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    lastError: r.last_error,
    messageId: r.message_id,
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    response: r.provider_response,
    cancelReason: r.cancel_reason,
    fallbackOf: r.fallback_of,
    promise: r.promise_id,
    batch: r.batch_id,
    trackingNumber: r.tracking_number,
    bouncedAt: r.bounced_at ? r.bounced_at.toISOString() : null,
  };
}

export async function listOutbox(
  db: Kysely<DB>,
  input: Scope & { readonly state?: string | undefined; readonly limit?: number | undefined },
): Promise<{ readonly company: string; readonly rows: readonly OutboxView[] }> {
  const { company } = await openContext(db, input);
  if (input.state !== undefined && !OUTBOX_STATES.includes(input.state as OutboxState)) {
    throw invalid('invalid filter for the outbox', [
      { field: 'state', value: input.state, expected: `one of ${OUTBOX_STATES.join(', ')}` },
    ]);
  }
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .selectAll('o')
    .select('c.code as customer')
    .where('o.company_id', '=', company.id)
    .$if(input.state !== undefined, (q) => q.where('o.state', '=', input.state as OutboxState))
    .orderBy('o.id')
    .limit(input.limit ?? 10_000)
    .execute();
  return { company: company.code, rows: rows.map(view) };
}

interface RowInput extends Scope {
  readonly id: string | number;
}

/**
 * Sends a row again: a failed one, one left 'unknown' by a stopped worker (the person
 * accepts that the customer may get it twice), or a pending one now rather than later.
 */
export async function retryOutbox(db: Kysely<DB>, input: RowInput): Promise<OutboxView> {
  const ctx = await openContext(db, input);
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const row = await findRow(trx, ctx.company.id, input.id, ['failed', 'unknown', 'pending']);
    const fallback = await trx
      .selectFrom('outbox')
      .select('id')
      .where('fallback_of', '=', row.id)
      .where('state', '<>', 'cancelled')
      .executeTakeFirst();
    if (fallback) {
      throw new AppError('CONFLICT', `outbox row ${row.id} was replaced by row ${fallback.id}`, [
        {
          field: 'id',
          value: String(row.id),
          expected: `a row without a live replacement (cancel row ${fallback.id} first)`,
        },
      ]);
    }
    await trx
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: now, claimed_by: null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordEvents(trx, [
      event(row, ctx.today, 'DELIVERY_RETRIED', {
        detail: `${describe(row)} (${row.state}) to be sent again, by request`,
      }),
    ]);
    return reread(trx, row.id);
  });
}

/** Cancels a row not yet delivered (pending, failed or unknown), with the reason given. */
export async function cancelOutbox(
  db: Kysely<DB>,
  input: RowInput & { readonly reason: string },
): Promise<OutboxView> {
  const ctx = await openContext(db, input);
  const now = input.now ?? new Date();
  const problems: Problem[] = [];
  const reason = checkText(problems, 'reason', input.reason, true);
  if (problems.length > 0 || reason === null) throw invalid('nothing cancelled', problems);
  return inTransaction(db, async (trx) => {
    const row = await findRow(trx, ctx.company.id, input.id, ['pending', 'failed', 'unknown']);
    await trx
      .updateTable('outbox')
      .set({ state: 'cancelled', cancel_reason: reason, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordEvents(trx, [
      event(row, ctx.today, 'DELIVERY_CANCELLED', {
        detail: `${describe(row)} cancelled: ${reason}`,
      }),
    ]);
    await completeActions(trx, [row.action_id]);
    return reread(trx, row.id);
  });
}

/** Records that a row left 'unknown' did go out (seen in the server's log or the mailbox). */
export async function confirmOutbox(
  db: Kysely<DB>,
  input: RowInput & { readonly note?: string | undefined },
): Promise<OutboxView> {
  const ctx = await openContext(db, input);
  const now = input.now ?? new Date();
  const problems: Problem[] = [];
  const note = checkText(problems, 'note', input.note, false);
  if (problems.length > 0) throw invalid('nothing confirmed', problems);
  return inTransaction(db, async (trx) => {
    const row = await findRow(trx, ctx.company.id, input.id, ['unknown']);
    await trx
      .updateTable('outbox')
      .set({
        state: 'sent',
        sent_at: now,
        provider_response: `confirmed by a person${note ? `: ${note}` : ''}`,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordEvents(trx, [
      event(row, ctx.today, 'DELIVERY_CONFIRMED', {
        detail: `${describe(row)} confirmed as sent${note ? `: ${note}` : ''}`,
      }),
    ]);
    await completeActions(trx, [row.action_id]);
    return reread(trx, row.id);
  });
}

async function findRow(
  trx: Kysely<DB>,
  companyId: number,
  raw: string | number,
  allowed: readonly OutboxState[],
): Promise<OutboxRow> {
  const id = Number(raw);
  if (String(raw).trim() === '' || !Number.isSafeInteger(id) || id <= 0) {
    throw invalid(`invalid outbox id ${raw}`, [
      { field: 'id', value: String(raw), expected: 'an outbox row id (a whole number)' },
    ]);
  }
  const row = await trx
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', id)
    .where('company_id', '=', companyId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', `no outbox row ${id}`, [
      { field: 'id', value: String(id), expected: 'the id of an outbox row (relance outbox list)' },
    ]);
  }
  if (!allowed.includes(row.state)) {
    throw new AppError('CONFLICT', `outbox row ${id} is ${row.state}`, [
      {
        field: 'id',
        value: String(id),
        expected: `a row that is ${allowed.join(' or ')} (row ${id} is ${row.state})`,
      },
    ]);
  }
  return row;
}

async function reread(trx: Kysely<DB>, id: number): Promise<OutboxView> {
  const row = await trx
    .selectFrom('outbox as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .selectAll('o')
    .select('c.code as customer')
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  return view(row);
}
