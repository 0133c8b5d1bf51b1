import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { dayOfWeek, type LocalDate } from '../core/calendar/local-date.ts';
import { planCustomer } from '../core/dunning/plan.ts';
import type { PlanEvent, PlannedAction, Skip } from '../core/dunning/plan-types.ts';
import { assignScenario } from '../core/scenario/assign-scenario.ts';
import { DEFAULT_SCENARIOS, FALLBACK_SCENARIO } from '../core/scenario/default-scenarios.ts';
import type { ScenarioVersion } from '../core/scenario/types.ts';
import { resolveCompany, type Company } from '../store/companies.ts';
import { ensureDefaultScenarios, getAssignmentRules, listScenarios } from '../store/scenarios.ts';
import { loadBatch } from './load-batch.ts';
import { storeBatch } from './store-batch.ts';

export interface RunOptions {
  readonly company?: string | undefined;
  readonly asOf: LocalDate;
  readonly dryRun?: boolean | undefined;
  /** Run even on a stale ledger. */
  readonly force?: boolean | undefined;
  /** Customers per batch (one transaction each). */
  readonly batchSize?: number | undefined;
  /** The current time, read by the shell (for the ledger's age). */
  readonly now: Date;
}

export interface RunReport {
  readonly asOf: LocalDate;
  readonly company: string;
  readonly runId: number | null;
  readonly dryRun: boolean;
  readonly customers: number;
  /** Actions of this run; on a re-run, only those newly created. */
  readonly actions: (PlannedAction & { scenario: string; scenarioVersion: number })[];
  readonly skips: Skip[];
  readonly events: PlanEvent[];
}

const RUN_LOCK = 7352002;

/**
 * The daily dunning run: refuses a stale ledger, holds an advisory lock so no
 * second run starts, walks customers in batches, plans each with the pure planner
 * and stores each batch (actions with unique idempotency keys, timeline) in one
 * transaction. Re-running a day creates nothing new; a run killed half-way and run
 * again completes the rest.
 */
export async function runDunning(database: Database, options: RunOptions): Promise<RunReport> {
  return database.db.connection().execute(async (conn) => {
    const company = await resolveCompany(conn, options.company);
    const locked = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(${RUN_LOCK}, ${company.id}) as ok`.execute(conn);
    if (!locked.rows[0]?.ok) {
      throw new AppError(
        'BUSY',
        `a dunning run for company ${company.code} is already in progress; try again when it ends`,
      );
    }
    try {
      return await runLocked(conn, company, options);
    } finally {
      await sql`select pg_advisory_unlock(${RUN_LOCK}, ${company.id})`.execute(conn);
    }
  });
}

async function runLocked(
  db: Kysely<DB>,
  company: Company,
  options: RunOptions,
): Promise<RunReport> {
  const config = await db
    .selectFrom('companies')
    .select(['max_ledger_age_hours', 'promise_grace_days', 'net_credits'])
    .where('id', '=', company.id)
    .executeTakeFirstOrThrow();
  const fresh = await ledgerIsFresh(db, company.id, config.max_ledger_age_hours, options.now);
  if (!fresh.ok && !options.force) {
    throw new AppError(
      'CONFLICT',
      `refusing to dun on a stale ledger: ${fresh.why}; import the ledger first, or use --force`,
      [
        {
          field: 'ledger_synced_at',
          value: fresh.syncedAt ?? 'never',
          expected: `an import within the last ${config.max_ledger_age_hours} hours`,
        },
      ],
    );
  }
  if (!options.dryRun) await ensureDefaultScenarios(db, company.id);
  // A dry run on a fresh company uses the default scenarios without saving them (version 0).
  const scenarios = new Map<string, ScenarioVersion>(
    DEFAULT_SCENARIOS.map((s) => [s.code, { ...s, version: 0 }]),
  );
  for (const s of await listScenarios(db, company.id)) scenarios.set(s.code, s);
  const rules = await getAssignmentRules(db, company.id);
  const run = options.dryRun
    ? null
    : await db
        .insertInto('dunning_runs')
        .values({ company_id: company.id, as_of: options.asOf, forced: options.force === true })
        .returning('id')
        .executeTakeFirstOrThrow();
  const report: RunReport = {
    asOf: options.asOf,
    company: company.code,
    runId: run?.id ?? null,
    dryRun: options.dryRun === true,
    customers: 0,
    actions: [],
    skips: [],
    events: [],
  };
  const settings = {
    promiseGraceDays: config.promise_grace_days,
    netCredits: config.net_credits,
    ledgerFresh: true,
    businessDay: dayOfWeek(options.asOf) <= 5,
  };
  let afterId = 0;
  let customers = 0;
  for (;;) {
    const batch = await loadBatch(db, company.id, afterId, options.batchSize ?? 500);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    const planned = batch.map((customer) => {
      const exposure: Record<string, number> = {};
      for (const i of customer.items)
        exposure[i.currency] = (exposure[i.currency] ?? 0) + i.openMinor;
      const assigned = assignScenario(
        {
          scenario: customer.scenario,
          segment: customer.facts.segment,
          country: customer.facts.country,
        },
        exposure,
        rules,
        FALLBACK_SCENARIO,
      );
      const scenario = scenarios.get(assigned.scenario) ?? scenarios.get(FALLBACK_SCENARIO);
      if (!scenario)
        throw new AppError(
          'NOT_FOUND',
          `scenario ${assigned.scenario} does not exist (customer ${customer.facts.code})`,
        );
      const plan = planCustomer({
        customer: customer.facts,
        items: customer.items,
        history: customer.history,
        promises: customer.promises,
        scenario,
        settings,
        asOf: options.asOf,
      });
      return { customer, scenario, plan };
    });
    const stored = run
      ? await storeBatch(db, company.id, run.id, options.asOf, planned)
      : planned.flatMap((p) =>
          p.plan.actions.map((a) => ({
            ...a,
            scenario: p.scenario.code,
            scenarioVersion: p.scenario.version,
          })),
        );
    customers += batch.length;
    report.actions.push(...stored);
    for (const p of planned) {
      report.skips.push(...p.plan.skips);
      report.events.push(...p.plan.events);
    }
  }
  if (run) {
    await db
      .updateTable('dunning_runs')
      .set({
        status: 'done',
        finished_at: new Date(),
        customers,
        actions: report.actions.length,
        skips: report.skips.length,
      })
      .where('id', '=', run.id)
      .execute();
  }
  return { ...report, customers };
}

async function ledgerIsFresh(db: Kysely<DB>, companyId: number, maxHours: number, now: Date) {
  const row = await db
    .selectFrom('ledger_sync')
    .select('ledger_synced_at')

    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!row) return { ok: false, why: 'the ledger was never imported', syncedAt: undefined };
  const synced = new Date(row.ledger_synced_at);
  const hours = (now.getTime() - synced.getTime()) / 3_600_000;
  return hours <= maxHours
    ? { ok: true, why: '', syncedAt: synced.toISOString() }
    : {
        ok: false,
        why: `the ledger was last imported ${hours.toFixed(1)} hours ago (limit ${maxHours})`,
        syncedAt: synced.toISOString(),
      };
}
