import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export interface TimelineEntry {
  readonly id: number;
  readonly asOf: string;
  readonly at: string;
  readonly kind: 'action' | 'skip' | 'event';
  readonly code: string;
  readonly currency: string | null;
  readonly item: string | null;
  readonly step: string | null;
  readonly detail: string;
  readonly actionId: number | null;
  /** The documents rendered for the entry's action (e-mail as sent, letter PDF). */
  readonly documents: { readonly id: number; readonly kind: string }[];
}

/**
 * A customer's story, newest first: every action and skip of the runs and every event
 * (deliveries, calls, promises, disputes, holds, replies, webhooks…), with the documents of
 * each action. `before` pages back from an entry id.
 */
export async function listTimeline(
  db: Kysely<DB>,
  customerId: number,
  options: { readonly before?: number | undefined; readonly limit: number },
): Promise<{ entries: TimelineEntry[]; nextBefore: number | null }> {
  const rows = await db
    .selectFrom('timeline')
    .select(['id', 'as_of', 'at', 'kind', 'code', 'currency', 'item', 'step', 'detail'])
    .select('action_id')
    .where('customer_id', '=', customerId)
    .$if(options.before !== undefined, (q) => q.where('id', '<', options.before!))
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const actionIds = [...new Set(page.flatMap((r) => (r.action_id === null ? [] : [r.action_id])))];
  const documents =
    actionIds.length === 0
      ? []
      : await db
          .selectFrom('documents')
          .select(['id', 'kind', 'action_id'])
          .where('action_id', 'in', actionIds)
          .orderBy('id')
          .execute();
  return {
    entries: page.map((r) => ({
      id: r.id,
      asOf: r.as_of,
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      code: r.code,
      currency: r.currency,
      item: r.item,
      step: r.step,
      detail: r.detail,
      actionId: r.action_id,
      documents: documents
        .filter((d) => d.action_id === r.action_id)
        .map((d) => ({ id: d.id, kind: d.kind })),
    })),
    nextBefore: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
