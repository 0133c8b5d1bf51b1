import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OutboxChannel } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { AppError, describeProblem } from '../core/errors.ts';
import { checkEmail } from '../core/delivery/email-message.ts';
import {
  classifyFailure,
  decideRetry,
  type FailureKind,
  type RetryPolicy,
} from '../core/delivery/retry.ts';
import { listCompanies, todayIn, type Company } from '../store/companies.ts';
import { recheckPendingActions } from '../runs/recheck-actions.ts';
import type { Composer, OutboxRow } from './composer.ts';
import type { Sender } from './smtp-sender.ts';
import { enqueueActions } from './enqueue.ts';
import {
  cancelRowsOfAction,
  cancelRowsOfCancelledActions,
  claimRows,
  markFailed,
  markInterrupted,
  markRetry,
  markSent,
  type ClaimedRow,
  type Sent,
} from './outbox-rows.ts';

/** The channels this worker delivers; letters, SMS and tasks have their own dispatchers. */
const CHANNELS: readonly OutboxChannel[] = ['email'];

export interface WorkerOptions {
  readonly composer: Composer;
  readonly sender: Sender;
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
        actionIds: rows.filter((r) => r.company_id === companyId).map((r) => r.action_id),
      });
      for (const c of cancelled) reasons.set(c.id, c.reason);
    }
    const byRow = new Map<number, string>();
    for (const r of rows) {
      const reason =
        r.action_state === 'cancelled'
          ? (r.action_cancel_reason ?? 'CANCELLED')
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

  /**
   * One attempt at a claimed row, already re-checked: compose, check, send. A success is
   * returned for the batch to record; a failure is recorded here (retry later, or failed).
   */
  async function attempt(row: ClaimedRow, report: DeliveryReport): Promise<Sent | undefined> {
    const company = companies.get(row.company_id);
    const domain = company ? options.domainFor(company) : 'localhost';
    let email;
    try {
      email = await options.composer(db, row);
      const problems = checkEmail(email);
      if (problems.length > 0) {
        throw new AppError(
          'INVALID_INPUT',
          `the message cannot be sent: ${problems.map(describeProblem).join('; ')}`,
          problems,
        );
      }
    } catch (error) {
      // Data that cannot make a message (AppError) is permanent; missing settings (CONFIG) and
      // anything else (the database, a document store) may work on a later attempt.
      const kind = error instanceof AppError && error.code !== 'CONFIG' ? 'permanent' : 'temporary';
      await failed(row, kind, `not composed: ${message(error)}`, domain, report, {
        // No address at all is a delivery failure (a letter may reach the customer); a
        // template that cannot be rendered would fail for the letter too.
        fallback: row.recipient.trim() === '',
      });
      return undefined;
    }
    let response: string;
    try {
      const result = await options.sender.send(row.company_id, {
        ...email,
        messageId: row.message_id,
      });
      response = result.response;
      if (result.rejected.length > 0) response += ` (refused: ${result.rejected.join(', ')})`;
    } catch (error) {
      const kind = classifyFailure(error as { code?: string; responseCode?: number });
      await failed(row, kind, message(error), domain, report, { fallback: true });
      return undefined;
    }
    return { row, response, today: today(row.company_id) };
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
        log(`batch of ${rows.length} left unfinished: ${message(error)}`);
        throw error;
      }
    }
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
      }
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

function message(error: unknown): string {
  if (error instanceof AppError) {
    const problems = error.problems.map(describeProblem).join('; ');
    return `${error.code}: ${error.message}${problems && !error.message.includes(problems) ? ` — ${problems}` : ''}`;
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
