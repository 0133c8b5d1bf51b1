import type { Kysely } from 'kysely';
import { AppError, type Problem } from '../core/errors.ts';
import { formatDate } from '../core/templates/format.ts';
import { languageOf } from '../core/templates/types.ts';
import type { DB } from '../store/schema.ts';
import { composeAction, type ComposeOptions, type StoredContext } from './compose-action.ts';
import type { LetterLanguage } from './pdf/letter-types.ts';
import { renderPrintBatch, type PageMap, type PrintBatchLetter } from './pdf/print-batch.ts';
import { letterCompany } from './render-document.ts';

/**
 * The print batch of a run: every letter action of the run that may go out (planned in auto
 * mode, approved or done — not awaiting approval, not cancelled), each rendered once and
 * stored as a document, laid out again from what was stored into one PDF for the printer,
 * each letter on an odd page, then the list of registered letters for the post office.
 */

export interface LettersBatch {
  readonly runId: number;
  readonly asOf: string;
  readonly pdf: Buffer;
  readonly pageMap: PageMap;
  /** Per letter: action, customer, stored document, registered. */
  readonly letters: readonly {
    readonly actionId: number;
    readonly customer: string;
    readonly documentId: number;
    readonly registered: boolean;
    readonly pages: number;
  }[];
}

export async function lettersBatch(
  db: Kysely<DB>,
  companyId: number,
  runId: number,
  options: ComposeOptions = {},
): Promise<LettersBatch> {
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
  const actions = await db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['a.id', 'c.code'])
    .where('a.run_id', '=', runId)
    .where((eb) => eb(eb.val('letter'), '=', eb.fn.any('a.kinds')))
    .where('a.state', 'in', ['planned', 'approved', 'done'])
    .where((eb) => eb.or([eb('a.state', '<>', 'planned'), eb('a.mode', '=', 'auto')]))
    .orderBy('c.code')
    .orderBy('a.id')
    .execute();
  if (actions.length === 0) {
    throw new AppError('NOT_FOUND', `run ${runId} has no letter to print`, [
      {
        field: 'run',
        value: String(runId),
        expected: 'a run with letter actions planned, approved or done (not awaiting approval)',
      },
    ]);
  }
  const letters: PrintBatchLetter[] = [];
  const made: { actionId: number; customer: string; documentId: number; registered: boolean }[] =
    [];
  const problems: Problem[] = [];
  for (const a of actions) {
    try {
      const { document } = await composeAction(db, a.id, 'letter', options);
      const context = document.context as StoredContext;
      if (!context.letter) throw new AppError('INTERNAL', `document ${document.id} is no letter`);
      const registered = context.registered === true;
      letters.push({ ...context.letter, markdown: context.markdown, registered });
      made.push({ actionId: a.id, customer: a.code, documentId: document.id, registered });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({
        field: `action ${a.id} (customer ${a.code})`,
        expected: `${error.message}${error.problems.length > 0 ? ': ' : ''}${error.problems
          .map((p) => `${p.field}: ${p.expected}`)
          .join('; ')}`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `run ${runId}: ${problems.length} of ${actions.length} letters cannot be produced; no batch written`,
      problems,
    );
  }
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const language = languageOf(company.locale);
  const { pdf, pageMap } = await renderPrintBatch(
    {
      letters,
      company: letterCompany(company),
      date: formatDate(run.as_of, company.locale, 'long'),
      title: `Relance letters ${run.as_of} (run ${runId})`,
      ...(isLetterLanguage(language) ? { language } : {}),
    },
    options.fonts ? { fonts: options.fonts } : {},
  );
  return {
    runId,
    asOf: run.as_of,
    pdf,
    pageMap,
    letters: made.map((m, i) => ({ ...m, pages: pageMap.letters[i]?.pageCount ?? 0 })),
  };
}

function isLetterLanguage(language: string): language is LetterLanguage {
  return language === 'en' || language === 'fr' || language === 'de' || language === 'es';
}
