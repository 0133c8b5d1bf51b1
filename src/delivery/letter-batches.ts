import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

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
): Promise<BatchView[]> {
  const rows = await db
    .selectFrom('letter_batches')
    .selectAll()
    .where('company_id', '=', companyId)
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
