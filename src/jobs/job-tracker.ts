import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import type { Principal } from '../core/auth/principal.ts';
import { JOB_START, worthReporting, type JobProgress } from '../core/jobs/job-progress.ts';
import { sameSecret } from '../auth/secrets.ts';
import type { Database } from '../store/database.ts';
import type { JobKind, JobState } from '../store/schema.ts';
import {
  HEARTBEAT_MS,
  markInterruptedJobs,
  saveJobEnd,
  saveJobProgress,
  touchJob,
  type JobError,
} from './jobs-store.ts';

/** What followers of a job receive: progress while it works, then its end. */
export type JobEvent =
  | { readonly type: 'progress'; readonly id: number; readonly progress: JobProgress }
  | {
      readonly type: 'end';
      readonly id: number;
      readonly state: Exclude<JobState, 'running'>;
    };

/** The work of a job: reports its progress, answers its result (kept as the job's report). */
export type JobWork = (report: (progress: JobProgress) => void) => Promise<Record<string, unknown>>;

interface LiveJob {
  readonly id: number;
  readonly companyId: number;
  readonly kind: JobKind;
  readonly principal: Principal;
  /** Lets the one who started the job follow it without a database round trip. */
  readonly followToken: string;
  progress: JobProgress;
  state: JobState;
  lastSent: { progress: JobProgress; atMs: number } | null;
  lastSaved: { progress: JobProgress; atMs: number } | null;
  saving: boolean;
  readonly listeners: Set<(event: JobEvent) => void>;
}

export interface TrackerOptions {
  /** Followers get counters at most this often (phase changes at once). */
  readonly sendEveryMs?: number | undefined;
  /** The database row is updated at most this often (server back-end only). */
  readonly saveEveryMs?: number | undefined;
  /** How long a finished job stays followable in memory. */
  readonly keepMs?: number | undefined;
}

/**
 * Runs long work in the background of the server process and lets it be followed. The
 * `jobs` row is written when the work starts and when it ends; on the PostgreSQL server its
 * progress is saved as it goes (a few times a minute at most), so another process can read
 * it. On embedded PGlite — one session, busy with the work itself — progress lives in
 * memory only and is followed with the job's follow token (src/api/routes/jobs.ts).
 */
export class JobTracker {
  private readonly live = new Map<number, LiveJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly sendEveryMs: number;
  private readonly saveEveryMs: number;
  private readonly keepMs: number;
  private interruptedMarked: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    options: TrackerOptions = {},
  ) {
    this.sendEveryMs = options.sendEveryMs ?? 200;
    this.saveEveryMs = options.saveEveryMs ?? 2_000;
    this.keepMs = options.keepMs ?? 15 * 60_000;
  }

  /**
   * Jobs left `running` by a process that stopped are marked failed (INTERRUPTED): on PGlite
   * (one process) every running job this tracker does not hold, once; on the server, those
   * without news for a while (see jobs-store.ts), at each call.
   */
  markInterrupted(): Promise<void> {
    if (this.database.backend === 'postgres') {
      return markInterruptedJobs(this.database, [...this.live.keys()]);
    }
    this.interruptedMarked ??= markInterruptedJobs(this.database, [...this.live.keys()]);
    return this.interruptedMarked;
  }

  /** Records the job, starts the work in the background and answers at once. */
  async start(
    input: {
      readonly companyId: number;
      readonly kind: JobKind;
      readonly params: Record<string, unknown>;
      readonly principal: Principal;
    },
    work: JobWork,
  ): Promise<{ id: number; followToken: string }> {
    await this.markInterrupted();
    const row = await this.database.db
      .insertInto('jobs')
      .values({
        company_id: input.companyId,
        kind: input.kind,
        params: JSON.stringify(input.params),
        created_by: input.principal.userId,
        token_id: input.principal.tokenId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job: LiveJob = {
      id: row.id,
      companyId: input.companyId,
      kind: input.kind,
      principal: input.principal,
      followToken: randomBytes(24).toString('base64url'),
      progress: JOB_START,
      state: 'running',
      lastSent: null,
      lastSaved: null,
      saving: false,
      listeners: new Set(),
    };
    this.live.set(job.id, job);
    const done = this.execute(job, work).finally(() => this.running.delete(done));
    this.running.add(done);
    return { id: job.id, followToken: job.followToken };
  }

  /** The job's progress and state while this process holds it in memory. */
  liveState(id: number): { progress: JobProgress; state: JobState } | undefined {
    const job = this.live.get(id);
    return job && { progress: job.progress, state: job.state };
  }

  /**
   * Who may follow job `id` with `token`: the principal that started it, while the job is
   * in memory; undefined for anything else (a wrong token is no different from none).
   */
  followerOf(id: number, token: string): Principal | undefined {
    const job = this.live.get(id);
    return job && sameSecret(token, job.followToken) ? job.principal : undefined;
  }

  /**
   * Calls `listener` with each progress report and the end. Answers undefined when the job
   * is not in memory (ended long ago, or run by another process): read its row instead.
   */
  follow(id: number, listener: (event: JobEvent) => void): (() => void) | undefined {
    const job = this.live.get(id);
    if (!job) return undefined;
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Resolves when every job started so far has ended (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async execute(job: LiveJob, work: JobWork): Promise<void> {
    let result: Record<string, unknown> | null = null;
    let error: JobError | null = null;
    // On the server, other processes judge a job by its row: keep it fresh during long phases.
    const heartbeat =
      this.database.backend === 'postgres'
        ? setInterval(
            () => void touchJob(this.database.db, job.id).catch(() => undefined),
            HEARTBEAT_MS,
          )
        : undefined;
    heartbeat?.unref();
    try {
      result = await work((progress) => this.report(job, progress));
    } catch (e) {
      error = toJobError(e);
    } finally {
      clearInterval(heartbeat);
    }
    job.state = error ? 'failed' : 'done';
    try {
      await saveJobEnd(this.database.db, job.id, {
        state: job.state,
        progress: job.progress,
        result,
        error,
      });
    } catch (e) {
      // The work is done (or failed) whatever its row says; say why the row could not be written.
      process.stderr.write(`relance: job ${job.id}: could not record its end: ${String(e)}\n`);
    }
    const end: JobEvent = { type: 'end', id: job.id, state: job.state };
    for (const listener of job.listeners) listener(end);
    job.listeners.clear();
    setTimeout(() => this.live.delete(job.id), this.keepMs).unref();
  }

  private report(job: LiveJob, progress: JobProgress): void {
    job.progress = progress;
    const nowMs = Date.now();
    if (worthReporting(job.lastSent, progress, nowMs, this.sendEveryMs)) {
      job.lastSent = { progress, atMs: nowMs };
      const event: JobEvent = { type: 'progress', id: job.id, progress };
      for (const listener of job.listeners) listener(event);
    }
    if (
      this.database.backend === 'postgres' &&
      !job.saving &&
      worthReporting(job.lastSaved, progress, nowMs, this.saveEveryMs)
    ) {
      job.saving = true;
      job.lastSaved = { progress, atMs: nowMs };
      saveJobProgress(this.database.db, job.id, progress)
        .catch(() => undefined) // the next report tries again; the end is always saved
        .finally(() => {
          job.saving = false;
        });
    }
  }
}

/** An error as a job keeps it: the API's error body (stable code, message, problems). */
function toJobError(e: unknown): JobError {
  if (e instanceof AppError) return { code: e.code, message: e.message, problems: e.problems };
  process.stderr.write(`relance: job failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  return { code: 'INTERNAL', message: 'internal error', problems: [] };
}
