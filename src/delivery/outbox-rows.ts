import { sql, type Kysely } from 'kysely';
import type { DB, OutboxChannel } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { recordEvents, type LedgerEvent } from '../ledger/ledger-context.ts';
import type { OutboxRow } from './composer.ts';
import { messageIdFor } from './enqueue.ts';

/**
 * The state changes of outbox rows, each one short transaction. Every change made after an
 * attempt names the attempt's token (`claimed_by`): a worker can only finish what it claimed.
 */

/** A claimed row, with the state its action had when it was claimed. */
export type ClaimedRow = OutboxRow & {
  readonly action_state: string;
  readonly action_cancel_reason: string | null;
};

/**
 * Claims up to `limit` due rows of these channels: state 'sending', one more attempt, the
 * claim time and token — committed before anything is sent. `FOR UPDATE SKIP LOCKED` lets
 * any number of workers claim side by side without ever taking the same row.
 */
export async function claimRows(
  db: Kysely<DB>,
  options: {
    readonly channels: readonly OutboxChannel[];
    readonly now: Date;
    readonly token: string;
    readonly limit: number;
    readonly companyId?: number | undefined;
  },
): Promise<ClaimedRow[]> {
  const company =
    options.companyId === undefined ? sql`` : sql`and company_id = ${options.companyId}`;
  const result = await sql<ClaimedRow>`
    update outbox o set state = 'sending', attempts = o.attempts + 1, claimed_at = ${options.now},
      claimed_by = ${options.token}, updated_at = ${options.now}
    from (
      select id from outbox
      where state = 'pending' and next_attempt_at <= ${options.now}
        and channel in (${sql.join(options.channels)}) ${company}
      order by next_attempt_at, id
      limit ${options.limit}
      for update skip locked) due
    where o.id = due.id
    returning o.*,
      -- A promise confirmation reads as an action that is cancelled once the promise is not
      -- open any more (kept, broken, cancelled): nothing to confirm then.
      coalesce(
        (select a.state from dunning_actions a where a.id = o.action_id),
        (select case when p.status = 'open' then 'planned' else 'cancelled' end
           from promises p where p.id = o.promise_id)) as action_state,
      coalesce(
        (select a.cancel_reason from dunning_actions a where a.id = o.action_id),
        (select 'PROMISE_' || upper(p.status) from promises p
           where p.id = o.promise_id and p.status <> 'open')) as action_cancel_reason`.execute(db);
  return result.rows;
}

/** One due row (see claimRows). */
export async function claimNext(
  db: Kysely<DB>,
  options: Omit<Parameters<typeof claimRows>[1], 'limit'>,
): Promise<ClaimedRow | undefined> {
  return (await claimRows(db, { ...options, limit: 1 }))[0];
}

/**
 * Rows left in 'sending' longer than the lease were being sent by a worker that stopped
 * (killed, crashed, lost its database connection): the server may or may not have accepted
 * the message. They become 'unknown' — never sent again without a person deciding — with
 * an event in the customer's timeline.
 */
export async function markInterrupted(
  db: Kysely<DB>,
  options: {
    readonly now: Date;
    readonly leaseMs: number;
    readonly today: (companyId: number) => LocalDate;
    readonly companyId?: number | undefined;
  },
): Promise<OutboxRow[]> {
  const before = new Date(options.now.getTime() - options.leaseMs);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('outbox')
      .set({
        state: 'unknown',
        updated_at: options.now,
        last_error:
          'interrupted: the worker stopped while sending; the message may have been delivered',
      })
      .where('state', '=', 'sending')
      .where('claimed_at', '<', before)
      .$if(options.companyId !== undefined, (q) => q.where('company_id', '=', options.companyId!))
      .returningAll()
      .execute();
    await recordEvents(
      trx,
      rows.map((r) =>
        event(r, options.today(r.company_id), 'DELIVERY_INTERRUPTED', {
          detail: `${describe(r)}: the worker stopped while sending (attempt ${r.attempts}); it may have been delivered — check, then relance outbox confirm ${r.id} or relance outbox retry ${r.id}`,
        }),
      ),
    );
    return rows;
  });
}

/** A successful attempt: the row, the server's reply, and the business date of the event. */
export interface Sent {
  readonly row: OutboxRow;
  readonly response: string;
  readonly today: LocalDate;
}

/**
 * Records successful attempts in ONE statement whatever their number (one round trip, one
 * commit): 'sent' with the server's reply, an EMAIL_SENT event each in the timeline, and
 * their actions done when nothing else is left to deliver. (The statement's sub-queries see
 * the rows as they were before it: the rows it marks sent are told apart by id.)
 */
