import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, WebhookDeliveriesTable } from '../store/schema.ts';
import { codesOf, eventTypeOf, subscribes } from './event-types.ts';

export interface EnqueueWebhooksOptions {
  /** When the new deliveries are first due (default: now). */
  readonly now?: Date | undefined;
  /**
   * While other transactions are running, timeline rows younger than this are read again
   * at the next call (default 600 s): a transaction that took an id earlier may still
   * commit it. Deliveries are unique per endpoint and event, so reading twice is harmless.
   */
  readonly settleSeconds?: number | undefined;
  /** Timeline rows read per query (default 1000). */
  readonly pageSize?: number | undefined;
}

/** The JSON body of every delivery of an event (docs/tasks-and-webhooks.md). */
export interface WebhookPayload {
  /** `evt_<timeline id>`: the same for every endpoint and every attempt (deduplicate on it). */
  readonly id: string;
  readonly type: string;
  /** When the event was recorded, UTC. */
  readonly occurredAt: string;
  /** The company's code. */
  readonly company: string;
  readonly customer: { readonly code: string; readonly name: string };
  readonly data: {
    /** The timeline code (e.g. EMAIL_SENT for `action.sent`). */
    readonly code: string;
    readonly detail: string;
    /** The business date of the event. */
    readonly asOf: string;
    readonly currency: string | null;
    readonly item: string | null;
    readonly step: string | null;
    readonly actionId: number | null;
  };
}

/**
 * Turns the company's timeline events recorded since each endpoint's cursor into
 * deliveries (state pending, due now), one per endpoint subscribing to the event's type,
 * then moves the cursors forward. Safe to call at any time, several times, from several
 * processes: a delivery is unique per endpoint and timeline row.
 *
 * Timeline ids are taken when a row is inserted but seen when its transaction commits,
 * so a lower id can appear after a higher one. The cursor therefore only moves to a point
 * below which nothing more can appear: the newest id when no other transaction is running
 * at that moment, else the newest row older than `settleSeconds`. Rows after the cursor
 * are read again next time and find their deliveries already there.
 */
export async function enqueueWebhooks(
  db: Kysely<DB>,
  companyId: number,
  options: EnqueueWebhooksOptions = {},
): Promise<{ enqueued: number }> {
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events', 'cursor_id'])
    .where('company_id', '=', companyId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  if (endpoints.length === 0) return { enqueued: 0 };
  const horizon = await settledHorizon(db, options.settleSeconds ?? 600);
  const company = await db
    .selectFrom('companies')
    .select('code')
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const codes = [...new Set(endpoints.flatMap((e) => codesOf(e.events)))];
  const pageSize = options.pageSize ?? 1000;
  const now = options.now ?? new Date();
  let after = Math.min(...endpoints.map((e) => Number(e.cursor_id)));
  let enqueued = 0;
  while (codes.length > 0) {
    const rows = await db
      .selectFrom('timeline as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.id', 't.code', 't.as_of', 't.at', 't.currency', 't.item', 't.step'])
      .select(['t.detail', 't.action_id', 'c.code as customer_code', 'c.name as customer_name'])
      .where('t.company_id', '=', companyId)
      .where('t.id', '>', after)
      .where('t.code', 'in', codes)
      .orderBy('t.id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const values: Insertable<WebhookDeliveriesTable>[] = [];
    for (const r of rows) {
      const type = eventTypeOf(r.code);
      if (!type) continue;
      const payload: WebhookPayload = {
        id: `evt_${r.id}`,
        type,
        occurredAt: new Date(r.at).toISOString(),
        company: company.code,
        customer: { code: r.customer_code, name: r.customer_name },
        data: {
          code: r.code,
          detail: r.detail,
          asOf: r.as_of,
          currency: r.currency,
          item: r.item,
          step: r.step,
          actionId: r.action_id,
        },
      };
      const body = JSON.stringify(payload);
      for (const e of endpoints) {
        if (r.id <= Number(e.cursor_id) || !subscribes(e.events, type)) continue;
        values.push({
          company_id: companyId,
          endpoint_id: e.id,
          timeline_id: r.id,
          event_id: payload.id,
          event_type: type,
          payload: body,
          next_attempt_at: now,
        });
      }
    }
    if (values.length > 0) {
      const inserted = await db
        .insertInto('webhook_deliveries')
        .values(values)
        .onConflict((oc) => oc.columns(['endpoint_id', 'timeline_id']).doNothing())
        .returning('id')
        .execute();
      enqueued += inserted.length;
    }
    if (rows.length < pageSize) break;
  }
  if (horizon !== null) {
    await db
      .updateTable('webhook_endpoints')
      .set((eb) => ({ cursor_id: eb.fn('greatest', [eb.ref('cursor_id'), eb.val(horizon)]) }))
      .where(
        'id',
        'in',
        endpoints.map((e) => e.id),
      )
      .execute();
  }
  return { enqueued };
}

/**
 * The highest timeline id below which no row can still appear, read before the events:
 * the newest id when no other transaction holds a transaction id, else the newest row
 * recorded more than `settleSeconds` ago.
 */
async function settledHorizon(db: Kysely<DB>, settleSeconds: number): Promise<number | null> {
  const { rows } = await sql<{ running: number; newest: number | null }>`
    select (select count(*) from pg_snapshot_xip(pg_current_snapshot()))::int as running,
           (select max(id) from timeline) as newest`.execute(db);
  const first = rows[0];
  if (!first || first.newest === null) return null;
  if (Number(first.running) === 0) return Number(first.newest);
  const settled = await sql<{ id: number | null }>`
    select max(id) as id from timeline
    where at < now() - make_interval(secs => ${settleSeconds})`.execute(db);
  const id = settled.rows[0]?.id;
  return id === null || id === undefined ? null : Number(id);
}
