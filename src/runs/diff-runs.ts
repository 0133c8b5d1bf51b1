import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';

/** One action as the diff names it. */
export interface DiffEntry {
  readonly customer: string;
  readonly currency: string;
  readonly step: string;
}

/**
 * How a dry run's plan differs from the actions of the last stored run: `added` are
 * planned now and were not then, `removed` were planned then and are not now (per
 * customer, currency and step), `unchanged` counts the rest.
 */
export interface RunDiff {
  /** The last stored run, or null when there is none (everything is added). */
  readonly against: { readonly runId: number; readonly asOf: LocalDate } | null;
  readonly added: DiffEntry[];
  readonly removed: DiffEntry[];
  readonly unchanged: number;
}

export async function diffFromLastRun(
  db: Kysely<DB>,
  companyId: number,
  planned: readonly DiffEntry[],
): Promise<RunDiff> {
  const last = await db
    .selectFrom('dunning_runs')
    .select(['id', 'as_of'])
    .where('company_id', '=', companyId)
    .where('status', '=', 'done')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return { against: null, added: planned.map(entry), removed: [], unchanged: 0 };
  // The actions that run decided: those of its date (a re-run of the day creates none).
  const before = await db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['c.code as customer', 'a.currency', 'a.step_id as step'])
    .where('a.company_id', '=', companyId)
    .where('a.as_of', '=', last.as_of)
    .where('a.state', '<>', 'cancelled')
    .orderBy('c.code')
    .orderBy('a.currency')
    .orderBy('a.step_id')
    .execute();
  const key = (e: DiffEntry) => `${e.customer}\u0000${e.currency}\u0000${e.step}`;
  const then = new Set(before.map(key));
  const now = new Set(planned.map(key));
  return {
    against: { runId: last.id, asOf: last.as_of },
    added: planned.filter((e) => !then.has(key(e))).map(entry),
    removed: before.filter((e) => !now.has(key(e))).map(entry),
    unchanged: planned.filter((e) => then.has(key(e))).length,
  };
}

function entry(e: DiffEntry): DiffEntry {
  return { customer: e.customer, currency: e.currency, step: e.step };
}
