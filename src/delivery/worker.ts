import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OutboxChannel } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { decideRetry, type FailureKind, type RetryPolicy } from '../core/delivery/retry.ts';
import { createDomainLimiter } from '../core/delivery/domain-rate.ts';
import { listCompanies, todayIn, type Company } from '../store/companies.ts';
import { recheckPendingActions } from '../runs/recheck-actions.ts';
import { createTasksForActions } from '../tasks/create-tasks.ts';
import type { Composer, OutboxRow } from './composer.ts';
import type { Sender } from './smtp-sender.ts';
import { enqueueActions, enqueuePromiseConfirmations } from './enqueue.ts';
import {
  attemptEmail,
  attemptSms,
  errorText,
  type AttemptResult,
  type SmsChannel,
} from './attempt.ts';
import {
  cancelRowsOfAction,
  cancelRowsOfCancelledActions,
  claimRows,
  markDeferred,
  markFailed,
  markInterrupted,
  markRetry,
  markSent,
  type ClaimedRow,
  type Sent,
} from './outbox-rows.ts';

/** The channels the worker delivers; letters go out in print batches (relance letters). */
const CHANNELS: readonly OutboxChannel[] = ['email', 'sms'];

export interface WorkerOptions {
  readonly composer: Composer;
  readonly sender: Sender;
  /** SMS: the provider and the text of a row (default: no provider, SMS rows fail visibly). */
  readonly sms?: SmsChannel | undefined;
  /** Messages per recipient domain in any minute, per worker (default 0: no limit). */
  readonly domainRatePerMinute?: number | undefined;
  /** Create the tasks of new actions and broken promises at each drain (default true). */
  readonly tasks?: boolean | undefined;
  /** Domain of the Message-IDs of a company's rows (its From address's domain). */
  readonly domainFor: (company: Company) => string;
  /** Only this company (default: every company). */
  readonly companyId?: number | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Milliseconds a row may stay in 'sending' before it is considered interrupted (default 10 min). */
  readonly leaseMs?: number | undefined;
  /** Messages in flight at once (default 8): two pipelines of half as many each. */
  readonly concurrency?: number | undefined;
  /** The clock and the jitter source (tests pass their own). */
  readonly now?: (() => Date) | undefined;
  readonly random?: (() => number) | undefined;
  /** Name written in `claimed_by` before each attempt's random part. */
  readonly name?: string | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface DeliveryReport {
  /** Outbox rows created for newly executable actions. */
  enqueued: number;
  sent: number;
  /** Temporary failures, due again later. */
  retried: number;
  failed: number;
  /** Rows whose action was cancelled by the re-check (paid, disputed… since planning). */
  cancelled: number;
  /** Rows found left in 'sending' by a stopped worker, now 'unknown'. */
  interrupted: number;
  /** Letters created instead of e-mails that failed permanently. */
  letters: number;
  /** Held back by the per-domain limit, due again shortly. */
  deferred: number;
  /** Tasks created (calls, hand-overs, notices, broken promises). */
  tasks: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 20 };

export interface Worker {
  /** Enqueues new actions and delivers every row due now, then resolves. */
  drain(): Promise<DeliveryReport>;
  /** Stops claiming; messages in flight finish. */
  stop(): void;
  readonly stopped: boolean;
}

/**
 * The delivery worker. Each message: claim (state 'sending', attempt counted — committed
 * before sending), re-check the account (a payment or dispute since planning cancels the
 * action and the row), compose, check every header, send, then record the outcome:
 * 'sent' with the server's reply; a temporary failure back to 'pending' with exponential
 * backoff and jitter; a permanent one 'failed' (and a letter instead, when possible).
 * A row is delivered at most once: see docs/delivery.md for the guarantee and why.
 */
export function createWorker(db: Kysely<DB>, options: WorkerOptions): Worker {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const leaseMs = options.leaseMs ?? 600_000;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const name = options.name ?? 'worker';
  const log = options.log ?? (() => {});
  let stopped = false;
  let companies = new Map<number, Company>();
  // Today in a company's time zone, worked out once a minute (Intl formatters are costly).
  const todays = new Map<number, { minute: number; date: LocalDate }>();
  const today = (companyId: number): LocalDate => {
    const at = now();
    const minute = Math.floor(at.getTime() / 60_000);
    const cached = todays.get(companyId);
    if (cached?.minute === minute) return cached.date;
    const date = todayIn(companies.get(companyId)?.timezone ?? 'UTC', at);
    todays.set(companyId, { minute, date });
    return date;
  };

  /** The re-check of a batch's actions: the cancel reason of each row, or null. */
  async function recheck(rows: readonly ClaimedRow[]): Promise<Map<number, string>> {
    const reasons = new Map<number, string>();
    for (const companyId of new Set(rows.map((r) => r.company_id))) {
      const cancelled = await recheckPendingActions(db, companyId, today(companyId), {
        actionIds: rows.flatMap((r) =>
          r.company_id === companyId && r.action_id !== null ? [r.action_id] : [],
        ),
      });
      for (const c of cancelled) reasons.set(c.id, c.reason);
    }
    const byRow = new Map<number, string>();
    for (const r of rows) {
      const reason =
        r.action_state === 'cancelled'
          ? (r.action_cancel_reason ?? 'CANCELLED')
          : r.action_id === null
            ? undefined
            : reasons.get(r.action_id);
      if (reason !== undefined) byRow.set(r.id, reason);
    }
    return byRow;
  }

  async function loadCompanies(): Promise<Company[]> {
    const all = await listCompanies(db);
    companies = new Map(all.map((c) => [c.id, c]));
    return all.filter((c) => options.companyId === undefined || c.id === options.companyId);
  }

  const limiter = createDomainLimiter(options.domainRatePerMinute ?? 0);
  const sms: SmsChannel = options.sms ?? { text: () => Promise.resolve('') };

  /**
   * One attempt at a claimed row, already re-checked. A success is returned for the batch to
   * record; a failure or a deferral is recorded here.
   */
  async function attempt(row: ClaimedRow, report: DeliveryReport): Promise<Sent | undefined> {
    const company = companies.get(row.company_id);
    const domain = company ? options.domainFor(company) : 'localhost';
    const at = now();
    let result: AttemptResult;
    try {
      result =
        row.channel === 'sms'
          ? await attemptSms(db, row, sms)
          : await attemptEmail(
              db,
              row,
              { composer: options.composer, sender: options.sender, limiter },
              at.getTime(),
            );
    } catch (error) {
      result = { outcome: 'failed', kind: 'temporary', error: errorText(error), fallback: false };
    }
    if (result.outcome === 'sent') {
      return { row, response: result.response, today: today(row.company_id) };
    }
    if (result.outcome === 'deferred') {
      await markDeferred(db, row, { now: at, nextAt: new Date(at.getTime() + result.waitMs) });
      report.deferred += 1;
      return undefined;
    }
    await failed(row, result.kind, result.error, domain, report, { fallback: result.fallback });
    return undefined;
  }

  /** After a failed attempt: pending again later (backoff and jitter), or failed for good. */
  async function failed(
    row: OutboxRow,
    kind: FailureKind,
    error: string,
    domain: string,
    report: DeliveryReport,
    options: { readonly fallback: boolean },
  ) {
    const decision = decideRetry(kind, row.attempts, retry, random);
    if (decision.retry) {
      const at = now();
      await markRetry(db, row, {
        now: at,
        nextAt: new Date(at.getTime() + decision.delayMs),
        error,
      });
      report.retried += 1;
      log(
        `#${row.id} temporary failure, retry in ${Math.round(decision.delayMs / 1000)} s: ${error}`,
      );
      return;
    }
    const why =
      decision.reason === 'attempts_exhausted' ? `gave up after ${row.attempts} attempts: ` : '';
    const letter = await markFailed(db, row, {
      now: now(),
      today: today(row.company_id),
      error: why + error,
      domain,
      fallback: options.fallback,
    });
    report.failed += 1;
    if (letter !== undefined) report.letters += 1;
    log(`#${row.id} failed: ${why}${error}`);
  }

  /**
   * Batches, one after the other: claim up to `batch` due rows in one statement (each now
   * 'sending', its attempt counted), re-check their actions in one transaction, send them
   * side by side, and record the successes in one transaction. Few round trips per message;
   * the rows in 'sending' are exactly the messages in flight.
   */
  async function pipeline(report: DeliveryReport, batch: number): Promise<void> {
    while (!stopped) {
      const rows = await claimRows(db, {
        channels: CHANNELS,
        now: now(),
        token: `${name}:${randomUUID()}`,
        limit: batch,
        companyId: options.companyId,
      });
      if (rows.length === 0) return;
      try {
        // The accounts as they are now: a payment or a dispute since planning cancels.
        const cancelled = await recheck(rows);
        const outcomes = await Promise.allSettled(
          rows.map(async (row) => {
            const reason = cancelled.get(row.id);
            if (reason === undefined) return attempt(row, report);
            await cancelRowsOfAction(db, row, reason, now());
            report.cancelled += 1;
            log(`#${row.id} cancelled: ${reason}`);
            return undefined;
          }),
        );
        const sent = outcomes.flatMap((o) =>
          o.status === 'fulfilled' && o.value ? [o.value] : [],
        );
        await markSent(db, sent, now());
        report.sent += sent.length;
        const failure = outcomes.find((o) => o.status === 'rejected');
        if (failure) throw failure.reason;
      } catch (error) {
        // The database failed around the attempts: rows not recorded stay 'sending' and are
        // found interrupted after the lease (their messages may have gone out).
        log(`batch of ${rows.length} left unfinished: ${errorText(error)}`);
        throw error;
      }
    }
  }

  // The newest timeline event when tasks were last created: nothing new, nothing to look at.
  let tasksSeenUpTo: number | undefined;
  async function createTasks(scope: readonly Company[]): Promise<number> {
    const newest = await db
      .selectFrom('timeline')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const mark = Number(newest?.id ?? 0);
    if (mark === tasksSeenUpTo) return 0;
    let created = 0;
    for (const company of scope) {
      // The business date the company's ledger is at: its latest run's (today in daily use;
      // a day run again later still gets its tasks).
      const latest = await db
        .selectFrom('dunning_runs')
        .select((eb) => eb.fn.max('as_of').as('as_of'))
        .where('company_id', '=', company.id)
        .executeTakeFirst();
      const made = await createTasksForActions(db, company.id, latest?.as_of ?? today(company.id));
      created += made.taskIds.length;
    }
    tasksSeenUpTo = mark;
    return created;
  }

  return {
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
    },
    async drain() {
      const report: DeliveryReport = {
        enqueued: 0,
        sent: 0,
        retried: 0,
        failed: 0,
        cancelled: 0,
        interrupted: 0,
        letters: 0,
        deferred: 0,
        tasks: 0,
      };
      const scope = await loadCompanies();
      const interrupted = await markInterrupted(db, {
        now: now(),
        leaseMs,
        today,
        companyId: options.companyId,
      });
      report.interrupted = interrupted.length;
      report.cancelled += await cancelRowsOfCancelledActions(db, now(), options.companyId);
      for (const company of scope) {
        const queued = await enqueueActions(db, company.id, {
          domain: options.domainFor(company),
          now: now(),
        });
        report.enqueued += queued.rows;
        report.enqueued += await enqueuePromiseConfirmations(db, company.id, {
          domain: options.domainFor(company),
          now: now(),
        });
      }
      if (options.tasks !== false) report.tasks += await createTasks(scope);
      // Two pipelines: one sends while the other talks to the database. Each finishes its
      // batch before a failure is reported.
      const first = Math.ceil(concurrency / 2);
      const pipelines = await Promise.allSettled(
        [first, concurrency - first].filter((n) => n > 0).map((n) => pipeline(report, n)),
      );
      const failure = pipelines.find((l) => l.status === 'rejected');
      if (failure) throw failure.reason;
      return report;
    },
  };
}
