import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { StoredContext } from '../documents/compose-action.ts';

export interface BatchView {
  readonly id: number;
  readonly runId: number | null;
  readonly letters: number;
  readonly registered: number;
  readonly pages: number;
  readonly sha256: string;
  readonly createdAt: string;
  readonly postedOn: string | null;
}

/** The company's print batches, newest first. */
export async function listBatches(
  db: Kysely<DB>,
  companyId: number,
  limit = 100,
  /** Only this batch. */
  id?: number,
): Promise<BatchView[]> {
  const rows = await db
    .selectFrom('letter_batches')
    .selectAll()
    .where('company_id', '=', companyId)
    .$if(id !== undefined, (q) => q.where('id', '=', id!))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((b) => ({
    id: b.id,
    runId: b.run_id,
    letters: b.letters,
    registered: b.registered,
    pages: b.pages,
    sha256: b.sha256,
    createdAt: b.created_at.toISOString(),
    postedOn: b.posted_on,
  }));
}

/**
 * The letters of a print batch by customer code: each outbox row with its reference (the
 * letter's own, or CODE-ACTION) and whether it is registered (needs a tracking number).
 */
export async function batchLetters(db: Kysely<DB>, batchId: number) {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('documents as d', (j) =>
      j.onRef('d.action_id', '=', 'o.action_id').on('d.kind', '=', 'letter'),
    )
    .select(['o.id', 'o.state', 'o.company_id', 'o.customer_id', 'o.action_id', 'o.recipient'])
    .select(['c.code', 'd.context'])
    .where('o.batch_id', '=', batchId)
    .orderBy('c.code')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => {
    const context = r.context as StoredContext | null;
    return {
      row: r,
      reference: context?.letter?.reference ?? `${r.code}-${r.action_id}`,
      registered: context?.registered === true,
    };
  });
}

/** One batch of the company with its letters, or undefined. */
export async function getBatch(db: Kysely<DB>, companyId: number, batchId: number) {
  const batch = (await listBatches(db, companyId, 1, batchId))[0];
  if (!batch) return undefined;
  const letters = await batchLetters(db, batchId);
  return {
    ...batch,
    letters: letters.map((l) => ({
      outboxId: l.row.id,
      customer: l.row.code,
      reference: l.reference,
      registered: l.registered,
      state: l.row.state,
    })),
  };
}
