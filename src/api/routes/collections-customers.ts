import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { addNote, NOTE_MAX_LENGTH } from '../../ledger/add-note.ts';
import { excludeCustomer, includeCustomer } from '../../ledger/exclude-customer.ts';
import { updateCustomer } from '../../ledger/update-customer.ts';
import { MANUAL_ACCOUNT_STATUSES, setAccountStatus } from '../../ledger/set-account-status.ts';
import { requireCustomer } from '../auth/authenticate.ts';
import { ERRORS } from '../schemas/common.ts';
import { audited, Company, Customer, NoteView, Text } from './collections-shared.ts';

const StatusChange = z
  .object({
    customer: z.string(),
    status: z.enum(['active', 'excluded']),
    previousStatus: z.string(),
  })
  .meta({ id: 'CustomerStatusChange' });

const AccountStatusChange = z
  .object({
    customer: z.string(),
    status: z.enum(MANUAL_ACCOUNT_STATUSES),
    previousStatus: z.string(),
    reason: z.string().nullable(),
    asOf: z.string().describe('the business date of the change'),
  })
  .meta({ id: 'AccountStatusChange' });

/** The audit action of each status set by hand. */
const STATUS_AUDIT = {
  active: 'customer.release',
  blocked: 'customer.block',
  litigation: 'customer.litigation',
} as const;

const Assignment = z
  .object({
    customer: z.string(),
    scenario: z.string().nullable().describe("the customer's scenario override (null: by rules)"),
    collector: z.string().nullable(),
    changed: z.array(z.enum(['scenario', 'collector'])),
  })
  .meta({ id: 'CustomerAssignment' });

const PatchBody = z
  .strictObject({
    scenario: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe('an existing scenario code; null removes the override'),
    collector: z.string().min(1).max(200).nullable().optional().describe('null clears it'),
  })
  .refine((b) => b.scenario !== undefined || b.collector !== undefined, {
    message: 'at least one of scenario, collector',
  });

/**
 * Notes, exclusion from dunning, the account status set by hand, scenario and collector of a
 * customer (docs/api.md).
 */
export function customerWriteRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/customers/:code/notes',
      {
        schema: {
          tags: ['notes'],
          summary: "Add a note to the customer's timeline (event NOTE_ADDED)",
          params: Customer,
          querystring: Company,
          body: z.strictObject({ text: Text(NOTE_MAX_LENGTH) }),
          response: { 201: NoteView, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { company } = request.query;
        const customer = request.params.code;
        const principal = await requireCustomer(request, db, 'notes:write', {
          company,
          customer,
        });
        const note = await audited(
          db,
          request,
          principal,
          (trx) =>
            addNote(trx, { company, customer, author: principal.label, text: request.body.text }),
          (n) => ({
            action: 'note.create',
            targetType: 'customer',
            targetId: n.customer,
            detail: { timelineId: n.id },
          }),
        );
        return reply.status(201).send(note);
      },
    );

    for (const [verb, move] of [
      ['exclude', excludeCustomer],
      ['include', includeCustomer],
    ] as const) {
      app.post(
        `/api/customers/:code/${verb}`,
        {
          schema: {
            tags: ['customers'],
            summary:
              verb === 'exclude'
                ? 'Take an active customer out of dunning (the run skips it: EXCLUDED)'
                : 'Bring an excluded customer back into dunning',
            params: Customer,
            querystring: Company,
            body: z.strictObject({
              reason:
                verb === 'exclude'
                  ? Text(500).describe('why')
                  : Text(500).optional().describe('why'),
            }),
            response: { 200: StatusChange, ...ERRORS },
          },
        },
        async (request) => {
          const { company } = request.query;
          const customer = request.params.code;
          const principal = await requireCustomer(request, db, 'collections:write', {
            company,
            customer,
          });
          return audited(
            db,
            request,
            principal,
            (trx) => move(trx, { company, customer, reason: request.body.reason }),
            (c) => ({
              action: `customer.${verb}`,
              targetType: 'customer',
              targetId: c.customer,
              detail: { reason: request.body.reason ?? null, previousStatus: c.previousStatus },
            }),
          );
        },
      );
    }

    app.put(
      '/api/customers/:code/account-status',
      {
        schema: {
          tags: ['customers'],
          summary:
            'Block the account for new orders, hand it over to litigation, or release it (active)',
          params: Customer,
          querystring: Company,
          body: z.strictObject({
            status: z
              .enum(MANUAL_ACCOUNT_STATUSES)
              .describe('active (release), blocked (no new orders) or litigation (handed over)'),
            reason: Text(500)
              .optional()
              .describe('why: required for blocked and litigation, optional for active'),
          }),
          response: { 200: AccountStatusChange, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const customer = request.params.code;
        const principal = await requireCustomer(request, db, 'collections:write', {
          company,
          customer,
        });
        return audited(
          db,
          request,
          principal,
          (trx) =>
            setAccountStatus(trx, {
              company,
              customer,
              status: request.body.status,
              reason: request.body.reason,
              actor: principal.label,
            }),
          (c) => ({
            action: STATUS_AUDIT[c.status],
            targetType: 'customer',
            targetId: c.customer,
            detail: { reason: c.reason, previousStatus: c.previousStatus },
          }),
        );
      },
    );

    app.patch(
      '/api/customers/:code',
      {
        schema: {
          tags: ['customers'],
          summary:
            "Set the customer's scenario override or collector (a later import of those columns overwrites them)",
          params: Customer,
          querystring: Company,
          body: PatchBody,
          response: { 200: Assignment, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const customer = request.params.code;
        const principal = await requireCustomer(request, db, 'collections:write', {
          company,
          customer,
        });
        return audited(
          db,
          request,
          principal,
          (trx) => updateCustomer(trx, { company, customer, ...request.body }),
          (a) => ({
            action: 'customer.update',
            targetType: 'customer',
            targetId: a.customer,
            detail: { ...request.body, changed: a.changed },
          }),
        );
      },
    );
  };
}
