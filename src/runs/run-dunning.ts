import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { parseLocalDate, type LocalDate } from '../core/calendar/local-date.ts';
import { planCustomer } from '../core/dunning/plan.ts';
import type { PlanEvent, PlannedAction, Skip } from '../core/dunning/plan-types.ts';
import { assignScenario } from '../core/scenario/assign-scenario.ts';
import { DEFAULT_SCENARIOS, FALLBACK_SCENARIO } from '../core/scenario/default-scenarios.ts';
import type { ScenarioVersion } from '../core/scenario/types.ts';
import { resolveCompany, type Company } from '../store/companies.ts';
import { ensureDefaultScenarios, getAssignmentRules, listScenarios } from '../store/scenarios.ts';
import { applyAccountHolds } from '../ledger/apply-holds.ts';
import { loadBatch } from './load-batch.ts';
import { storeBatch } from './store-batch.ts';
import { isBusinessDay } from './business-calendar.ts';
import { recheckPendingActions, type CancelledAction } from './recheck-actions.ts';
import { diffFromLastRun, type RunDiff } from './diff-runs.ts';
import type { JobProgress } from '../core/jobs/job-progress.ts';

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
  /**
   * Keep every action, skip and event in the report (default true). False keeps counts
   * only, so memory stays bounded whatever the ledger's size (scheduler, benchmark).
   */
  readonly collect?: boolean | undefined;
  /**
   * Told where the run is: `recheck` (pending actions re-checked), `plan` (customers planned
   * and stored out of those with open items), `holds` (account holds applied).
   */
  readonly onProgress?: ((progress: JobProgress) => void) | undefined;
  /** Only these customers (codes); unknown codes are refused. Default: every customer. */
  readonly customers?: readonly string[] | undefined;
  /** "Send a step now": each customer's next step is taken ahead of its schedule (planCustomer). */
  readonly sendNow?: boolean | undefined;
}

export interface RunCounts {
  readonly actions: number;
  readonly skips: number;
  readonly events: number;
  /** Skips per reason code. */
  readonly skipsByCode: Record<string, number>;
  /** Actions per step. */
  readonly actionsByStep: Record<string, number>;
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
  readonly counts: RunCounts;
  /** Whether asOf is a business day of the company's country (else everything waits). */
  readonly businessDay: boolean;
  /** Planned actions cancelled by the re-check before planning (paid, disputed… since). */
  readonly cancelled: CancelledAction[];
  /** Account holds: customer codes put on hold and released by this run. */
  readonly holds: { readonly held: string[]; readonly released: string[] };
  /** Dry run: how the plan differs from the actions of the last stored run. */
  readonly diff?: RunDiff | undefined;
}

/**
 * The run's advisory lock key: per schema (several Relance databases may share one server,
 * each in its own schema) and per company.
 */
const RUN_LOCK = sql`hashtext('relance.run.' || current_schema())`;

/**
 * The daily dunning run: refuses a stale ledger, holds an advisory lock so no
 * second run starts, walks customers in batches, plans each with the pure planner
 * and stores each batch (actions with unique idempotency keys, timeline) in one
 * transaction. Re-running a day creates nothing new; a run killed half-way and run
 * again completes the rest.
 */
export async function runDunning(database: Database, options: RunOptions): Promise<RunReport> {
  if (parseLocalDate(options.asOf) === null) {
    throw new AppError('INVALID_INPUT', `invalid as-of date ${options.asOf}`, [
      { field: 'asOf', value: options.asOf, expected: 'a valid date written YYYY-MM-DD' },
    ]);
  }
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
      // PGlite serves one session, held here: reads go through it too (no prefetch gain there).
      const reader = database.backend === 'pglite' ? conn : database.db;
      return await runLocked(conn, reader, company, options);
    } finally {
      await sql`select pg_advisory_unlock(${RUN_LOCK}, ${company.id})`.execute(conn);
    }
  });
}

