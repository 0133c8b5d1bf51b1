import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Portfolio } from '../core/auth/portfolio.ts';
import type { DB } from '../store/schema.ts';
import { openContext, type Scope } from './ledger-context.ts';
import { ACTION_STATES, selectActions, toActionView, type ActionView } from './action-view.ts';
import { visibleCustomers } from './visible-customers.ts';

/** A stored dunning run with its figures. */
export interface RunView {
  readonly id: number;
  readonly asOf: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly forced: boolean;
  readonly customers: number;
  readonly actions: number;
  readonly skips: number;
  /** The run's actions by their state now (planned, awaiting_approval, approved, cancelled, done). */
  readonly actionsByState: Readonly<Record<string, number>>;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** The company's runs, newest first, `limit` at a time before the run id `before`. */
export async function listRuns(
  db: Kysely<DB>,
  input: Scope & { readonly limit?: number | undefined; readonly before?: number | undefined },
): Promise<{ readonly company: string; readonly runs: readonly RunView[] }> {
  const { company } = await openContext(db, input);
  const runs = await db
    .selectFrom('dunning_runs')
    .selectAll()
    .where('company_id', '=', company.id)
    .$if(input.before !== undefined, (q) => q.where('id', '<', input.before!))
    .orderBy('id', 'desc')
    .limit(input.limit ?? 50)
    .execute();
  const states =
    runs.length === 0
      ? []
      : await db
          .selectFrom('dunning_actions')
          .select(['run_id', 'state'])
          .select((e) => e.fn.countAll<number>().as('n'))
          .where(
            'run_id',
            'in',
            runs.map((r) => r.id),
          )
          .groupBy(['run_id', 'state'])
          .execute();
  return {
    company: company.code,
    runs: runs.map((r) => {
      const byState: Record<string, number> = Object.fromEntries(ACTION_STATES.map((s) => [s, 0]));
      for (const s of states) if (s.run_id === r.id) byState[s.state] = Number(s.n);
      return {
        id: r.id,
        asOf: r.as_of,
        status: r.status,
        forced: r.forced,
        customers: r.customers,
        actions: r.actions,
        skips: r.skips,
        actionsByState: byState,
        startedAt: new Date(r.started_at).toISOString(),
        finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
      };
    }),
  };
}

/**
 * The actions a run created, awaiting approval included, by customer then id; only those
 * of customers the portfolio sees. NOT_FOUND for a run of another company or none.
 */
export async function listRunActions(
  db: Kysely<DB>,
  input: Scope & { readonly runId: number; readonly portfolio: Portfolio },
): Promise<{ readonly company: string; readonly runId: number; readonly actions: ActionView[] }> {
  const { company } = await openContext(db, input);
  const run = await db
    .selectFrom('dunning_runs')
    .select('id')
    .where('company_id', '=', company.id)
    .where('id', '=', input.runId)
    .executeTakeFirst();
  if (!run) {
    throw new AppError('NOT_FOUND', `no dunning run ${input.runId} in company ${company.code}`, [
      { field: 'run', value: String(input.runId), expected: 'the id of a stored run' },
    ]);
  }
  const visible = await visibleCustomers(db, company.id, input.portfolio);
  const rows = await selectActions(db, company.id)
    .where('a.run_id', '=', run.id)
    .orderBy('c.code')
    .orderBy('a.currency')
    .orderBy('a.id')
    .execute();
  return {
    company: company.code,
    runId: run.id,
    actions: rows.filter((r) => !visible || visible.ids.has(r.customer_id)).map(toActionView),
  };
}
