import { sql, type Kysely } from 'kysely';
import { AppError, type Problem } from '../core/errors.ts';
import { formatDate } from '../core/templates/format.ts';
import { languageOf } from '../core/templates/types.ts';
import { documentHash } from '../store/documents.ts';
import { todayIn } from '../store/companies.ts';
import type { DB } from '../store/schema.ts';
import { recheckPendingActions } from '../runs/recheck-actions.ts';
import { enqueueActions } from './enqueue.ts';
import { cancelRowsOfCancelledActions } from './outbox-rows.ts';
import { recordEvents } from '../ledger/ledger-context.ts';
import {
  composeAction,
  type ComposeOptions,
  type StoredContext,
} from '../documents/compose-action.ts';
import type { LetterLanguage } from '../documents/pdf/letter-types.ts';
import {
  renderPrintBatch,
  type PageMap,
  type PrintBatchLetter,
} from '../documents/pdf/print-batch.ts';
import { letterCompany } from '../documents/render-document.ts';

/**
 * Print batches. The letters of executable actions are outbox rows (channel `letter`); a
 * batch takes the pending ones — of one run, or all — after re-checking their accounts
 * (a letter whose items were paid or disputed since planning is cancelled, not printed),
 * renders each once (stored as a document), lays them out into one PDF for the printer,
 * each letter on an odd page, then the list of registered letters for the post office, and
 * records the batch: its rows become `printed`. They become `sent` when the batch is
 * posted (src/delivery/letters-posted.ts). Asking again for a run whose letters are all
 * printed gives the same batch again (re-print), from the stored documents.
 */

export interface LettersBatch {
  readonly batchId: number;
  /** True when the batch had been made before (a re-print: nothing changed). */
  readonly reprint: boolean;
  readonly runId: number | null;
  readonly asOf: string;
  readonly pdf: Buffer;
  readonly pageMap: PageMap;
  /** Per letter: outbox row, action, customer, stored document, registered, reference. */
  readonly letters: readonly {
    readonly outboxId: number;
    readonly actionId: number;
    readonly customer: string;
    readonly documentId: number;
    readonly registered: boolean;
    readonly reference: string;
    readonly pages: number;
  }[];
}

export interface BatchRequest {
  /** The letters of this run (default: every pending letter of the company). */
  readonly runId?: number | undefined;
  /** Print this batch again. */
  readonly batchId?: number | undefined;
  /** Now (default: the clock); the business date is today in the company's time zone. */
  readonly now?: Date | undefined;
}

interface LetterRow {
  readonly outboxId: number;
  readonly actionId: number;
  readonly customer: string;
}

