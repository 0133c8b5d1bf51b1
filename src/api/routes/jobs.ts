import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { hasPermission, type Permission } from '../../core/auth/permissions.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { DATE_FORMATS, type LocalDate } from '../../core/calendar/local-date.ts';
import { percentOf } from '../../core/jobs/job-progress.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { IMPORT_KINDS } from '../../imports/columns.ts';
import { readTableData } from '../../imports/read-table.ts';
import type { JobEvent, JobTracker } from '../../jobs/job-tracker.ts';
import { getJob, listJobs, type JobView } from '../../jobs/jobs-store.ts';
import { startImportJob, startRunJob } from '../../jobs/start-jobs.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { parseAsOf } from '../../ledger/ledger-context.ts';
import type { Database } from '../../store/database.ts';
import type { JobKind } from '../../store/schema.ts';
import { permitBeforeBody, principalOf, requirePermission } from '../auth/authenticate.ts';
import type { FollowerLookup } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS, ErrorBody, LocalDateText, QueryBoolean } from '../schemas/common.ts';

/** The header that carries a job's follow token (GET /api/jobs/ID/events). */
export const FOLLOW_HEADER = 'x-relance-job-token';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What an upload may be sent as: the file's bytes, CSV (UTF-8) or XLSX. */
const UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', XLSX_TYPE];

const KIND_PERMISSION: Record<JobKind, Permission> = {
  import: 'ledger:import',
  run: 'runs:approve',
};

const Job = z
  .object({
    id: z.number().int(),
    company: z.string(),
    kind: z.enum(['import', 'run']),
    state: z.enum(['running', 'done', 'failed']),
    phase: z.string().describe('start, then validate/load (import) or recheck/plan/holds (run)'),
    done: z.number().int(),
    total: z.number().int().nullable(),
    percent: z.number().int().nullable().describe('of the current phase; null: size unknown'),
    params: z.record(z.string(), z.unknown()),
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('an import: its report (ImportReport); a run: runId, counts, customers…'),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        problems: z.array(z.unknown()).readonly(),
      })
      .nullable(),
    startedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

const Started = z.object({
  job: Job,
  followToken: z
    .string()
    .describe(
      `follows this job without the database: GET /api/jobs/ID/events with header ${FOLLOW_HEADER}`,
    ),
});

const JobParams = z.object({ id: z.coerce.number().int().min(1).describe('the job id') });

const ImportQuery = CompanyQuery.extend({
  kind: z.enum(IMPORT_KINDS as [string, ...string[]]).describe('what the file holds'),
  fileName: z
    .string()
    .min(1)
    .max(255)
    .default('upload.csv')
    .describe('the uploaded file name (shown in reports; .xlsx means a workbook)'),
  snapshot: QueryBoolean.optional().describe(
    'items only: the file lists every open item; the ones it does not list are settled',
  ),
  dryRun: QueryBoolean.optional().describe('validate and count, change nothing'),
  asOf: LocalDateText.optional().describe('business date recorded for settlements'),
  decimal: z.enum(['dot', 'comma']).default('dot'),
  dateFormat: z.enum(DATE_FORMATS as [string, ...string[]]).default('YYYY-MM-DD'),
  delimiter: z.string().length(1).optional().describe('CSV delimiter (default: guessed)'),
});

const RunJobBody = z
  .object({
    asOf: LocalDateText.optional().describe('business date (default: today in the company zone)'),
    force: z.boolean().optional().describe('run even on a stale ledger'),
  })
  .strict();

/** A job request's follow token lookup, for the authentication hook (no database). */
export function jobFollower(tracker: JobTracker): FollowerLookup {
  return (request) => {
    if (request.method !== 'GET') return undefined;
    const token = request.headers[FOLLOW_HEADER];
    if (typeof token !== 'string' || token === '') return undefined;
    const match = /^\/api\/jobs\/(\d{1,15})\/events$/.exec(request.url.split('?')[0] ?? '');
    return match ? tracker.followerOf(Number(match[1]), token) : undefined;
  };
}

/**
 * Long work started from the UI or by an integration — imports and dunning runs — as jobs
 * that answer at once (202) and can be followed (docs/api.md, "Jobs").
 */