export async function markSent(db: Kysely<DB>, sent: readonly Sent[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  const column = <T>(f: (s: Sent) => T) => sent.map(f);
  await sql`
    with v as (
      select unnest(${column((s) => s.row.id)}::bigint[]) as id,
        unnest(${column((s) => s.row.claimed_by ?? '')}::text[]) as token,
        unnest(${column((s) => s.response.slice(0, 2000))}::text[]) as response,
        unnest(${column((s) => s.today)}::date[]) as as_of,
        unnest(${column((s) => `${describe(s.row)} sent, ${s.row.message_id}: ${s.response.slice(0, 300)}`)}::text[]) as detail
    ),
    s as (
      update outbox o set state = 'sent', sent_at = ${now}, provider_response = v.response,
        last_error = null, cancel_reason = null, updated_at = ${now}
      from v
      where o.id = v.id and o.claimed_by = v.token and o.state in ('sending', 'unknown')
      returning o.id, o.action_id, o.promise_id
    ),
    c as (
      update promise_confirmations pc set state = 'sent', sent_at = ${now}
      where pc.promise_id in (select promise_id from s) and pc.state = 'pending'
    ),
    e as (
      insert into timeline (company_id, customer_id, as_of, kind, code, detail, action_id, source)
      select o.company_id, o.customer_id, v.as_of, 'event',
        case when o.channel = 'email' then 'EMAIL_SENT' else 'DELIVERY_SENT' end,
        v.detail, o.action_id, 'ledger'
      from v join outbox o on o.id = v.id
    )
    update dunning_actions a set state = 'done'
    where a.id in (select action_id from s) and a.state in ('planned', 'approved')
      and not exists (
        select 1 from outbox o where o.action_id = a.id and o.id not in (select id from s)
          and (o.state in ('pending', 'sending', 'unknown')
            or (o.state = 'failed' and not exists (select 1 from outbox f where f.fallback_of = o.id))))`.execute(
    db,
  );
}

/** A temporary failure: back to 'pending', due again at `nextAt`. */
export async function markRetry(
  db: Kysely<DB>,
  row: OutboxRow,
  failure: { readonly now: Date; readonly nextAt: Date; readonly error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      next_attempt_at: failure.nextAt,
      last_error: failure.error.slice(0, 2000),
      updated_at: failure.now,
    })
    .where('id', '=', row.id)
    .where('claimed_by', '=', row.claimed_by)
    .where('state', 'in', ['sending', 'unknown'])
    .execute();
}

/**
 * Held back by the per-domain limit before anything was sent: pending again at `nextAt`,
 * the attempt not counted.
 */
export async function markDeferred(
  db: Kysely<DB>,
  row: OutboxRow,
  at: { readonly now: Date; readonly nextAt: Date },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      state: 'pending',
      attempts: eb('attempts', '-', 1),
      next_attempt_at: at.nextAt,
      updated_at: at.now,
    }))
    .where('id', '=', row.id)
    .where('claimed_by', '=', row.claimed_by)
    .where('state', '=', 'sending')
    .execute();
}

/**
 * A permanent failure: 'failed', visible (`relance outbox list --state failed`), an event;
 * an e-mail then falls back to a letter when the customer has a postal address and the
 * action has no letter yet. Returns the letter row's id, if one was created.
 */
export async function markFailed(
  db: Kysely<DB>,
  row: OutboxRow,
  failure: {
    readonly now: Date;
    readonly today: LocalDate;
    readonly error: string;
    readonly domain: string;
    /** Whether a letter may replace the e-mail (not when the message could not be composed). */
    readonly fallback: boolean;
  },
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ state: 'failed', last_error: failure.error.slice(0, 2000), updated_at: failure.now })
      .where('id', '=', row.id)
      .where('claimed_by', '=', row.claimed_by)
      .where('state', 'in', ['sending', 'unknown'])
      .execute();
    const events: LedgerEvent[] = [
      event(row, failure.today, row.channel === 'email' ? 'EMAIL_FAILED' : 'DELIVERY_FAILED', {
        detail: `${describe(row)} failed after ${row.attempts} attempt(s): ${failure.error.slice(0, 300)}`,
      }),
    ];
    let letter: number | undefined;
    if (row.channel === 'email' && failure.fallback && row.action_id !== null) {
      const fallback = await fallBackToLetter(trx, { ...row, action_id: row.action_id }, failure);
      letter = fallback.letter;
      events.push(
        event(row, failure.today, 'FALLBACK_TO_LETTER', {
          detail:
            letter === undefined
              ? `no letter instead of the failed e-mail #${row.id}: ${fallback.why}`
              : `letter #${letter} instead of the failed e-mail #${row.id}, in the run's print batch`,
        }),
      );
    }
    await recordEvents(trx, events);
    if (row.action_id !== null) await completeActions(trx, [row.action_id]);
    return letter;
  });
}

