import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { loadAccount } from '../../ledger/load-account.ts';
import { assertCustomerAccess } from '../../auth/customer-access.ts';
import { creditStatus } from '../../ledger/credit-status.ts';
import { CUSTOMER_SORTS, listCustomers } from '../../ledger/list-customers.ts';
import { listTimeline } from '../../ledger/list-timeline.ts';
import { requireCustomer, requireCustomerRecord, requirePermission } from '../auth/authenticate.ts';
import {
  CompanyQuery,
  CustomerParams,
  ERRORS,
  LocalDateText,
  QueryBoolean,
} from '../schemas/common.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import { cacheKey, replyCached, todayFor } from '../cache/cached-reply.ts';

const CustomerRow = z
  .object({
    code: z.string(),
    name: z.string(),
    country: z.string(),
    currency: z.string(),
    segment: z.string().nullable(),
    collector: z.string().nullable(),
    salesOwner: z.string().nullable(),
    status: z.string(),
    holdUntil: z.string().nullable(),
    balanceMinor: z.number().int().describe('open balance in the customer currency, minor units'),
    overdueMinor: z.number().int(),
    oldestDue: z.string().nullable(),
    daysLate: z.number().int().nullable(),
    lastStep: z.string().nullable(),
    lastStepName: z.string().nullable(),
    lastActionOn: z.string().nullable(),
    lastActionState: z.string().nullable(),
  })
  .meta({ id: 'CustomerRow' });

const TimelineEntry = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    at: z.string(),
    kind: z.enum(['action', 'skip', 'event']),
    code: z.string(),
    currency: z.string().nullable(),
    item: z.string().nullable(),
    step: z.string().nullable(),
    detail: z.string(),
    actionId: z.number().int().nullable(),
    documents: z.array(z.object({ id: z.number().int(), kind: z.string() })),
  })
  .meta({ id: 'TimelineEntry' });

/** A JSON object described in the docs (docs/account-format.md, docs/credit-status.md). */
const Documented = z.record(z.string(), z.unknown());

/**
 * Customers: the list, one account, its credit status, its timeline. The list and the account
 * are answered from `cache` when nothing changed since (docs/adr/0010-response-cache.md).
 */
export function customerRoutes(database: Database, options: { cache?: ResponseCache } = {}) {
  const { cache } = options;
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/customers',
      {
        schema: {
          tags: ['customers'],
          summary:
            'Customers with balance, overdue, oldest due and latest step; filtered, sorted, paged',
          querystring: CompanyQuery.extend({
            q: z.string().max(100).optional().describe('code or name contains'),
            collector: z.string().max(200).optional(),
            segment: z.string().max(100).optional(),
            status: z.enum(['active', 'on_hold', 'blocked', 'litigation', 'excluded']).optional(),
            step: z.string().max(64).optional().describe('step id of the latest action'),
            overdue: QueryBoolean.optional().describe('only customers with an overdue amount'),
            sort: z.enum(CUSTOMER_SORTS).default('overdue'),
            order: z.enum(['asc', 'desc']).default('desc'),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              asOf: z.string(),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
              rows: z.array(CustomerRow),
            }),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'customers:read');
        const q = request.query;
        const company = await resolveCompany(db, q.company);
        const asOf = todayFor(cache, company.timezone);
        // What the page depends on besides the data: who sees which customers, and the query.
        const key = cacheKey('customers', company.id, asOf, principal.portfolio, q);
        return replyCached(reply, cache, key, async () => {
          const settings = await db
            .selectFrom('companies')
            .select('collectors_read_all')
            .where('id', '=', company.id)
            .executeTakeFirstOrThrow();
          return listCustomers(db, {
            companyId: company.id,
            asOf,
            portfolio: principal.portfolio,
            collectorsReadAll: settings.collectors_read_all,
            search: q.q,
            collector: q.collector,
            segment: q.segment,
            status: q.status,
            step: q.step,
            overdueOnly: q.overdue,
            sort: q.sort,
            order: q.order,
            page: q.page,
            pageSize: q.pageSize,
          });
        });
      },
    );

    app.get(
      '/api/customers/:code/account',
      {
        schema: {
          tags: ['customers'],
          summary: 'The account: balances per currency, aging, items (docs/account-format.md)',
          params: CustomerParams,
          querystring: CompanyQuery.extend({ asOf: LocalDateText.optional() }),
          response: { 200: Documented, ...ERRORS },
        },
      },
      async (request, reply) => {
        // The portfolio check on every request; the account itself is the same for everyone.
        const principal = requirePermission(request, 'customers:read');
        const { company } = await assertCustomerAccess(db, principal, 'customers:read', {
          company: request.query.company,
          customer: request.params.code,
        });
        const asOf = request.query.asOf ?? todayFor(cache, company.timezone);
        const key = cacheKey('account', company.id, request.params.code, asOf);
        return replyCached(reply, cache, key, () =>
          loadAccount(db, { customer: request.params.code, asOf, company: request.query.company }),
        );
      },
    );

    app.get(
      '/api/customers/:code/credit-status',
      {
        schema: {
          tags: ['customers'],
          summary: 'May the customer take new orders (docs/credit-status.md)',
          params: CustomerParams,
          querystring: CompanyQuery.extend({ asOf: LocalDateText.optional() }),
          response: { 200: Documented, ...ERRORS },
        },
      },
      async (request) => {
        await requireCustomer(request, db, 'customers:read', {
          company: request.query.company,
          customer: request.params.code,
        });
        return creditStatus(
          db,
          request.query.company,
          request.params.code,
          request.query.asOf,
        ) as unknown as Promise<Record<string, unknown>>;
      },
    );

    app.get(
      '/api/customers/:code/timeline',
      {
        schema: {
          tags: ['customers'],
          summary: 'The customer story, newest first, with the documents of each action',
          params: CustomerParams,
          querystring: CompanyQuery.extend({
            before: z.coerce
              .number()
              .int()
              .min(1)
              .optional()
              .describe('entries older than this id'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: {
            200: z.object({
              entries: z.array(TimelineEntry),
              nextBefore: z.number().int().nullable(),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const { customerId } = await requireCustomerRecord(request, db, 'customers:read', {
          company: request.query.company,
          customer: request.params.code,
        });
        return listTimeline(db, customerId, {
          before: request.query.before,
          limit: request.query.limit,
        });
      },
    );
  };
}
