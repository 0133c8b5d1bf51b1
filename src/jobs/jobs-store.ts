import { sql, type Kysely } from 'kysely';
import type { ErrorCode, Problem } from '../core/errors.ts';
import { percentOf, type JobProgress } from '../core/jobs/job-progress.ts';
import type { Database } from '../store/database.ts';
import type { DB, JobKind, JobState } from '../store/schema.ts';

export interface JobError {
  readonly code: ErrorCode | 'INTERRUPTED';
  readonly message: string;
  readonly problems: readonly Problem[];
}

/** A job as the API shows it (docs/api.md, "Jobs"). */
export interface JobView {
  readonly id: number;
  readonly company: string;
  readonly kind: JobKind;
  readonly state: JobState;
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
  /** Whole percent of the current phase; null while its size is unknown. */
  readonly percent: number | null;
  readonly params: Record<string, unknown>;
  readonly result: Record<string, unknown> | null;
  readonly error: JobError | null;
  /** E-mail of the user who started it, `token:NAME` for an API token. */
  readonly startedBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

/** A PostgreSQL-backed job's row is touched at least this often while it works. */
export const HEARTBEAT_MS = 60_000;

export async function saveJobProgress(
  db: Kysely<DB>,
  id: number,
  progress: JobProgress,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
}

export async function touchJob(db: Kysely<DB>, id: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
}

export async function saveJobEnd(
  db: Kysely<DB>,
  id: number,
  end: {
    readonly state: Exclude<JobState, 'running'>;
    readonly progress: JobProgress;
    readonly result: Record<string, unknown> | null;
    readonly error: JobError | null;
  },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('jobs')
    .set({
      state: end.state,
      phase: end.progress.phase,
      done: end.progress.done,
      total: end.progress.total,
      result: end.result === null ? null : JSON.stringify(end.result),
      error: end.error === null ? null : JSON.stringify(end.error),
      updated_at: now,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();
}

const INTERRUPTED: JobError = {
  code: 'INTERRUPTED',
  message:
    'the process running this job stopped before it ended; nothing half-done was kept ' +
    '(an import is one transaction; a run can be started again and completes the rest)',
  problems: [],
};

/**
 * Marks failed the jobs whose process stopped: on PGlite (one process at a time) every
 * running job but `live`; on the server, running jobs without news for three heartbeats.
 */
export async function markInterruptedJobs(
  database: Database,
  live: readonly number[],
): Promise<void> {
  let update = database.db
    .updateTable('jobs')
    .set({
      state: 'failed',
      error: JSON.stringify(INTERRUPTED),
      finished_at: new Date(),
      updated_at: new Date(),
    })
    .where('state', '=', 'running');
  if (live.length > 0) update = update.where('id', 'not in', live);
  if (database.backend === 'postgres') {
    update = update.where(
      'updated_at',
      '<',
      sql<Date>`now() - ${`${(3 * HEARTBEAT_MS) / 1000} seconds`}::interval`,
    );
  }
  await update.execute();
}

function jobsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('jobs as j')
    .innerJoin('companies as c', 'c.id', 'j.company_id')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .leftJoin('api_tokens as t', 't.id', 'j.token_id')
    .select([
      'j.id',
      'c.code as company',
      'j.kind',
      'j.state',
      'j.phase',
      'j.done',
      'j.total',
      'j.params',
      'j.result',
      'j.error',
      'u.email',
      't.name as token_name',
      'j.created_at',
      'j.updated_at',
      'j.finished_at',
    ]);
}

type JobRow = Awaited<ReturnType<ReturnType<typeof jobsQuery>['executeTakeFirstOrThrow']>>;

function toView(r: JobRow): JobView {
  const progress = { phase: r.phase, done: r.done, total: r.total };
  return {
    id: r.id,
    company: r.company,
    kind: r.kind,
    state: r.state,
    ...progress,
    percent: r.state === 'done' ? 100 : percentOf(progress),
    params: r.params,
    result: r.result,
    error: r.error as JobError | null,
    startedBy: r.email ?? (r.token_name !== null ? `token:${r.token_name}` : null),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
  };
}

export async function getJob(
  db: Kysely<DB>,
  companyId: number,
  id: number,
): Promise<JobView | undefined> {
  const row = await jobsQuery(db)
    .where('j.company_id', '=', companyId)
    .where('j.id', '=', id)
    .executeTakeFirst();
  return row && toView(row);
}

/** The company's jobs of the given kinds, newest first. */
export async function listJobs(
  db: Kysely<DB>,
  companyId: number,
  kinds: readonly JobKind[],
  options: { readonly limit: number; readonly before?: number | undefined },
): Promise<JobView[]> {
  if (kinds.length === 0) return [];
  let query = jobsQuery(db)
    .where('j.company_id', '=', companyId)
    .where('j.kind', 'in', kinds)
    .orderBy('j.id', 'desc')
    .limit(options.limit);
  if (options.before !== undefined) query = query.where('j.id', '<', options.before);
  return (await query.execute()).map(toView);
}