/**
 * The letter that replaces a failed e-mail: the action gets the kind `letter` (reason
 * FALLBACK_TO_LETTER), so the run's print batch includes it, and an outbox row records it
 * until the letter is posted — unless the action has a letter already, or the customer no
 * postal address.
 */
export async function fallBackToLetter(
  trx: Kysely<DB>,
  row: OutboxRow & { readonly action_id: number },
  failure: { readonly now: Date; readonly domain: string },
): Promise<{ letter?: number; why: string }> {
  const a = await trx
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['a.kinds', 'c.name', 'c.address_line1', 'c.address_line2'])
    .select(['c.postal_code', 'c.city', 'c.country'])
    .where('a.id', '=', row.action_id)
    .executeTakeFirstOrThrow();
  if (a.kinds.includes('letter')) return { why: 'the action has a letter already' };
  if (!a.address_line1 || !a.city) return { why: 'the customer has no postal address' };
  await sql`
    update dunning_actions
    set kinds = array_append(kinds, 'letter'), reasons = array_append(reasons, 'FALLBACK_TO_LETTER')
    where id = ${row.action_id}`.execute(trx);
  const place = [a.postal_code, a.city].filter(Boolean).join(' ');
  const inserted = await trx
    .insertInto('outbox')
    .values({
      company_id: row.company_id,
      customer_id: row.customer_id,
      action_id: row.action_id,
      channel: 'letter',
      kind: 'letter',
      recipient: [a.name, a.address_line1, a.address_line2, place, a.country]
        .filter(Boolean)
        .join(', '),
      message_id: messageIdFor(row.action_id, 'letter', failure.domain),
      next_attempt_at: failure.now,
      fallback_of: row.id,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? { letter: inserted.id, why: '' } : { why: 'a letter row exists already' };
}

/** The action was cancelled (paid, disputed… since planning): its undelivered rows follow. */
export async function cancelRowsOfAction(
  db: Kysely<DB>,
  row: OutboxRow,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'cancelled', cancel_reason: reason, updated_at: now })
    .where((eb) =>
      row.action_id === null ? eb('id', '=', row.id) : eb('action_id', '=', row.action_id),
    )
    .where((eb) =>
      eb.or([
        eb('state', '=', 'pending'),
        eb.and([eb('id', '=', row.id), eb('claimed_by', '=', row.claimed_by)]),
      ]),
    )
    .where('state', 'in', ['pending', 'sending'])
    .execute();
}

/**
 * Rows still pending whose action was cancelled meanwhile (by the run's re-check, of any
 * channel) follow their action: cancelled with its reason. Returns how many.
 */
export async function cancelRowsOfCancelledActions(
  db: Kysely<DB>,
  now: Date,
  companyId?: number | undefined,
): Promise<number> {
  const company = companyId === undefined ? sql`` : sql`and o.company_id = ${companyId}`;
  const result = await sql`
    update outbox o set state = 'cancelled', cancel_reason = coalesce(a.cancel_reason, 'CANCELLED'),
      updated_at = ${now}
    from dunning_actions a
    where a.id = o.action_id and a.state = 'cancelled' and o.state = 'pending' ${company}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Actions are done once something went out and nothing is left to deliver: every row is
 * sent or cancelled, or failed and replaced by a fallback row.
 */
export async function completeActions(
  trx: Kysely<DB>,
  ids: readonly (number | null)[],
): Promise<void> {
  const actionIds = ids.filter((id): id is number => id !== null);
  if (actionIds.length === 0) return;
  await sql`
    update dunning_actions a set state = 'done'
    where a.id = any(${[...new Set(actionIds)]}::bigint[]) and a.state in ('planned', 'approved')
      and exists (select 1 from outbox o where o.action_id = a.id and o.state = 'sent')
      and not exists (
        select 1 from outbox o where o.action_id = a.id
          and (o.state in ('pending', 'sending', 'unknown')
            or (o.state = 'failed' and not exists (select 1 from outbox f where f.fallback_of = o.id))))`.execute(
    trx,
  );
}

export function describe(row: Pick<OutboxRow, 'id' | 'channel' | 'recipient'>): string {
  const to = row.recipient === '' ? '(no recipient)' : row.recipient;
  return `${row.channel === 'email' ? 'e-mail' : row.channel} #${row.id} to ${to.slice(0, 200)}`;
}

export function event(
  row: Pick<OutboxRow, 'company_id' | 'customer_id' | 'action_id'>,
  today: LocalDate,
  code: string,
  rest: { readonly detail: string },
): LedgerEvent {
  return {
    companyId: row.company_id,
    customerId: row.customer_id,
    asOf: today,
    code,
    actionId: row.action_id,
    detail: rest.detail,
  };
}