export function jobRoutes(
  database: Database,
  tracker: JobTracker,
  options: { readonly importMaxBytes: () => number },
) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    // Uploads arrive as the file's own bytes; the size limit is the import limit.
    app.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: options.importMaxBytes() + 1 },
      (_request, body, done) => done(null, body),
    );

    const found = async (request: FastifyRequest, principal: Principal, id: number) => {
      const company = await resolveCompany(db, (request.query as { company?: string }).company);
      const job = await getJob(db, company.id, id);
      if (!job) throw new AppError('NOT_FOUND', `no job ${id} in company ${company.code}`);
      mayRead(principal, job.kind);
      return job;
    };

    app.post(
      '/api/jobs/import',
      {
        preParsing: permitBeforeBody('ledger:import'),
        schema: {
          tags: ['jobs'],
          summary:
            'Import a file (its bytes as the body: text/csv or XLSX) in the background; follow the job',
          querystring: ImportQuery,
          response: { 202: Started, ...ERRORS, 413: ErrorBody },
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'ledger:import');
        const q = request.query;
        const company = await resolveCompany(db, q.company);
        if (q.snapshot && q.kind !== 'items') {
          throw new AppError('INVALID_INPUT', 'snapshot applies to items files only', [
            { field: 'querystring.snapshot', value: q.kind, expected: 'kind=items' },
          ]);
        }
        const body = request.body;
        const file = await readTableData(
          Buffer.isBuffer(body) ? body : Buffer.alloc(0),
          q.fileName,
          { maxBytes: options.importMaxBytes(), delimiter: q.delimiter },
        );
        await tracker.markInterrupted();
        const started = await startImportJob(tracker, database, {
          company,
          principal,
          file,
          kind: q.kind as (typeof IMPORT_KINDS)[number],
          snapshot: q.snapshot === true,
          dryRun: q.dryRun === true,
          asOf: q.asOf === undefined ? undefined : parseAsOf(q.asOf, q.asOf as LocalDate),
          formats: {
            decimal: q.decimal,
            dateFormat: q.dateFormat as (typeof DATE_FORMATS)[number],
          },
        });
        await writeAudit(db, actorOf(principal, request.ip), {
          action: 'import.start',
          targetType: 'job',
          targetId: started.id,
          detail: { kind: q.kind, file: file.fileName, rows: file.table.rows.length },
        });
        return reply.status(202).send(await startedBody(started));
      },
    );

    app.post(
      '/api/jobs/run',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['jobs'],
          summary: 'Start the dunning run in the background; follow the job (503 BUSY: one runs)',
          querystring: CompanyQuery,
          body: RunJobBody.default({}),
          response: { 202: Started, ...ERRORS },
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        // A date that does not exist is refused now, not by the job.
        const asOf = parseAsOf(request.body.asOf, todayIn(company.timezone) as LocalDate);
        const started = await startRunJob(tracker, database, {
          company,
          principal,
          asOf,
          force: request.body.force === true,
        });
        await writeAudit(db, actorOf(principal, request.ip), {
          action: 'run.start',
          targetType: 'job',
          targetId: started.id,
          detail: { company: company.code, asOf, forced: request.body.force === true },
        });
        return reply.status(202).send(await startedBody(started));
      },
    );

    /** The new job as stored, with what this process knows of its progress. */
    const startedBody = async (started: { id: number; followToken: string }) => {
      const job = await jobById(started.id);
      return { job, followToken: started.followToken };
    };
    const jobById = async (id: number): Promise<JobView> => {
      const row = await db
        .selectFrom('jobs')
        .select('company_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const job = await getJob(db, row.company_id, id);
      if (!job) throw new AppError('NOT_FOUND', `no job ${id}`);
      return withLive(job);
    };
    const withLive = (job: JobView): JobView => {
      const live = tracker.liveState(job.id);
      if (!live || job.state !== 'running') return job;
      return { ...job, ...live.progress, percent: percentOf(live.progress) };
    };

    app.get(
      '/api/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary:
            'Recent imports and runs started as jobs, newest first (those the role may start)',
          querystring: CompanyQuery.extend({
            kind: z.enum(['import', 'run']).optional(),
            before: z.coerce.number().int().min(1).optional().describe('jobs older than this id'),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: {
            200: z.object({ company: z.string(), jobs: z.array(Job).readonly() }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const q = request.query;
        const kinds = (q.kind ? [q.kind] : (['import', 'run'] as const)).filter((k) =>
          hasPermission(principal.role, KIND_PERMISSION[k]),
        );
        if (q.kind && kinds.length === 0) mayRead(principal, q.kind);
        const company = await resolveCompany(db, q.company);
        await tracker.markInterrupted();
        const jobs = await listJobs(db, company.id, kinds, { limit: q.limit, before: q.before });
        return { company: company.code, jobs: jobs.map(withLive) };
      },
    );

    app.get(
      '/api/jobs/:id',
      {
        schema: {
          tags: ['jobs'],
          summary: 'One job: its phase and progress while it works, its report or error at the end',
          querystring: CompanyQuery,
          params: JobParams,
          response: { 200: Job, ...ERRORS },
        },
      },
      async (request) => {
        await tracker.markInterrupted();
        return withLive(await found(request, principalOf(request), request.params.id));
      },
    );

    app.get(
      '/api/jobs/:id/events',
      {
        schema: {
          tags: ['jobs'],
          summary:
            'Follow a job as server-sent events: progress (phase, done, total, percent), then end (the job)',
          description:
            `text/event-stream. Authenticated like every route, or with the job's follow token ` +
            `in the ${FOLLOW_HEADER} header (needed on the embedded database, whose one session ` +
            'is busy with the job). A job that has ended sends its end at once.',
          querystring: CompanyQuery,
          params: JobParams,
          response: { ...ERRORS },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const id = request.params.id;
        const byToken = typeof request.headers[FOLLOW_HEADER] === 'string';
        const live = tracker.liveState(id);
        // Followed by token: the job is this process's own, nothing to look up.
        if (!(byToken && live)) await found(request, principal, id);
        streamJob(request, reply, tracker, id, () => jobById(id));
      },
    );
  };
}

function mayRead(principal: Principal, kind: JobKind): void {
  const permission = KIND_PERMISSION[kind];
  if (!hasPermission(principal.role, permission)) {
    throw new AppError('FORBIDDEN', `the ${principal.role} role may not see ${kind} jobs`, [
      { field: 'role', value: principal.role, expected: `a role allowed ${permission}` },
    ]);
  }
}

/** Sends the job's events until it ends (or the client goes). */
function streamJob(
  request: FastifyRequest,
  reply: FastifyReply,
  tracker: JobTracker,
  id: number,
  readJob: () => Promise<JobView>,
): void {
  void reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: string, data: unknown) =>
    out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let closed = false;
  const finish = async () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unfollow?.();
    try {
      send('end', await readJob());
    } catch {
      send('end', { id, state: 'failed' });
    }
    out.end();
  };
  const onEvent = (event: JobEvent) => {
    if (closed) return;
    if (event.type === 'progress') {
      send('progress', { id, ...event.progress, percent: percentOf(event.progress) });
    } else void finish();
  };
  const ping = setInterval(() => out.write(': ping\n\n'), 15_000);
  ping.unref();
  const unfollow = tracker.follow(id, onEvent);
  request.raw.on('close', () => {
    closed = true;
    clearInterval(ping);
    unfollow?.();
  });
  const live = tracker.liveState(id);
  if (unfollow && live?.state === 'running') {
    send('progress', { id, ...live.progress, percent: percentOf(live.progress) });
    return;
  }
  if (unfollow || live) {
    void finish();
    return;
  }
  // Not this process's job: follow its row (saved every few seconds by the process running it).
  const poll = async () => {
    if (closed) return;
    try {
      const job = await readJob();
      if (job.state !== 'running') return void finish();
      send('progress', {
        id,
        phase: job.phase,
        done: job.done,
        total: job.total,
        percent: job.percent,
      });
    } catch {
      return void finish();
    }
    setTimeout(() => void poll(), POLL_MS).unref();
  };
  void poll();
}

/** How often a job run by another process is read again. */
const POLL_MS = 1_000;
