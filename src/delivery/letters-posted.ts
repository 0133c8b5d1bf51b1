import type { Kysely } from 'kysely';
import { AppError, type Problem } from '../core/errors.ts';
import { parseLocalDate } from '../core/calendar/local-date.ts';
import { todayIn } from '../store/companies.ts';
import type { DB } from '../store/schema.ts';
import { recordEvents } from '../ledger/ledger-context.ts';
import { batchLetters } from './letter-batches.ts';
import { completeActions } from './outbox-rows.ts';

export interface PostedRequest {
  readonly batchId: number;
  /** Tracking numbers of the registered letters, by the letter's reference (or customer code). */
  readonly tracking?: Readonly<Record<string, string>> | undefined;
  /** The day the batch went to the post office (default: today in the company's time zone). */
  readonly postedOn?: string | undefined;
  readonly now?: Date | undefined;
}

export interface PostedReport {
  readonly batchId: number;
  readonly postedOn: string;
  /** Letters now sent. */
  readonly sent: number;
  /** Letters of the batch cancelled after printing (pulled from the stack): not posted. */
  readonly skipped: number;
  readonly letters: readonly {
    readonly outboxId: number;
    readonly reference: string;
    readonly customer: string;
    readonly registered: boolean;
    readonly trackingNumber: string | null;
  }[];
}

/** What a tracking number may look like: letters, digits, spaces, dashes (e.g. "1A 234 567 8901 2"). */
const TRACKING = /^[A-Za-z0-9][A-Za-z0-9 -]{3,38}[A-Za-z0-9]$/;

/**
 * Records that a print batch went to the post office: its printed letters become `sent`
 * (DELIVERY_SENT in each customer's timeline, webhook `action.sent`), registered letters
 * with their tracking number — every registered letter needs one, and every number given
 * must name a letter of the batch: otherwise nothing changes and every problem is listed.
 * A batch is posted once.
 */
export async function markBatchPosted(
  db: Kysely<DB>,
  companyId: number,
  request: PostedRequest,
): Promise<PostedReport> {
  const company = await db
    .selectFrom('companies')
    .select(['id', 'timezone'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const now = request.now ?? new Date();
  const problems: Problem[] = [];
  let postedOn = todayIn(company.timezone, now);
  if (request.postedOn !== undefined) {
    if (parseLocalDate(request.postedOn) === null) {
      problems.push({ field: 'posted-on', value: request.postedOn, expected: 'a date YYYY-MM-DD' });
    } else postedOn = request.postedOn;
  }
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom('letter_batches')
      .selectAll()
      .where('id', '=', request.batchId)
      .where('company_id', '=', companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!batch) {
      throw new AppError('NOT_FOUND', `no print batch ${request.batchId}`, [
        {
          field: 'batch',
          value: String(request.batchId),
          expected: 'the id of a print batch of the company (relance letters batch prints it)',
        },
      ]);
    }
    if (batch.posted_on !== null) {
      throw new AppError('CONFLICT', `batch ${batch.id} was posted on ${batch.posted_on}`, [
        { field: 'batch', value: String(batch.id), expected: 'a batch not posted yet' },
      ]);
    }
    const letters = await batchLetters(trx, batch.id);
    const tracking = new Map<number, string>();
    for (const [key, raw] of Object.entries(request.tracking ?? {})) {
      const number = raw.trim();
      const matches = letters.filter((l) => l.reference === key || l.row.code === key);
      if (matches.length !== 1) {
        problems.push({
          field: `tracking ${key}`,
          value: raw,
          expected:
            matches.length === 0
              ? `the reference of a letter of batch ${batch.id}: ${letters.map((l) => l.reference).join(', ')}`
              : `one letter, but customer ${key} has ${matches.length} in the batch: use the references ${matches.map((l) => l.reference).join(', ')}`,
        });
        continue;
      }
      if (!TRACKING.test(number)) {
        problems.push({
          field: `tracking ${key}`,
          value: raw,
          expected: 'a tracking number: 5 to 40 letters, digits, spaces or dashes',
        });
      }
      tracking.set(matches[0]!.row.id, number);
    }
    const live = letters.filter((l) => l.row.state === 'printed');
    for (const l of live) {
      if (l.registered && !tracking.has(l.row.id)) {
        problems.push({
          field: `tracking ${l.reference}`,
          value: '',
          expected: `the tracking number of the registered letter to ${l.row.code}: --tracking ${l.reference}=NUMBER`,
        });
      }
    }
    if (problems.length > 0) {
      throw new AppError('INVALID_INPUT', `batch ${batch.id} not marked posted`, problems);
    }
    for (const l of live) {
      const number = tracking.get(l.row.id) ?? null;
      await trx
        .updateTable('outbox')
        .set({
          state: 'sent',
          sent_at: now,
          tracking_number: number,
          provider_response: `posted on ${postedOn}${number ? `, tracking ${number}` : ''}`,
          last_error: null,
          updated_at: now,
        })
        .where('id', '=', l.row.id)
        .execute();
    }
    await trx
      .updateTable('letter_batches')
      .set({ posted_on: postedOn, posted_at: now })
      .where('id', '=', batch.id)
      .execute();
    await recordEvents(
      trx,
      live.map((l) => ({
        companyId: l.row.company_id,
        customerId: l.row.customer_id,
        asOf: postedOn,
        code: 'DELIVERY_SENT',
        actionId: l.row.action_id,
        detail: `${l.registered ? 'registered letter' : 'letter'} #${l.row.id} (${l.reference}) posted on ${postedOn} in batch ${batch.id}${tracking.get(l.row.id) ? `, tracking ${tracking.get(l.row.id)}` : ''}`,
      })),
    );
    await completeActions(
      trx,
      live.map((l) => l.row.action_id),
    );
    return {
      batchId: batch.id,
      postedOn,
      sent: live.length,
      skipped: letters.length - live.length,
      letters: live.map((l) => ({
        outboxId: l.row.id,
        reference: l.reference,
        customer: l.row.code,
        registered: l.registered,
        trackingNumber: tracking.get(l.row.id) ?? null,
      })),
    };
  });
}
