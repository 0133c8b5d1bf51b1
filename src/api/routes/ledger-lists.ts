import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseLocalDate } from '../../core/calendar/local-date.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { ITEM_SORTS, ITEM_STATES, listItems } from '../../ledger/list-items.ts';
import { listPayments } from '../../ledger/list-payments.ts';
import { requireCustomerRecord, requirePermission } from '../auth/authenticate.ts';
import { CompanyQuery, CustomerParams, ERRORS, QueryBoolean } from '../schemas/common.ts';

/** A date of the calendar (2026-02-30 is refused before it reaches the database). */
const RealDate = z
  .string()
  .refine((v) => parseLocalDate(v) !== null, 'a date of the calendar written YYYY-MM-DD')
  .describe('a business date, YYYY-MM-DD');

const Currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'a currency code (ISO 4217), e.g. EUR')
  .transform((v) => v.toUpperCase());

const Paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

const ItemRow = z
  .object({
    number: z.string(),
    type: z.enum(['invoice', 'credit_note', 'payment']),
    issueDate: z.string(),
    dueDate: z.string(),
    currency: z.string(),
    amountMinor: z.number().int().describe('signed: > 0 invoices, < 0 credit notes and payments'),
    openMinor: z.number().int(),
    disputed: z.boolean(),
    disputeReason: z.string().nullable(),
    poNumber: z.string().nullable(),
    documentUrl: z.string().nullable(),
    holdUntil: z.string().nullable(),
    holdReason: z.string().nullable(),
    settledOn: z.string().nullable(),
    daysPastDue: z.number().int().describe('asOf − dueDate, negative before the due date'),
    status: z.enum(['overdue', 'not_due', 'credit_note', 'unallocated_payment', 'settled']),
  })
  .meta({ id: 'ItemRow' });

const PaymentRow = z
  .object({
    reference: z.string(),
    customer: z.object({ code: z.string(), name: z.string() }),
    receivedOn: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    allocatedMinor: z.number().int(),
    unallocatedMinor: z
      .number()
      .int()
      .describe('open amount of the unallocated remainder (positive), 0 when all allocated'),
    allocations: z.array(
      z.object({ item: z.string(), type: z.string(), amountMinor: z.number().int() }),
    ),
  })
  .meta({ id: 'PaymentRow' });

const PaymentPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(PaymentRow),
});

const PaymentFilters = {
  from: RealDate.optional().describe('received on or after'),
  to: RealDate.optional().describe('received on or before'),
  currency: Currency.optional(),
  unallocated: QueryBoolean.optional().describe('only payments with an unallocated part'),
  order: z.enum(['asc', 'desc']).default('desc').describe('by date received'),
  ...Paging,
};

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppError('INVALID_INPUT', 'the date range is empty', [
      { field: 'querystring.to', value: to, expected: `a date on or after from (${from})` },
    ]);
  }
}

/**
 * A customer's items and payments as lists (filtered, sorted, paged) and the company's
 * payments: read-only, limited to the caller's portfolio like every customer route.
 */
export function ledgerListRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/customers/:code/items',
      {
        schema: {
          tags: ['customers'],
          summary: "A customer's items: open (default), overdue, not due, disputed or all; paged",
          params: CustomerParams,
          querystring: CompanyQuery.extend({
            status: z
              .enum(ITEM_STATES)
              .default('open')
              .describe('all: settled items too; overdue, not_due, disputed: open invoices'),
            currency: Currency.optional(),
            asOf: RealDate.optional().describe('what is overdue (default: today)'),
            sort: z.enum(ITEM_SORTS).default('due_date'),
            order: z.enum(['asc', 'desc']).default('asc'),
            ...Paging,
          }),
          response: {
            200: z.object({
              asOf: z.string(),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
              rows: z.array(ItemRow),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const { customerId } = await requireCustomerRecord(request, db, 'customers:read', {
          company: q.company,
          customer: request.params.code,
        });
        const company = await resolveCompany(db, q.company);
        return listItems(db, {
          customerId,
          asOf: q.asOf ?? todayIn(company.timezone),
          state: q.status,
          currency: q.currency,
          sort: q.sort,
          order: q.order,
          page: q.page,
          pageSize: q.pageSize,
        });
      },
    );

    app.get(
      '/api/customers/:code/payments',
      {
        schema: {
          tags: ['customers'],
          summary: "A customer's payments with their allocations, newest first; paged",
          params: CustomerParams,
          querystring: CompanyQuery.extend(PaymentFilters),
          response: { 200: PaymentPage, ...ERRORS },
        },
      },
      async (request) => {
        const q = request.query;
        const { principal, companyId, customerId } = await requireCustomerRecord(
          request,
          db,
          'customers:read',
          { company: q.company, customer: request.params.code },
        );
        checkRange(q.from, q.to);
        return listPayments(db, {
          companyId,
          customerId,
          portfolio: principal.portfolio,
          collectorsReadAll: false,
          from: q.from,
          to: q.to,
          currency: q.currency,
          unallocatedOnly: q.unallocated,
          order: q.order,
          page: q.page,
          pageSize: q.pageSize,
        });
      },
    );

    app.get(
      '/api/payments',
      {
        schema: {
          tags: ['customers'],
          summary:
            "The company's payments (the caller's portfolio) with their allocations, newest first; paged",
          querystring: CompanyQuery.extend(PaymentFilters),
          response: { 200: PaymentPage, ...ERRORS },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'customers:read');
        const q = request.query;
        checkRange(q.from, q.to);
        const company = await resolveCompany(db, q.company);
        const settings = await db
          .selectFrom('companies')
          .select('collectors_read_all')
          .where('id', '=', company.id)
          .executeTakeFirstOrThrow();
        return listPayments(db, {
          companyId: company.id,
          portfolio: principal.portfolio,
          collectorsReadAll: settings.collectors_read_all,
          from: q.from,
          to: q.to,
          currency: q.currency,
          unallocatedOnly: q.unallocated,
          order: q.order,
          page: q.page,
          pageSize: q.pageSize,
        });
      },
    );
  };
}