async function runLocked(
  db: Kysely<DB>,
  reader: Kysely<DB>,
  company: Company,
  options: RunOptions,
): Promise<RunReport> {
  const config = await db
    .selectFrom('companies')
    .select(['max_ledger_age_hours', 'promise_grace_days', 'net_credits', 'hold_tolerance_days'])
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
  const dryRun = options.dryRun === true;
  const collect = options.collect !== false;
  if (!dryRun) await ensureDefaultScenarios(db, company.id);
  // A dry run on a fresh company uses the default scenarios without saving them (version 0).
  const scenarios = new Map<string, ScenarioVersion>(
    DEFAULT_SCENARIOS.map((s) => [s.code, { ...s, version: 0 }]),
  );
  for (const s of await listScenarios(db, company.id)) scenarios.set(s.code, s);
  const rules = await getAssignmentRules(db, company.id);
  // What was planned before and has since been paid, disputed or paused is cancelled first,
  // so that it neither goes out nor counts as a step done.
  const progress = options.onProgress;
  progress?.({ phase: 'recheck', done: 0, total: null });
  const cancelled = dryRun ? [] : await recheckPendingActions(db, company.id, options.asOf);
  const only = options.customers && (await customerIds(db, company.id, options.customers));
  const total = only
    ? only.length
    : progress
      ? await countCustomersToPlan(reader, company.id)
      : null;
  progress?.({ phase: 'plan', done: 0, total });
  const run = dryRun
    ? null
    : await db
        .insertInto('dunning_runs')
        .values({ company_id: company.id, as_of: options.asOf, forced: options.force === true })
        .returning('id')
        .executeTakeFirstOrThrow();
  const businessDay = isBusinessDay(company.country, options.asOf);
  const settings = {
    promiseGraceDays: config.promise_grace_days,
    netCredits: config.net_credits,
    ledgerFresh: true,
    businessDay,
  };
  const actions: StoredAction[] = [];
  const skips: Skip[] = [];
  const events: PlanEvent[] = [];
  const counts = { actions: 0, skips: 0, events: 0, skipsByCode: {}, actionsByStep: {} };
  const toHold = new Set<string>();
  let afterId = 0;
  let customers = 0;
  const batchSize = options.batchSize ?? 500;
  // The next batch is read (on another pooled connection, on the server) while this one is
  // planned and stored: the server builds one batch as JavaScript plans the other.
  const load = (after: number) => loadBatch(reader, company.id, after, batchSize, only);
  let next = load(afterId);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    next = load(afterId);
    // A failure below leaves `next` unawaited: mark it handled, it is not used.
    next.catch(() => undefined);
    const planned = batch.map((customer) => {
      const scenario = scenarioOf(customer, scenarios, rules);
      const plan = planCustomer({
        customer: customer.facts,
        items: customer.items,
        history: customer.history,
        promises: customer.promises,
        scenario,
        settings,
        asOf: options.asOf,
        sendNow: options.sendNow,
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
    count(counts, stored, planned);
    progress?.({ phase: 'plan', done: customers, total: Math.max(total ?? 0, customers) });
    if (dryRun) {
      const active = new Set(
        batch.filter((c) => c.facts.status === 'active').map((c) => c.facts.code),
      );
      for (const a of stored)
        if (a.mode !== 'confirm' && a.kinds.includes('hold_account') && active.has(a.customer))
          toHold.add(a.customer);
    }
    if (collect) {
      actions.push(...stored);
      for (const p of planned) {
        skips.push(...p.plan.skips);
        events.push(...p.plan.events);
      }
    }
  }
  progress?.({ phase: 'holds', done: 0, total: null });
  const holds = run
    ? await applyAccountHolds(db, company.id, options.asOf, config.hold_tolerance_days)
    : await previewHolds(db, company.id, options.asOf, config.hold_tolerance_days, toHold);
  if (run) {
    await db
      .updateTable('dunning_runs')
      .set({
        status: 'done',
        finished_at: new Date(),
        customers,
        actions: counts.actions,
        skips: counts.skips,
      })
      .where('id', '=', run.id)
      .execute();
  }
  return {
    asOf: options.asOf,
    company: company.code,
    runId: run?.id ?? null,
    dryRun,
    customers,
    actions,
    skips,
    events,
    counts,
    businessDay,
    cancelled,
    holds,
    diff: dryRun && collect && !only ? await diffFromLastRun(db, company.id, actions) : undefined,
  };
}

type StoredAction = RunReport['actions'][number];

/** The ids of these customer codes of the company; every unknown code is named. */
async function customerIds(
  db: Kysely<DB>,
  companyId: number,
  codes: readonly string[],
): Promise<number[]> {
  const rows =
    codes.length === 0
      ? []
      : await db
          .selectFrom('customers')
          .select(['id', 'code'])
          .where('company_id', '=', companyId)
          .where('code', 'in', [...codes])
          .execute();
  const known = new Set(rows.map((r) => r.code));
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length > 0) {
    throw new AppError(
      'NOT_FOUND',
      `no customer ${missing.join(', ')}`,
      missing.map((code) => ({ field: 'customer', value: code, expected: 'a customer code' })),
    );
  }
  return rows.map((r) => r.id);
}

/** The customers a run walks (those with open items): the size of its `plan` phase. */
async function countCustomersToPlan(db: Kysely<DB>, companyId: number): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    select count(*) as n from customers c
    where c.company_id = ${companyId}
      and exists (select 1 from items i where i.customer_id = c.id and i.open_minor <> 0)`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

function scenarioOf(
  customer: Awaited<ReturnType<typeof loadBatch>>[number],
  scenarios: ReadonlyMap<string, ScenarioVersion>,
  rules: Awaited<ReturnType<typeof getAssignmentRules>>,
): ScenarioVersion {
  const exposure: Record<string, number> = {};
  for (const i of customer.items) exposure[i.currency] = (exposure[i.currency] ?? 0) + i.openMinor;
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
  return scenario;
}

function count(
  counts: {
    actions: number;
    skips: number;
    events: number;
    skipsByCode: Record<string, number>;
    actionsByStep: Record<string, number>;
  },
  stored: readonly StoredAction[],
  planned: readonly { plan: { skips: readonly Skip[]; events: readonly PlanEvent[] } }[],
): void {
  counts.actions += stored.length;
  for (const a of stored) counts.actionsByStep[a.step] = (counts.actionsByStep[a.step] ?? 0) + 1;
  for (const p of planned) {
    counts.skips += p.plan.skips.length;
    counts.events += p.plan.events.length;
    for (const s of p.plan.skips)
      counts.skipsByCode[s.code] = (counts.skipsByCode[s.code] ?? 0) + 1;
  }
}

const ROLLBACK = Symbol('rollback');

/**
 * Dry run: the holds a real run would apply — the stored actions' (applied in a
 * transaction that is rolled back, so the rules are exactly the real run's) plus the
 * customers this plan would hold — and the releases, minus those.
 */
async function previewHolds(
  db: Kysely<DB>,
  companyId: number,
  asOf: LocalDate,
  toleranceDays: number,
  planned: ReadonlySet<string>,
): Promise<{ held: string[]; released: string[] }> {
  let stored: { held: string[]; released: string[] } = { held: [], released: [] };
  try {
    await db.transaction().execute(async (trx) => {
      stored = await applyAccountHolds(trx, companyId, asOf, toleranceDays);
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return {
    held: [...new Set([...stored.held, ...planned])].sort(),
    released: stored.released.filter((code) => !planned.has(code)),
  };
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
