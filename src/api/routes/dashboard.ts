import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { AGING_BUCKETS } from '../../core/ledger/aging.ts';
import type { Database } from '../../store/database.ts';
import type { DB } from '../../store/schema.ts';
import { resolveCompany } from '../../store/companies.ts';
import { dashboard } from '../../ledger/dashboard.ts';
import { worklist } from '../../ledger/worklist.ts';
import { requirePermission } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS } from '../schemas/common.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import { cacheKey, replyCached, todayFor } from '../cache/cached-reply.ts';

/** The company of a request, today there, and whether collectors read every portfolio. */
async function scope(
  db: Kysely<DB>,
  request: FastifyRequest,
  code: string | undefined,
  cache: ResponseCache | undefined,
) {
  const principal = requirePermission(request, 'customers:read');
  const company = await resolveCompany(db, code);
  const row = await db
    .selectFrom('companies')
    .select(['collectors_read_all', 'currency'])
    .where('id', '=', company.id)
    .executeTakeFirstOrThrow();
  return {
    principal,
    companyId: company.id,
    currency: row.currency,
    asOf: todayFor(cache, company.timezone),
    collectorsReadAll: row.collectors_read_all,
  };
}

/**
 * The dashboard's figures and the prioritised worklist, both limited to the caller's portfolio;
 * answered from `cache` when nothing changed since (docs/adr/0010-response-cache.md).
 */
export function dashboardRoutes(database: Database, options: { cache?: ResponseCache } = {}) {
  const { cache } = options;
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags: ['dashboard'],
          summary:
            'Aged balance, overdue trend, promises due this week, actions by step, top overdue',
          querystring: CompanyQuery,
          response: {
            200: z.object({
              asOf: z.string(),
              currency: z.string(),
              aging: z.array(z.object({ bucket: z.enum(AGING_BUCKETS), amountMinor: z.number() })),
              trend: z.array(z.object({ month: z.string(), overdueMinor: z.number() })),
              promisedThisWeek: z.object({ count: z.number().int(), amountMinor: z.number() }),
              actionsByStep: z.array(
                z.object({ step: z.string(), name: z.string(), count: z.number().int() }),
              ),
              topOverdue: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  overdueMinor: z.number(),
                  daysLate: z.number().int().nullable(),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const s = await scope(db, request, request.query.company, cache);
        const { principal, ...settings } = s;
        const key = cacheKey('dashboard', settings, principal.portfolio);
        return replyCached(reply, cache, key, () =>
          dashboard(db, {
            companyId: s.companyId,
            currency: s.currency,
            asOf: s.asOf,
            portfolio: principal.portfolio,
            collectorsReadAll: s.collectorsReadAll,
          }),
        );
      },
    );

    app.get(
      '/api/worklist',
      {
        schema: {
          tags: ['tasks'],
          summary: "Today's open tasks, highest priority first, each score explained",
          querystring: CompanyQuery.extend({
            collector: z.string().max(200).optional(),
            step: z.string().max(64).optional(),
            kind: z.enum(['call_task', 'handover', 'notify_internal', 'reply']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: {
            200: z.object({
              asOf: z.string(),
              total: z.number().int(),
              tasks: z.array(
                z.object({
                  id: z.number().int(),
                  kind: z.string(),
                  title: z.string(),
                  dueDate: z.string(),
                  assigneeRole: z.string(),
                  assignee: z.string().nullable(),
                  customer: z.object({ code: z.string(), name: z.string(), status: z.string() }),
                  step: z.string().nullable(),
                  currency: z.string(),
                  overdueMinor: z.number(),
                  daysLate: z.number().int(),
                  score: z.number(),
                  explanation: z.string(),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const s = await scope(db, request, request.query.company, cache);
        const { principal, ...settings } = s;
        const key = cacheKey('worklist', settings, principal.portfolio, request.query);
        return replyCached(reply, cache, key, () =>
          worklist(db, {
            companyId: s.companyId,
            asOf: s.asOf,
            portfolio: principal.portfolio,
            collectorsReadAll: s.collectorsReadAll,
            collector: request.query.collector,
            step: request.query.step,
            kind: request.query.kind,
            limit: request.query.limit,
          }),
        );
      },
    );
  };
}
