import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currencyExponent } from '../../core/money/currencies.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { CUSTOMER_SORTS, listCustomers, type CustomerRow } from '../../ledger/list-customers.ts';
import { requireCustomerRecord, requirePermission } from '../auth/authenticate.ts';
import { CompanyQuery, CustomerParams, ERRORS, QueryBoolean } from '../schemas/common.ts';

/** The filters of GET /api/customers, shared by its XLSX export. */
const CustomerFilters = CompanyQuery.extend({
  q: z.string().max(100).optional().describe('code or name contains'),
  collector: z.string().max(200).optional(),
  segment: z.string().max(100).optional(),
  status: z.enum(['active', 'on_hold', 'blocked', 'litigation', 'excluded']).optional(),
  step: z.string().max(64).optional().describe('step id of the latest action'),
  overdue: QueryBoolean.optional().describe('only customers with an overdue amount'),
  sort: z.enum(CUSTOMER_SORTS).default('overdue'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** The most rows one export holds. */
const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 500;

/**
 * Read-only helpers for the web UI: the values the customers list can be filtered by
 * (collectors, segments, steps), the XLSX export of the current filter, and a customer's
 * profile (owners, scenario, hold, contacts) for the account header.
 */
export function customerListRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/customers/facets',
      {
        schema: {
          tags: ['customers'],
          summary: 'The collectors, segments and steps the customers list can be filtered by',
          querystring: CompanyQuery,
          response: {
            200: z.object({
              collectors: z.array(z.string()),
              segments: z.array(z.string()),
              steps: z.array(z.object({ id: z.string(), name: z.string() })),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        const company = await resolveCompany(db, request.query.company);
        const [collectors, segments, steps] = await Promise.all([
          db
            .selectFrom('customers')
            .select('collector as value')
            .distinct()
            .where('company_id', '=', company.id)
            .where('collector', 'is not', null)
            .orderBy('collector')
            .execute(),
          db
            .selectFrom('customers')
            .select('segment as value')
            .distinct()
            .where('company_id', '=', company.id)
            .where('segment', 'is not', null)
            .orderBy('segment')
            .execute(),
          db
            .selectFrom('dunning_actions')
            .select(['step_id as id', 'step_name as name'])
            .distinct()
            .where('company_id', '=', company.id)
            .orderBy('step_id')
            .execute(),
        ]);
        const seen = new Set<string>();
        return {
          collectors: collectors.flatMap((r) => (r.value ? [r.value] : [])),
          segments: segments.flatMap((r) => (r.value ? [r.value] : [])),
          steps: steps.filter((s) => !seen.has(s.id) && seen.add(s.id)),
        };
      },
    );

    app.get(
      '/api/customers/:code/profile',
      {
        schema: {
          tags: ['customers'],
          summary: "The customer's owners, scenario, hold and contacts",
          params: CustomerParams,
          querystring: CompanyQuery,
          response: {
            200: z.object({
              code: z.string(),
              salesOwner: z.string().nullable(),
              scenario: z.string().nullable(),
              holdUntil: z.string().nullable(),
              holdReason: z.string().nullable(),
              email: z.string().nullable(),
              phone: z.string().nullable(),
              latestStep: z
                .object({
                  id: z.string(),
                  name: z.string(),
                  asOf: z.string(),
                  state: z.string(),
                })
                .nullable()
                .describe("the customer's latest dunning action"),
              contacts: z.array(
                z.object({
                  name: z.string(),
                  role: z.string(),
                  email: z.string().nullable(),
                  phone: z.string().nullable(),
                  emailInvalid: z.boolean(),
                  phoneInvalid: z.boolean(),
                }),
              ),
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
        const c = await db
          .selectFrom('customers')
          .select(['id', 'code', 'sales_owner', 'scenario', 'hold_until', 'hold_reason'])
          .select(['email', 'phone'])
          .where('id', '=', customerId)
          .executeTakeFirstOrThrow();
        const latest = await db
          .selectFrom('dunning_actions')
          .select(['step_id', 'step_name', 'as_of', 'state'])
          .where('customer_id', '=', c.id)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        const contacts = await db
          .selectFrom('contacts')
          .select(['name', 'role', 'email', 'phone', 'email_invalid_at', 'phone_invalid_at'])
          .where('customer_id', '=', c.id)
          .orderBy('role')
          .orderBy('name')
          .execute();
        return {
          code: c.code,
          salesOwner: c.sales_owner,
          scenario: c.scenario,
          holdUntil: c.hold_until,
          holdReason: c.hold_reason,
          email: c.email,
          phone: c.phone,
          latestStep: latest
            ? {
                id: latest.step_id,
                name: latest.step_name,
                asOf: latest.as_of,
                state: latest.state,
              }
            : null,
          contacts: contacts.map((k) => ({
            name: k.name,
            role: k.role,
            email: k.email,
            phone: k.phone,
            emailInvalid: k.email_invalid_at !== null,
            phoneInvalid: k.phone_invalid_at !== null,
          })),
        };
      },
    );

    app.get(
      '/api/customers/export.xlsx',
      {
        schema: {
          tags: ['customers'],
          summary: 'The customers list of the given filter and sort as an XLSX workbook',
          querystring: CustomerFilters,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'customers:read');
        const q = request.query;
        const company = await resolveCompany(db, q.company);
        const settings = await db
          .selectFrom('companies')
          .select('collectors_read_all')
          .where('id', '=', company.id)
          .executeTakeFirstOrThrow();
        const asOf = todayIn(company.timezone);
        const rows: CustomerRow[] = [];
        for (let page = 1; rows.length < EXPORT_MAX_ROWS; page++) {
          const result = await listCustomers(db, {
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
            page,
            pageSize: EXPORT_PAGE,
          });
          rows.push(...result.rows);
          if (result.rows.length < EXPORT_PAGE) break;
        }
        const body = await customersWorkbook(rows, asOf);
        return reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="customers-${asOf}.xlsx"`)
          .send(body);
      },
    );
  };
}

/** One sheet, amounts in major units (number cells) beside their currency. */
async function customersWorkbook(rows: readonly CustomerRow[], asOf: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`Customers ${asOf}`);
  sheet.columns = [
    { header: 'code', key: 'code', width: 12 },
    { header: 'name', key: 'name', width: 36 },
    { header: 'country', key: 'country', width: 8 },
    { header: 'segment', key: 'segment', width: 12 },
    { header: 'collector', key: 'collector', width: 20 },
    { header: 'sales_owner', key: 'salesOwner', width: 20 },
    { header: 'status', key: 'status', width: 10 },
    { header: 'currency', key: 'currency', width: 9 },
    { header: 'balance', key: 'balance', width: 14, style: { numFmt: '#,##0.00' } },
    { header: 'overdue', key: 'overdue', width: 14, style: { numFmt: '#,##0.00' } },
    { header: 'oldest_due', key: 'oldestDue', width: 12 },
    { header: 'days_late', key: 'daysLate', width: 10 },
    { header: 'last_step', key: 'lastStepName', width: 18 },
    { header: 'last_action_on', key: 'lastActionOn', width: 14 },
    { header: 'last_action_state', key: 'lastActionState', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    const scale = 10 ** (currencyExponent(r.currency) ?? 2);
    sheet.addRow({
      ...r,
      balance: r.balanceMinor / scale,
      overdue: r.overdueMinor / scale,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
