import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { invalid, openContext, type Scope } from '../ledger/ledger-context.ts';

export interface DeliveryView {
  readonly id: number;
  readonly endpointId: number;
  readonly url: string;
  readonly eventId: string;
  readonly type: string;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  /** pending: when the next attempt is due. */
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
  /** The body sent, parsed. */
  readonly payload: unknown;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

export interface DeliveryLogInput extends Scope {
  readonly state?: string | undefined;
  readonly endpoint?: string | number | undefined;
  /** Newest first, at most this many (default 50). */
  readonly limit?: number | undefined;
}

/** The company's webhook deliveries, newest first. */
export async function listDeliveries(
  db: Kysely<DB>,
  input: DeliveryLogInput,
): Promise<DeliveryView[]> {
  const ctx = await openContext(db, input);
  const problems: Problem[] = [];
  if (input.state !== undefined && !(DELIVERY_STATES as readonly string[]).includes(input.state)) {
    problems.push({
      field: 'state',
      value: input.state,
      expected: `one of ${DELIVERY_STATES.join(', ')}`,
    });
  }
  const endpoint = input.endpoint === undefined ? undefined : Number(input.endpoint);
  if (endpoint !== undefined && (!Number.isSafeInteger(endpoint) || endpoint <= 0)) {
    problems.push({ field: 'endpoint', value: String(input.endpoint), expected: 'an endpoint id' });
  }
  if (problems.length > 0) throw invalid('invalid delivery log filter', problems);
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .selectAll('d')
    .select('e.url')
    .where('d.company_id', '=', ctx.company.id);
  if (input.state !== undefined) {
    query = query.where('d.state', '=', input.state as 'pending');
  }
  if (endpoint !== undefined) query = query.where('d.endpoint_id', '=', endpoint);
  const rows = await query
    .orderBy('d.id', 'desc')
    .limit(input.limit ?? 50)
    .execute();
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    url: r.url,
    eventId: r.event_id,
    type: r.event_type,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'pending' ? iso(r.next_attempt_at) : null,
    lastAttemptAt: iso(r.last_attempt_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_at),
    createdAt: new Date(r.created_at).toISOString(),
    payload: JSON.parse(r.payload) as unknown,
  }));
}
