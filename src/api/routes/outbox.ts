import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../store/database.ts';
import type { OutboxState } from '../../store/schema.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { resolveCompany } from '../../store/companies.ts';
import { configuredWorker } from '../../delivery/configured-worker.ts';
import {
  OUTBOX_STATES,
  cancelOutbox,
  confirmOutbox,
  listOutbox,
  retryOutbox,
  type OutboxView,
} from '../../delivery/outbox-admin.ts';
import { visibleCustomers } from '../../ledger/visible-customers.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS, ErrorBody } from '../schemas/common.ts';

const OutboxRow = z
  .object({
    id: z.number().int(),
    action: z.number().int().nullable(),
    customer: z.string(),
    channel: z.string(),
    kind: z.string(),
    recipient: z.string(),
    state: z.string(),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    messageId: z.string(),
    sentAt: z.string().nullable(),
    response: z.string().nullable(),
    cancelReason: z.string().nullable(),
    fallbackOf: z.number().int().nullable(),
    promise: z.number().int().nullable(),
    batch: z.number().int().nullable(),
    trackingNumber: z.string().nullable(),
    bouncedAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxRow' });

const DeliveryReport = z
  .object({
    enqueued: z.number().int(),
    sent: z.number().int(),
    retried: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    interrupted: z.number().int(),
    letters: z.number().int(),
    deferred: z.number().int(),
    tasks: z.number().int(),
  })
  .meta({ id: 'DeliveryReport' });

const RowParams = z.object({ id: z.coerce.number().int().min(1).describe('outbox row id') });

/** The states a person may filter on (`relance outbox list --state`). */
const States = z.enum(OUTBOX_STATES as unknown as [OutboxState, ...OutboxState[]]);
const CHANNELS = ['email', 'letter', 'sms', 'task', 'webhook'] as const;

export interface OutboxRouteOptions {
  /** The configuration whose delivery settings the worker uses (read when a send asks). */
  readonly config: () => Config;
}

/** The outbox: send now (one worker drain), list, retry, cancel, confirm. */
export function outboxRoutes(database: Database, options: OutboxRouteOptions) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    /** Changes a row and records who did it, in one transaction. */
    const change = (
      request: FastifyRequest,
      principal: Principal,
      action: string,
      work: (trx: typeof db) => Promise<OutboxView>,
      detail: Record<string, unknown> = {},
    ) =>
      db.transaction().execute(async (trx) => {
        const row = await work(trx);
        await writeAudit(trx, actorOf(principal, request.ip), {
          action,
          targetType: 'outbox',
          targetId: row.id,
          detail: { customer: row.customer, channel: row.channel, state: row.state, ...detail },
        });
        return row;
      });

    app.post(
      '/api/outbox/send',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['outbox'],
          summary:
            'Deliver everything due now (one worker drain in the server: e-mails over SMTP, SMS, tasks)',
          querystring: CompanyQuery,
          response: { 200: DeliveryReport, ...ERRORS, 500: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        const company = request.query.company
          ? (await resolveCompany(db, request.query.company)).code
          : undefined;
        // A missing SMTP server or From address is a CONFIG error naming the setting.
        const { worker, close } = await configuredWorker(db, options.config().delivery, {
          company,
        });
        try {
          const report = await worker.drain();
          await writeAudit(db, actorOf(principal, request.ip), {
            action: 'outbox.send',
            targetType: 'outbox',
            detail: { company: company ?? null, ...report },
          });
          return report;
        } finally {
          close();
        }
      },
    );

    app.get(
      '/api/outbox',
      {
        schema: {
          tags: ['outbox'],
          summary:
            'Outbox rows (e-mails, letters, SMS, tasks), oldest first, filtered and paged (collectors and sales: their portfolio)',
          querystring: CompanyQuery.extend({
            state: States.optional(),
            channel: z.enum(CHANNELS).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: {
            200: z.object({
              company: z.string(),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
              rows: z.array(OutboxRow),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'customers:read');
        const q = request.query;
        const company = await resolveCompany(db, q.company);
        const visible = await visibleCustomers(db, company.id, principal.portfolio);
        const list = await listOutbox(db, { company: company.code, state: q.state });
        const rows = list.rows.filter(
          (r) =>
            (q.channel === undefined || r.channel === q.channel) &&
            (!visible || visible.codes.has(r.customer)),
        );
        const from = (q.page - 1) * q.pageSize;
        return {
          company: list.company,
          total: rows.length,
          page: q.page,
          pageSize: q.pageSize,
          rows: rows.slice(from, from + q.pageSize),
        };
      },
    );

    app.post(
      '/api/outbox/:id/retry',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['outbox'],
          summary: 'Send a failed, unknown or pending row again now',
          params: RowParams,
          querystring: CompanyQuery,
          response: { 200: OutboxRow, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        return change(request, principal, 'outbox.retry', (trx) =>
          retryOutbox(trx, { company: request.query.company, id: request.params.id }),
        );
      },
    );

    app.post(
      '/api/outbox/:id/cancel',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['outbox'],
          summary: 'Cancel a row not yet delivered (pending, failed or unknown), with the reason',
          params: RowParams,
          querystring: CompanyQuery,
          body: z.object({ reason: z.string().min(1).max(1000) }).strict(),
          response: { 200: OutboxRow, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        return change(
          request,
          principal,
          'outbox.cancel',
          (trx) =>
            cancelOutbox(trx, {
              company: request.query.company,
              id: request.params.id,
              reason: request.body.reason,
            }),
          { reason: request.body.reason },
        );
      },
    );

    app.post(
      '/api/outbox/:id/confirm',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['outbox'],
          summary: 'Record that a row left unknown (the worker stopped while sending) did go out',
          params: RowParams,
          querystring: CompanyQuery,
          body: z
            .object({ note: z.string().max(1000).optional() })
            .strict()
            .default({}),
          response: { 200: OutboxRow, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        return change(request, principal, 'outbox.confirm', (trx) =>
          confirmOutbox(trx, {
            company: request.query.company,
            id: request.params.id,
            note: request.body.note,
          }),
        );
      },
    );
  };
}
