import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { addNote } from '../../ledger/add-note.ts';
import { addPromise } from '../../ledger/add-promise.ts';
import { cancelPromise } from '../../ledger/cancel-promise.ts';
import { listPromises } from '../../ledger/list-promises.ts';
import { customerOfPromise, promiseNotFound } from '../../ledger/owners.ts';
import { requireCustomer } from '../auth/authenticate.ts';
import { ERRORS, LocalDateText } from '../schemas/common.ts';
import {
  audited,
  Company,
  Customer,
  IdParams,
  ItemNumber,
  PromiseView,
  promiseJson,
  requireOwner,
  Text,
} from './collections-shared.ts';

const PromiseBody = z.strictObject({
  date: LocalDateText.describe('the promised payment date, today or later'),
  amount: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount with a decimal point, e.g. 1234.56')
    .describe('the amount promised, a decimal string (never a float)'),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code')
    .optional()
    .describe("default: the customer's currency"),
  items: z
    .array(ItemNumber)
    .max(500)
    .optional()
    .describe('the invoices promised; none = the overdue balance of the currency'),
  note: Text(1000).optional().describe("what was said: kept as a note in the customer's timeline"),
});

const CancelBody = z.strictObject({
  reason: Text(1000).describe("why: kept as a note in the customer's timeline"),
});

/** Promises to pay: list, take, cancel (docs/api.md, "Promises"). */
export function promiseRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/customers/:code/promises',
      {
        schema: {
          tags: ['promises'],
          summary: "The customer's promises to pay, every status, by promised date",
          params: Customer,
          querystring: Company,
          response: {
            200: z.object({
              company: z.string(),
              customer: z.string(),
              promises: z.array(PromiseView),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const { company } = request.query;
        const customer = request.params.code;
        await requireCustomer(request, db, 'customers:read', { company, customer });
        const list = await listPromises(db, { company, customer });
        return { ...list, promises: list.promises.map(promiseJson) };
      },
    );

    app.post(
      '/api/customers/:code/promises',
      {
        schema: {
          tags: ['promises'],
          summary: 'Record a promise to pay: escalation in its currency waits until its date',
          params: Customer,
          querystring: Company,
          body: PromiseBody,
          response: { 201: PromiseView, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { company } = request.query;
        const customer = request.params.code;
        const principal = await requireCustomer(request, db, 'collections:write', {
          company,
          customer,
        });
        const body = request.body;
        const promise = await audited(
          db,
          request,
          principal,
          async (trx) => {
            const p = await addPromise(trx, { company, customer, ...body });
            if (body.note !== undefined) {
              await addNote(trx, {
                company,
                customer,
                author: principal.label,
                text: `promise #${p.id}: ${body.note}`,
              });
            }
            return p;
          },
          (p) => ({
            action: 'promise.create',
            targetType: 'promise',
            targetId: p.id,
            detail: {
              customer: p.customer,
              date: p.promisedDate,
              amountMinor: p.amountMinor,
              currency: p.currency,
              items: p.items,
            },
          }),
        );
        return reply.status(201).send(promiseJson(promise));
      },
    );

    app.post(
      '/api/promises/:id/cancel',
      {
        schema: {
          tags: ['promises'],
          summary: 'Cancel an open promise to pay: escalation resumes where it was',
          params: IdParams.describe('the promise id'),
          querystring: Company,
          body: CancelBody,
          response: { 200: PromiseView, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const id = request.params.id;
        const customer = await customerOfPromise(db, { company, id });
        const code = (await resolveCompany(db, company)).code;
        const principal = await requireOwner(
          request,
          db,
          'collections:write',
          { company, customer },
          () => promiseNotFound(code, id),
        );
        const promise = await audited(
          db,
          request,
          principal,
          async (trx) => {
            const p = await cancelPromise(trx, { company, id });
            await addNote(trx, {
              company,
              customer,
              author: principal.label,
              text: `promise #${p.id} cancelled: ${request.body.reason}`,
            });
            return p;
          },
          (p) => ({
            action: 'promise.cancel',
            targetType: 'promise',
            targetId: p.id,
            detail: { customer: p.customer, reason: request.body.reason },
          }),
        );
        return promiseJson(promise);
      },
    );
  };
}