export async function lettersBatch(
  db: Kysely<DB>,
  companyId: number,
  request: BatchRequest = {},
  options: ComposeOptions = {},
): Promise<LettersBatch> {
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const now = request.now ?? new Date();
  const today = todayIn(company.timezone, now);
  if (request.batchId !== undefined) return reprint(db, companyId, request.batchId, options);
  const run = request.runId === undefined ? undefined : await findRun(db, companyId, request.runId);
  // Letters of actions that became executable since the worker last looked, then the
  // accounts as they are now: paid or disputed since planning → not printed.
  await enqueueActions(db, companyId, {
    domain: mailDomain(company.email),
    now,
    channels: ['letter'],
  });
  const pending = await pendingLetters(db, companyId, run?.id);
  if (pending.length > 0) {
    await recheckPendingActions(db, companyId, today, {
      actionIds: pending.map((p) => p.actionId),
    });
    await cancelRowsOfCancelledActions(db, now, companyId);
  }
  const letters = pending.length > 0 ? await pendingLetters(db, companyId, run?.id) : [];
  if (letters.length === 0) {
    const last = run ? await lastBatchOfRun(db, run.id) : undefined;
    if (last !== undefined) return reprint(db, companyId, last, options);
    throw new AppError(
      'NOT_FOUND',
      run ? `run ${run.id} has no letter to print` : 'no letter waiting to be printed',
      [
        {
          field: 'run',
          value: run ? String(run.id) : '',
          expected:
            'letters of actions planned in auto mode or approved (not awaiting approval), not yet printed',
        },
      ],
    );
  }
  const made = await render(db, company, letters, {
    asOf: run?.as_of ?? today,
    title: `Relance letters ${run?.as_of ?? today}${run ? ` (run ${run.id})` : ''}`,
    options,
  });
  const batchId = await db.transaction().execute(async (trx) => {
    const batch = await trx
      .insertInto('letter_batches')
      .values({
        company_id: companyId,
        run_id: run?.id ?? null,
        letters: made.letters.length,
        registered: made.letters.filter((l) => l.registered).length,
        pages: made.pageMap.totalPages,
        sha256: documentHash(made.pdf),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const printed = await trx
      .updateTable('outbox')
      .set({ state: 'printed', batch_id: batch.id, claimed_at: now, updated_at: now })
      .where(
        'id',
        'in',
        made.letters.map((l) => l.outboxId),
      )
      .where('state', '=', 'pending')
      .returning(['id', 'company_id', 'customer_id', 'action_id'])
      .execute();
    if (printed.length !== made.letters.length) {
      throw new AppError(
        'CONFLICT',
        'some letters changed while the batch was being made (printed by another batch, or cancelled); nothing recorded — ask again',
      );
    }
    await recordEvents(
      trx,
      printed.map((r) => ({
        companyId: r.company_id,
        customerId: r.customer_id,
        asOf: today,
        code: 'LETTER_PRINTED',
        actionId: r.action_id,
        detail: `letter #${r.id} in print batch ${batch.id}, to be posted (relance letters posted ${batch.id})`,
      })),
    );
    return batch.id;
  });
  return { batchId, reprint: false, runId: run?.id ?? null, asOf: run?.as_of ?? today, ...made };
}

/** The same batch again, from the stored documents, in the same order. */
async function reprint(
  db: Kysely<DB>,
  companyId: number,
  batchId: number,
  options: ComposeOptions,
): Promise<LettersBatch> {
  const batch = await db
    .selectFrom('letter_batches as b')
    .leftJoin('dunning_runs as r', 'r.id', 'b.run_id')
    .select(['b.id', 'b.run_id', 'b.created_at', 'r.as_of'])
    .where('b.id', '=', batchId)
    .where('b.company_id', '=', companyId)
    .executeTakeFirst();
  if (!batch) {
    throw new AppError('NOT_FOUND', `no print batch ${batchId}`, [
      {
        field: 'batch',
        value: String(batchId),
        expected: 'the id of a print batch of the company',
      },
    ]);
  }
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['o.id as outboxId', 'o.action_id as actionId', 'c.code as customer'])
    .where('o.batch_id', '=', batchId)
    .where('o.action_id', 'is not', null)
    .orderBy('c.code')
    .orderBy('o.action_id')
    .execute();
  const asOf = batch.as_of ?? todayIn(company.timezone, batch.created_at);
  const made = await render(
    db,
    company,
    rows.map((r) => ({ ...r, actionId: r.actionId! })),
    {
      asOf,
      title: `Relance letters ${asOf}${batch.run_id ? ` (run ${batch.run_id})` : ''}`,
      options,
    },
  );
  return { batchId, reprint: true, runId: batch.run_id, asOf, ...made };
}

async function render(
  db: Kysely<DB>,
  company: Parameters<typeof letterCompany>[0] & { readonly locale: string },
  rows: readonly LetterRow[],
  batch: { readonly asOf: string; readonly title: string; readonly options: ComposeOptions },
): Promise<Pick<LettersBatch, 'pdf' | 'pageMap' | 'letters'>> {
  const letters: PrintBatchLetter[] = [];
  const made: Omit<LettersBatch['letters'][number], 'pages'>[] = [];
  const problems: Problem[] = [];
  for (const a of rows) {
    try {
      const { document } = await composeAction(db, a.actionId, 'letter', batch.options);
      const context = document.context as StoredContext;
      if (!context.letter) throw new AppError('INTERNAL', `document ${document.id} is no letter`);
      const registered = context.registered === true;
      letters.push({ ...context.letter, markdown: context.markdown, registered });
      made.push({
        outboxId: a.outboxId,
        actionId: a.actionId,
        customer: a.customer,
        documentId: document.id,
        registered,
        reference: context.letter.reference,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({
        field: `action ${a.actionId} (customer ${a.customer})`,
        expected: `${error.message}${error.problems.length > 0 ? ': ' : ''}${error.problems
          .map((p) => `${p.field}: ${p.expected}`)
          .join('; ')}`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${problems.length} of ${rows.length} letters cannot be produced; no batch written`,
      problems,
    );
  }
  const language = languageOf(company.locale);
  const { pdf, pageMap } = await renderPrintBatch(
    {
      letters,
      company: letterCompany(company),
      date: formatDate(batch.asOf, company.locale, 'long'),
      title: batch.title,
      ...(isLetterLanguage(language) ? { language } : {}),
    },
    batch.options.fonts ? { fonts: batch.options.fonts } : {},
  );
  return {
    pdf,
    pageMap,
    letters: made.map((m, i) => ({ ...m, pages: pageMap.letters[i]?.pageCount ?? 0 })),
  };
}

async function findRun(db: Kysely<DB>, companyId: number, runId: number) {
  const run = await db
    .selectFrom('dunning_runs')
    .select(['id', 'as_of'])
    .where('id', '=', runId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!run) {
    throw new AppError('NOT_FOUND', `no run ${runId}`, [
      {
        field: 'run',
        value: String(runId),
        expected: 'the id of a run of the company (relance run)',
      },
    ]);
  }
  return run;
}

/** Pending letter rows (of the run's actions), by customer code then action. */
async function pendingLetters(
  db: Kysely<DB>,
  companyId: number,
  runId: number | undefined,
): Promise<LetterRow[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('dunning_actions as a', 'a.id', 'o.action_id')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['o.id as outboxId', 'a.id as actionId', 'c.code as customer'])
    .where('o.company_id', '=', companyId)
    .where('o.channel', '=', 'letter')
    .where('o.state', '=', 'pending')
    .$if(runId !== undefined, (q) => q.where('a.run_id', '=', runId!))
    .orderBy('c.code')
    .orderBy('a.id')
    .execute();
  return rows;
}

async function lastBatchOfRun(db: Kysely<DB>, runId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('outbox as o')
    .innerJoin('dunning_actions as a', 'a.id', 'o.action_id')
    .select(sql<number>`max(o.batch_id)`.as('batch'))
    .where('a.run_id', '=', runId)
    .where('o.batch_id', 'is not', null)
    .executeTakeFirst();
  return row?.batch ?? undefined;
}

/** The domain of the company's collection address (for the letters' message ids). */
function mailDomain(email: string | null): string {
  const at = email?.lastIndexOf('@') ?? -1;
  return at > 0 ? email!.slice(at + 1) : 'relance.invalid';
}

function isLetterLanguage(language: string): language is LetterLanguage {
  return language === 'en' || language === 'fr' || language === 'de' || language === 'es';
}
